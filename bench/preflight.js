/**
 * Preflight against its peer: the median wall time of `infraspec preflight` for
 * examples/senex-trader's app-server (--offline) as a whole process, and of the same
 * checks written by hand for testinfra (bench/preflight_testinfra.py, run with Debian's
 * python3-testinfra under pytest), side by side, with their ratio. Both run the same
 * programs (podman, python3, psql… --version; the package database); both fail where the
 * host misses the spec: the bench times the runs, not the verdicts.
 *
 * Runnable alone: `node bench/preflight.js [--runs N]` (build first: `npx tsc -p tsconfig.json`).
 * Prints figures and asserts nothing: the machine is small and shared.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const TARGET_MS = 300;
const TARGET_RATIO = 5;

/**
 * What the role's checks make the host do, whoever runs them: the programs (software versions,
 * the package database, time sync; the ones this machine lacks fail fast) and the files read.
 * Bare Node doing exactly this, concurrently and nothing else, is the floor under infraspec.
 */
const PROGRAMS = [
  ['podman', '--version'],
  ['python3', '--version'],
  ['psql', '--version'],
  ['rclone', 'version'],
  ['rsync', '--version'],
  ['dpkg-query', '-W', '-f=${Package}\t${Version}\t${db:Status-Abbrev}\n'],
  ['timedatectl', 'show', '--property=NTPSynchronized', '--value'],
  ['chronyc', '-n', 'tracking'],
];
const FILES = ['/etc/os-release', '/proc/meminfo', '/proc/self/mounts', '/etc/passwd', '/etc/group', '/etc/subuid', '/etc/subgid', '/etc/resolv.conf'];

// The floor as a script for `node -e`: run every program and read every file at once, wait for all.
const FLOOR_SCRIPT = `
const { execFile } = require('node:child_process');
const { readFile } = require('node:fs/promises');
const [programs, files] = JSON.parse(process.argv[1]);
const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
Promise.all([
  ...programs.map(([file, ...args]) => new Promise((done) => execFile(file, args, { env }, () => done()))),
  ...files.map((path) => readFile(path, 'utf8').catch(() => null)),
]);
`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Each side keeps its compiled code between runs, as it does on an operator's machine: Node its
// compile cache (bin/infraspec.js turns it on), Python its __pycache__ (which this sandbox turns
// off by default with PYTHONDONTWRITEBYTECODE; pytest's rewritten test module lands there too).
const peerEnv = { ...process.env, NO_COLOR: '1' };
delete peerEnv.PYTHONDONTWRITEBYTECODE;
delete peerEnv.NODE_DISABLE_COMPILE_CACHE;

function timed(command, args) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: peerEnv, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export async function benchPreflight({ runs = 10 } = {}) {
  const infraspecArgs = [join(root, 'bin', 'infraspec.js'), 'preflight', 'examples/senex-trader', '--role', 'app-server', '--offline', '--json'];
  const testinfraArgs = ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', join('bench', 'preflight_testinfra.py')];

  // One warm-up each: the page cache and both code caches, not the first run's disk reads and
  // compiles, are what an operator re-running sees.
  const warm = timed(process.execPath, infraspecArgs);
  if (warm.status !== 0 && warm.status !== 1) throw new Error(`infraspec preflight failed (exit ${warm.status}):\n${warm.stderr}`);
  const checks = JSON.parse(warm.stdout).results.length;
  const warmPeer = timed('/usr/bin/python3', testinfraArgs);
  const peerTests = /(\d+) failed/.exec(warmPeer.stdout)?.[1] ?? '0';
  const peerPassed = /(\d+) passed/.exec(warmPeer.stdout)?.[1] ?? '0';

  const ours = [];
  const theirs = [];
  // Interleaved, so that a burst of load on the shared machine hits both sides alike.
  for (let i = 0; i < runs; i++) {
    ours.push(timed(process.execPath, infraspecArgs).ms);
    theirs.push(timed('/usr/bin/python3', testinfraArgs).ms);
  }
  const infraspecMs = median(ours);
  const testinfraMs = median(theirs);

  // The floor under both: Node starting and exiting; the slowest program both sides run, alone; and
  // bare Node running all the programs and reading all the files at once (they share the cores),
  // which bounds the ratio any Node tool could reach on this machine.
  const nodeAlone = median(Array.from({ length: runs }, () => timed(process.execPath, ['-e', '0']).ms));
  // A program this machine lacks fails at once (the checks say so): it cannot be the slowest.
  const installed = PROGRAMS.filter((argv) => spawnSync(argv[0], argv.slice(1), { env: peerEnv, stdio: 'ignore' }).error === undefined);
  const programs = installed.map((argv) => ({ argv, ms: median(Array.from({ length: runs }, () => timed(argv[0], argv.slice(1)).ms)) }));
  const slowest = programs.reduce((a, b) => (b.ms > a.ms ? b : a));
  const bare = median(Array.from({ length: runs }, () => timed(process.execPath, ['-e', FLOOR_SCRIPT, JSON.stringify([PROGRAMS, FILES])]).ms));
  const figures = {
    runs,
    node: process.version,
    checks,
    testinfraTests: Number(peerTests) + Number(peerPassed),
    infraspecMedianMs: Math.round(infraspecMs),
    testinfraMedianMs: Math.round(testinfraMs),
    ratio: Number((testinfraMs / infraspecMs).toFixed(2)),
    floor: {
      nodeStartMs: Math.round(nodeAlone),
      slowestProgram: slowest.argv.join(' '),
      slowestProgramMs: Math.round(slowest.ms),
      bareNodeMs: Math.round(bare),
      bestRatio: Number((testinfraMs / bare).toFixed(2)),
    },
    targets: { underMs: TARGET_MS, atLeastRatio: TARGET_RATIO },
  };
  console.log(`preflight: senex-trader app-server, ${checks} checks, whole process, median of ${runs} (node ${process.version})`);
  console.log(`  infraspec preflight  ${String(figures.infraspecMedianMs).padStart(6)} ms   target < ${TARGET_MS} ms: ${infraspecMs < TARGET_MS ? 'met' : 'NOT met'}`);
  console.log(`  testinfra + pytest   ${String(figures.testinfraMedianMs).padStart(6)} ms   (${figures.testinfraTests} tests, bench/preflight_testinfra.py)`);
  console.log(`  ratio                ${String(figures.ratio).padStart(6)} ×    target ≥ ${TARGET_RATIO}×: ${figures.ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`);
  console.log(`  floor: node -e 0 ${figures.floor.nodeStartMs} ms; slowest program alone: \`${figures.floor.slowestProgram}\` ${figures.floor.slowestProgramMs} ms`);
  console.log(`         bare Node running the same ${PROGRAMS.length} programs and reading the same ${FILES.length} files at once: ${figures.floor.bareNodeMs} ms (at best ${figures.floor.bestRatio} × testinfra)`);
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  await benchPreflight({ runs: i === -1 ? 10 : Number(process.argv[i + 1]) });
}
