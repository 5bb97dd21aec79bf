/**
 * The packing core shared by the main thread (heuristics, bounds) and the solver worker
 * (column generation and MIP with HiGHS). It has no runtime imports on purpose: the worker
 * loads it directly, also from the TypeScript sources under test, where only type-only
 * imports survive type stripping.
 *
 * The model is a pattern (Gilmore–Gomory) model: a *pattern* is what one machine of a
 * *kind* (role × zone × offer) holds, as counts of each replica *type* (identical replicas
 * grouped); the master problem buys machines per pattern at the kind's price and covers
 * every type's count. Its LP relaxation is far tighter than a per-slot model and its size
 * depends on the number of types, not of replicas.
 */
import type { Highs, Model as HighsModel } from 'highs';

/** Resource figures are integers below 2^53 (millicores, bytes, GPUs); capacity may be Infinity. */
export interface SolverKind {
  role: number;
  /** Index of the offer (kinds of one offer in several zones share it). */
  offer: number;
  /** Index of the zone, or -1 when the role has no zones that matter. */
  zone: number;
  /** Monthly price in the common currency, as a float (the exact price stays on the main thread). */
  price: number;
  capacity: number[];
}

export interface SolverType {
  count: number;
  demand: number[];
  /** Kinds that may hold it, ascending. */
  kinds: number[];
  /** Anti-affinity group (replicas of a group on distinct machines), or -1. */
  group: number;
}

export interface SolverRole {
  min: number;
  max: number | null;
}

export interface SolverInstance {
  kinds: SolverKind[];
  types: SolverType[];
  roles: SolverRole[];
}

/** One machine's contents: [type, count] pairs, ascending by type. */
export interface Pattern {
  kind: number;
  items: Array<[number, number]>;
}

export interface PatternUse {
  pattern: Pattern;
  machines: number;
}

export interface SolverOptions {
  /** Branch-and-bound nodes per pricing knapsack before it answers with a bound instead. */
  knapsackNodeLimit: number;
  /** Column-generation rounds. */
  maxRounds: number;
  /** Enumerate every maximal pattern when there are at most this many (then the MIP is exact)… */
  enumerateLimit: number;
  /** …and try only on instances of at most this many replicas. */
  enumerateReplicaLimit: number;
  mipNodeLimit: number;
  /** Stop the pattern MIP this close to its own bound (an exact model always runs to 0). */
  mipRelativeGap: number;
  /** Wall-clock deadline (ms since the epoch) of the whole solve; HiGHS's own limits are set under it. */
  deadline: number;
  /** Share of the time left that the aggregated MIP may use. */
  aggregatedTimeShare: number;
  randomSeed: number;
  /** Skip the aggregated relaxation MIP above this many variables. */
  aggregatedVariableLimit: number;
}

export type SolutionSource = 'mip' | 'lp-rounding' | 'aggregated-packing';

export type BoundSource = 'lp-relaxation' | 'mip-dual-bound' | 'aggregated-mip-bound';

export type SolverMessage =
  | { type: 'bound'; value: number; source: BoundSource }
  | { type: 'solution'; uses: PatternUse[]; cost: number; source: SolutionSource }
  | { type: 'stage'; stage: string }
  | { type: 'done'; summary: SolverSummary }
  | { type: 'error'; message: string };

export interface SolverSummary {
  columns: number;
  rounds: number;
  /** Column generation proved no cheaper pattern exists (pricing exact and no column added). */
  converged: boolean;
  /** Every maximal pattern was in the model, so the MIP status speaks for the whole problem. */
  complete: boolean;
  mipStatus: string;
  mipNodes: number;
}

const EPS = 1e-9;

// ─────────────────────────────── feasibility ───────────────────────────────

export function fitsOnce(kind: SolverKind, type: SolverType): boolean {
  for (let d = 0; d < type.demand.length; d += 1) if ((type.demand[d] ?? 0) > (kind.capacity[d] ?? 0)) return false;
  return true;
}

/** How many of `type` one empty machine of `kind` holds (bounded by the type's count and anti-affinity). */
export function maxFit(kind: SolverKind, type: SolverType): number {
  let n = type.group >= 0 ? 1 : type.count;
  for (let d = 0; d < type.demand.length; d += 1) {
    const need = type.demand[d] ?? 0;
    if (need <= 0) continue;
    n = Math.min(n, Math.floor((kind.capacity[d] ?? 0) / need));
  }
  return Math.max(0, n);
}

export function patternFits(instance: SolverInstance, pattern: Pattern): boolean {
  const kind = instance.kinds[pattern.kind];
  if (!kind) return false;
  const used = kind.capacity.map(() => 0);
  const groups = new Set<number>();
  for (const [t, n] of pattern.items) {
    const type = instance.types[t];
    if (!type || !type.kinds.includes(pattern.kind)) return false;
    if (type.group >= 0) {
      if (n > 1 || groups.has(type.group)) return false;
      groups.add(type.group);
    }
    for (let d = 0; d < used.length; d += 1) used[d] = (used[d] ?? 0) + (type.demand[d] ?? 0) * n;
  }
  return used.every((u, d) => u <= (kind.capacity[d] ?? 0));
}

export function usesCost(instance: SolverInstance, uses: PatternUse[]): number {
  let cost = 0;
  for (const use of uses) cost += (instance.kinds[use.pattern.kind]?.price ?? 0) * use.machines;
  return cost;
}

