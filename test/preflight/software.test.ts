import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../src/preflight/software/index.js';
import { fakeBin, result, roleSpec, runHost } from './support.js';

/** Fake tools answer as the real ones do; PATH holds only them and /bin (for `sh`). */
const OLD_PODMAN = fakeBin({ podman: 'echo "podman version 4.3.1"' });
const NEW_PODMAN = fakeBin({ podman: 'echo "podman version 5.2.0"' });
const TWO_GPUS = fakeBin({
  'nvidia-smi': [
    'case "$1" in',
    '  --query-gpu=name,memory.total,driver_version) printf "NVIDIA A100-SXM4-40GB, 40960, 535.129.03\\nNVIDIA A100-SXM4-40GB, 40960, 535.129.03\\n" ;;',
    '  --query-gpu=driver_version) printf "535.129.03\\n535.129.03\\n" ;;',
    '  *) echo "unexpected arguments: $*" >&2; exit 2 ;;',
    'esac',
  ].join('\n'),
});
const SLOW = fakeBin({ podman: 'sleep 5' });
const path = (dir: string) => `${dir}:/bin`;

const podmanRole = 'minimum:\n  software:\n    podman: { version: { minimum: 4.4+, recommended: 5.0+ } }';

describe('software versions', () => {
  it("fails Debian 12's own podman 4.3.1 against podman >= 4.4", async () => {
    // The machine's podman, read independently: Debian 12 ships 4.3.1.
    expect(execFileSync('podman', ['--version'], { encoding: 'utf8' }).trim()).toBe('podman version 4.3.1');
    const report = await runHost(roleSpec('minimum:\n  software:\n    podman: ">=4.4"'));
    expect(result(report, 'software.podman')).toMatchObject({ status: 'fail', measured: '4.3.1', minimum: '4.4 or later' });
  });

  it('fails an old podman and passes a new one on a fake PATH', async () => {
    const old = await runHost(roleSpec(podmanRole), { path: path(OLD_PODMAN) });
    expect(result(old, 'software.podman')).toMatchObject({ status: 'fail', measured: '4.3.1' });
    const fresh = await runHost(roleSpec(podmanRole), { path: path(NEW_PODMAN) });
    expect(result(fresh, 'software.podman')).toMatchObject({ status: 'pass', measured: '5.2.0', recommended: '5.0 or later' });
  });

  it('warns when the minimum is met but the recommended version is not', async () => {
    const report = await runHost(roleSpec('minimum:\n  software:\n    podman: { version: { minimum: 4.4+, recommended: 5.3+ } }'), { path: path(NEW_PODMAN) });
    expect(result(report, 'software.podman').status).toBe('warn');
  });

  it('reads a recommendation written under `recommended:` for a tool the minimum names', async () => {
    const report = await runHost(roleSpec('minimum:\n  software: { podman: 4.0+ }\nrecommended:\n  software: { podman: 5.3+ }'), { path: path(NEW_PODMAN) });
    expect(result(report, 'software.podman')).toMatchObject({ status: 'warn', recommended: '5.3 or later' });
  });

  it('reads a bare version as that version or later, as the service probes do', async () => {
    const fresh = await runHost(roleSpec('minimum:\n  software: { podman: "4.4" }\nrecommended:\n  software: { podman: "5.1" }'), { path: path(NEW_PODMAN) });
    expect(result(fresh, 'software.podman')).toMatchObject({ status: 'pass', measured: '5.2.0' });
    const old = await runHost(roleSpec('minimum:\n  software: { podman: "4.4" }'), { path: path(OLD_PODMAN) });
    expect(result(old, 'software.podman')).toMatchObject({ status: 'fail', measured: '4.3.1' });
  });

  it('fails a missing required tool and skips a missing optional one', async () => {
    const report = await runHost(roleSpec('minimum:\n  software:\n    juicefs: 1.1+\n    k3s: { version: 1.28+, optional: true }'), { path: path(OLD_PODMAN) });
    expect(result(report, 'software.juicefs')).toMatchObject({ status: 'fail', measured: null });
    expect(result(report, 'software.k3s').status).toBe('skip');
    expect(result(report, 'software.k3s').message).toContain('optional');
  });

  it('gives a tool that hangs an error at its timeout instead of hanging the run', async () => {
    const started = Date.now();
    const report = await runHost(roleSpec(podmanRole), { path: path(SLOW), timeoutMs: 300 });
    expect(result(report, 'software.podman').status).toBe('error');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it.each([
    ['docker', 'Docker version 24.0.7, build afdd53b', '', '24.0.7'],
    ['k3s', 'k3s version v1.28.5+k3s1 (5b2d1271)\ngo version go1.20.12', '', 'v1.28.5+k3s1'],
    ['kubectl', '{"clientVersion":{"major":"1","minor":"29","gitVersion":"v1.29.2"}}', '', '1.29.2'],
    ['postgres', 'postgres (PostgreSQL) 15.5 (Debian 15.5-0+deb12u1)', '', '15.5'],
    ['PostgreSQL', 'postgres (PostgreSQL) 16.2', '', '16.2'],
    ['psql', 'psql (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)', '', '15.18'],
    ['redis', 'Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=c4a5c8ae', '', '7.0.15'],
    ['clickhouse', 'ClickHouse server version 24.3.2.23 (official build).', '', '24.3.2.23'],
    ['juicefs', 'juicefs version 1.1.2+2024-02-04.8dbd89a', '', '1.1.2'],
    ['python3', 'Python 3.11.2', '', '3.11.2'],
    ['python', '', 'Python 2.7.18', '2.7.18'],
    ['node', 'v20.20.2', '', '20.20.2'],
    ['ansible', 'ansible [core 2.14.3]\n  config file = None', '', '2.14.3'],
    ['nginx', '', 'nginx version: nginx/1.22.1', '1.22.1'],
    ['caddy', 'v2.7.6 h1:w0NymbG2m9PcvKWsrXO6EEkY9Ru4FJK8uQbYcev1p3A=', '', '2.7.6'],
    ['nvidia-smi', '535.129.03\n535.129.03', '', '535.129.03'],
    ['rclone', 'rclone v1.60.1-DEV\n- os/version: debian 12', '', '1.60.1-DEV'],
    ['rsync', 'rsync  version 3.2.7  protocol version 31', '', '3.2.7'],
    ['git', 'git version 2.39.2', '', '2.39.2'],
    ['some-tool', 'some-tool 0.9.1 (linux/amd64)', '', '0.9.1'],
  ])('the %s adapter reads the version of `%s`', (name, stdout, stderr, expected) => {
    expect(adapterFor(name).parse(stdout, stderr)?.raw).toBe(expected);
  });
});

describe('gpu via nvidia-smi', () => {
  it('counts two GPUs and reads their model, memory and driver from the CSV query', async () => {
    const spec = roleSpec('minimum:\n  gpu: { count: 2, vendor: nvidia, model: A100, memory: 40GiB, driver: 535+ }\nrecommended:\n  gpu: { count: 4 }');
    const report = await runHost(spec, { path: path(TWO_GPUS) });
    expect(result(report, 'gpu.count')).toMatchObject({ status: 'warn', measured: '2', minimum: '2', recommended: '4' });
    expect(result(report, 'gpu.model').status).toBe('pass');
    expect(result(report, 'gpu.memory')).toMatchObject({ status: 'pass', measured: '40 GiB' });
    expect(result(report, 'gpu.driver')).toMatchObject({ status: 'pass', measured: '535.129.03' });
  });

  it('fails the count when nvidia-smi is missing, and a driver or memory above what the GPUs have', async () => {
    const none = await runHost(roleSpec('minimum:\n  gpu: { count: 1 }'), { path: path(OLD_PODMAN) });
    expect(result(none, 'gpu.count')).toMatchObject({ status: 'fail', measured: '0' });
    const short = await runHost(roleSpec('minimum:\n  gpu: { count: 1, memory: 80GiB, driver: 550+ }'), { path: path(TWO_GPUS) });
    expect(result(short, 'gpu.memory').status).toBe('fail');
    expect(result(short, 'gpu.driver').status).toBe('fail');
  });
});
