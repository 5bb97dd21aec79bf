import { execFileSync } from 'node:child_process';
import { readFileSync, statfsSync } from 'node:fs';
import { cpus, arch } from 'node:os';
import { describe, expect, it } from 'vitest';
import { result, roleSpec, runHost } from './support.js';

/** Host checks on the real machine: every expectation is read independently of infraspec. */

const memTotalBytes = () => BigInt(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]!) * 1024n;
const osRelease = () => Object.fromEntries(readFileSync('/etc/os-release', 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^"|"$/g, '')]));

describe('cpu.cores', () => {
  const cores = cpus().length;

  it('measures the logical CPUs the kernel reports and passes a role that asks for that many', async () => {
    const report = await runHost(roleSpec(`minimum: { cpu: ${cores} cores }`));
    expect(result(report, 'cpu.cores')).toMatchObject({ status: 'pass', measured: `${cores} ${cores === 1 ? 'core' : 'cores'}` });
  });

  it('warns below the recommended count and fails below the minimum', async () => {
    const warn = await runHost(roleSpec(`minimum: { cpu: 1 }\nrecommended: { cpu: ${cores + 1} cores }`));
    expect(result(warn, 'cpu.cores').status).toBe('warn');
    const fail = await runHost(roleSpec(`minimum: { cpu: ${cores + 1} cores }`));
    expect(result(fail, 'cpu.cores').status).toBe('fail');
    expect(result(fail, 'cpu.cores').minimum).toBe(`${cores + 1} cores`);
  });
});

describe('memory.total', () => {
  it('compares MemTotal exactly, in the unit system the spec wrote', async () => {
    const total = memTotalBytes();
    // One byte more than the machine has, written in bytes: fails; exactly what it has: passes.
    const fail = await runHost(roleSpec(`minimum: { memory: "${total + 1n}" }`));
    expect(result(fail, 'memory.total').status).toBe('fail');
    const pass = await runHost(roleSpec(`minimum: { memory: "${total}" }`));
    expect(result(pass, 'memory.total').status).toBe('pass');
    expect(result(pass, 'memory.total').message).toContain(`${total} bytes`);
  });

  it('keeps GB and GiB apart: 1 GiB is shown as 1.07 GB when the spec writes GB', async () => {
    const report = await runHost(roleSpec('minimum: { memory: 1GB }\nrecommended: { memory: 1GiB }'));
    const r = result(report, 'memory.total');
    expect(r.minimum).toBe('1 GB');
    expect(r.recommended).toBe('1 GiB');
  });
});

describe('disk', () => {
  it('measures the filesystem holding a mount with statfs and fails a size it does not have', async () => {
    const size = statfsSync('/', { bigint: true });
    const bytes = size.blocks * size.bsize;
    const report = await runHost(roleSpec(`minimum:\n  disks:\n    - { mount: /, size: "${bytes + 1n}" }`));
    expect(result(report, 'disk.size:/').status).toBe('fail');
    const ok = await runHost(roleSpec(`minimum:\n  disks:\n    - { mount: /, size: "${bytes}" }`));
    expect(result(ok, 'disk.size:/').status).toBe('pass');
    expect(result(ok, 'disk.free:/').measured).not.toBeNull();
  });

  it('judges mounts that share one filesystem together: / and /var/lib/app on one disk must hold both', async () => {
    const size = statfsSync('/', { bigint: true });
    const half = (size.blocks * size.bsize) / 2n + 1n;
    const report = await runHost(roleSpec(`minimum:\n  disks:\n    - { mount: /, size: "${half}" }\n    - { mount: /var/lib/infraspec-test-does-not-exist, size: "${half}" }`));
    const app = result(report, 'disk.size:/var/lib/infraspec-test-does-not-exist');
    expect(app.status).toBe('fail');
    expect(app.message).toContain('is not a mount point');
    expect(app.message).toContain('shared with /');
  });
});

describe('disk.free', () => {
  const mount = '/var/lib/infraspec-test-backups';
  const spec = (volumeBytes: bigint) =>
    roleSpec(
      `minimum:\n  disks:\n    - { mount: /, size: 1MB }\n    - { mount: ${mount}, size: 1MB }`,
      `components:\n  app:\n    kind: datastore\n    placement: { role: host }\n    volumes: [{ name: data, size: "${volumeBytes}", disk: / }]\n` +
        `backups:\n  nightly: { of: app, type: full, frequency: daily, size: 100MB, retention: 7d, target: "host:${mount}" }\n`,
    );

  it('counts the backups kept on a mount at what their retention keeps', async () => {
    const report = await runHost(spec(1000n));
    const backups = result(report, `disk.free:${mount}`);
    expect(backups.status).toBe('pass');
    expect(backups.message).toContain('backup nightly');
    expect(backups.minimum).toMatch(/^[0-9.]+ MB$/);
  });

  it('fails a mount whose filesystem cannot hold what it and the mounts sharing it keep together', async () => {
    const fs = statfsSync('/', { bigint: true });
    // The volume on / alone fits in the free space; with ~700 MB of backups kept beside it on the same filesystem it does not.
    const report = await runHost(spec(fs.bavail * fs.bsize - 1000n));
    const backups = result(report, `disk.free:${mount}`);
    expect(backups.status).toBe('fail');
    expect(backups.message).toContain('also holds what / keeps');
    expect(result(report, 'disk.free:/').status).toBe('fail');
  });
});

