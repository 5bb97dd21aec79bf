import { statedMismatches } from '../helpers/stated.js';
import type { Rule } from '../types.js';

const FIGURES = new Set(['backupStorage', 'retained', 'perDay']);

export const statedBackupMatch: Rule<'more' | 'less'> = {
  id: 'stated-backup-match',
  severity: 'error',
  category: 'arithmetic',
  summary: 'Backup sizes the page states must equal what its backup frequency, size and retention keep.',
  messages: {
    more: '{subject} states {stated}, but {computation} {computed}{where}, {difference} more than stated: backup storage bought for the stated figure fills up before the retention window ends',
    less: '{subject} states {stated}, but {computation} {computed}{where}, {difference} less than stated: the figure does not follow from the frequency, size and retention it is computed from, so one of them is wrong',
  },
  docs: {
    why: 'Backup storage is sized from arithmetic the page does by hand: one copy per interval over the retention window ("2GB × 30 = 60GB"), a continuous stream over its retention ("500MB/day × 90 = 45GB"). When the retention or the frequency changes and the product does not, the target runs out of space and the newest backups fail — usually unnoticed until a restore is needed. infraspec recomputes each backup\'s copies × stored size (or rate × retention) and the totals, and checks them against the page\'s figures.',
    invalid: `components:
  redis: { kind: datastore }
backups:
  redis-snapshots:
    of: redis
    type: snapshot
    frequency: hourly
    compressedSize: 200MB
    retention: 7d
    stated:
      - { figure: retained, value: 4.8GB, label: "7-day retention: 4.8GB" }
`,
    valid: `components:
  redis: { kind: datastore }
backups:
  redis-snapshots:
    of: redis
    type: snapshot
    frequency: hourly
    compressedSize: 200MB
    retention: 7d
    stated:
      - { figure: retained, value: 33.6GB, label: "7-day retention: 33.6GB" }
`,
  },
  check(_model, report, analysis) {
    for (const m of statedMismatches(analysis, (figure) => FIGURES.has(figure))) {
      report({ at: m.source.at, message: m.direction, data: m.data, phase: m.phase.name });
    }
  },
};
