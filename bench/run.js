/**
 * `npm run bench`: read + parse + validate + plan of synthetic specs of 1k, 10k and 50k
 * components (bench/generate.js), each run in its own child process (bench/child.js) so
 * that peak RSS is that run's alone; then lint with every rule on the 10k and 50k specs,
 * timed per rule; generate every target at 10k; a role preflight against testinfra
 * (bench/preflight.js); placement on four families against first-fit-decreasing
 * (bench/place.js). Prints figures, asserts nothing: the machine is small and noisy.
 *
 * Options:
 *   --only specs,preflight,place   run only these parts (default: all)
 *   --sizes 1000,10000     other sizes
 *   --runs N               runs per size (default 3; 50k: 3 if the first is fast, else 1)
 *   --profile DIR          also write a V8 CPU profile of one run per size into DIR
 *   --keep                 keep the generated specs (printed paths)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateSpec } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'child.js');

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const sizes = (option('--sizes') ?? '1000,10000,50000').split(',').map(Number);
const runsOption = option('--runs') === undefined ? undefined : Number(option('--runs'));
const profileDir = option('--profile');
const keep = args.includes('--keep');
const PARTS = ['specs', 'preflight', 'place'];
const parts = new Set((option('--only') ?? PARTS.join(',')).split(','));
for (const part of parts) if (!PARTS.includes(part)) throw new Error(`--only: unknown part \`${part}\` (parts: ${PARTS.join(', ')})`);

const TARGETS = { 10000: 1500, 50000: 8000 };
const LINT_TARGET_10K_MS = 2000;
const GENERATE_TARGET_10K_MS = 3000;
/**
 * 50k is 5× the components of 10k: linear is 5×, n·log n about 5.9×, quadratic 25×. Memory and
 * garbage-collection effects push linear rules to 6–8× on this machine, so a rule is flagged
 * when it grows more than 10×.
 */
const SUPERLINEAR_RATIO = 10;
const RSS_TARGET_MB = 1024;
/** Above this, a 50k run is not repeated (keeps the whole bench under ~3 minutes). */
const REPEAT_IF_UNDER_MS = 12_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function runChild(mode, file, extraNodeArgs = []) {
  const result = spawnSync(process.execPath, [...extraNodeArgs, child, mode, file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const last = (result.stdout ?? '').trim().split('\n').pop() ?? '';
  let parsed;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`bench child failed (exit ${result.status}, signal ${result.signal}):\n${result.stderr}`);
  }
  if (parsed.error) throw new Error(parsed.error);
  return parsed;
}

const started = performance.now();
console.log(`infraspec bench — Node ${process.version}, ${process.platform}/${process.arch}`);
if (parts.has('specs')) benchSpecs();