function patternKey(p: Pattern): string {
  return `${p.kind}:${p.items.map(([t, n]) => `${t}x${n}`).join(',')}`;
}

/**
 * Remove replicas covered more than their count (the master covers with ≥), latest
 * machines first, and drop machines left empty unless a role minimum needs them.
 */
export function trimCover(instance: SolverInstance, uses: PatternUse[]): PatternUse[] {
  const excess = instance.types.map((t) => -t.count);
  for (const use of uses) for (const [t, n] of use.pattern.items) excess[t] = (excess[t] ?? 0) + n * use.machines;
  const out: PatternUse[] = [];
  // Walk from the last use back, peeling excess replicas off one machine at a time.
  for (let u = uses.length - 1; u >= 0; u -= 1) {
    const use = uses[u];
    if (!use || use.machines <= 0) continue;
    let remaining = use.machines;
    while (remaining > 0) {
      const over = use.pattern.items.some(([t]) => (excess[t] ?? 0) > 0);
      if (!over) {
        out.push({ pattern: use.pattern, machines: remaining });
        break;
      }
      // How many whole machines can give back their whole share of every over-covered type.
      const items: Array<[number, number]> = [];
      for (const [t, n] of use.pattern.items) {
        const give = Math.min(n, Math.max(0, excess[t] ?? 0));
        excess[t] = (excess[t] ?? 0) - give;
        if (n - give > 0) items.push([t, n - give]);
      }
      out.push({ pattern: { kind: use.pattern.kind, items }, machines: 1 });
      remaining -= 1;
    }
  }
  out.reverse();
  // Empty machines stay only as far as role minimums need them.
  const perRole = instance.roles.map(() => 0);
  for (const use of out) if (use.pattern.items.length) perRole[instance.kinds[use.pattern.kind]?.role ?? 0]! += use.machines;
  const kept: PatternUse[] = [];
  for (const use of out) {
    if (use.pattern.items.length) {
      kept.push(use);
      continue;
    }
    const role = instance.kinds[use.pattern.kind]?.role ?? 0;
    const need = Math.max(0, (instance.roles[role]?.min ?? 0) - (perRole[role] ?? 0));
    const keep = Math.min(need, use.machines);
    if (keep > 0) {
      kept.push({ pattern: use.pattern, machines: keep });
      perRole[role] = (perRole[role] ?? 0) + keep;
    }
  }
  return mergeUses(kept);
}

/** Same pattern on several entries → one entry; stable order of first appearance. */
export function mergeUses(uses: PatternUse[]): PatternUse[] {
  const byKey = new Map<string, PatternUse>();
  for (const use of uses) {
    if (use.machines <= 0) continue;
    const items = [...use.pattern.items].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
    const pattern = { kind: use.pattern.kind, items };
    const key = patternKey(pattern);
    const known = byKey.get(key);
    if (known) known.machines += use.machines;
    else byKey.set(key, { pattern, machines: use.machines });
  }
  return [...byKey.values()];
}

/** Whether the uses place every replica and respect role limits (floats are integers here). */
export function usesFeasible(instance: SolverInstance, uses: PatternUse[]): boolean {
  const covered = instance.types.map(() => 0);
  const perRole = instance.roles.map(() => 0);
  for (const use of uses) {
    if (!Number.isInteger(use.machines) || use.machines < 0) return false;
    if (!patternFits(instance, use.pattern)) return false;
    for (const [t, n] of use.pattern.items) covered[t] = (covered[t] ?? 0) + n * use.machines;
    const role = instance.kinds[use.pattern.kind]?.role ?? -1;
    perRole[role] = (perRole[role] ?? 0) + use.machines;
  }
  if (instance.types.some((t, i) => (covered[i] ?? 0) < t.count)) return false;
  return instance.roles.every((r, i) => (perRole[i] ?? 0) >= r.min && (r.max === null || (perRole[i] ?? 0) <= r.max));
}

// ─────────────────────────────── pricing ───────────────────────────────

export interface KnapsackAnswer {
  value: number;
  items: Array<[number, number]>;
  /** An upper bound on the best value (equal to `value` when `exact`). */
  upper: number;
  exact: boolean;
}

interface KnapsackItem {
  type: number;
  value: number;
  demand: number[];
  bound: number;
  group: number;
}

/**
 * max Σ value·a over one machine of `kind`: a bounded multi-dimensional knapsack with
 * anti-affinity groups (≤ 1 per group), by depth-first branch and bound. The bound at a
 * node is the smaller of the fractional knapsack on each finite dimension and on their
 * surrogate sum (each is a relaxation, so each bounds the optimum).
 */
