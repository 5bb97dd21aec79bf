/**
 * End-of-life dates of the release lines that infrastructure pages name most, for
 * `end-of-life-version`. Source: endoflife.date (https://endoflife.date/<product>), which
 * collects the projects' own support policies; compiled 2026-11-23. A line is listed only
 * when its date was known with confidence on that day: a line that is missing is not judged
 * (it counts as supported), so the table can only under-report.
 *
 * The date is the end of free security support, the day after which a deployment on that line
 * gets no more fixes: Ubuntu's standard support (not the paid ESM), Debian's LTS (volunteer,
 * free), RHEL's and Rocky Linux's maintenance support. Python's PEPs give the month of the
 * end of life; the last day of that month is used.
 */

export interface ReleaseLine {
  /** The line as its project writes it: `13`, `7.0`, `1.28`, `22.04`. */
  line: string;
  /** Last day of support, `YYYY-MM-DD`. */
  eol: string;
}

export interface LifecycleProduct {
  id: string;
  /** The name shown in messages. */
  name: string;
  /** Names a spec uses for it: engines, software names, OS distribution ids (lower case). */
  aliases: readonly string[];
  /** Where the dates come from. */
  source: string;
  lines: readonly ReleaseLine[];
}

export const END_OF_LIFE_COMPILED = '2026-11-23';

export const END_OF_LIFE: readonly LifecycleProduct[] = [
  {
    id: 'postgresql',
    name: 'PostgreSQL',
    aliases: ['postgresql', 'postgres', 'pg', 'psql', 'postgresql-server'],
    source: 'https://endoflife.date/postgresql',
    lines: [
      { line: '11', eol: '2023-11-09' },
      { line: '12', eol: '2024-11-14' },
      { line: '13', eol: '2025-11-13' },
      { line: '14', eol: '2026-11-12' },
      { line: '15', eol: '2027-11-11' },
      { line: '16', eol: '2028-11-09' },
      { line: '17', eol: '2029-11-08' },
      { line: '18', eol: '2030-11-14' },
    ],
  },
  {
    // Redis keeps some old lines (6.2, 7.2, 7.4) under security maintenance without an announced
    // end; only lines whose end is published are listed.
    id: 'redis',
    name: 'Redis',
    aliases: ['redis', 'redis-server'],
    source: 'https://endoflife.date/redis',
    lines: [
      { line: '5.0', eol: '2022-04-27' },
      { line: '6.0', eol: '2022-05-31' },
      { line: '7.0', eol: '2024-07-29' },
      { line: '8.0', eol: '2026-02-11' },
    ],
  },
  {
    // k3s and k3d releases follow the upstream lines (`v1.28.5+k3s1` is Kubernetes 1.28).
    id: 'kubernetes',
    name: 'Kubernetes',
    aliases: ['kubernetes', 'k8s', 'k3s', 'k3d', 'kubelet', 'kubeadm', 'rke2'],
    source: 'https://endoflife.date/kubernetes',
    lines: [
      { line: '1.25', eol: '2023-10-27' },
      { line: '1.26', eol: '2024-02-28' },
      { line: '1.27', eol: '2024-06-28' },
      { line: '1.28', eol: '2024-10-28' },
      { line: '1.29', eol: '2025-02-28' },
      { line: '1.30', eol: '2025-06-28' },
      { line: '1.31', eol: '2025-10-28' },
      { line: '1.32', eol: '2026-02-28' },
      { line: '1.33', eol: '2026-06-28' },
      { line: '1.34', eol: '2026-10-27' },
    ],
  },
  {
    id: 'nodejs',
    name: 'Node.js',
    aliases: ['nodejs', 'node', 'node.js'],
    source: 'https://endoflife.date/nodejs',
    lines: [
      { line: '16', eol: '2023-09-11' },
      { line: '17', eol: '2022-06-01' },
      { line: '18', eol: '2025-04-30' },
      { line: '19', eol: '2023-06-01' },
      { line: '20', eol: '2026-04-30' },
      { line: '21', eol: '2024-06-01' },
      { line: '22', eol: '2027-04-30' },
      { line: '23', eol: '2025-06-01' },
      { line: '24', eol: '2028-04-30' },
    ],
  },
  {
    id: 'python',
    name: 'Python',
    aliases: ['python', 'python3', 'cpython'],
    source: 'https://endoflife.date/python (release PEPs 569, 596, 619, 664, 693, 719, 745)',
    lines: [
      { line: '3.8', eol: '2024-10-07' },
      { line: '3.9', eol: '2025-10-31' },
      { line: '3.10', eol: '2026-10-31' },
      { line: '3.11', eol: '2027-10-31' },
      { line: '3.12', eol: '2028-10-31' },
      { line: '3.13', eol: '2029-10-31' },
      { line: '3.14', eol: '2030-10-31' },
    ],
  },
  {
    id: 'nginx',
    name: 'nginx',
    aliases: ['nginx'],
    source: 'https://endoflife.date/nginx',
    lines: [
      { line: '1.18', eol: '2021-04-20' },
      { line: '1.19', eol: '2021-05-25' },
      { line: '1.20', eol: '2022-05-24' },
      { line: '1.21', eol: '2022-06-21' },
      { line: '1.22', eol: '2023-04-11' },
      { line: '1.23', eol: '2023-05-23' },
      { line: '1.24', eol: '2024-04-23' },
      { line: '1.25', eol: '2024-05-29' },
      { line: '1.26', eol: '2025-04-23' },
      { line: '1.27', eol: '2025-06-24' },
    ],
  },
  {
    id: 'ubuntu',
    name: 'Ubuntu',
    aliases: ['ubuntu'],
    source: 'https://endoflife.date/ubuntu (standard support; ESM needs Ubuntu Pro)',
    lines: [
      { line: '18.04', eol: '2023-05-31' },
      { line: '20.04', eol: '2025-05-31' },
      { line: '22.04', eol: '2027-04-01' },
      { line: '24.04', eol: '2029-05-31' },
    ],
  },
  {
    id: 'debian',
    name: 'Debian',
    aliases: ['debian'],
    source: 'https://endoflife.date/debian (Debian LTS)',
    lines: [
      { line: '10', eol: '2024-06-30' },
      { line: '11', eol: '2026-08-31' },
      { line: '12', eol: '2028-06-30' },
      { line: '13', eol: '2030-06-30' },
    ],
  },
  {
    id: 'rhel',
    name: 'RHEL',
    aliases: ['rhel'],
    source: 'https://endoflife.date/rhel (maintenance support)',
    lines: [
      { line: '7', eol: '2024-06-30' },
      { line: '8', eol: '2029-05-31' },
      { line: '9', eol: '2032-05-31' },
    ],
  },
  {
    id: 'rocky',
    name: 'Rocky Linux',
    aliases: ['rocky'],
    source: 'https://endoflife.date/rocky-linux',
    lines: [
      { line: '8', eol: '2029-05-31' },
      { line: '9', eol: '2032-05-31' },
    ],
  },
];

const BY_ALIAS = new Map<string, LifecycleProduct>(END_OF_LIFE.flatMap((p) => p.aliases.map((a) => [a, p] as const)));

/** The product a spec name (engine, software, distribution id) stands for, if the table knows it. */
export function lifecycleProduct(name: string): LifecycleProduct | undefined {
  return BY_ALIAS.get(name.trim().toLowerCase());
}
