import { describe, expect, it } from 'vitest';
import { compileSystem, defineSystem } from '../src/spec/define.js';
import { plan } from '../src/plan/plan.js';
import type { SpecInput } from '../src/spec/schema.js';
import { locate } from '../src/spec/source.js';

describe('defineSystem (the spec in TypeScript)', () => {
  const spec = defineSystem({
    infraspec: 1,
    system: { name: 'typed' },
    components: {
      api: { kind: 'service', replicas: { min: 2, max: 3 }, resources: { requests: { cpu: '100m', memory: '64Mi' } } },
      worker: { kind: 'worker', resources: { requests: { cpu: 0.5, memory: '1GB' } } },
    },
  });

  it('compiles through the same validator and planner as YAML', () => {
    const result = compileSystem(spec);
    expect(result.diagnostics).toEqual([]);
    const totals = plan(result.model!).phases[0]!.totals;
    // api 100m × 2..3 + worker 500m
    expect(totals.cpuRequestsMillicores).toEqual({ min: 700n, max: 800n });
    // 64Mi × 2..3 + 1e9
    expect(totals.memoryRequestsBytes).toEqual({ min: 2n * 67108864n + 1_000_000_000n, max: 3n * 67108864n + 1_000_000_000n });
  });

  it('reports mistakes with positions in the spec’s JSON form', () => {
    const broken = { ...spec, components: { api: { kind: 'service', replicaz: 2 } } } as unknown as SpecInput;
    const result = compileSystem(broken, 'shop.ts');
    expect(result.model).toBeNull();
    const [diagnostic] = result.diagnostics;
    expect(diagnostic?.code).toBe('unknown-key');
    expect(diagnostic?.hint).toBe('did you mean `replicas`?');
    expect(diagnostic?.at && locate(diagnostic.at)).toMatchObject({ file: 'shop.ts', line: 9 });
  });
});
