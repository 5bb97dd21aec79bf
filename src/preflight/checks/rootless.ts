import { passwd } from '../host/facts.js';
import { statOf } from '../host/fs.js';
import { errorOutcome, outcome, spanOf } from '../judge.js';
import type { CheckModule, PlannedCheck, RunContext } from '../types.js';

/** Subordinate ids a rootless container engine needs by default (podman, docker rootless). */
const DEFAULT_SUBORDINATE_COUNT = 65536n;

export interface SubordinateRange {
  owner: string;
  start: bigint;
  count: bigint;
}

export function parseSubordinateIds(text: string): SubordinateRange[] {
  return text
    .split('\n')
    .map((line) => /^([^:#\s]+):(\d+):(\d+)\s*$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ owner: m[1]!, start: BigInt(m[2]!), count: BigInt(m[3]!) }));
}

/** The count a `subuid: "100000:65536"` field asks for (the start is the admin's choice). */
function wantedCount(field: string | undefined): bigint {
  const match = field === undefined ? null : /^\s*\d+\s*:\s*(\d+)\s*$/.exec(field);
  return match ? BigInt(match[1]!) : DEFAULT_SUBORDINATE_COUNT;
}

async function subordinateOutcome(ctx: RunContext, file: '/etc/subuid' | '/etc/subgid', user: string, count: bigint) {
  const text = await ctx.readText(file);
  if (text === null) return outcome('fail', null, `${file} does not exist: ${user} has no subordinate ids for user namespaces`);
  const uid = (await passwd(ctx))?.find((a) => a.name === user)?.uid;
  const ranges = parseSubordinateIds(text).filter((r) => r.owner === user || (uid !== undefined && r.owner === String(uid)));
  const total = ranges.reduce((s, r) => s + r.count, 0n);
  if (ranges.length === 0) return outcome('fail', null, `${file} has no range for ${user}`);
  const shown = ranges.map((r) => `${r.start}:${r.count}`).join(', ');
  return total >= count ? outcome('pass', shown, `${user} has ${total} subordinate ids in ${file} (${shown})`) : outcome('fail', shown, `${user} has ${total} subordinate ids in ${file}, fewer than ${count}`);
}

/**
 * Rootless containers: each of the role's users needs subordinate uid and gid ranges
 * (/etc/subuid, /etc/subgid) and, to keep its containers running after logout, systemd
 * lingering (/var/lib/systemd/linger/<user>). Planned for users with `subuid`, `subgid` or
 * `linger`, and for every user of a role whose container engine runs rootless.
 */
export const rootlessCheck: CheckModule = {
  id: 'rootless',
  description: 'Rootless container prerequisites per user: /etc/subuid and /etc/subgid ranges, systemd lingering (/var/lib/systemd/linger).',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const rootless = role.input.container?.rootless === true;
    const users = role.input.users ?? [];
    const checks: PlannedCheck[] = [];
    users.forEach((user, i) => {
      const at = spanOf(model, users, i, role.at);
      const base = { role: role.name, component: null, recommended: null };
      if (rootless || user.subuid !== undefined) {
        const count = wantedCount(user.subuid);
        checks.push({ ...base, check: `rootless.subuid:${user.name}`, minimum: `${count} ids`, at: spanOf(model, user, 'subuid', at), run: (ctx) => subordinateOutcome(ctx, '/etc/subuid', user.name, count) });
      }
      if (rootless || user.subgid !== undefined) {
        const count = wantedCount(user.subgid);
        checks.push({ ...base, check: `rootless.subgid:${user.name}`, minimum: `${count} ids`, at: spanOf(model, user, 'subgid', at), run: (ctx) => subordinateOutcome(ctx, '/etc/subgid', user.name, count) });
      }
      if (user.linger === true) {
        checks.push({
          ...base,
          check: `rootless.linger:${user.name}`,
          minimum: 'lingering',
          at: spanOf(model, user, 'linger', at),
          async run(ctx) {
            const flag = `/var/lib/systemd/linger/${user.name}`;
            if (user.name.includes('/')) return errorOutcome(`\`${user.name}\` is not a user name`);
            const found = await statOf(ctx, flag);
            return found ? outcome('pass', 'enabled', `${flag} exists: ${user.name}'s services outlive its logins`) : outcome('fail', 'disabled', `${flag} is missing: ${user.name}'s containers stop when it logs out (loginctl enable-linger ${user.name})`);
          },
        });
      }
    });
    return checks;
  },
};
