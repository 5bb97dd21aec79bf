import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM JavaScript without type declarations (bench/ is not compiled)
import { generateSpec } from '../bench/generate.js';
import { compileSpec } from '../src/spec/compile.js';
import { plan } from '../src/plan/plan.js';

/** The benchmark's synthetic specs must be valid, or the bench measures error paths. */
describe('bench/generate.js', () => {
  const compile = (text: string) => compileSpec('synthetic.yaml', () => ({ ok: true, bytes: new TextEncoder().encode(text) }), (_from: string, relative: string) => relative);

  it('is deterministic', () => {
    expect(generateSpec(200).text).toBe(generateSpec(200).text);
    expect(generateSpec(200, { seed: 2 }).text).not.toBe(generateSpec(200).text);
  });

  for (const n of [1, 2, 50, 500]) {
    it(`generates a spec of ${n} components that validates with 0 diagnostics`, () => {
      const spec = generateSpec(n);
      const result = compile(spec.text);
      expect(result.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      expect(result.model?.components.length).toBe(n);
      expect(result.model?.phases.map((p) => p.name)).toEqual(['pilot', 'growth', 'scale']);
    });
  }

  it('states phase totals that plan finds within tolerance', () => {
    const spec = generateSpec(500);
    const model = compile(spec.text).model!;
    const result = plan(model);
    for (const phase of result.phases) {
      expect(phase.stated.length).toBe(4);
      for (const stated of phase.stated) expect({ phase: phase.name, what: stated.what, ok: stated.ok }).toEqual({ phase: phase.name, what: stated.what, ok: true });
      expect(phase.totals.cpuRequestsMillicores.min).toBe(BigInt(spec.expected[phase.name].cpuRequestsMillicores));
      expect(phase.totals.memoryRequestsBytes.min).toBe(spec.expected[phase.name].memoryRequestsBytes);
    }
  });
});
