import type { BackupModel } from '../../spec/model.js';
import { formatDuration } from '../../units/duration.js';
import { backupsByComponent, CHANGE_KINDS, FULL_KINDS, intervalOf } from '../helpers/backup-availability.js';
import type { Rule } from '../types.js';

// Tools that write a logical dump (SQL or documents): WAL and binary logs cannot be replayed onto one.
const LOGICAL_TOOLS = /\b(pg_dump|pg_dumpall|mysqldump|mariadb-dump|mongodump)\b/i;

function isLogical(backup: BackupModel): boolean {
  return backup.type === 'dump' || (backup.input.tool !== undefined && LOGICAL_TOOLS.test(backup.input.tool));
}

export const pitrGap: Rule<'logShorterThanInterval' | 'walOutlivesFulls' | 'incrementalOutlivesFulls' | 'logicalBase' | 'noBase'> = {
  id: 'pitr-gap',
  severity: 'error',
  category: 'backup',
  summary: 'WAL and incremental backups must be kept at least as long as the interval between full backups, and no longer than the fulls they are replayed onto.',
  messages: {
    logShorterThanInterval: '`{backup}` keeps {kind} for {retention}, less than the {interval} between full backups of `{component}` (`{full}`, {frequency}): for {missing} before each new full, the first changes after the last full are already deleted, so no point after that full can be restored',
    walOutlivesFulls: '`{backup}` keeps WAL for {retention}, but the full backups of `{component}` are kept {fullRetention}: WAL older than the oldest full has no base to replay onto, so point-in-time recovery reaches back {fullRetention}, not {retention}',
    incrementalOutlivesFulls: '`{backup}` keeps incrementals for {retention}, but the full backups of `{component}` they depend on are kept {fullRetention}: incrementals older than that cannot be restored',
    logicalBase: '`{backup}` archives WAL of `{component}` for point-in-time recovery, but its full backups ({fulls}) are logical dumps, which WAL cannot be replayed onto: point-in-time recovery needs a physical base backup',
    noBase: '`{backup}` keeps {kind} of `{component}`, but no full backup of `{component}` is listed to replay them onto',
  },
  docs: {
    why: 'Point-in-time recovery restores a full (base) backup and replays the WAL or incrementals taken after it. It breaks in three ways the page can show: WAL kept for less than the interval between fulls (just before the next full, the changes since the last one are already deleted), incrementals or WAL kept longer than the fulls they need (the extra days cannot be restored and only cost storage), and WAL next to fulls that are logical dumps (`pg_dump` output cannot take WAL replay; only a physical base backup such as `pg_basebackup` can).',
    invalid: `components:
  postgres:
    kind: datastore
backups:
  base:
    of: postgres
    type: full
    frequency: weekly
    retention: 30d
  wal:
    of: postgres
    type: wal
    frequency: continuous
    retention: 3d
`,
    valid: `components:
  postgres:
    kind: datastore
backups:
  base:
    of: postgres
    type: full
    frequency: weekly
    retention: 30d
  wal:
    of: postgres
    type: wal
    frequency: continuous
    retention: 14d
`,
    fix: 'Keep WAL and incrementals at least one full-backup interval (better two), and no longer than the full backups; take the base backup with a physical tool (`pg_basebackup`, pgBackRest, a volume snapshot) when WAL is archived.',
  },
  check(model, report, analysis) {
    for (const [component, backups] of backupsByComponent(model)) {
      const changes = backups.filter((b) => CHANGE_KINDS.has(b.type));
      if (changes.length === 0) continue;
      const fulls = backups.filter((b) => FULL_KINDS.has(b.type));
      // The longest gap a restore may face is the interval of the most frequent full; the oldest base is the longest kept.
      let interval: { ms: bigint; backup: BackupModel } | null = null;
      let kept: { ms: bigint | null; backup: BackupModel } | null = null;
      for (const full of fulls) {
        const every = intervalOf(full.frequency);
        if (every !== null && every > 0n && (interval === null || every < interval.ms)) interval = { ms: every, backup: full };
      }
      for (const full of fulls) {
        if (kept !== null && kept.ms === null) continue; // one full is kept indefinitely: nothing outlives it
        if (full.retention === 'indefinite') kept = { ms: null, backup: full };
        else if (full.retentionMs !== null && (kept === null || full.retentionMs > (kept.ms ?? 0n))) kept = { ms: full.retentionMs, backup: full };
      }
      for (const change of changes) {
        const kind = change.type === 'wal' ? 'WAL' : 'incrementals';
        if (fulls.length === 0) {
          report({ at: analysis.at(change.input, 'type'), message: 'noBase', data: { backup: change.name, kind, component } });
          continue;
        }
        if (change.type === 'wal' && fulls.every(isLogical)) {
          const logical = fulls.find((f) => f.input.tool !== undefined) ?? fulls[0];
          report({
            at: logical ? analysis.at(logical.input, logical.input.tool !== undefined ? 'tool' : 'type') : analysis.at(change.input, 'type'),
            message: 'logicalBase',
            data: { backup: change.name, component, fulls: fulls.map((f) => `\`${f.name}\`${f.input.tool !== undefined ? ` with ${f.input.tool}` : ''}`).join(', ') },
          });
          continue;
        }
        if (change.retentionMs === null) continue;
        const retention = String(change.input.retention);
        if (interval !== null && change.retentionMs < interval.ms) {
          report({
            at: analysis.at(change.input, 'retention'),
            message: 'logShorterThanInterval',
            data: { backup: change.name, kind, retention, interval: formatDuration(interval.ms), missing: formatDuration(interval.ms - change.retentionMs), frequency: interval.backup.frequency?.label ?? '', component, full: interval.backup.name },
          });
          continue;
        }
        if (kept !== null && kept.ms !== null && change.retentionMs > kept.ms) {
          report({
            at: analysis.at(change.input, 'retention'),
            message: change.type === 'wal' ? 'walOutlivesFulls' : 'incrementalOutlivesFulls',
            data: { backup: change.name, retention, component, fullRetention: String(kept.backup.input.retention) },
          });
        }
      }
    }
  },
};