export function solveKnapsack(instance: SolverInstance, kindIndex: number, values: number[], nodeLimit: number): KnapsackAnswer {
  const kind = instance.kinds[kindIndex]!;
  const dims = kind.capacity.length;
  const finite = kind.capacity.map((c) => Number.isFinite(c));
  const items: KnapsackItem[] = [];
  instance.types.forEach((type, t) => {
    const value = values[t] ?? 0;
    if (value <= EPS || !type.kinds.includes(kindIndex)) return;
    const bound = maxFit(kind, type);
    if (bound <= 0) return;
    items.push({ type: t, value, demand: type.demand, bound, group: type.group });
  });
  const size = (item: KnapsackItem): number => {
    let s = 0;
    for (let d = 0; d < dims; d += 1) if (finite[d] && (kind.capacity[d] ?? 0) > 0) s += (item.demand[d] ?? 0) / (kind.capacity[d] ?? 1);
    return s;
  };
  // Densest first: good solutions early, so the bound prunes sooner.
  items.sort((a, b) => {
    const sa = size(a);
    const sb = size(b);
    const da = sa > 0 ? a.value / sa : Infinity;
    const db = sb > 0 ? b.value / sb : Infinity;
    return db - da || a.type - b.type;
  });
  const n = items.length;
  const surrogateCapacity = finite.reduce((s, f, d) => s + (f && (kind.capacity[d] ?? 0) > 0 ? 1 : 0), 0);

  // Per finite dimension (and the surrogate), the items by value per unit of it, sorted once;
  // a node's bound walks these orders skipping items already decided.
  const weightOf: Array<(it: KnapsackItem) => number> = [];
  const capacityOf: Array<(free: number[]) => number> = [];
  for (let d = 0; d < dims; d += 1) {
    if (!finite[d]) continue;
    weightOf.push((it) => it.demand[d] ?? 0);
    capacityOf.push((free) => free[d] ?? 0);
  }
  if (surrogateCapacity > 0) {
    weightOf.push(size);
    capacityOf.push((free) => {
      let total = 0;
      for (let d = 0; d < dims; d += 1) if (finite[d] && (kind.capacity[d] ?? 0) > 0) total += (free[d] ?? 0) / (kind.capacity[d] ?? 1);
      return total;
    });
  }
  // The best surrogate of CPU and memory (t × cpu share + (1 − t) × memory share) is a far
  // tighter bound than either alone when items are CPU- or memory-heavy: found at the root.
  const first = finite[0] && (kind.capacity[0] ?? 0) > 0;
  const second = finite[1] && (kind.capacity[1] ?? 0) > 0;
  if (first && second && n > 1) {
    const c0 = kind.capacity[0] ?? 1;
    const c1 = kind.capacity[1] ?? 1;
    const rootBound = (t: number): number => {
      const w = items.map((it) => (t * (it.demand[0] ?? 0)) / c0 + ((1 - t) * (it.demand[1] ?? 0)) / c1);
      const order = items.map((_, i) => i).sort((x, y) => ((w[y] ?? 0) > 0 ? items[y]!.value / (w[y] ?? 1) : Infinity) - ((w[x] ?? 0) > 0 ? items[x]!.value / (w[x] ?? 1) : Infinity));
      let room = 1;
      let total = 0;
      for (const i of order) {
        const it = items[i]!;
        const wi = w[i] ?? 0;
        if (wi <= 0) {
          total += it.value * it.bound;
          continue;
        }
        if (room <= 0) break;
        const take = Math.min(it.bound, room / wi);
        total += take * it.value;
        room -= take * wi;
      }
      return total;
    };
    let lo = 0;
    let hi = 1;
    for (let step = 0; step < 24; step += 1) {
      const a = lo + (hi - lo) / 3;
      const b = hi - (hi - lo) / 3;
      if (rootBound(a) <= rootBound(b)) hi = b;
      else lo = a;
    }
    const t = (lo + hi) / 2;
    weightOf.push((it) => (t * (it.demand[0] ?? 0)) / c0 + ((1 - t) * (it.demand[1] ?? 0)) / c1);
    capacityOf.push((free) => (t * (free[0] ?? 0)) / c0 + ((1 - t) * (free[1] ?? 0)) / c1);
  }
  const orders = weightOf.map((weight) => {
    const order = items.map((it, i) => ({ i, w: weight(it), v: it.value }));
    order.sort((x, y) => (y.w > 0 ? y.v / y.w : Infinity) - (x.w > 0 ? x.v / x.w : Infinity) || x.i - y.i);
    return order;
  });

  const fractional = (from: number, free: number[], takenGroups: Set<number>): number => {
    let best = Infinity;
    for (let o = 0; o < orders.length; o += 1) {
      let room = capacityOf[o]!(free);
      let total = 0;
      for (const { i, w, v } of orders[o]!) {
        if (i < from) continue;
        const it = items[i]!;
        if (it.group >= 0 && takenGroups.has(it.group)) continue;
        if (w <= 0) {
          total += v * it.bound;
          continue;
        }
        if (room <= 0) break;
        const take = Math.min(it.bound, room / w);
        total += take * v;
        room -= take * w;
      }
      if (total < best) best = total;
    }
    if (!Number.isFinite(best)) {
      // Nothing is finite: every item fits whole; groups still allow one each.
      best = 0;
      const groupBest = new Map<number, number>();
      for (let i = from; i < n; i += 1) {
        const it = items[i]!;
        if (it.group >= 0 && takenGroups.has(it.group)) continue;
        if (it.group < 0) best += it.value * it.bound;
        else groupBest.set(it.group, Math.max(groupBest.get(it.group) ?? 0, it.value));
      }
      for (const v of groupBest.values()) best += v;
    }
    return best;
  };

  const free = kind.capacity.slice();
  const takenGroups = new Set<number>();
  const counts = new Array<number>(n).fill(0);
  let bestValue = 0;
  let bestCounts = counts.slice();
  let nodes = 0;
  let stopped = false;
  const rootUpper = fractional(0, free, takenGroups);

  const search = (i: number, value: number): void => {
    if (stopped) return;
    nodes += 1;
    if (nodes > nodeLimit) {
      stopped = true;
      return;
    }
    if (value > bestValue + EPS) {
      bestValue = value;
      bestCounts = counts.slice();
    }
    if (i >= n) return;
    if (value + fractional(i, free, takenGroups) <= bestValue + EPS) return;
    const it = items[i]!;
    let most = it.bound;
    if (it.group >= 0 && takenGroups.has(it.group)) most = 0;
    for (let d = 0; d < dims; d += 1) {
      const need = it.demand[d] ?? 0;
      if (need > 0) most = Math.min(most, Math.floor((free[d] ?? 0) / need));
    }
    for (let a = most; a >= 0; a -= 1) {
      if (a > 0) {
        for (let d = 0; d < dims; d += 1) free[d] = (free[d] ?? 0) - (it.demand[d] ?? 0) * a;
        if (it.group >= 0) takenGroups.add(it.group);
      }
      counts[i] = a;
      search(i + 1, value + a * it.value);
      counts[i] = 0;
      if (a > 0) {
        for (let d = 0; d < dims; d += 1) free[d] = (free[d] ?? 0) + (it.demand[d] ?? 0) * a;
        if (it.group >= 0) takenGroups.delete(it.group);
      }
      if (stopped) return;
    }
  };
  search(0, 0);
  const chosen: Array<[number, number]> = [];
  bestCounts.forEach((a, i) => {
    if (a > 0) chosen.push([items[i]!.type, a]);
  });
  chosen.sort((a, b) => a[0] - b[0]);
  return { value: bestValue, items: chosen, upper: stopped ? Math.max(bestValue, rootUpper) : bestValue, exact: !stopped };
}

