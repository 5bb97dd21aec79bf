import { errorOutcome, isObject, LEVELS, levelInput, outcome, spanOf, verdict, type LevelName } from '../judge.js';
import type { SourceSpan } from '../../spec/source.js';
import type { CheckModule, PlannedCheck } from '../types.js';

/** `ulimit` names (as limits.conf and systemd's Limit*= spell them) to the rows of /proc/<pid>/limits. */
const LIMIT_ROWS: Readonly<Record<string, string>> = {
  nofile: 'Max open files',
  nproc: 'Max processes',
  memlock: 'Max locked memory',
  core: 'Max core file size',
  stack: 'Max stack size',
  as: 'Max address space',
  fsize: 'Max file size',
  cpu: 'Max cpu time',
  data: 'Max data size',
  rss: 'Max resident set',
  locks: 'Max file locks',
  sigpending: 'Max pending signals',
  msgqueue: 'Max msgqueue size',
  nice: 'Max nice priority',
  rtprio: 'Max realtime priority',
};

export interface Limit {
  soft: bigint | 'unlimited';
  hard: bigint | 'unlimited';
}

export function parseLimits(text: string): Map<string, Limit> {
  const out = new Map<string, Limit>();
  for (const line of text.split('\n')) {
    const match = /^(Max [a-z ]+?)\s{2,}(\S+)\s+(\S+)/.exec(line);
    if (!match) continue;
    const read = (v: string): bigint | 'unlimited' => (v === 'unlimited' ? 'unlimited' : BigInt(v));
    if (/^\d+$|^unlimited$/.test(match[2]!) && /^\d+$|^unlimited$/.test(match[3]!)) out.set(match[1]!, { soft: read(match[2]!), hard: read(match[3]!) });
  }
  return out;
}

const atLeast = (have: bigint | 'unlimited', want: number | 'unlimited') => have === 'unlimited' || (want !== 'unlimited' && have >= BigInt(want));

/**
 * Resource limits from `ulimits` as lower bounds, judged on the hard limit of this session
 * (/proc/self/limits): the ceiling a program started here can raise its soft limit to, as
 * Node, Go programs and container runtimes do. Services started by systemd take theirs from
 * `Limit*=` in their unit instead; the message says so.
 */
export const ulimitCheck: CheckModule = {
  id: 'ulimit',
  description: 'Resource limits from `ulimits` (nofile, nproc, memlock, …) as lower bounds on the session\'s hard limit (/proc/self/limits).',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const wants = new Map<string, Record<LevelName, { value: number | 'unlimited'; at: SourceSpan } | null>>();
    for (const level of LEVELS) {
      const ulimits = levelInput(role, level)?.ulimits;
      if (!isObject(ulimits)) continue;
      for (const [name, value] of Object.entries(ulimits)) {
        if (typeof value !== 'number' && value !== 'unlimited') continue;
        const entry = wants.get(name) ?? { minimum: null, recommended: null };
        entry[level] = { value, at: spanOf(model, ulimits, name, role.at) };
        wants.set(name, entry);
      }
    }
    return [...wants.entries()].map(([name, want]): PlannedCheck => ({
      check: `ulimit:${name}`,
      role: role.name,
      component: null,
      minimum: want.minimum ? String(want.minimum.value) : null,
      recommended: want.recommended ? String(want.recommended.value) : null,
      at: want.minimum?.at ?? want.recommended?.at ?? role.at,
      async run(ctx) {
        const row = LIMIT_ROWS[name];
        if (row === undefined) return errorOutcome(`\`${name}\` is not a known limit (${Object.keys(LIMIT_ROWS).join(', ')})`);
        const text = await ctx.readText('/proc/self/limits');
        const limit = text === null ? undefined : parseLimits(text).get(row);
        if (limit === undefined) return errorOutcome(`cannot read "${row}" from /proc/self/limits`);
        const status = verdict(want.minimum ? atLeast(limit.hard, want.minimum.value) : null, want.recommended ? atLeast(limit.hard, want.recommended.value) : null);
        const measured = String(limit.hard);
        return outcome(status, measured, `${name}: hard limit ${limit.hard}, soft ${limit.soft} in this session${status === 'pass' ? '' : ' (raise it in /etc/security/limits.conf, or with Limit' + name.toUpperCase() + '= in the service unit)'}`);
      },
    }));
  },
};
