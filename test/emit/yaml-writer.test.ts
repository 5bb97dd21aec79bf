import fc from 'fast-check';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { writeYaml, writeYamlBlock } from '../../src/emit/yaml-writer.js';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('the YAML writer', () => {
  it('writes block mappings and sequences, with empty ones inline', () => {
    expect(writeYaml({ b: [1, { z: 'two', x: [] }], a: {}, c: [[1, 2], []] }, byName)).toBe('a: {}\nb:\n  - 1\n  - x: []\n    z: two\nc:\n  - - 1\n    - 2\n  - []\n');
    // `y` is a boolean to a YAML 1.1 reader, even as a key.
    expect(writeYaml({ y: 1 }, byName)).toBe("'y': 1\n");
    // Single quotes keep PromQL and regexes readable; double quotes carry control characters.
    expect(writeYaml({ expr: 'up{job="a"} == 0', tab: 'a\tb', q: "it's 1.0" }, byName)).toBe("expr: 'up{job=\"a\"} == 0'\nq: it's 1.0\ntab: \"a\\tb\"\n");
  });

  it('quotes every string a YAML 1.1 or 1.2 reader would take for something else', () => {
    const risky = ['yes', 'No', 'on', 'OFF', 'y', '~', 'null', '1.0', '1e3', '0755', '0x1F', '22:22', '2026-11-23', '.inf', '-.5', '+1', '', ' lead', 'trail ', 'a: b', 'a #b', '- x', '-', ':', '?', '#x', '&a', '*a', '!t', '|', '>', "'q", '"q', '%', '@', '`', '[a]', '{a}', 'a,b', 'tab\there', '<<'];
    for (const s of risky) {
      const text = writeYaml({ s }, byName);
      expect(text.startsWith("s: '") || text.startsWith('s: "'), `${JSON.stringify(s)} → ${text}`).toBe(true);
      expect(load(text)).toEqual({ s });
      expect(load(text, { schema: YAML11_SCHEMA })).toEqual({ s });
    }
    expect(writeYaml({ image: 'nginx:1.27', cpu: '250m', path: '/healthz', v: 'v1.28.5+k3s1', dash: '-x' }, byName)).toBe('cpu: 250m\ndash: -x\nimage: nginx:1.27\npath: /healthz\nv: v1.28.5+k3s1\n');
  });

  it('writes multi-line strings as literal blocks, keeping their final line breaks exactly', () => {
    expect(writeYaml({ expr: 'sum(rate(x[5m]))\n  > 1', script: 'a\nb\n', kept: 'a\n\n', list: ['x\ny'] }, byName)).toBe('expr: |-\n  sum(rate(x[5m]))\n    > 1\nkept: |+\n  a\n\nlist:\n  - |-\n    x\n    y\nscript: |\n  a\n  b\n');
    for (const s of ['a\nb', 'a\nb\n', 'a\n\n\n', 'a\n\nb', ' lead\nx', 'x\n lead', 'tab\there\nx', 'a\r\nb']) {
      expect(load(writeYaml({ s }, byName)), JSON.stringify(s)).toEqual({ s });
    }
  });

  it('leaves undefined values out and writes numbers, booleans, null and bigints as such', () => {
    expect(writeYaml({ a: undefined, b: 2, c: true, d: null, e: 12345678901234567890n, f: -0 }, byName)).toBe('b: 2\nc: true\nd: null\ne: 12345678901234567890\nf: 0\n');
  });

  it('reads back as the same data under YAML 1.2 and YAML 1.1, for any JSON-like value', () => {
    const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).includes('-0'));
    fc.assert(
      fc.property(json, fc.string({ unit: 'grapheme-composite' }), (value, extra) => {
        const data = { value, extra };
        const text = writeYaml(data, byName);
        const expected = JSON.parse(JSON.stringify(data)) as unknown;
        expect(load(text)).toEqual(expected);
        expect(load(text, { schema: YAML11_SCHEMA })).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('places a block written ahead exactly as writing it in place would', () => {
    const service = { image: 'nginx:1.27', ports: ['80:80'], deploy: { replicas: 2, resources: {} }, script: 'a\nb\n' };
    const inPlace = writeYaml({ services: { web: service, api: { image: 'api' } }, volumes: { data: {} } }, byName, '# head\n');
    const ahead = writeYamlBlock(service, byName, 2);
    expect(writeYaml({ services: { web: ahead, api: { image: 'api' } }, volumes: { data: {} } }, byName, '# head\n')).toBe(inPlace);
    // Empty containers and scalars are not blocks: they are written in place.
    expect(writeYamlBlock({}, byName, 2)).toEqual({});
    expect(writeYamlBlock('x', byName, 2)).toBe('x');
  });

  it('refuses a block written for another depth, or as an item of a sequence', () => {
    const ahead = writeYamlBlock({ a: 1 }, byName, 2);
    expect(() => writeYaml({ a: ahead }, byName)).toThrow(/depth 2 placed at depth 1/);
    expect(() => writeYaml({ a: { b: [ahead] } }, byName)).toThrow(/only a value of a mapping/);
  });

  it('orders keys the same whatever order the mapping was built in, many keys included', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const forward = Object.fromEntries(keys.map((k) => [k, 1]));
    const backward = Object.fromEntries([...keys].reverse().map((k) => [k, 1]));
    expect(writeYaml(backward, byName)).toBe(writeYaml(forward, byName));
    expect(writeYaml({ b: 1, a: 2 }, byName)).toBe(writeYaml({ a: 2, b: 1 }, byName));
    // The same keys under another order: the order of the comparison given, not one remembered for another.
    expect(writeYaml({ b: 1, a: 2 }, (x, y) => (x < y ? 1 : x > y ? -1 : 0))).toBe('b: 1\na: 2\n');
  });
});