/**
 * Every maximal pattern of every kind (no further replica fits), or null when there are
 * more than `limit`. With all of them in the master, its MIP optimum is the true optimum.
 */
export function enumerateMaximalPatterns(instance: SolverInstance, limit: number, nodeLimit = 200_000): Pattern[] | null {
  const out: Pattern[] = [];
  let nodes = 0;
  for (let k = 0; k < instance.kinds.length; k += 1) {
    const kind = instance.kinds[k]!;
    const allowed = instance.types.map((t, i) => ({ t, i })).filter(({ t }) => t.kinds.includes(k) && maxFit(kind, t) > 0);
    const free = kind.capacity.slice();
    const groups = new Set<number>();
    const counts: Array<[number, number]> = [];
    let overflow = false;
    const canAddAny = (): boolean =>
      allowed.some(({ t, i }) => {
        const used = counts.find(([x]) => x === i)?.[1] ?? 0;
        if (used >= (t.group >= 0 ? 1 : t.count)) return false;
        if (t.group >= 0 && groups.has(t.group)) return false;
        return t.demand.every((need, d) => need <= (free[d] ?? 0));
      });
    const walk = (j: number): void => {
      if (overflow) return;
      nodes += 1;
      if (nodes > nodeLimit) {
        overflow = true;
        return;
      }
      if (j >= allowed.length) {
        if (!canAddAny()) {
          out.push({ kind: k, items: counts.map(([t, n]) => [t, n] as [number, number]) });
          if (out.length > limit) overflow = true;
        }
        return;
      }
      const { t, i } = allowed[j]!;
      let most = t.group >= 0 ? (groups.has(t.group) ? 0 : 1) : t.count;
      for (let d = 0; d < free.length; d += 1) {
        const need = t.demand[d] ?? 0;
        if (need > 0) most = Math.min(most, Math.floor((free[d] ?? 0) / need));
      }
      for (let a = most; a >= 0; a -= 1) {
        if (a > 0) {
          for (let d = 0; d < free.length; d += 1) free[d] = (free[d] ?? 0) - (t.demand[d] ?? 0) * a;
          if (t.group >= 0) groups.add(t.group);
          counts.push([i, a]);
        }
        walk(j + 1);
        if (a > 0) {
          counts.pop();
          for (let d = 0; d < free.length; d += 1) free[d] = (free[d] ?? 0) + (t.demand[d] ?? 0) * a;
          if (t.group >= 0) groups.delete(t.group);
        }
        if (overflow) return;
      }
    };
    walk(0);
    if (overflow) return null;
  }
  return out;
}

// ─────────────────────────────── rounding ───────────────────────────────

/** Add empty machines of the cheapest kind where a role has fewer than its minimum. */
export function fillRoleMinimums(instance: SolverInstance, uses: PatternUse[]): PatternUse[] {
  const perRole = instance.roles.map(() => 0);
  for (const use of uses) perRole[instance.kinds[use.pattern.kind]?.role ?? 0]! += use.machines;
  const extra: PatternUse[] = [];
  instance.roles.forEach((role, r) => {
    const missing = role.min - (perRole[r] ?? 0);
    if (missing <= 0) return;
    let cheapest = -1;
    instance.kinds.forEach((kind, k) => {
      if (kind.role === r && (cheapest < 0 || kind.price < instance.kinds[cheapest]!.price)) cheapest = k;
    });
    if (cheapest >= 0) extra.push({ pattern: { kind: cheapest, items: [] }, machines: missing });
  });
  return extra.length ? mergeUses([...uses, ...extra]) : uses;
}

/**
 * Cover the residual counts greedily: each step buys the pattern with the most value per
 * price (values: the LP duals, plus a little of each replica's size so that types the
 * duals price at zero still get placed), as many times as it stays fully useful.
 */
