import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

interface MachineItem { category: string; name: string; offer: string; what: string; monthly: { min: { amount: string } } }

describe('cost --placed', () => {
  it('prices the machines place chooses, role by role, instead of the declared ones', () => {
    const placed = JSON.parse(runCli(['place', 'examples/senex-trader', '--json']).stdout) as { phases: Array<{ name: string; machines: Array<{ role: string; offer: string; count: number; monthlyCost: { amount: string } }> }> };
    const priced = runCli(['cost', 'examples/senex-trader', '--placed', '--json']);
    expect(priced.status).toBe(1); // the page's stated costs still disagree
    const report = JSON.parse(priced.stdout) as { placed: boolean; phases: Array<{ name: string; items: MachineItem[] }> };
    expect(report.placed).toBe(true);
    for (const phase of placed.phases) {
      const machines = report.phases.find((p) => p.name === phase.name)!.items.filter((i) => i.category === 'machines');
      expect(machines.map((m) => [m.name, m.offer, m.what])).toEqual(phase.machines.map((m) => [m.role, m.offer, `${m.count} × ${m.offer} (placed)`]));
      for (const m of phase.machines) expect(Number(machines.find((i) => i.name === m.role)!.monthly.min.amount)).toBeCloseTo(Number(m.monthlyCost.amount), 2);
    }
  });

  it('without --placed prices the roles as declared', () => {
    const report = JSON.parse(runCli(['cost', 'examples/senex-trader', '--json', '--phase', 'mvp']).stdout) as { placed: boolean; phases: Array<{ items: MachineItem[] }> };
    expect(report.placed).toBe(false);
    expect(report.phases[0]!.items.filter((i) => i.category === 'machines').map((m) => m.offer)).toEqual(['hetzner/CX41']);
  });
});
