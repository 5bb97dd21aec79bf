import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { placeProblem } from '../../src/place/place.js';
import { decimalToString } from '../../src/units/decimal.js';
import { problem, type GroupSpec, type OfferSpec } from './helpers.js';

/**
 * The cheapest placement by brute force: every replica, in turn, onto every open machine
 * it fits or onto a new machine of every offer; branches that already cost more than the
 * best are cut. Written independently of the solver (no patterns, no LP).
 */
function bruteForce(offers: OfferSpec[], groups: GroupSpec[], minMachines: number): number {
  const replicas = groups.flatMap((g, gi) => Array.from({ length: g.count }, () => gi));
  const prices = offers.map((o) => Number(o.price));
  const cheapest = Math.min(...prices);
  interface Open { offer: number; cpu: number; memory: number; groups: Set<number> }
  let best = Infinity;
  const open: Open[] = [];
  const walk = (i: number, cost: number): void => {
    const total = cost + Math.max(0, minMachines - open.length) * cheapest;
    if (total >= best) return;
    if (i === replicas.length) {
      best = total;
      return;
    }
    const gi = replicas[i]!;
    const g = groups[gi]!;
    const fits = (m: Open) => m.cpu + g.cpu <= offers[m.offer]!.cpu && m.memory + g.memory <= offers[m.offer]!.memory && !(g.antiAffinity && m.groups.has(gi));
    for (const m of open) {
      if (!fits(m)) continue;
      m.cpu += g.cpu;
      m.memory += g.memory;
      const had = m.groups.has(gi);
      m.groups.add(gi);
      walk(i + 1, cost);
      m.cpu -= g.cpu;
      m.memory -= g.memory;
      if (!had) m.groups.delete(gi);
    }
    offers.forEach((o, oi) => {
      if (g.cpu > o.cpu || g.memory > o.memory) return;
      open.push({ offer: oi, cpu: g.cpu, memory: g.memory, groups: new Set([gi]) });
      walk(i + 1, cost + prices[oi]!);
      open.pop();
    });
  };
  walk(0, 0);
  return best;
}

const offerArb = fc.record({
  cpu: fc.constantFrom(1000, 2000, 3000, 4000),
  memory: fc.constantFrom(2, 4, 8),
  price: fc.integer({ min: 3, max: 40 }),
});
const groupArb = fc.record({
  count: fc.integer({ min: 1, max: 3 }),
  cpu: fc.constantFrom(250, 500, 1000, 1500, 2000),
  memory: fc.constantFrom(0.5, 1, 2, 3, 4),
  antiAffinity: fc.boolean(),
});

describe('placement on random tiny instances', () => {
  test('costs exactly what brute-force enumeration finds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(offerArb, { minLength: 1, maxLength: 3 }),
        fc.array(groupArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        async (offerList, groupList, minMachines) => {
          const offers: OfferSpec[] = offerList.map((o, i) => ({ id: `p/o${i}`, cpu: o.cpu, memory: o.memory, price: String(o.price) }));
          const groups: GroupSpec[] = groupList.map((g, i) => ({ component: `c${i}`, ...g }));
          // Keep instances that fit somewhere and stay small enough to enumerate.
          fc.pre(groups.every((g) => offers.some((o) => g.cpu <= o.cpu && g.memory <= o.memory)));
          fc.pre(groups.reduce((s, g) => s + g.count, 0) <= 6);
          const expected = bruteForce(offers, groups, minMachines);
          const placed = await placeProblem(problem({ offers, groups, roles: [{ name: 'worker', min: minMachines }] }), { timeLimitMs: 20_000, randomSeed: 1 });
          expect(placed.monthlyCost && Number(decimalToString(placed.monthlyCost.amount))).toBe(expected);
          expect(placed.gap).toBe(0);
        },
      ),
      { numRuns: 40, seed: 20261123 },
    );
  }, 300_000);
});