export function coverResidual(instance: SolverInstance, residual: number[], values: number[], nodeLimit: number): PatternUse[] | null {
  const counts = residual.slice();
  const uses: PatternUse[] = [];
  const sizes = instance.types.map((t) => {
    let s = 0;
    for (let d = 0; d < t.demand.length; d += 1) {
      let largest = 0;
      for (const k of t.kinds) {
        const cap = instance.kinds[k]!.capacity[d] ?? 0;
        if (Number.isFinite(cap)) largest = Math.max(largest, cap);
      }
      if (largest > 0) s += (t.demand[d] ?? 0) / largest;
    }
    return s;
  });
  const priceScale = Math.max(1e-9, ...instance.kinds.map((k) => k.price));
  for (let guard = 0; guard < 100_000; guard += 1) {
    if (counts.every((c) => c <= 0)) return uses;
    const sub: SolverInstance = { ...instance, types: instance.types.map((t, i) => ({ ...t, count: Math.max(0, counts[i] ?? 0) })) };
    const weights = instance.types.map((_, i) => ((counts[i] ?? 0) > 0 ? (values[i] ?? 0) + (1e-3 + (sizes[i] ?? 0)) * priceScale * 1e-3 : 0));
    let best: { kind: number; items: Array<[number, number]>; rate: number } | null = null;
    for (let k = 0; k < instance.kinds.length; k += 1) {
      const answer = solveKnapsack(sub, k, weights, nodeLimit);
      if (!answer.items.length) continue;
      const rate = answer.value / Math.max(1e-12, instance.kinds[k]!.price);
      if (!best || rate > best.rate + 1e-12) best = { kind: k, items: answer.items, rate };
    }
    if (!best) return null;
    let machines = Infinity;
    for (const [t, n] of best.items) machines = Math.min(machines, Math.floor((counts[t] ?? 0) / n));
    machines = Math.max(1, Number.isFinite(machines) ? machines : 1);
    for (const [t, n] of best.items) counts[t] = (counts[t] ?? 0) - n * machines;
    uses.push({ pattern: { kind: best.kind, items: best.items }, machines });
  }
  return null;
}

/** Whole machines from a fractional master solution: floor it, then cover what is left greedily. */
export function roundMaster(instance: SolverInstance, columns: Pattern[], values: number[], duals: number[], nodeLimit: number): PatternUse[] | null {
  const uses: PatternUse[] = [];
  const residual = instance.types.map((t) => t.count);
  columns.forEach((p, j) => {
    const machines = Math.floor((values[j] ?? 0) + 1e-7);
    if (machines <= 0) return;
    uses.push({ pattern: p, machines });
    for (const [t, n] of p.items) residual[t] = (residual[t] ?? 0) - n * machines;
  });
  const rest = coverResidual(instance, residual, duals, nodeLimit);
  if (!rest) return null;
  return fillRoleMinimums(instance, trimCover(instance, [...uses, ...rest]));
}

/**
 * Machines from an aggregated solution (machines per kind, replicas per type and kind):
 * first fit decreasing of each kind's replicas into its machines; what does not fit is
 * covered greedily. Where replicas are small against machines this is often optimal.
 */
export function packAggregated(instance: SolverInstance, machinesPerKind: number[], replicasPerPair: Array<[number, number, number]>, nodeLimit: number): PatternUse[] | null {
  const residual = instance.types.map(() => 0);
  const uses: PatternUse[] = [];
  for (let k = 0; k < instance.kinds.length; k += 1) {
    const count = machinesPerKind[k] ?? 0;
    const kind = instance.kinds[k]!;
    const items = replicasPerPair.filter(([, pk, n]) => pk === k && n > 0).map(([t, , n]) => ({ t, n }));
    const size = (t: number): number => instance.types[t]!.demand.reduce((s, v, d) => s + (Number.isFinite(kind.capacity[d] ?? 0) && (kind.capacity[d] ?? 0) > 0 ? v / (kind.capacity[d] ?? 1) : 0), 0);
    items.sort((a, b) => size(b.t) - size(a.t) || a.t - b.t);
    const machines = Array.from({ length: count }, () => ({ free: kind.capacity.slice(), items: new Map<number, number>(), groups: new Set<number>() }));
    for (const { t, n } of items) {
      const type = instance.types[t]!;
      let remaining = n;
      for (const m of machines) {
        if (remaining <= 0) break;
        if (type.group >= 0 && m.groups.has(type.group)) continue;
        let room = type.group >= 0 ? 1 : remaining;
        for (let d = 0; d < type.demand.length; d += 1) {
          const need = type.demand[d] ?? 0;
          if (need > 0) room = Math.min(room, Math.floor((m.free[d] ?? 0) / need));
        }
        const put = Math.min(room, remaining);
        if (put <= 0) continue;
        for (let d = 0; d < type.demand.length; d += 1) m.free[d] = (m.free[d] ?? 0) - (type.demand[d] ?? 0) * put;
        m.items.set(t, (m.items.get(t) ?? 0) + put);
        if (type.group >= 0) m.groups.add(type.group);
        remaining -= put;
      }
      residual[t] = (residual[t] ?? 0) + remaining;
    }
    for (const m of machines) uses.push({ pattern: { kind: k, items: [...m.items.entries()].sort((a, b) => a[0] - b[0]) }, machines: 1 });
  }
  // Replicas the aggregated solution left uncovered (it covers with ≥) count too.
  instance.types.forEach((t, i) => {
    const placed = replicasPerPair.filter(([pt]) => pt === i).reduce((s, [, , n]) => s + n, 0);
    if (placed < t.count) residual[i] = (residual[i] ?? 0) + t.count - placed;
  });
  const rest = coverResidual(instance, residual, instance.types.map(() => 0), nodeLimit);
  if (!rest) return null;
  return fillRoleMinimums(instance, trimCover(instance, mergeUses([...uses, ...rest])));
}