function benchSpecs() {
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-bench-'));
  const rows = [];
  const breakdowns = [];
  const lintRows = [];
  let generateRow = null;
  try {
    console.log(`specs in ${dir}\n`);
    for (const n of sizes) {
      const g0 = performance.now();
      const spec = generateSpec(n);
      const file = join(dir, `synthetic-${n}.yaml`);
      writeFileSync(file, spec.text);
      const genMs = performance.now() - g0;
      const sizeMb = statSync(file).size / 1e6;
      process.stderr.write(`  n=${n}: generated ${sizeMb.toFixed(1)} MB in ${genMs.toFixed(0)} ms; running`);
      const wanted = runsOption ?? 3;
      const runs = [];
      for (let r = 0; r < wanted; r++) {
        const run = runChild('total', file);
        if (run.diagnostics !== 0) throw new Error(`n=${n}: expected 0 diagnostics, got ${run.diagnostics}`);
        runs.push(run);
        process.stderr.write('.');
        if (runsOption === undefined && n >= 50_000 && run.totalMs > REPEAT_IF_UNDER_MS) break;
      }
      const breakdown = runChild('breakdown', file);
      const events = runChild('events', file);
      breakdowns.push({ n, ...breakdown, yamlEventsMs: events.yamlEventsMs, eventCount: events.eventCount, eventsPeakRssMb: events.peakRssMb });
      process.stderr.write('b');
      if (n >= 10_000) {
        const lintRuns = [];
        for (let r = 0; r < (n >= 50_000 ? 1 : 3); r++) {
          lintRuns.push(runChild('lint', file));
          process.stderr.write('l');
        }
        const pick = lintRuns.sort((a, b) => a.lintMs - b.lintMs)[lintRuns.length >> 1];
        lintRows.push({ n, ...pick });
      }
      if (n === 10_000) {
        const generateRuns = [];
        for (let r = 0; r < 3; r++) {
          generateRuns.push(runChild('generate', file));
          process.stderr.write('g');
        }
        generateRow = { n, ...generateRuns.sort((a, b) => a.generateMs - b.generateMs)[1] };
      }
      if (profileDir) {
        runChild('total', file, ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `infraspec-${n}.cpuprofile`]);
        process.stderr.write('p');
      }
      process.stderr.write('\n');
      rows.push({
        n,
        sizeMb,
        runs: runs.length,
        parseValidateMs: median(runs.map((r) => r.parseValidateMs)),
        planMs: median(runs.map((r) => r.planMs)),
        totalMs: median(runs.map((r) => r.totalMs)),
        peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
      });
    }
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  // ── the table ──
  const table = [
    ['N', 'file MB', 'runs', 'parse+validate ms', 'plan ms', 'total ms', 'peak RSS MB'],
    ...rows.map((r) => [r.n.toLocaleString('en-US'), r.sizeMb.toFixed(1), String(r.runs), r.parseValidateMs.toFixed(0), r.planMs.toFixed(0), r.totalMs.toFixed(0), r.peakRssMb.toFixed(0)]),
  ];
  printTable(table);
  console.log('(median of the runs; peak RSS is the largest of them; each run is a fresh process)\n');

  const byN = new Map(rows.map((r) => [r.n, r]));
  if (byN.has(10000) && byN.has(50000)) {
    const ratio = byN.get(50000).totalMs / byN.get(10000).totalMs;
    console.log(`10k → 50k total time ratio: ${ratio.toFixed(2)} (linear would be 5.0)\n`);
  }

  console.log('targets');
  for (const [n, limit] of Object.entries(TARGETS)) {
    const row = byN.get(Number(n));
    if (!row) continue;
    console.log(`  ${Number(n).toLocaleString('en-US').padStart(6)} components < ${(limit / 1000).toFixed(1)} s   ${(row.totalMs / 1000).toFixed(2)} s   ${row.totalMs < limit ? 'PASS' : 'MISS'}`);
  }
  const maxRss = Math.max(...rows.map((r) => r.peakRssMb));
  console.log(`  peak RSS < ${RSS_TARGET_MB} MB          ${maxRss.toFixed(0)} MB   ${maxRss < RSS_TARGET_MB ? 'PASS' : 'MISS'}\n`);

  // ── stage breakdown ──
  console.log('stages (one run each, cold; YAML events = js-yaml parseEvents alone, in its own process;');
  console.log('YAML construct = loadYaml − YAML events: values, positions, anchors, duplicate keys)');
  const stageTable = [['N', 'read+decode', 'YAML events', 'YAML construct', 'zod shape', 'normalize', 'plan', 'sum ms', 'events', 'RSS events only', 'peak RSS MB']];
  for (const b of breakdowns) {
    const s = b.stages;
    const sum = s.read + s.decodeUtf8 + s.yamlLoad + s.shape + s.normalize + s.plan;
    stageTable.push([
      b.n.toLocaleString('en-US'),
      (s.read + s.decodeUtf8).toFixed(0),
      b.yamlEventsMs.toFixed(0),
      Math.max(0, s.yamlLoad - b.yamlEventsMs).toFixed(0),
      s.shape.toFixed(0),
      s.normalize.toFixed(0),
      s.plan.toFixed(0),
      sum.toFixed(0),
      b.eventCount.toLocaleString('en-US'),
      b.eventsPeakRssMb.toFixed(0),
      b.peakRssMb.toFixed(0),
    ]);
  }
  printTable(stageTable);

  // ── lint ──
  if (lintRows.length) {
    console.log('\nlint with every rule (median of 3 at 10k, one run at 50k; load = loadSpec, as in the table above)');
    printTable([
      ['N', 'rules', 'findings', 'load ms', 'lint ms', 'total ms', 'peak RSS MB'],
      ...lintRows.map((r) => [r.n.toLocaleString('en-US'), String(r.rules), String(r.findings), r.loadMs.toFixed(0), r.lintMs.toFixed(0), r.totalMs.toFixed(0), r.peakRssMb.toFixed(0)]),
    ]);
    const at10k = lintRows.find((r) => r.n === 10000);
    const at50k = lintRows.find((r) => r.n === 50000);
    if (at10k) console.log(`  lint of 10,000 components < ${(LINT_TARGET_10K_MS / 1000).toFixed(1)} s   ${(at10k.lintMs / 1000).toFixed(2)} s   ${at10k.lintMs < LINT_TARGET_10K_MS ? 'PASS' : 'MISS'}   (whole command with loading: ${(at10k.totalMs / 1000).toFixed(2)} s)`);
    const largest = at50k ?? at10k;
    const base = new Map((at10k?.timings ?? []).map((t) => [t.rule, t.ms]));
    const slowest = [...largest.timings].sort((a, b) => b.ms - a.ms).slice(0, 10);
    console.log(`\nslowest rules at ${largest.n.toLocaleString('en-US')} components${at50k && at10k ? ' (growth 10k → 50k; linear is 5×, quadratic 25×)' : ''}`);
    const superLinear = [];
    if (!at50k || !at10k) printTable([['rule', 'ms'], ...slowest.map((t) => [t.rule, t.ms.toFixed(1)])]);
    else printTable([
      ['rule', '10k ms', '50k ms', 'growth'],
      ...slowest.map((t) => {
        const small = base.get(t.rule);
        const growth = small && small > 1 ? t.ms / small : null;
        if (growth !== null && growth > SUPERLINEAR_RATIO && t.ms > 20) superLinear.push(t.rule);
        return [t.rule, small === undefined ? '-' : small.toFixed(1), t.ms.toFixed(1), growth === null ? '-' : `${growth.toFixed(1)}×`];
      }),
    ]);
    console.log(superLinear.length ? `  super-linear: ${superLinear.join(', ')}` : '  no rule grows super-linearly (each ≤ 10× from 10k to 50k, or under 20 ms; quadratic would be 25×)');
  }

  // ── generate ──
  if (generateRow) {
    console.log(`\ngenerate every target for ${generateRow.n.toLocaleString('en-US')} components, in memory (median of 3; each target alone, then all in one run as \`--target all\`)`);
    printTable([['target', 'files', 'ms'], ...generateRow.targets.map((t) => [t.target, t.files.toLocaleString('en-US'), t.ms.toFixed(0)]), ['all', generateRow.files.toLocaleString('en-US'), generateRow.generateMs.toFixed(0)]]);
    console.log(`  generate all targets < ${(GENERATE_TARGET_10K_MS / 1000).toFixed(1)} s   ${(generateRow.generateMs / 1000).toFixed(2)} s   ${generateRow.generateMs < GENERATE_TARGET_10K_MS ? 'PASS' : 'MISS'}   (${(generateRow.bytes / 1e6).toFixed(1)} MB; with loading: ${((generateRow.loadMs + generateRow.generateMs) / 1000).toFixed(2)} s)`);
  }
}

if (parts.has('preflight')) {
  console.log('');
  const { benchPreflight } = await import('./preflight.js');
  await benchPreflight({ runs: 10 });
}

if (parts.has('place')) {
  console.log('');
  const { benchPlace } = await import('./place.js');
  await benchPlace();
}

if (profileDir) console.log(`\nCPU profiles in ${profileDir} (open in Chrome DevTools → Performance)`);
console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);

function printTable(rowsOfCells) {
  const widths = rowsOfCells[0].map((_, i) => Math.max(...rowsOfCells.map((row) => row[i].length)));
  rowsOfCells.forEach((row, k) => {
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}
