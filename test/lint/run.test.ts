import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/registry.js';
import { lint } from '../../src/lint/run.js';
import { compileText, TEST_AS_OF } from '../../src/lint/tester.js';
import { ROOT } from '../helpers.js';

const clean = readFileSync(join(ROOT, 'examples/clean/infraspec.yaml'), 'utf8');

function lintSpec(text: string, options: Partial<Parameters<typeof lint>[1]> = {}) {
  const { model, diagnostics } = compileText(text);
  if (!model) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return lint(model, { asOf: TEST_AS_OF, ...options });
}

describe('the lint runner', () => {
  it('takes the growth horizon from `lint.horizon`: the clean spec’s volume fills in 40 months', () => {
    expect(lintSpec(clean).findings).toEqual([]);
    const longer = lintSpec(`${clean}lint:\n  horizon: 48 months\n`);
    expect(longer.findings.map((f) => [f.rule, f.messageId])).toEqual([['volume-full-before-horizon', 'fills']]);
    expect(longer.findings[0]?.message).toContain('40 months');
  });

  it('rejects a horizon shorter than a month, at its position', () => {
    const result = lintSpec(`${clean}lint:\n  horizon: 2 weeks\n`);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.at?.file.lineColumn(d.at.start).line])).toEqual([['bad-horizon', 'error', clean.split('\n').length + 1]]);
  });

  it('reports an unknown rule id in `lint.rules` with a suggestion', () => {
    const result = lintSpec(`${clean}lint:\n  rules: { image-unpined: off }\n`);
    expect(result.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([['unknown-rule', 'there is no lint rule `image-unpined`', 'did you mean `image-unpinned`?']]);
  });

  it('lets the command line win over the spec, and `off` skip a rule', () => {
    const spec = `${clean.replace('image: postgres:17.6', 'image: postgres')}lint:\n  rules: { image-unpinned: error }\n`;
    expect(lintSpec(spec).findings.map((f) => [f.rule, f.severity])).toEqual([['image-unpinned', 'error']]);
    expect(lintSpec(spec, { severities: { 'image-unpinned': 'info' } }).findings.map((f) => [f.rule, f.severity])).toEqual([['image-unpinned', 'info']]);
    const off = lintSpec(spec, { severities: { 'image-unpinned': 'off' } });
    expect(off.findings).toEqual([]);
    expect(off.ran.map((r) => r.id)).not.toContain('image-unpinned');
    expect(off.ran.length).toBe(RULES.length - 1);
  });

  it('reports a base component’s problem once, not once per phase that runs it', () => {
    const spec = `components:
  api:
    kind: service
    ports: [{ port: 80, exposure: node, nodePort: 80 }]
phases:
  one: {}
  two: {}
  three: {}
`;
    const result = lintSpec(spec, { only: ['nodeport-out-of-range'] });
    expect(result.findings.map((f) => [f.rule, f.phase])).toEqual([['nodeport-out-of-range', 'one']]);
  });

  it('sorts findings by file and position, whatever order the rules ran in', () => {
    const result = lintSpec(clean.replace('image: registry.example.com/shop/worker:2.4.1', 'image: registry.example.com/shop/worker').replace('image: registry.example.com/shop/web:2.4.1', 'image: registry.example.com/shop/web'), { rules: [...RULES].reverse() });
    const starts = result.findings.map((f) => f.at.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(result.findings.length).toBe(2);
  });

  it('times each rule, and the shared plan on its own, when given a clock', () => {
    let now = 0;
    const result = lintSpec(clean, { clock: () => (now += 1) });
    expect(result.timings[0]?.rule).toBe('(plan, shared by rules)');
    expect(result.timings.slice(1).map((t) => t.rule)).toEqual(RULES.map((r) => r.id));
  });
});
