import { describe, expect, test } from 'vitest';
import { runCli, tempSpec } from '../helpers.js';

interface PhaseJson {
  name: string;
  monthlyCost: { amount: string; currency: string } | null;
  lowerBound: { amount: string; currency: string } | null;
  gap: number | null;
  baseline: { algorithm: string; monthlyCost: { amount: string } | null };
  machines: Array<{ role: string; offer: string; count: number; monthlyCost: { amount: string } }>;
  errors: unknown[];
  solver: { stoppedBy: string; error: string | null };
}

describe('infraspec place --json on the examples', () => {
  test.each(['battlescope', 'senex-trader', 'bettafish'])('%s: every phase within 2 percent of its bound and never above FFD', (example) => {
    const run = runCli(['place', `examples/${example}`, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { schemaVersion: string; phases: PhaseJson[] };
    expect(doc.schemaVersion).toBe('1.0');
    expect(doc.phases.length).toBeGreaterThan(0);
    for (const phase of doc.phases) {
      expect(phase.errors).toEqual([]);
      // The solver's worker is found from the bundled command line too (dist/bundle/ → dist/place/).
      expect(phase.solver.error).toBeNull();
      expect(phase.solver.stoppedBy).not.toBe('error');
      expect(phase.gap).not.toBeNull();
      expect(phase.gap!).toBeLessThanOrEqual(0.02);
      expect(phase.baseline.algorithm).toBe('ffd');
      expect(Number(phase.monthlyCost!.amount)).toBeLessThanOrEqual(Number(phase.baseline.monthlyCost!.amount));
      expect(Number(phase.lowerBound!.amount)).toBeLessThanOrEqual(Number(phase.monthlyCost!.amount));
      // Money is an exact decimal string, and the lines add up to the total.
      expect(phase.monthlyCost!.amount).toMatch(/^\d+\.\d{2,}$/);
      const sum = phase.machines.reduce((s, m) => s + Number(m.monthlyCost.amount), 0);
      expect(sum).toBeCloseTo(Number(phase.monthlyCost!.amount), 6);
    }
  }, 120_000);
});

describe('infraspec place', () => {
  test('prints machines, cost, bound, gap, solver and the FFD baseline', () => {
    const run = runCli(['place', 'examples/senex-trader', '--phase', 'separated']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Phase separated');
    for (const label of ['monthly cost', 'lower bound', 'gap', 'solver', 'FFD baseline', 'saving vs FFD']) expect(run.stdout).toContain(label);
  });

  test('an infeasible phase prints the replica that cannot fit and exits 1', () => {
    const dir = tempSpec({
      'infraspec.yaml': `infraspec: 1
system: { name: shop }
roles:
  worker: { offer: hetzner/CX22, count: 1 }
components:
  api: { kind: service, resources: { requests: { cpu: "64", memory: 1Gi } }, replicas: 1, placement: { role: worker } }
`,
    });
    const run = runCli(['place', dir, '--json']);
    expect(run.status).toBe(1);
    const doc = JSON.parse(run.stdout) as { phases: Array<{ errors: Array<{ message: string; at: { line: number } }> }> };
    expect(doc.phases[0]!.errors[0]!.message).toMatch(/^api replica needs 64 cores; the largest offer allowed for role worker has \d+ cores$/);
    expect(doc.phases[0]!.errors[0]!.at.line).toBe(6);
  });

  test.each([
    [['--time-limit', 'soon'], /--time-limit takes a duration/],
    [['--level', 'maximum'], /--level takes minimum or recommended/],
    [['--phase', 'nope'], /unknown phase `nope`/],
  ])('usage mistakes exit 2: %s', (args, message) => {
    const run = runCli(['place', 'examples/senex-trader', ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
