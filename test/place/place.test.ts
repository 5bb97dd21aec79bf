import { describe, expect, test } from 'vitest';
import { placeProblem, verifyExactly } from '../../src/place/place.js';
import { decimalToString } from '../../src/units/decimal.js';
import { problem } from './helpers.js';

const settings = { timeLimitMs: 20_000, randomSeed: 1 };
const amount = (m: { amount: Parameters<typeof decimalToString>[0] } | null) => (m === null ? null : decimalToString(m.amount, 2));

describe('placement with a known optimum', () => {
  test('a large machine beats two small ones when it is cheaper per replica', async () => {
    // 4 replicas of 1 core: two 2-core machines cost 2×12 = 24, one 4-core machine 20.
    const placed = await placeProblem(
      problem({ offers: [{ id: 'p/small', cpu: 2000, memory: 4, price: '12' }, { id: 'p/large', cpu: 4000, memory: 8, price: '20' }], groups: [{ component: 'api', count: 4, cpu: 1000, memory: 1 }] }),
      settings,
    );
    expect(placed.machines.map((m) => [m.offer, m.count])).toEqual([['p/large', 1]]);
    expect(amount(placed.monthlyCost)).toBe('20.00');
    expect(amount(placed.lowerBound)).toBe('20.00');
    expect(placed.gap).toBe(0);
  });

  test('anti-affinity puts replicas on distinct machines, and the bound knows it', async () => {
    // 3 replicas that would share one big machine must take 3 machines: 3 × the cheapest (10).
    const placed = await placeProblem(
      problem({ offers: [{ id: 'p/small', cpu: 1000, memory: 2, price: '10' }, { id: 'p/large', cpu: 8000, memory: 16, price: '25' }], groups: [{ component: 'db', count: 3, cpu: 500, memory: 1, antiAffinity: true }] }),
      settings,
    );
    expect(placed.machines.map((m) => [m.offer, m.count])).toEqual([['p/small', 3]]);
    expect(amount(placed.monthlyCost)).toBe('30.00');
    expect(placed.gap).toBe(0);
    expect(placed.assignments.every((a) => a.replicas.every((r) => r.count === 1))).toBe(true);
  });

  test('a role minimum buys machines even when nothing needs them', async () => {
    const placed = await placeProblem(
      problem({ offers: [{ id: 'p/a', cpu: 2000, memory: 4, price: '7.50' }, { id: 'p/b', cpu: 4000, memory: 8, price: '9' }], roles: [{ name: 'worker', min: 3 }], groups: [] }),
      settings,
    );
    expect(placed.machines.map((m) => [m.offer, m.count])).toEqual([['p/a', 3]]);
    expect(amount(placed.monthlyCost)).toBe('22.50');
    expect(placed.boundSource).toBe('role-minimum');
  });

  test('GPU replicas go to the GPU offer and CPU replicas to the cheap one', async () => {
    const placed = await placeProblem(
      problem({
        offers: [{ id: 'p/cpu', cpu: 4000, memory: 16, price: '20' }, { id: 'p/gpu', cpu: 8000, memory: 32, price: '300', gpus: 1 }],
        groups: [{ component: 'trainer', count: 2, cpu: 2000, memory: 8, gpus: 1 }, { component: 'web', count: 4, cpu: 2000, memory: 4 }],
      }),
      settings,
    );
    // Each GPU machine holds one trainer and has 6 cores left: web replicas fill them (3 each).
    expect(amount(placed.monthlyCost)).toBe('600.00');
    expect(placed.machines.map((m) => [m.offer, m.count])).toEqual([['p/gpu', 2]]);
    expect(placed.gap).toBe(0);
  });

  test('mixed CPU-heavy and memory-heavy replicas pair up, one of each per machine', async () => {
    // 4 CPU-heavy (3 cores, 1 GiB) + 4 memory-heavy (0.5 core, 12 GiB); 4 cores/16 GiB for 40.
    // One of each fills a machine: 4 machines (160); neither kind alone packs better.
    const placed = await placeProblem(
      problem({
        offers: [{ id: 'p/m', cpu: 4000, memory: 16, price: '40' }, { id: 'p/c', cpu: 8000, memory: 8, price: '45' }],
        groups: [{ component: 'cpu-heavy', count: 4, cpu: 3000, memory: 1 }, { component: 'memory-heavy', count: 4, cpu: 500, memory: 12 }],
      }),
      settings,
    );
    expect(amount(placed.monthlyCost)).toBe('160.00');
    expect(placed.gap).toBe(0);
  });
});

