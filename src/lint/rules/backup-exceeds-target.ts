import { backupPlan } from '../../plan/plan.js';
import type { BackupModel } from '../../spec/model.js';
import { nameList } from '../helpers/text.js';
import { bucketCapacity, bytesInSystemOf, parseTarget, roleDiskFor, volumeCapacity, type Capacity } from '../helpers/backup-availability.js';
import type { Rule } from '../types.js';

export const backupExceedsTarget: Rule<'exceeds'> = {
  id: 'backup-exceeds-target',
  severity: 'error',
  category: 'backup',
  summary: 'Backups kept under their retention must fit the disk, volume or bucket that holds them.',
  messages: {
    exceeds: '{backups} {verb} {retained} of backups under their retention on `{target}`, which holds {capacity}: {over} too much, so new backups fail before the oldest ones expire',
  },
  docs: {
    why: 'A backup target fills up from its retention: a daily 2 GB backup kept 30 days holds 60 GB, and WAL archived at 500 MB/day for 30 days holds 15 GB more. When the backups that share a partition, a volume or a sized bucket add up to more than it holds, the backup job starts failing on the day the disk is full, usually silently, and the newest backups are the ones that are missing. The sum is taken over every backup with the same `target`, in the unit the page wrote the target in (GB and GiB are not mixed up).',
    invalid: `components:
  postgres:
    kind: datastore
    placement: { role: db }
roles:
  db:
    recommended:
      disks:
        - { mount: /var/backups, size: 60GB }
backups:
  base:
    of: postgres
    type: full
    frequency: daily
    compressedSize: 2GB
    retention: 30d
    target: db:/var/backups
  wal:
    of: postgres
    type: wal
    rate: 500MB/day
    retention: 30d
    target: db:/var/backups
`,
    valid: `components:
  postgres:
    kind: datastore
    placement: { role: db }
roles:
  db:
    recommended:
      disks:
        - { mount: /var/backups, size: 100GB }
backups:
  base:
    of: postgres
    type: full
    frequency: daily
    compressedSize: 2GB
    retention: 30d
    target: db:/var/backups
  wal:
    of: postgres
    type: wal
    rate: 500MB/day
    retention: 30d
    target: db:/var/backups
`,
    fix: 'Give the target room for every backup it keeps (with margin for growth), shorten the retention, or move part of the backups to another target such as a bucket.',
  },
  check(model, report, analysis) {
    // Backups by target, in document order, built once.
    const byTarget = new Map<string, BackupModel[]>();
    for (const backup of model.backups) {
      const target = backup.input.target;
      if (target === undefined) continue;
      const list = byTarget.get(target);
      if (list) list.push(backup);
      else byTarget.set(target, [backup]);
    }
    if (byTarget.size === 0) return;
    // Retained bytes do not depend on the phase: computed once, and only for backups on a target with a size.
    const retainedByName = new Map<string, bigint | null>();
    const retainedOf = (backup: BackupModel): bigint | null => {
      if (!retainedByName.has(backup.name)) retainedByName.set(backup.name, backupPlan(backup).retainedBytes);
      return retainedByName.get(backup.name) ?? null;
    };
    for (const phase of model.phases) {
      const roles = new Map(phase.roles.map((r) => [r.name, r]));
      const components = new Map(phase.components.map((c) => [c.name, c]));
      for (const [target, backups] of byTarget) {
        const parsed = parseTarget(model, target);
        let capacity: Capacity | null = null;
        if (parsed.kind === 'role') {
          const role = roles.get(parsed.role);
          capacity = role ? roleDiskFor(role, parsed.path) : null;
        } else if (parsed.kind === 'volume') {
          const component = components.get(parsed.component);
          capacity = component ? volumeCapacity(component, parsed.volume) : null;
        } else {
          capacity = bucketCapacity(model, phase, parsed.bucket);
        }
        if (!capacity) continue;
        // Backups whose retained size is unknown count as nothing: the known ones already overflow.
        let retained = 0n;
        const counted: BackupModel[] = [];
        for (const backup of backups) {
          const bytes = retainedOf(backup);
          if (bytes === null) continue;
          retained += bytes;
          counted.push(backup);
        }
        const first = counted[0];
        if (!first || retained <= capacity.bytes) continue;
        report({
          at: analysis.at(first.input, 'target'),
          message: 'exceeds',
          data: {
            backups: nameList(counted.map((b) => b.name)),
            verb: counted.length === 1 ? 'keeps' : 'keep',
            retained: bytesInSystemOf(retained, capacity.text),
            target,
            capacity: bytesInSystemOf(capacity.bytes, capacity.text),
            over: bytesInSystemOf(retained - capacity.bytes, capacity.text),
          },
          phase: phase.name,
        });
      }
    }
  },
};