// ─────────────────────────────── the master problem ───────────────────────────────

interface MasterLayout {
  /** Row of each type (all types have one). */
  typeRow: number[];
  /** Row of each role with a limit, or -1. */
  roleRow: number[];
  rows: number;
  rowLower: number[];
  rowUpper: number[];
}

function masterLayout(instance: SolverInstance, infinity: number): MasterLayout {
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const typeRow = instance.types.map((t) => {
    rowLower.push(t.count);
    rowUpper.push(infinity);
    return rowLower.length - 1;
  });
  const roleRow = instance.roles.map((r) => {
    if (r.min <= 0 && r.max === null) return -1;
    rowLower.push(r.min);
    rowUpper.push(r.max === null ? infinity : r.max);
    return rowLower.length - 1;
  });
  return { typeRow, roleRow, rows: rowLower.length, rowLower, rowUpper };
}

function columnEntries(instance: SolverInstance, layout: MasterLayout, pattern: Pattern): { indices: number[]; values: number[] } {
  const entries: Array<[number, number]> = pattern.items.map(([t, n]) => [layout.typeRow[t]!, n]);
  const role = instance.kinds[pattern.kind]!.role;
  const roleRow = layout.roleRow[role] ?? -1;
  if (roleRow >= 0) entries.push([roleRow, 1]);
  entries.sort((a, b) => a[0] - b[0]);
  return { indices: entries.map((e) => e[0]), values: entries.map((e) => e[1]) };
}

function addColumns(highsModel: HighsModel, instance: SolverInstance, layout: MasterLayout, patterns: Pattern[], infinity: number): void {
  if (!patterns.length) return;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const p of patterns) {
    const e = columnEntries(instance, layout, p);
    indices.push(...e.indices);
    values.push(...e.values);
    starts.push(indices.length);
  }
  highsModel.addCols({
    cost: Float64Array.from(patterns.map((p) => instance.kinds[p.kind]!.price)),
    lower: new Float64Array(patterns.length),
    upper: new Float64Array(patterns.length).fill(infinity),
    matrix: {
      format: 'csc',
      numRows: layout.rows,
      numCols: patterns.length,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
  });
}

/** Single-type patterns filled as far as one machine allows, for every type and kind; and empty machines for role minimums. */
export function seedPatterns(instance: SolverInstance): Pattern[] {
  const out: Pattern[] = [];
  instance.types.forEach((type, t) => {
    for (const k of type.kinds) {
      const n = maxFit(instance.kinds[k]!, type);
      if (n > 0) out.push({ kind: k, items: [[t, n]] });
    }
  });
  instance.roles.forEach((role, r) => {
    if (role.min <= 0) return;
    let cheapest = -1;
    instance.kinds.forEach((kind, k) => {
      if (kind.role === r && (cheapest < 0 || kind.price < instance.kinds[cheapest]!.price)) cheapest = k;
    });
    if (cheapest >= 0) out.push({ kind: cheapest, items: [] });
  });
  return out;
}

function statusName(highs: Highs, code: number): string {
  const names = highs.constants.modelStatus as Readonly<Record<string, number>>;
  for (const [name, value] of Object.entries(names)) if (value === code) return name;
  return `status-${code}`;
}

function silence(model: HighsModel, options: SolverOptions): void {
  model.options.set({ output_flag: false, random_seed: options.randomSeed } as never);
}

/**
 * Column generation on the LP relaxation of the master, then a MIP over the generated
 * columns (price and branch), then — while a gap remains — the aggregated relaxation as a
 * MIP for a stronger bound. Progress is posted as it comes, so a hard kill keeps it.
 *
 * The heuristic start arrives while column generation runs (the caller computes it in
 * parallel); it is awaited only before the MIP, which it warm-starts.
 */
