import { statOf } from '../host/fs.js';
import { outcome } from '../judge.js';
import type { CheckModule, Outcome, RunContext } from '../types.js';

/**
 * Whether the clock is synchronized (TLS certificates, tokens, backups and logs all assume
 * it). Every role gets it at the recommended level: the spec need not say so. Sources, in
 * order: systemd's timedatectl, timesyncd's flag file, chrony.
 */
export const timeCheck: CheckModule = {
  id: 'time',
  description: 'Clock synchronization (timedatectl NTPSynchronized, /run/systemd/timesync/synchronized, or chronyc tracking); recommended for every role.',
  scope: 'role',
  plan({ role }) {
    if (role === null) return [];
    return [
      {
        check: 'time.sync',
        role: role.name,
        component: null,
        minimum: null,
        recommended: 'synchronized',
        at: role.at,
        run: measureTimeSync,
      },
    ];
  },
};

async function measureTimeSync(ctx: RunContext): Promise<Outcome> {
  const timedatectl = await ctx.exec('timedatectl', ['show', '--property=NTPSynchronized', '--value']);
  const answer = timedatectl.stdout.trim();
  if (timedatectl.code === 0 && (answer === 'yes' || answer === 'no')) {
    return answer === 'yes'
      ? outcome('pass', 'synchronized', 'timedatectl: the system clock is synchronized')
      : outcome('warn', 'not synchronized', 'timedatectl: the system clock is not synchronized (NTPSynchronized=no)');
  }
  if ((await statOf(ctx, '/run/systemd/timesync/synchronized')) !== null) {
    return outcome('pass', 'synchronized', 'systemd-timesyncd has synchronized the clock (/run/systemd/timesync/synchronized)');
  }
  const chrony = await ctx.exec('chronyc', ['-n', 'tracking']);
  if (chrony.code === 0) {
    const leap = /^Leap status\s*:\s*(.+)$/m.exec(chrony.stdout)?.[1]?.trim() ?? 'unknown';
    return leap === 'Normal'
      ? outcome('pass', 'synchronized', 'chrony: leap status Normal, the clock is synchronized')
      : outcome('warn', 'not synchronized', `chrony: leap status ${leap}`);
  }
  return outcome('warn', 'unknown', 'no time synchronization found: timedatectl has no answer, no /run/systemd/timesync/synchronized, no chronyc');
}
