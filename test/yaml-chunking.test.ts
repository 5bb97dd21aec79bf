import { describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateSpec } from '../bench/generate.js';
import { SourceFile } from '../src/spec/source.js';
import { loadYaml, PositionIndex } from '../src/spec/yaml.js';

/** Every (path, key span, value span) of a loaded document, in order. */
function positions(value: unknown, index: PositionIndex, path: string[] = [], out: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return out;
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
  for (const key of keys) {
    const k = index.entrySpan(value, key, 'key');
    const v = index.entrySpan(value, key, 'value');
    out.push(`${[...path, key].join('.')} ${k?.start}-${k?.end} ${v?.start}-${v?.end}`);
    positions((value as Record<string, unknown>)[key], index, [...path, key], out);
  }
  return out;
}

function load(text: string, chunking: boolean) {
  const index = new PositionIndex();
  const file = new SourceFile('big.yaml', text);
  const result = loadYaml(file, index, { chunking });
  return { ...result, index };
}

describe('parsing a large file in pieces', () => {
  const text: string = generateSpec(4000).text;

  it('is used for files above 1 MiB and gives the same values and positions as one whole parse', () => {
    expect(text.length).toBeGreaterThan(1 << 20);
    const whole = load(text, false);
    const pieces = load(text, true);
    expect(pieces.diagnostics).toEqual([]);
    expect(pieces.value).toEqual(whole.value);
    expect(positions(pieces.value, pieces.index)).toEqual(positions(whole.value, whole.index));
  });

  it('reports a syntax error in the middle exactly as one whole parse does', () => {
    const middle = text.indexOf('\n', text.length >> 1) + 1;
    const broken = `${text.slice(0, middle)}    oops: [unclosed\n${text.slice(middle)}`;
    const whole = load(broken, false);
    const pieces = load(broken, true);
    expect(pieces.diagnostics.map((d) => [d.code, d.message, d.at?.start])).toEqual(whole.diagnostics.map((d) => [d.code, d.message, d.at?.start]));
    expect(pieces.diagnostics[0]?.code).toBe('yaml-syntax');
  });

  it('finds a duplicate component across pieces', () => {
    const section = text.indexOf('\ncomponents:\n');
    const first = /\n {2}([a-z0-9-]+):\n/.exec(text.slice(section))!;
    // The next top-level key ends the components section: insert the duplicate just before it.
    const next = section + 1 + text.slice(section + 1).search(/\n[a-z]/) + 1;
    const duplicated = `${text.slice(0, next)}  ${first[1]}:\n    kind: worker\n${text.slice(next)}`;
    const pieces = load(duplicated, true);
    expect(pieces.diagnostics.map((d) => d.code)).toContain('duplicate-key');
  });

  it('resolves an alias to an anchor defined in an earlier piece', () => {
    const section = text.indexOf('\ncomponents:\n') + '\ncomponents:\n'.length;
    const withAnchor = `${text.slice(0, section)}  anchored:\n    kind: worker\n    resources: &shared {requests: {cpu: 100m}}\n${text.slice(section)}`;
    // The end of the components section: the next line that starts a top-level key.
    const end = section + withAnchor.slice(section).search(/\n[a-z]/) + 1;
    const withAlias = `${withAnchor.slice(0, end)}  aliased:\n    kind: worker\n    resources: *shared\n${withAnchor.slice(end)}`;
    const whole = load(withAlias, false);
    const pieces = load(withAlias, true);
    expect(pieces.diagnostics).toEqual(whole.diagnostics);
    const components = (pieces.value as { components: Record<string, { resources: unknown }> }).components;
    expect(components['aliased']?.resources).toEqual({ requests: { cpu: '100m' } });
    expect(pieces.value).toEqual(whole.value);
  });
});