export async function solveWithHighs(
  highs: Highs,
  instance: SolverInstance,
  start: Promise<PatternUse[]>,
  options: SolverOptions,
  post: (message: SolverMessage) => void,
): Promise<void> {
  const infinity = highs.infinity;
  const layout = masterLayout(instance, infinity);
  const columns: Pattern[] = [];
  const seen = new Set<string>();
  const add = (p: Pattern): boolean => {
    const key = patternKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    columns.push(p);
    return true;
  };

  const replicas = instance.types.reduce((s, t) => s + t.count, 0);
  const enumerated = replicas <= options.enumerateReplicaLimit ? enumerateMaximalPatterns(instance, options.enumerateLimit) : null;
  const complete = enumerated !== null;
  for (const p of seedPatterns(instance)) add(p);
  if (enumerated) for (const p of enumerated) add(p);

  const model = highs.createModel({
    numCols: 0,
    numRows: layout.rows,
    colCost: [],
    colLower: [],
    colUpper: [],
    rowLower: layout.rowLower,
    rowUpper: layout.rowUpper,
    matrix: { format: 'csc', numRows: layout.rows, numCols: 0, starts: [0], indices: [], values: [] },
  });
  const summary: SolverSummary = { columns: 0, rounds: 0, converged: false, complete, mipStatus: 'not-run', mipNodes: 0 };
  try {
    silence(model, options);
    addColumns(model, instance, layout, columns, infinity);
    post({ type: 'stage', stage: 'column-generation' });

    let bestBound = 0;
    let typeValues: number[] = instance.types.map(() => 0);
    for (; summary.rounds < options.maxRounds; summary.rounds += 1) {
      const run = model.run();
      if (run.modelStatus !== highs.constants.modelStatus.optimal) {
        post({ type: 'error', message: `the LP relaxation ended ${statusName(highs, run.modelStatus)}` });
        summary.columns = columns.length;
        post({ type: 'done', summary });
        return;
      }
      const duals = model.getSolution().rowDual;
      typeValues = layout.typeRow.map((row) => Math.max(0, duals[row] ?? 0));
      const roleDual = layout.roleRow.map((row) => (row >= 0 ? (duals[row] ?? 0) : 0));
      // Farley's bound: the duals scaled down until every pattern prices out is dual
      // feasible, so its objective bounds the LP optimum (and the MIP) from below.
      let theta = 1;
      const fresh: Pattern[] = [];
      let exact = true;
      for (let k = 0; k < instance.kinds.length; k += 1) {
        const kind = instance.kinds[k]!;
        const answer = solveKnapsack(instance, k, typeValues, options.knapsackNodeLimit);
        exact &&= answer.exact;
        const mu = roleDual[kind.role] ?? 0;
        if (kind.price > 0) theta = Math.max(theta, (answer.upper + mu) / kind.price);
        else if (answer.upper + mu > EPS) theta = Infinity;
        const reduced = kind.price - answer.value - mu;
        if (reduced < -EPS * Math.max(1, kind.price)) {
          const pattern = { kind: k, items: answer.items };
          if (!seen.has(patternKey(pattern))) fresh.push(pattern);
        }
      }
      let dualObjective = 0;
      instance.types.forEach((t, i) => (dualObjective += (typeValues[i] ?? 0) * t.count));
      instance.roles.forEach((r, i) => {
        const mu = roleDual[i] ?? 0;
        dualObjective += mu >= 0 ? mu * r.min : mu * (r.max ?? 0);
      });
      const bound = Number.isFinite(theta) ? dualObjective / theta : 0;
      if (bound > bestBound) {
        bestBound = bound;
        post({ type: 'bound', value: bound, source: 'lp-relaxation' });
      }
      if (!fresh.length) {
        summary.converged = exact;
        break;
      }
      for (const p of fresh) add(p);
      addColumns(model, instance, layout, fresh, infinity);
    }
    const lpValues = Array.from(model.getSolution().colValue);
    const secondsLeft = (): number => (options.deadline - Date.now()) / 1000;

    // Round the LP: floor it and cover the rest greedily; often within a machine or two of the optimum.
    let best = Infinity;
    const offer = (uses: PatternUse[] | null, source: SolutionSource): void => {
      if (!uses || !usesFeasible(instance, uses)) return;
      const cost = usesCost(instance, uses);
      if (cost < best) {
        best = cost;
        post({ type: 'solution', uses, cost, source });
      }
    };
    const rounded = roundMaster(instance, columns, lpValues, typeValues, options.knapsackNodeLimit);
    offer(rounded, 'lp-rounding');

    const startUses = await start;
    if (usesFeasible(instance, startUses)) best = Math.min(best, usesCost(instance, startUses));
    const closeEnough = (): boolean => !complete && (best - bestBound) / best <= options.mipRelativeGap;

    // The LP bound is weakest where few machines are bought; there the aggregated MIP's
    // integrality helps, and its solution, packed, is often the optimum.
    let packed: PatternUse[] | null = null;
    if (!complete && !closeEnough()) {
      post({ type: 'stage', stage: 'aggregated-mip' });
      const limit = Math.min(secondsLeft() * options.aggregatedTimeShare, secondsLeft() - 0.3);
      if (limit > 0.05) {
        const answer = aggregatedMip(highs, instance, options, limit);
        if (answer) {
          if (Number.isFinite(answer.bound)) {
            bestBound = Math.max(bestBound, answer.bound);
            post({ type: 'bound', value: answer.bound, source: 'aggregated-mip-bound' });
          }
          if (answer.machines) {
            packed = packAggregated(instance, answer.machines, answer.replicas, options.knapsackNodeLimit);
            offer(packed, 'aggregated-packing');
          }
        }
      }
    }

    if (complete || !closeEnough()) {
      const limit = secondsLeft() - 0.3;
      if (limit > 0.05) {
        post({ type: 'stage', stage: 'mip' });
        const extra = [...startUses, ...(packed ?? []), ...(rounded ?? [])].map((u) => u.pattern).filter((p) => add(p));
        addColumns(model, instance, layout, extra, infinity);
        const n = columns.length;
        model.changeColsIntegrality({ kind: 'range', from: 0, to: n - 1 }, new Int32Array(n).fill(1) as Int32Array);
        model.options.set({
          mip_max_nodes: options.mipNodeLimit,
          time_limit: limit,
          mip_rel_gap: complete ? 1e-9 : options.mipRelativeGap,
        } as never);
        const incumbent = bestStart(instance, columns, startUses, packed ?? [], rounded ?? []);
        if (incumbent) model.setSolution({ colValue: incumbent });
        const mipRun = model.run();
        summary.mipStatus = statusName(highs, mipRun.modelStatus);
        summary.mipNodes = Number(model.info.get('mip_node_count'));
        const values = Array.from(model.getSolution().colValue);
        offer(
          fillRoleMinimums(
            instance,
            trimCover(instance, columns.map((p, j) => ({ pattern: p, machines: Math.round(values[j] ?? 0) })).filter((u) => u.machines > 0)),
          ),
          'mip',
        );
        if (complete) {
          // With every maximal pattern present the master is the whole problem: its dual bound is global.
          const dual = Number(model.info.get('mip_dual_bound'));
          if (Number.isFinite(dual)) post({ type: 'bound', value: dual, source: 'mip-dual-bound' });
        }
      }
    }
    summary.columns = columns.length;
    post({ type: 'done', summary });
  } finally {
    model.dispose();
  }
}

