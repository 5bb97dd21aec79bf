/**
 * Host facts read once per run and shared by the checks (through `ctx.memo`): os-release,
 * /proc/meminfo, mounts, passwd and group databases, listening sockets, installed packages.
 * Every reader answers null (or an empty list) when the source is missing; checks turn
 * that into `error` with the reason.
 */
import { arch, cpus, hostname, release } from 'node:os';
import type { RunContext } from '../types.js';

export interface OsRelease {
  /** `debian`, `ubuntu`, `rocky`… (os-release ID). */
  id: string;
  idLike: string[];
  /** `12`, `24.04`; empty when the release has none (Debian testing, Arch). */
  versionId: string;
  prettyName: string;
}

/** /etc/os-release, else /usr/lib/os-release (the fallback os-release(5) names). */
export function osRelease(ctx: RunContext): Promise<OsRelease | null> {
  return ctx.memo('os-release', async () => {
    const text = (await ctx.readText('/etc/os-release')) ?? (await ctx.readText('/usr/lib/os-release'));
    if (text === null) return null;
    const fields = parseEnvFile(text);
    return {
      id: (fields['ID'] ?? 'linux').toLowerCase(),
      idLike: (fields['ID_LIKE'] ?? '').split(/\s+/).filter(Boolean),
      versionId: fields['VERSION_ID'] ?? '',
      prettyName: fields['PRETTY_NAME'] ?? fields['NAME'] ?? 'Linux',
    };
  });
}

/** KEY=value lines with optional shell-style quotes, as os-release(5) defines them. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) value = value.slice(1, -1);
    if (quote === '"') value = value.replace(/\\(["\\`$])/g, '$1');
    out[match[1]!] = value;
  }
  return out;
}

/** MemTotal in bytes. /proc/meminfo writes `kB` but means KiB (1024 bytes). */
export function memoryTotalBytes(ctx: RunContext): Promise<bigint | null> {
  return ctx.memo('meminfo', async () => {
    const text = await ctx.readText('/proc/meminfo');
    const match = text === null ? null : /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
    return match ? BigInt(match[1]!) * 1024n : null;
  });
}

export interface CpuFacts {
  /** Logical CPUs the kernel reports (hyper-threads count, as cloud vCPUs do). */
  cores: number;
  model: string;
}

export function cpuFacts(): CpuFacts {
  const list = cpus();
  return { cores: list.length, model: (list[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim() };
}

/** Node's arch names in the spec's words (`x64` is `amd64`). */
export function hostArch(): string {
  const a = arch();
  return a === 'x64' ? 'amd64' : a;
}

export function kernelRelease(): string {
  return release();
}

export function hostName(): string {
  return hostname();
}

export interface Mount {
  device: string;
  mountPoint: string;
  fsType: string;
}

/** /proc/self/mounts; octal escapes (`\040` for a space) decoded. */
export function mounts(ctx: RunContext): Promise<Mount[]> {
  return ctx.memo('mounts', async () => {
    const text = (await ctx.readText('/proc/self/mounts')) ?? (await ctx.readText('/proc/mounts')) ?? '';
    const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
    return text
      .split('\n')
      .map((line) => line.split(' '))
      .filter((f) => f.length >= 3)
      .map(([device, mountPoint, fsType]) => ({ device: unescape(device!), mountPoint: unescape(mountPoint!), fsType: fsType! }));
  });
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export function passwd(ctx: RunContext): Promise<PasswdEntry[] | null> {
  return ctx.memo('passwd', async () => {
    const text = await ctx.readText('/etc/passwd');
    if (text === null) return null;
    return colonLines(text)
      .filter((f) => f.length >= 7)
      .map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]!, shell: f[6]! }));
  });
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export function groups(ctx: RunContext): Promise<GroupEntry[] | null> {
  return ctx.memo('group', async () => {
    const text = await ctx.readText('/etc/group');
    if (text === null) return null;
    return colonLines(text)
      .filter((f) => f.length >= 4)
      .map((f) => ({ name: f[0]!, gid: Number(f[2]), members: f[3]!.split(',').filter(Boolean) }));
  });
}

function colonLines(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

/** TCP ports in LISTEN state (IPv4 and IPv6), from /proc/net/tcp{,6}: state 0A, port in hex. */
export function listeningTcpPorts(ctx: RunContext): Promise<Set<number> | null> {
  return ctx.memo('tcp-listen', async () => {
    const texts = await Promise.all([ctx.readText('/proc/net/tcp'), ctx.readText('/proc/net/tcp6')]);
    if (texts.every((t) => t === null)) return null;
    const ports = new Set<number>();
    for (const text of texts) {
      for (const line of (text ?? '').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        const local = fields[1];
        if (fields[3] !== '0A' || local === undefined) continue;
        const port = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
        if (Number.isInteger(port)) ports.add(port);
      }
    }
    return ports;
  });
}

export interface InstalledPackages {
  manager: 'dpkg' | 'rpm';
  /** Installed package name → version. */
  versions: Map<string, string>;
}

/**
 * Every installed package in one call (dpkg-query, else rpm): one process for the whole
 * run instead of one per package. null when neither tool exists.
 */
export function installedPackages(ctx: RunContext): Promise<InstalledPackages | null> {
  return ctx.memo('packages', async () => {
    const dpkg = await ctx.exec('dpkg-query', ['-W', '-f=${Package}\t${Version}\t${db:Status-Abbrev}\n']);
    if (dpkg.error === undefined && dpkg.code === 0) {
      const versions = new Map<string, string>();
      for (const line of dpkg.stdout.split('\n')) {
        const [name, version, status] = line.split('\t');
        // `ii`: wanted install, installed. `rc` (removed, config kept) is not installed.
        if (name && version !== undefined && status?.startsWith('ii')) versions.set(name.replace(/:.*$/, ''), version);
      }
      return { manager: 'dpkg' as const, versions };
    }
    const rpm = await ctx.exec('rpm', ['-qa', '--qf', '%{NAME}\t%{VERSION}-%{RELEASE}\n']);
    if (rpm.error === undefined && rpm.code === 0) {
      const versions = new Map<string, string>();
      for (const line of rpm.stdout.split('\n')) {
        const [name, version] = line.split('\t');
        if (name && version !== undefined) versions.set(name, version);
      }
      return { manager: 'rpm' as const, versions };
    }
    return null;
  });
}
