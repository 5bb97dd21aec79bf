/**
 * Packing heuristics on the solver instance: the first-fit-decreasing baseline as
 * cluster-autoscaler estimates (pods sorted by cpu/allocatable + memory/allocatable, one
 * machine type per scale-up, the cheapest type that fits), and the stronger fallback used
 * when the solver cannot finish: FFD variants per offer, mixed-offer greedy, then local
 * improvement (downsize each machine, empty the emptiest ones).
 *
 * Identical replicas are placed as a batch: first fit of n identical items fills the
 * first machine with room as far as it goes, then the next, which is what placing them
 * one at a time does, in O(machines) per type instead of per replica.
 */
import { maxFit, mergeUses, usesCost, usesFeasible, type PatternUse, type SolverInstance, type SolverType } from './solver-core.js';

interface Machine {
  kind: number;
  free: number[];
  items: Map<number, number>;
  groups: Set<number>;
}

function openMachine(instance: SolverInstance, kind: number): Machine {
  return { kind, free: instance.kinds[kind]?.capacity.slice() ?? [], items: new Map(), groups: new Set() };
}

function roomFor(machine: Machine, type: SolverType): number {
  if (type.group >= 0 && machine.groups.has(type.group)) return 0;
  let n = type.group >= 0 ? 1 : Number.MAX_SAFE_INTEGER;
  for (let d = 0; d < type.demand.length; d += 1) {
    const need = type.demand[d] ?? 0;
    if (need > 0) n = Math.min(n, Math.floor((machine.free[d] ?? 0) / need));
  }
  return n;
}

function put(machine: Machine, t: number, type: SolverType, n: number): void {
  if (n <= 0) return;
  for (let d = 0; d < type.demand.length; d += 1) machine.free[d] = (machine.free[d] ?? 0) - (type.demand[d] ?? 0) * n;
  machine.items.set(t, (machine.items.get(t) ?? 0) + n);
  if (type.group >= 0) machine.groups.add(type.group);
}

function toUses(machines: Machine[]): PatternUse[] {
  return mergeUses(machines.map((m) => ({ pattern: { kind: m.kind, items: [...m.items.entries()].sort((a, b) => a[0] - b[0]) }, machines: 1 })));
}

/** Kinds of a role for an offer: the one in the type's zone, or the role's first zone. */
function kindFor(instance: SolverInstance, type: SolverType, role: number, offer: number): number | null {
  for (const k of type.kinds) {
    const kind = instance.kinds[k];
    if (kind && kind.role === role && kind.offer === offer) return k;
  }
  return null;
}

type OrderKey = (type: SolverType, capacity: number[]) => number;

/** cluster-autoscaler's key: the sum over CPU and memory of request / allocatable. */
export const CPU_PLUS_MEMORY: OrderKey = (type, capacity) => share(type, capacity, 0) + share(type, capacity, 1);
const LARGEST_SHARE: OrderKey = (type, capacity) => Math.max(...type.demand.map((_, d) => share(type, capacity, d)));
const SUM_OF_SHARES: OrderKey = (type, capacity) => type.demand.reduce((s, _, d) => s + share(type, capacity, d), 0);

function share(type: SolverType, capacity: number[], d: number): number {
  const cap = capacity[d] ?? 0;
  const need = type.demand[d] ?? 0;
  if (need <= 0) return 0;
  return Number.isFinite(cap) && cap > 0 ? need / cap : 0;
}

/**
 * First fit decreasing of the given types onto machines of one offer of one role,
 * starting from the role's minimum count; null when a type does not fit that offer.
 */
