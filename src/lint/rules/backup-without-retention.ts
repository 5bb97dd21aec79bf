import type { Model } from '../../spec/model.js';
import { parseTarget } from '../helpers/backup-availability.js';
import type { Rule } from '../types.js';

/** Whether a bucket target expires objects itself (an enabled lifecycle rule with `expire`). */
function bucketExpires(model: Model, target: string | undefined): boolean {
  if (target === undefined) return false;
  const parsed = parseTarget(model, target);
  if (parsed.kind !== 'bucket') return false;
  const lifecycle = model.input.buckets?.[parsed.bucket]?.lifecycle ?? [];
  return lifecycle.some((rule) => rule.enabled !== false && rule.expire !== undefined);
}

export const backupWithoutRetention: Rule<'unstated' | 'indefinite' | 'config'> = {
  id: 'backup-without-retention',
  severity: 'warning',
  category: 'backup',
  summary: 'A backup should say how long it is kept, or be kept indefinitely only where a lifecycle rule bounds it.',
  messages: {
    unstated: '`{backup}` of `{of}` gives no retention: nothing deletes old copies, so its storage grows without bound and cannot be sized',
    indefinite: '`{backup}` of `{of}` is kept indefinitely{where}, with no lifecycle rule that expires old objects: its storage and cost grow without bound',
    config: 'configuration backup `{backup}` of `{of}` gives no retention: old copies, and any secrets in them, are kept for ever',
  },
  docs: {
    why: 'Backups without a retention are either deleted by hand, which nobody does, or kept forever: the storage they need grows every day and cannot be sized, costed or checked against the target that holds them, and old copies of personal data or secrets outlive every deletion request. `indefinite` is sometimes right (media files, compliance archives), but then the bucket should have a lifecycle rule that moves or expires old objects. Configuration kept in version control is exempt: the repository history is its retention.',
    invalid: `components:
  search:
    kind: datastore
backups:
  search-daily:
    of: search
    type: snapshot
    frequency: daily
`,
    valid: `components:
  search:
    kind: datastore
backups:
  search-daily:
    of: search
    type: snapshot
    frequency: daily
    retention: 14d
`,
    fix: 'Give each backup a `retention` (`30d`), or keep it on a bucket whose `lifecycle` expires old objects.',
  },
  check(model, report, analysis) {
    for (const backup of model.backups) {
      if (backup.retention === 'window' || backup.input.versionControl === true) continue;
      const target = backup.input.target;
      if (bucketExpires(model, target)) continue;
      const data = { backup: backup.name, of: backup.of, where: target === undefined ? '' : ` on \`${target}\`` };
      if (backup.retention === 'indefinite') {
        report({ at: analysis.at(backup.input, 'retention'), message: 'indefinite', data });
        continue;
      }
      report({ at: backup.at, message: backup.type === 'config' ? 'config' : 'unstated', data });
    }
  },
};
