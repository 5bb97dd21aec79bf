/**
 * Cheap lower bounds that need no solver. Early in a solve they can beat the solver's own
 * bound, and when the heuristic meets them the solver is not needed at all.
 *
 * Roles linked by a replica type that may run on either are bounded together; separate
 * clusters of roles add up.
 */
import { fitsOnce, type SolverInstance } from './solver-core.js';

export type CheapBoundSource = 'resource-cover' | 'anti-affinity' | 'role-minimum';

export interface CheapBound {
  value: number;
  source: CheapBoundSource;
}

function clusters(instance: SolverInstance): number[][] {
  const parent = instance.roles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const type of instance.types) {
    const roles = [...new Set(type.kinds.map((k) => instance.kinds[k]!.role))];
    for (const r of roles.slice(1)) parent[find(r)] = find(roles[0]!);
  }
  const byRoot = new Map<number, number[]>();
  instance.roles.forEach((_, r) => {
    const root = find(r);
    byRoot.set(root, [...(byRoot.get(root) ?? []), r]);
  });
  return [...byRoot.values()];
}

/**
 * Per cluster of roles, the largest of: its role minimums at their cheapest price; the
 * fractional cover of each resource (total demand × the lowest price per unit of it); and
 * per anti-affinity group, one machine per replica at the cheapest price that holds one.
 */
export function cheapBound(instance: SolverInstance): CheapBound {
  let total = 0;
  const sources = new Map<CheapBoundSource, number>();
  for (const roles of clusters(instance)) {
    const inCluster = new Set(roles);
    const kinds = instance.kinds.map((k, i) => ({ k, i })).filter(({ k }) => inCluster.has(k.role));
    const types = instance.types.filter((t) => t.kinds.some((k) => inCluster.has(instance.kinds[k]!.role)));
    let best = 0;
    let source: CheapBoundSource = 'role-minimum';
    let minimums = 0;
    for (const r of roles) {
      const prices = kinds.filter(({ k }) => k.role === r).map(({ k }) => k.price);
      if (prices.length) minimums += (instance.roles[r]?.min ?? 0) * Math.min(...prices);
    }
    best = minimums;
    const dims = instance.kinds[0]?.capacity.length ?? 0;
    for (let d = 0; d < dims; d += 1) {
      const demand = types.reduce((s, t) => s + t.count * (t.demand[d] ?? 0), 0);
      if (demand <= 0) continue;
      let rate = Infinity;
      for (const { k } of kinds) {
        const cap = k.capacity[d] ?? 0;
        if (!Number.isFinite(cap)) rate = 0;
        else if (cap > 0) rate = Math.min(rate, k.price / cap);
      }
      const value = Number.isFinite(rate) ? demand * rate : 0;
      if (value > best) {
        best = value;
        source = 'resource-cover';
      }
    }
    const groups = new Map<number, { replicas: number; cheapest: number }>();
    for (const t of types) {
      if (t.group < 0) continue;
      const g = groups.get(t.group) ?? { replicas: 0, cheapest: Infinity };
      g.replicas += t.count;
      for (const k of t.kinds) if (fitsOnce(instance.kinds[k]!, t)) g.cheapest = Math.min(g.cheapest, instance.kinds[k]!.price);
      groups.set(t.group, g);
    }
    for (const g of groups.values()) {
      const value = Number.isFinite(g.cheapest) ? g.replicas * g.cheapest : 0;
      if (value > best) {
        best = value;
        source = 'anti-affinity';
      }
    }
    total += best;
    sources.set(source, (sources.get(source) ?? 0) + best);
  }
  // Name the source that carries most of the bound.
  let source: CheapBoundSource = 'role-minimum';
  let most = -1;
  for (const [s, v] of sources) if (v > most) [source, most] = [s, v];
  return { value: total, source };
}