function ffdOneOffer(instance: SolverInstance, types: number[], role: number, offer: number, key: OrderKey): Machine[] | null {
  const machines: Machine[] = [];
  const offerKinds = instance.kinds.map((k, i) => ({ k, i })).filter(({ k }) => k.role === role && k.offer === offer);
  const firstKind = offerKinds[0]?.i;
  if (firstKind === undefined) return null;
  const capacity = instance.kinds[firstKind]!.capacity;
  // The role's minimum machines go round the zones, as one node group per zone would.
  for (let i = 0; i < (instance.roles[role]?.min ?? 0); i += 1) machines.push(openMachine(instance, offerKinds[i % offerKinds.length]!.i));
  const order = [...types].sort((a, b) => key(instance.types[b]!, capacity) - key(instance.types[a]!, capacity) || a - b);
  for (const t of order) {
    const type = instance.types[t]!;
    let remaining = fillOpen(machines, t, type, type.count);
    if (remaining <= 0) continue;
    const k = kindFor(instance, type, role, offer);
    if (k === null) return null;
    const per = maxFit(instance.kinds[k]!, type);
    if (per <= 0) return null;
    while (remaining > 0) {
      const m = openMachine(instance, k);
      const n = Math.min(remaining, per);
      put(m, t, type, n);
      remaining -= n;
      machines.push(m);
    }
  }
  return machines;
}

/** First fit over the machines already open: how many of `count` replicas of type `t` are left over. */
function fillOpen(machines: Machine[], t: number, type: SolverInstance['types'][number], count: number): number {
  let remaining = count;
  for (const m of machines) {
    if (remaining <= 0) break;
    if (!type.kinds.includes(m.kind)) continue;
    const n = Math.min(remaining, roomFor(m, type));
    put(m, t, type, n);
    remaining -= n;
  }
  return remaining;
}

/**
 * Mixed offers, per type the kind with the lowest price per replica it holds (for a batch
 * of identical replicas that is the cheapest way to open machines for them).
 */
function greedyMixed(instance: SolverInstance, types: number[], role: number, key: OrderKey): Machine[] | null {
  const machines: Machine[] = [];
  const roleKinds = instance.kinds.map((k, i) => ({ k, i })).filter(({ k }) => k.role === role);
  if (!roleKinds.length) return null;
  const cheapest = roleKinds.reduce((a, b) => (b.k.price < a.k.price ? b : a));
  const cheapestKinds = roleKinds.filter(({ k }) => k.offer === cheapest.k.offer);
  for (let i = 0; i < (instance.roles[role]?.min ?? 0); i += 1) machines.push(openMachine(instance, cheapestKinds[i % cheapestKinds.length]!.i));
  const reference = cheapest.k.capacity;
  const order = [...types].sort((a, b) => key(instance.types[b]!, reference) - key(instance.types[a]!, reference) || a - b);
  for (const t of order) {
    const type = instance.types[t]!;
    let remaining = fillOpen(machines, t, type, type.count);
    while (remaining > 0) {
      let best = -1;
      let bestRate = Infinity;
      for (const k of type.kinds) {
        const kind = instance.kinds[k]!;
        if (kind.role !== role) continue;
        const per = Math.min(remaining, maxFit(kind, type));
        if (per <= 0) continue;
        const rate = kind.price / per;
        if (rate < bestRate - 1e-12) {
          best = k;
          bestRate = rate;
        }
      }
      if (best < 0) return null;
      const m = openMachine(instance, best);
      const n = Math.min(remaining, maxFit(instance.kinds[best]!, type));
      put(m, t, type, n);
      remaining -= n;
      machines.push(m);
    }
  }
  return machines;
}

/** Each type goes to the first role (in spec order) with a kind that holds it. */
function typesByRole(instance: SolverInstance): number[][] {
  const byRole: number[][] = instance.roles.map(() => []);
  instance.types.forEach((type, t) => {
    const first = type.kinds[0];
    const role = first === undefined ? -1 : (instance.kinds[first]?.role ?? -1);
    if (role >= 0) byRole[role]!.push(t);
  });
  return byRole;
}

function offersOfRole(instance: SolverInstance, role: number): number[] {
  return [...new Set(instance.kinds.filter((k) => k.role === role).map((k) => k.offer))].sort((a, b) => a - b);
}

