import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/emit/generate.js';
import { EMITTERS } from '../../src/emit/registry.js';
import { listFiles, MANIFEST } from '../../src/emit/write.js';
import { loadSpec } from '../../src/spec/files.js';
import { ROOT } from '../helpers.js';

/**
 * Golden files: what each target generates for each example, kept in
 * test/golden/<example>/<target>/ and reviewed like code. A difference fails
 * here; `npm run golden:update` rewrites them (never in CI).
 */
const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

describe('golden files', () => {
  for (const example of EXAMPLES) {
    const loaded = loadSpec(join(ROOT, 'examples', example), ROOT);
    for (const emitter of EMITTERS) {
      it(`${example} → ${emitter.id} is what test/golden/${example}/${emitter.id}/ holds`, () => {
        if (!loaded.model) throw new Error(`examples/${example} does not compile`);
        const dir = join(ROOT, 'test', 'golden', example, emitter.id);
        expect(existsSync(dir), `no golden files in ${dir}: run \`npm run golden:update -- ${emitter.id}\` and review them`).toBe(true);
        const { files } = generate(loaded.model, { targets: [emitter] });
        expect(files.map((f) => f.path)).toEqual(listFiles(dir).filter((p) => p !== MANIFEST));
        for (const f of files) expect(f.content, `${example}/${emitter.id}/${f.path}`).toBe(readFileSync(join(dir, ...f.path.split('/')), 'utf8'));
      });
    }
  }

  it('generates byte-identical files on two runs', () => {
    for (const example of EXAMPLES) {
      const first = loadSpec(join(ROOT, 'examples', example), ROOT).model;
      const second = loadSpec(join(ROOT, 'examples', example), ROOT).model;
      if (!first || !second) throw new Error(example);
      expect(generate(second, { targets: EMITTERS }).files).toEqual(generate(first, { targets: EMITTERS }).files);
    }
  });
});
