import { replicaRange } from '../plan/plan.js';
import type { ComponentModel } from '../spec/model.js';
import { add, div, fromBigint, mul, rational, sub, type Rational } from '../units/rational.js';
import type { CostContext } from './context.js';
import type { RoleMachines } from './machines.js';

/**
 * Machine cost shared out to the components that run on each role, by what they request:
 * a component's share is the mean of its CPU share and its memory share of the role's
 * allocatable capacity (at the minimum counts). What no request claims is the role's idle cost.
 */

export interface AllocationDraft {
  component: string;
  role: string;
  monthly: Rational;
  /** Fraction of the role's cost. */
  share: Rational;
}

function placedOn(ctx: CostContext, component: ComponentModel): string | null {
  if (component.roles.length === 1) return component.roles[0]!;
  if (component.roles.length === 0 && ctx.phase.roles.length === 1) return ctx.phase.roles[0]!.name;
  return null;
}

function perMachine(m: RoleMachines): { cpu: bigint | null; memory: bigint | null } {
  const level = (key: 'cpuMillicores' | 'memoryBytes') => m.offer?.[key] ?? m.role.recommended[key] ?? m.role.minimum[key];
  const cpu = level('cpuMillicores');
  const memory = level('memoryBytes');
  return {
    cpu: cpu === null ? null : cpu - (m.role.reserved.cpuMillicores ?? 0n),
    memory: memory === null ? null : memory - (m.role.reserved.memoryBytes ?? 0n),
  };
}

export function allocate(ctx: CostContext, machines: readonly RoleMachines[]): AllocationDraft[] {
  const out: AllocationDraft[] = [];
  for (const m of machines) {
    if (m.item.min === null || m.count === null || m.count.min === 0) continue;
    const capacity = perMachine(m);
    const machinesCount = BigInt(m.count.min);
    const cpuCapacity = capacity.cpu !== null && capacity.cpu > 0n ? capacity.cpu * machinesCount : null;
    const memoryCapacity = capacity.memory !== null && capacity.memory > 0n ? capacity.memory * machinesCount : null;
    if (cpuCapacity === null && memoryCapacity === null) continue;
    const hosted = ctx.phase.components.filter((c) => c.kind !== 'external' && !c.input.managed && placedOn(ctx, c) === m.role.name);
    const shares: Array<{ component: string; share: Rational }> = [];
    for (const component of hosted) {
      const replicas = replicaRange(ctx.phase, component).min;
      const parts: Rational[] = [];
      if (cpuCapacity !== null && component.requests.cpuMillicores !== null) parts.push(div(fromBigint(component.requests.cpuMillicores * replicas), fromBigint(cpuCapacity)));
      if (memoryCapacity !== null && component.requests.memoryBytes !== null) parts.push(div(fromBigint(component.requests.memoryBytes * replicas), fromBigint(memoryCapacity)));
      if (parts.length === 0) continue;
      const dimensions = (cpuCapacity !== null ? 1n : 0n) + (memoryCapacity !== null ? 1n : 0n);
      shares.push({ component: component.name, share: div(parts.reduce((s, p) => add(s, p), rational(0n)), fromBigint(dimensions)) });
    }
    if (shares.length === 0) continue;
    // Requests beyond capacity (an overfull role) are scaled down so that shares add up to at most 1.
    const total = shares.reduce((s, x) => add(s, x.share), rational(0n));
    const scale = total.num > total.den ? div(rational(1n), total) : rational(1n);
    let allocated: Rational = rational(0n);
    for (const { component, share } of shares) {
      const scaled = mul(share, scale);
      const monthly = mul(m.item.min, scaled);
      allocated = add(allocated, monthly);
      out.push({ component, role: m.role.name, monthly, share: scaled });
    }
    out.push({ component: '(idle)', role: m.role.name, monthly: sub(m.item.min, allocated), share: sub(rational(1n), mul(total, scale)) });
  }
  return out;
}