function machinesCost(instance: SolverInstance, machines: Machine[]): number {
  return machines.reduce((s, m) => s + (instance.kinds[m.kind]?.price ?? 0), 0);
}

/**
 * The baseline: per role, FFD with cluster-autoscaler's order onto one offer, for each
 * offer of the role, keeping the cheapest; a role whose replicas fit no single offer
 * takes, per scale-up, the kind with the lowest price per replica.
 */
export function firstFitDecreasing(instance: SolverInstance): PatternUse[] | null {
  const all: Machine[] = [];
  const byRole = typesByRole(instance);
  for (let r = 0; r < instance.roles.length; r += 1) {
    const types = byRole[r] ?? [];
    let best: Machine[] | null = null;
    for (const offer of offersOfRole(instance, r)) {
      const machines = ffdOneOffer(instance, types, r, offer, CPU_PLUS_MEMORY);
      if (machines && (best === null || machinesCost(instance, machines) < machinesCost(instance, best) - 1e-9)) best = machines;
    }
    best ??= greedyMixed(instance, types, r, CPU_PLUS_MEMORY);
    if (best === null) return null;
    all.push(...best);
  }
  return toUses(all);
}

/** Replace each machine by the cheapest kind of its role and zone that still holds what it runs. */
function downsize(instance: SolverInstance, machines: Machine[]): void {
  for (const m of machines) {
    const current = instance.kinds[m.kind]!;
    let bestKind = m.kind;
    for (let k = 0; k < instance.kinds.length; k += 1) {
      const kind = instance.kinds[k]!;
      if (kind.role !== current.role || kind.zone !== current.zone || kind.price >= (instance.kinds[bestKind]?.price ?? Infinity)) continue;
      let ok = true;
      const used = current.capacity.map((c, d) => c - (m.free[d] ?? 0));
      for (const [t] of m.items) if (!instance.types[t]!.kinds.includes(k)) ok = false;
      for (let d = 0; ok && d < used.length; d += 1) if ((used[d] ?? 0) > (kind.capacity[d] ?? 0)) ok = false;
      if (ok) bestKind = k;
    }
    if (bestKind !== m.kind) {
      const used = current.capacity.map((c, d) => c - (m.free[d] ?? 0));
      m.kind = bestKind;
      m.free = instance.kinds[bestKind]!.capacity.map((c, d) => c - (used[d] ?? 0));
    }
  }
}

function take(machine: Machine, t: number, type: SolverType, n: number): void {
  for (let d = 0; d < type.demand.length; d += 1) machine.free[d] = (machine.free[d] ?? 0) + (type.demand[d] ?? 0) * n;
  const left = (machine.items.get(t) ?? 0) - n;
  if (left > 0) machine.items.set(t, left);
  else {
    machine.items.delete(t);
    if (type.group >= 0) machine.groups.delete(type.group);
  }
}

