/**
 * What each distribution release ships from its own repositories, for
 * `os-contradicts-software`: the version of the default package, and the newer versions the
 * release itself offers under other package names or module streams (RHEL's `python3.12`,
 * `dnf module enable postgresql:16`; Ubuntu's HWE kernels). Compiled 2026-11-23 from the
 * distributions' package indexes (packages.debian.org, packages.ubuntu.com, the RHEL 8/9
 * Application Streams life cycle at access.redhat.com/support/policy/updates/rhel-app-streams-life-cycle);
 * versions as of the latest point release. Rocky Linux and AlmaLinux rebuild RHEL and ship the
 * same versions. `null`: the release does not package it at all. A software the table does not
 * list is not judged.
 */

export interface PackageVersion {
  package: string;
  version: string;
}

export interface ShippedSoftware {
  /** The package `apt install <name>` / `dnf install <name>` gives. */
  default: PackageVersion;
  /** Newer versions from the release's own repositories, under other names or module streams. */
  alternatives?: readonly PackageVersion[];
}

export interface DistroRelease {
  /** `parseOsRequirement` distribution ids this release answers for. */
  distros: readonly string[];
  /** The release line (`12`, `22.04`, `9`). */
  release: string;
  software: Readonly<Record<SoftwareKey, ShippedSoftware | null | undefined>>;
}

export type SoftwareKey = 'kernel' | 'podman' | 'docker.io' | 'postgresql' | 'redis' | 'python3' | 'nodejs' | 'nginx';

const one = (pkg: string, version: string, alternatives?: PackageVersion[]): ShippedSoftware => (alternatives ? { default: { package: pkg, version }, alternatives } : { default: { package: pkg, version } });
const RHEL = ['rhel', 'rocky', 'almalinux'];

export const DISTRO_PACKAGES: readonly DistroRelease[] = [
  {
    distros: ['debian'],
    release: '11',
    software: { kernel: one('linux-image-amd64', '5.10'), podman: one('podman', '3.0.1'), 'docker.io': one('docker.io', '20.10.5'), postgresql: one('postgresql', '13'), redis: one('redis-server', '6.0.16'), python3: one('python3', '3.9.2'), nodejs: one('nodejs', '12.22.12'), nginx: one('nginx', '1.18.0') },
  },
  {
    distros: ['debian'],
    release: '12',
    software: { kernel: one('linux-image-amd64', '6.1'), podman: one('podman', '4.3.1'), 'docker.io': one('docker.io', '20.10.24'), postgresql: one('postgresql', '15'), redis: one('redis-server', '7.0.15'), python3: one('python3', '3.11.2'), nodejs: one('nodejs', '18.19.0'), nginx: one('nginx', '1.22.1') },
  },
  {
    distros: ['debian'],
    release: '13',
    software: { kernel: one('linux-image-amd64', '6.12'), podman: one('podman', '5.4.2'), 'docker.io': one('docker.io', '26.1.5'), postgresql: one('postgresql', '17'), redis: undefined, python3: one('python3', '3.13.5'), nodejs: one('nodejs', '20.19.2'), nginx: one('nginx', '1.26.3') },
  },
  {
    // Podman entered Ubuntu's archive in 20.10: 20.04 has none.
    distros: ['ubuntu'],
    release: '20.04',
    software: { kernel: one('linux-generic', '5.4', [{ package: 'linux-generic-hwe-20.04', version: '5.15' }]), podman: null, 'docker.io': undefined, postgresql: one('postgresql', '12'), redis: one('redis-server', '5.0.7'), python3: one('python3', '3.8.10'), nodejs: one('nodejs', '10.19.0'), nginx: one('nginx', '1.18.0') },
  },
  {
    distros: ['ubuntu'],
    release: '22.04',
    software: { kernel: one('linux-generic', '5.15', [{ package: 'linux-generic-hwe-22.04', version: '6.8' }]), podman: one('podman', '3.4.4'), 'docker.io': undefined, postgresql: one('postgresql', '14'), redis: one('redis-server', '6.0.16'), python3: one('python3', '3.10.12'), nodejs: one('nodejs', '12.22.9'), nginx: one('nginx', '1.18.0') },
  },
  {
    distros: ['ubuntu'],
    release: '24.04',
    software: { kernel: one('linux-generic', '6.8', [{ package: 'linux-generic-hwe-24.04', version: '6.11' }]), podman: one('podman', '4.9.3'), 'docker.io': undefined, postgresql: one('postgresql', '16'), redis: one('redis-server', '7.0.15'), python3: one('python3', '3.12.3'), nodejs: one('nodejs', '18.19.1'), nginx: one('nginx', '1.24.0') },
  },
  {
    // Docker is not in RHEL's repositories (it ships Podman); module streams give newer servers.
    distros: RHEL,
    release: '8',
    software: {
      kernel: one('kernel', '4.18'),
      podman: one('podman', '4.9.4'),
      'docker.io': null,
      postgresql: one('postgresql', '10', [{ package: 'postgresql', version: '16' }]),
      redis: one('redis', '5.0.3', [{ package: 'redis', version: '6.2' }]),
      python3: one('python3', '3.6.8', [{ package: 'python3.11', version: '3.11' }, { package: 'python3.12', version: '3.12' }]),
      nodejs: one('nodejs', '10', [{ package: 'nodejs', version: '20' }]),
      nginx: one('nginx', '1.14.1', [{ package: 'nginx', version: '1.24' }]),
    },
  },
  {
    distros: RHEL,
    release: '9',
    software: {
      kernel: one('kernel', '5.14'),
      podman: one('podman', '5.2.2'),
      'docker.io': null,
      postgresql: one('postgresql', '13', [{ package: 'postgresql', version: '16' }]),
      redis: one('redis', '6.2', [{ package: 'redis', version: '7.2' }]),
      python3: one('python3', '3.9', [{ package: 'python3.11', version: '3.11' }, { package: 'python3.12', version: '3.12' }]),
      nodejs: one('nodejs', '16', [{ package: 'nodejs', version: '20' }]),
      nginx: one('nginx', '1.20.1', [{ package: 'nginx', version: '1.24' }]),
    },
  },
];

/** The table's key for a software name as pages write it. */
export function softwareKey(name: string): SoftwareKey | undefined {
  const n = name.trim().toLowerCase();
  if (n === 'podman') return 'podman';
  if (n === 'docker' || n === 'docker.io' || n === 'docker-engine') return 'docker.io';
  if (n === 'postgresql' || n === 'postgres' || n === 'psql' || n === 'postgresql-server') return 'postgresql';
  if (n === 'redis' || n === 'redis-server') return 'redis';
  if (n === 'python' || n === 'python3') return 'python3';
  if (n === 'node' || n === 'nodejs' || n === 'node.js') return 'nodejs';
  if (n === 'nginx') return 'nginx';
  if (n === 'kernel' || n === 'linux') return 'kernel';
  return undefined;
}
