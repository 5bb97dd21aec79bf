/**
 * Placement benchmark: four families of instances — uniform small services; mixed CPU-heavy
 * and memory-heavy; anti-affinity-heavy; GPU plus CPU — at 100, 1k, 10k and 50k replicas.
 * Prints for each: cost, lower bound, gap, FFD's cost, the saving against FFD, and time.
 * Targets (issue 7): gap ≤ 2 % up to 10k replicas; ≥ 5 % cheaper than FFD on the mixed
 * family; 10k replicas under 2 s, 50k under 10 s. Prints figures, asserts nothing.
 *
 * Runs on the built package (`npm run build` first): `node bench/place.js [--sizes 100,1000]
 * [--families mixed,gpu] [--time-limit-ms 10000]`. Instances are generated from a fixed seed.
 */
import { fileURLToPath } from 'node:url';
import { placeProblem } from '../dist/place/place.js';
import { decimalToString, parseDecimal } from '../dist/units/decimal.js';

const GiB = 2n ** 30n;
const MiB = 2n ** 20n;

/** A small deterministic generator (mulberry32), so every run places the same instances. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOWHERE = null;

/** Offers: [id, cores, memory GiB, gpus, monthly price]. */
const GENERAL = [
  ['cloud/g-2x8', 2, 8, 0, '70.08'],
  ['cloud/g-4x16', 4, 16, 0, '140.16'],
  ['cloud/g-8x32', 8, 32, 0, '280.32'],
  ['cloud/g-16x64', 16, 64, 0, '560.64'],
];
const COMPUTE = [
  ['cloud/c-2x4', 2, 4, 0, '62.05'],
  ['cloud/c-4x8', 4, 8, 0, '124.10'],
  ['cloud/c-8x16', 8, 16, 0, '248.20'],
  ['cloud/c-16x32', 16, 32, 0, '496.40'],
];
const MEMORY = [
  ['cloud/r-2x16', 2, 16, 0, '91.98'],
  ['cloud/r-4x32', 4, 32, 0, '183.96'],
  ['cloud/r-8x64', 8, 64, 0, '367.92'],
];
const SMALL = [
  ['vps/s-1x2', 1, 2, 0, '6.00'],
  ['vps/s-2x4', 2, 4, 0, '11.00'],
  ['vps/s-4x8', 4, 8, 0, '21.00'],
  ['vps/s-8x16', 8, 16, 0, '40.00'],
  ['vps/s-16x32', 16, 32, 0, '78.00'],
];
const GPU = [
  ['cloud/gpu-1', 8, 32, 1, '383.98'],
  ['cloud/gpu-4', 48, 192, 4, '1664.40'],
  ['cloud/gpu-8', 96, 384, 8, '3328.80'],
];

function problemOf(offers, components) {
  const machines = offers.map(([id, cores, memory, gpus, price]) => {
    const resources = { cpuMillicores: BigInt(cores * 1000), memoryBytes: BigInt(memory) * GiB, diskBytes: null, gpus };
    return { role: 'worker', zone: null, offerId: id, provider: id.split('/')[0], price: { amount: parseDecimal(price), currency: 'USD' }, capacity: resources, allocatable: { ...resources }, origin: 'bench' };
  });
  const groups = components.map((c) => {
    const request = { cpuMillicores: BigInt(c.cpu), memoryBytes: BigInt(c.memoryMiB) * MiB, diskBytes: 0n, gpus: c.gpus ?? 0 };
    const options = machines
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => request.cpuMillicores <= m.allocatable.cpuMillicores && request.memoryBytes <= m.allocatable.memoryBytes && request.gpus <= m.allocatable.gpus)
      .map(({ i }) => i);
    return { component: c.name, label: c.name, count: c.count, request, options, antiAffinity: c.antiAffinity ? c.name : null, at: NOWHERE };
  });
  return { phase: 'bench', currency: 'USD', roles: [{ name: 'worker', min: 0, max: null, candidates: { rule: 'catalog', offers: [] }, at: NOWHERE }], machines, groups, notes: [] };
}

/** Split `total` replicas over components by weight, every component at least one. */
function counts(total, weights) {
  const sum = weights.reduce((s, w) => s + w, 0);
  const out = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  let diff = total - out.reduce((s, n) => s + n, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % out.length) {
    if (diff > 0) {
      out[i] += 1;
      diff -= 1;
    } else if (out[i] > 1) {
      out[i] -= 1;
      diff += 1;
    }
  }
  return out;
}