/** Try to move everything off the least-loaded machines onto the others' free room. */
function emptyMachines(instance: SolverInstance, machines: Machine[], attempts: number): Machine[] {
  const load = (m: Machine): number => {
    const cap = instance.kinds[m.kind]!.capacity;
    return cap.reduce((s, c, d) => s + (Number.isFinite(c) && c > 0 ? (c - (m.free[d] ?? 0)) / c : 0), 0);
  };
  const removed = new Set<Machine>();
  const perRole = instance.roles.map(() => 0);
  for (const m of machines) perRole[instance.kinds[m.kind]!.role]! += 1;
  const order = machines.map((m, i) => ({ m, i, l: load(m) })).sort((a, b) => a.l - b.l || a.i - b.i).slice(0, Math.max(0, attempts));
  for (const { m } of order) {
    const role = instance.kinds[m.kind]!.role;
    if ((perRole[role] ?? 0) - 1 < (instance.roles[role]?.min ?? 0)) continue;
    // Tentative moves, undone unless the whole machine empties.
    const moves: Array<{ to: Machine; t: number; n: number }> = [];
    let ok = true;
    for (const [t, count] of [...m.items]) {
      const type = instance.types[t]!;
      let remaining = count;
      for (const o of machines) {
        if (remaining <= 0) break;
        if (o === m || removed.has(o) || !type.kinds.includes(o.kind)) continue;
        const n = Math.min(remaining, roomFor(o, type));
        if (n > 0) {
          put(o, t, type, n);
          moves.push({ to: o, t, n });
          remaining -= n;
        }
      }
      if (remaining > 0) {
        ok = false;
        break;
      }
    }
    if (ok) {
      removed.add(m);
      perRole[role] = (perRole[role] ?? 0) - 1;
    } else {
      for (const move of moves.reverse()) take(move.to, move.t, instance.types[move.t]!, move.n);
    }
  }
  return machines.filter((m) => !removed.has(m));
}

export interface HeuristicAnswer {
  uses: PatternUse[];
  cost: number;
  algorithm: string;
}

/** The best of FFD variants per offer and mixed greedy; the cheapest few are then improved locally. */
export function bestHeuristic(
  instance: SolverInstance,
  options: { improveAttempts?: number; improveBudget?: number; largeReplicas?: number } = {},
): HeuristicAnswer | null {
  const byRole = typesByRole(instance);
  // Over CPU and memory alone the sum of shares is cluster-autoscaler's key; it differs only with disk or GPUs.
  const moreThanTwo = instance.types.some((t) => t.demand.slice(2).some((v) => v > 0));
  // Large instances are the solver's; the fallback there keeps to one order to stay fast.
  const large = instance.types.reduce((s, t) => s + t.count, 0) > (options.largeReplicas ?? 5000);
  const keys: Array<[string, OrderKey]> = [
    ['cpu+memory', CPU_PLUS_MEMORY],
    ...(large ? [] : [['largest-share', LARGEST_SHARE] as [string, OrderKey]]),
    ...(moreThanTwo && !large ? [['sum-of-shares', SUM_OF_SHARES] as [string, OrderKey]] : []),
  ];
  const all: Machine[] = [];
  const names: string[] = [];
  for (let r = 0; r < instance.roles.length; r += 1) {
    const types = byRole[r] ?? [];
    const raw: Array<{ machines: Machine[]; name: string; cost: number }> = [];
    const consider = (machines: Machine[] | null, name: string): void => {
      if (!machines) return;
      downsize(instance, machines);
      raw.push({ machines, name, cost: machinesCost(instance, machines) });
    };
    for (const [name, key] of keys) {
      for (const offer of offersOfRole(instance, r)) consider(ffdOneOffer(instance, types, r, offer, key), `ffd-${name}`);
      consider(greedyMixed(instance, types, r, key), `mixed-${name}`);
    }
    if (!raw.length) return null;
    raw.sort((a, b) => a.cost - b.cost || a.name.localeCompare(b.name));
    let best = raw[0]!;
    // Emptying machines costs O(attempts × machines); keep it bounded on large roles.
    for (const candidate of raw.slice(0, 2)) {
      const budget = options.improveBudget ?? 400_000;
      const attempts = Math.min(options.improveAttempts ?? 200, Math.floor(budget / Math.max(1, candidate.machines.length)));
      const improved = emptyMachines(instance, candidate.machines, attempts);
      downsize(instance, improved);
      const cost = machinesCost(instance, improved);
      if (cost < best.cost - 1e-9) best = { machines: improved, name: candidate.name, cost };
    }
    all.push(...best.machines);
    names.push(best.name);
  }
  const uses = toUses(all);
  if (!usesFeasible(instance, uses)) return null;
  return { uses, cost: usesCost(instance, uses), algorithm: [...new Set(names)].sort().join('+') || 'empty' };
}