/** The heuristic start (or the rounded LP) as a column vector, when all its patterns are columns. */
function bestStart(instance: SolverInstance, columns: Pattern[], ...candidates: PatternUse[][]): Float64Array | null {
  const index = new Map(columns.map((p, j) => [patternKey(p), j]));
  let best: Float64Array | null = null;
  let bestCost = Infinity;
  for (const uses of candidates) {
    if (!uses.length || !usesFeasible(instance, uses)) continue;
    const vector = new Float64Array(columns.length);
    let ok = true;
    for (const use of uses) {
      const j = index.get(patternKey(use.pattern));
      if (j === undefined) {
        ok = false;
        break;
      }
      vector[j] = (vector[j] ?? 0) + use.machines;
    }
    const cost = usesCost(instance, uses);
    if (ok && cost < bestCost) {
      best = vector;
      bestCost = cost;
    }
  }
  return best;
}

/**
 * The aggregated relaxation: machines per kind (integer) and replicas per type and kind,
 * with each kind's total capacity and anti-affinity (≤ one per machine) but not the split
 * into machines. Every real placement satisfies it, so its MIP dual bound is a lower bound.
 */
export function aggregatedMip(
  highs: Highs,
  instance: SolverInstance,
  options: SolverOptions,
  timeLimitSeconds: number,
): { bound: number; machines: number[] | null; replicas: Array<[number, number, number]> } | null {
  const K = instance.kinds.length;
  const pairs: Array<[number, number]> = [];
  instance.types.forEach((type, t) => {
    for (const k of type.kinds) if (fitsOnce(instance.kinds[k]!, type)) pairs.push([t, k]);
  });
  const numCols = K + pairs.length;
  if (numCols > options.aggregatedVariableLimit) return null;
  const inf = highs.infinity;
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const rowEntries: Array<Array<[number, number]>> = [];
  const addRow = (lower: number, upper: number, entries: Array<[number, number]>): void => {
    rowLower.push(lower);
    rowUpper.push(upper);
    rowEntries.push(entries);
  };
  instance.types.forEach((type, t) => {
    const entries: Array<[number, number]> = [];
    pairs.forEach(([pt], j) => {
      if (pt === t) entries.push([K + j, 1]);
    });
    addRow(type.count, inf, entries);
  });
  for (let k = 0; k < K; k += 1) {
    const kind = instance.kinds[k]!;
    for (let d = 0; d < kind.capacity.length; d += 1) {
      if (!Number.isFinite(kind.capacity[d])) continue;
      const entries: Array<[number, number]> = [];
      pairs.forEach(([t, pk], j) => {
        const need = instance.types[t]!.demand[d] ?? 0;
        if (pk === k && need > 0) entries.push([K + j, need / Math.max(1, kind.capacity[d] ?? 1)]);
      });
      if (!entries.length) continue;
      entries.push([k, -1]);
      addRow(-inf, 0, entries);
    }
    const groups = new Map<number, Array<[number, number]>>();
    pairs.forEach(([t, pk], j) => {
      const g = instance.types[t]!.group;
      if (pk !== k || g < 0) return;
      const list = groups.get(g) ?? [];
      list.push([K + j, 1]);
      groups.set(g, list);
    });
    for (const entries of groups.values()) addRow(-inf, 0, [...entries, [k, -1]]);
  }
  instance.roles.forEach((role, r) => {
    if (role.min <= 0 && role.max === null) return;
    const entries: Array<[number, number]> = [];
    instance.kinds.forEach((kind, k) => {
      if (kind.role === r) entries.push([k, 1]);
    });
    addRow(role.min, role.max === null ? inf : role.max, entries);
  });
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const entries of rowEntries) {
    entries.sort((a, b) => a[0] - b[0]);
    for (const [c, v] of entries) {
      indices.push(c);
      values.push(v);
    }
    starts.push(indices.length);
  }
  const model = highs.createModel({
    numCols,
    numRows: rowLower.length,
    colCost: [...instance.kinds.map((k) => k.price), ...pairs.map(() => 0)],
    colLower: new Array<number>(numCols).fill(0),
    colUpper: new Array<number>(numCols).fill(inf),
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: rowLower.length, numCols, starts, indices, values },
    integrality: new Int32Array(numCols).fill(1) as Int32Array,
  });
  try {
    silence(model, options);
    model.options.set({ mip_max_nodes: options.mipNodeLimit, time_limit: timeLimitSeconds, mip_rel_gap: 1e-6 } as never);
    model.run();
    const bound = Number(model.info.get('mip_dual_bound'));
    const primal = Number(model.info.get('primal_solution_status'));
    if (primal !== 2) return { bound, machines: null, replicas: [] };
    const values = model.getSolution().colValue;
    const machines = instance.kinds.map((_, k) => Math.round(values[k] ?? 0));
    const replicas = pairs.map(([t, k], j): [number, number, number] => [t, k, Math.round(values[K + j] ?? 0)]);
    return { bound, machines, replicas };
  } finally {
    model.dispose();
  }
}