describe('os.distribution and kernel', () => {
  const os = osRelease();

  it('reads os-release and matches it against the role lists', async () => {
    const id = os['ID'];
    const version = os['VERSION_ID'];
    expect(id).toBe('debian');
    const pass = await runHost(roleSpec(`minimum: { os: [Ubuntu 24.04 LTS, Debian ${version}] }`));
    expect(result(pass, 'os.distribution')).toMatchObject({ status: 'pass', measured: os['PRETTY_NAME'] });
    const warn = await runHost(roleSpec(`minimum: { os: [Debian ${version}] }\nrecommended: { os: [Ubuntu 24.04 LTS] }`));
    expect(result(warn, 'os.distribution').status).toBe('warn');
    const excluded = await runHost(roleSpec(`minimum: { os: [Debian 11+], osExcluded: ["Debian <${Number(version) + 1}"] }`));
    expect(result(excluded, 'os.distribution').status).toBe('fail');
    expect(result(excluded, 'os.distribution').message).toContain('excluded');
  });

  it('compares the numeric part of the kernel release', async () => {
    const release = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
    const [major, minor] = release.split('.').map((p) => Number.parseInt(p, 10));
    const pass = await runHost(roleSpec(`minimum: { kernel: "${major}.${minor}+" }`));
    expect(result(pass, 'kernel.version')).toMatchObject({ status: 'pass', measured: release });
    const fail = await runHost(roleSpec(`minimum: { kernel: "${(major ?? 0) + 1}.0+" }`));
    expect(result(fail, 'kernel.version').status).toBe('fail');
  });

  it('checks the architecture against `arch`', async () => {
    const host = arch() === 'x64' ? 'amd64' : arch();
    const other = host === 'amd64' ? 'arm64' : 'amd64';
    expect(result(await runHost(roleSpec(`minimum: { arch: [${host}] }`)), 'arch').status).toBe('pass');
    expect(result(await runHost(roleSpec(`minimum: { arch: [${other}] }`)), 'arch').status).toBe('fail');
  });
});

describe('cgroup.v2 and virtualization.kvm', () => {
  it('reports cgroup v2 exactly when /sys/fs/cgroup/cgroup.controllers exists', async () => {
    let unified = true;
    try {
      readFileSync('/sys/fs/cgroup/cgroup.controllers');
    } catch {
      unified = false;
    }
    const report = await runHost(roleSpec('minimum: { features: [cgroup-v2] }'));
    expect(result(report, 'cgroup.v2').status).toBe(unified ? 'pass' : 'fail');
  });

  it('looks for /dev/kvm where the role lists the kvm feature', async () => {
    let kvm = false;
    try {
      kvm = execFileSync('stat', ['-c', '%F', '/dev/kvm'], { encoding: 'utf8' }).includes('character');
    } catch {
      kvm = false;
    }
    const report = await runHost(roleSpec('minimum: { features: [kvm] }'));
    expect(result(report, 'virtualization.kvm').status).toBe(kvm ? 'pass' : 'fail');
  });
});

describe('sysctl and ulimit', () => {
  it('reads a sysctl from /proc/sys and treats a number as a lower bound', async () => {
    const pidMax = readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim();
    const pass = await runHost(roleSpec(`minimum: { sysctls: { kernel.pid_max: ${pidMax} } }`));
    expect(result(pass, 'sysctl:kernel.pid_max')).toMatchObject({ status: 'pass', measured: pidMax });
    const warn = await runHost(roleSpec(`recommended: { sysctls: { kernel.pid_max: ${BigInt(pidMax) + 1n} } }`));
    expect(result(warn, 'sysctl:kernel.pid_max').status).toBe('warn');
    const missing = await runHost(roleSpec('minimum: { sysctls: { vm.no_such_parameter: 1 } }'));
    expect(result(missing, 'sysctl:vm.no_such_parameter').status).toBe('error');
  });

  it('judges ulimits on the hard limit of /proc/self/limits', async () => {
    const row = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    const hard = row![2]!;
    const report = await runHost(roleSpec(`minimum: { ulimits: { nofile: ${hard === 'unlimited' ? 1 : hard} } }`));
    expect(result(report, 'ulimit:nofile')).toMatchObject({ status: 'pass', measured: hard });
    if (hard !== 'unlimited') {
      const fail = await runHost(roleSpec(`minimum: { ulimits: { nofile: ${BigInt(hard) + 1n} } }`));
      expect(result(fail, 'ulimit:nofile').status).toBe('fail');
    }
  });
});