const FAMILIES = {
  /** 20 small stateless services of similar shape on one provider's general line. */
  uniform(replicas, rnd) {
    const shapes = Array.from({ length: 20 }, (_, i) => ({ name: `svc-${i}`, cpu: 100 + Math.floor(rnd() * 5) * 100, memoryMiB: 128 * (1 + Math.floor(rnd() * 4)) }));
    const n = counts(replicas, shapes.map(() => 1 + rnd()));
    return problemOf(SMALL, shapes.map((s, i) => ({ ...s, count: n[i] })));
  },
  /** CPU-heavy and memory-heavy workers with general, compute- and memory-optimized offers. */
  mixed(replicas, rnd) {
    const shapes = [];
    for (let i = 0; i < 6; i += 1) shapes.push({ name: `cpu-${i}`, cpu: 1000 + Math.floor(rnd() * 6) * 250, memoryMiB: 512 + Math.floor(rnd() * 3) * 256 });
    for (let i = 0; i < 6; i += 1) shapes.push({ name: `mem-${i}`, cpu: 200 + Math.floor(rnd() * 4) * 100, memoryMiB: 4096 + Math.floor(rnd() * 8) * 1024 });
    const n = counts(replicas, shapes.map(() => 1 + rnd()));
    return problemOf([...GENERAL, ...COMPUTE, ...MEMORY], shapes.map((s, i) => ({ ...s, count: n[i] })));
  },
  /** Datastores and quorum members on distinct machines, with stateless fillers. */
  antiAffinity(replicas, rnd) {
    const shapes = [];
    for (let i = 0; i < 8; i += 1) shapes.push({ name: `ha-${i}`, cpu: 500 + Math.floor(rnd() * 4) * 250, memoryMiB: 1024 * (1 + Math.floor(rnd() * 4)), antiAffinity: true, weight: 1 });
    for (let i = 0; i < 8; i += 1) shapes.push({ name: `web-${i}`, cpu: 250 + Math.floor(rnd() * 4) * 125, memoryMiB: 256 * (1 + Math.floor(rnd() * 4)), weight: 2 });
    const n = counts(replicas, shapes.map((s) => s.weight * (1 + rnd())));
    return problemOf([...GENERAL, ...SMALL], shapes.map((s, i) => ({ ...s, count: n[i] })));
  },
  /** GPU trainers and inference beside CPU services. */
  gpu(replicas, rnd) {
    const shapes = [];
    for (let i = 0; i < 4; i += 1) shapes.push({ name: `train-${i}`, cpu: 4000 + Math.floor(rnd() * 3) * 2000, memoryMiB: 16384 + Math.floor(rnd() * 4) * 8192, gpus: 1 + Math.floor(rnd() * 2), weight: 1 });
    for (let i = 0; i < 10; i += 1) shapes.push({ name: `svc-${i}`, cpu: 250 + Math.floor(rnd() * 6) * 250, memoryMiB: 512 * (1 + Math.floor(rnd() * 6)), weight: 6 });
    const n = counts(replicas, shapes.map((s) => s.weight * (1 + rnd())));
    return problemOf([...GENERAL, ...COMPUTE, ...GPU], shapes.map((s, i) => ({ ...s, count: n[i] })));
  },
};

const money = (m) => (m === null ? '—' : `$${Number(decimalToString(m.amount)).toFixed(2)}`);

export async function benchPlace(options = {}) {
  const sizes = options.sizes ?? [100, 1000, 10000, 50000];
  const families = options.families ?? Object.keys(FAMILIES);
  const timeLimitMs = options.timeLimitMs ?? 10_000;
  const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
  const rows = [];
  log('place: family, replicas, cost, lower bound, gap, FFD cost, saving vs FFD, time');
  for (const family of families) {
    for (const size of sizes) {
      const problem = FAMILIES[family](size, random(7 + size));
      const began = performance.now();
      const placed = await placeProblem(problem, { timeLimitMs, randomSeed: 1 });
      const ms = performance.now() - began;
      const row = {
        family,
        replicas: size,
        cost: placed.monthlyCost,
        lowerBound: placed.lowerBound,
        gap: placed.gap,
        ffd: placed.baseline.monthlyCost,
        savingPercent: placed.saving?.percent ?? null,
        ms,
        stoppedBy: placed.solver?.stoppedBy ?? null,
        solution: placed.solver?.solution ?? null,
      };
      rows.push(row);
      const gapText = row.gap === null ? '—' : `${(row.gap * 100).toFixed(2)} %`;
      const flags = [
        size <= 10_000 && row.gap !== null && row.gap > 0.02 ? 'GAP > 2 %' : '',
        family === 'mixed' && (row.savingPercent ?? 0) < 5 ? 'SAVING < 5 %' : '',
        size === 10_000 && ms > 2000 ? 'SLOW (> 2 s)' : '',
        size === 50_000 && ms > 10_000 ? 'SLOW (> 10 s)' : '',
      ].filter(Boolean);
      log(
        `  ${family.padEnd(12)} ${String(size).padStart(6)}  cost ${money(row.cost).padStart(12)}  bound ${money(row.lowerBound).padStart(12)}  gap ${gapText.padStart(7)}  ` +
          `FFD ${money(row.ffd).padStart(12)}  saving ${(row.savingPercent === null ? '—' : `${row.savingPercent.toFixed(2)} %`).padStart(8)}  ` +
          `${(ms / 1000).toFixed(2).padStart(6)} s  ${row.solution}/${row.stoppedBy}${flags.length ? `  ${flags.join(', ')}` : ''}`,
      );
    }
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  await benchPlace({
    sizes: option('--sizes')?.split(',').map(Number),
    families: option('--families')?.split(','),
    timeLimitMs: option('--time-limit-ms') === undefined ? undefined : Number(option('--time-limit-ms')),
  });
}
