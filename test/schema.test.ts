import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { specJsonSchema } from '../src/spec/schema.js';
import { EXAMPLES, ROOT } from './helpers.js';

describe('the JSON Schema', () => {
  const schema = specJsonSchema();
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  it('is the file shipped in schema/ (regenerate with `npm run schema`)', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'schema', 'infraspec.schema.json'), 'utf8'));
    expect(shipped).toEqual(schema);
  });

  it.each(EXAMPLES)('accepts the %s example, as an editor would', (name) => {
    const text = readFileSync(join(ROOT, 'examples', name, 'infraspec.yaml'), 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=../../schema/infraspec.schema.json\n')).toBe(true);
    const ok = validate(load(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('flags a misspelled key, as an editor would', () => {
    const ok = validate({ infraspec: 1, system: { name: 'x' }, components: { api: { kind: 'service', replicaz: 2 } } });
    expect(ok).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'additionalProperties' && e.params['additionalProperty'] === 'replicaz')).toBe(true);
  });
});