describe('planted instances', () => {
  // Machines filled exactly in both CPU and memory, prices linear in capacity (1 per core and
  // 0.25 per GiB): the planted cost equals the LP bound, so the solver must find it and prove it.
  test.each([
    ['two sizes, exact pairs', 6, 3],
    ['many machines', 40, 25],
  ])('%s: cost equals the planted cost and the bound', async (_name, big, small) => {
    const p = problem({
      offers: [{ id: 'p/big', cpu: 8000, memory: 32, price: '16' }, { id: 'p/small', cpu: 2000, memory: 8, price: '4' }],
      groups: [
        // a big machine holds 1 × (6 cores, 8 GiB) + 1 × (2 cores, 24 GiB); a small one 2 × (1 core, 4 GiB)
        { component: 'a', count: big, cpu: 6000, memory: 8 },
        { component: 'b', count: big, cpu: 2000, memory: 24 },
        { component: 'c', count: small * 2, cpu: 1000, memory: 4 },
      ],
    });
    const placed = await placeProblem(p, settings);
    const planted = big * 16 + small * 4;
    expect(amount(placed.monthlyCost)).toBe(`${planted}.00`);
    expect(amount(placed.lowerBound)).toBe(`${planted}.00`);
    expect(placed.gap).toBe(0);
  });
});

describe('answers', () => {
  const mixed = () =>
    problem({
      offers: [
        { id: 'p/2x4', cpu: 2000, memory: 4, price: '20' },
        { id: 'p/4x8', cpu: 4000, memory: 8, price: '38' },
        { id: 'p/2x16', cpu: 2000, memory: 16, price: '45' },
        { id: 'p/8x8', cpu: 8000, memory: 8, price: '60' },
      ],
      groups: [
        { component: 'w1', count: 9, cpu: 1500, memory: 1 },
        { component: 'w2', count: 7, cpu: 250, memory: 3 },
        { component: 'w3', count: 5, cpu: 500, memory: 6 },
        { component: 'w4', count: 6, cpu: 1000, memory: 0.5 },
      ],
    });

  test('are never above the first-fit-decreasing baseline, and pass the exact check', async () => {
    const p = mixed();
    const placed = await placeProblem(p, settings);
    expect(placed.baseline.monthlyCost).not.toBeNull();
    expect(Number(amount(placed.monthlyCost))).toBeLessThanOrEqual(Number(amount(placed.baseline.monthlyCost)));
    expect(verifyExactly(p, placed.numeric, placed.uses)).toBeNull();
    expect(placed.gap).toBeLessThanOrEqual(0.02);
  });

  test('are the same for the same input', async () => {
    const first = await placeProblem(mixed(), settings);
    const second = await placeProblem(mixed(), settings);
    const strip = (x: typeof first) => JSON.stringify({ m: x.machines, a: x.assignments, c: x.monthlyCost, b: x.lowerBound }, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect(strip(second)).toBe(strip(first));
  });

  test('still come, with a bound, when the time limit stops the solver', async () => {
    const p = mixed();
    const placed = await placeProblem(p, { timeLimitMs: 1, randomSeed: 1 });
    expect(placed.monthlyCost).not.toBeNull();
    expect(placed.lowerBound).not.toBeNull();
    expect(['time-limit', 'not-needed']).toContain(placed.solver?.stoppedBy);
    expect(verifyExactly(p, placed.numeric, placed.uses)).toBeNull();
  });
});
