import { statedMismatches } from '../helpers/stated.js';
import type { Rule } from '../types.js';

const FIGURES = new Set(['volumes', 'disk', 'dataSize']);

export const statedStorageMatch: Rule<'more' | 'less'> = {
  id: 'stated-storage-match',
  severity: 'error',
  category: 'arithmetic',
  summary: 'Storage totals the page states (volumes, disks, data sizes) must equal what their parts add up to.',
  messages: {
    more: '{subject} states {stated}, but {computation} {computed}{where}, {difference} more than stated: a disk or volume bought for the stated figure would be too small',
    less: '{subject} states {stated}, but {computation} {computed}{where}, {difference} less than stated: the total does not follow from the parts it sums, so one of them is wrong',
  },
  docs: {
    why: 'A page usually gives a disk twice: as a layout (20 GB for `/`, 60 GB for the database, 60 GB for backups) and as one "Storage: 80GB" line, and the volumes of its services once more as a total. When one is edited and the other is not, the operator buys the machine from the one-line figure and the layout does not fit on it, or the volumes claimed by the cluster exceed the disks behind them. infraspec adds up the role disks (size × count), the components\' volumes (per replica when each replica has its own) and the data items of a datastore, and checks the figure the page states, in the page\'s own units (GB is 10^9 bytes, GiB 2^30).',
    invalid: `roles:
  db:
    recommended:
      disks:
        - { mount: /, size: 20GB }
        - { mount: /var/lib/postgresql, size: 60GB }
        - { mount: /var/backups, size: 60GB }
    stated:
      - { figure: disk, value: 80GB, label: "Storage: 80GB SSD" }
`,
    valid: `roles:
  db:
    recommended:
      disks:
        - { mount: /, size: 20GB }
        - { mount: /var/lib/postgresql, size: 60GB }
        - { mount: /var/backups, size: 60GB }
    stated:
      - { figure: disk, value: 140GB, label: "Storage: 140GB SSD" }
`,
  },
  check(_model, report, analysis) {
    for (const m of statedMismatches(analysis, (figure) => FIGURES.has(figure))) {
      report({ at: m.source.at, message: m.direction, data: m.data, phase: m.phase.name });
    }
  },
};
