import type { BackupModel, ComponentModel } from '../../spec/model.js';
import { formatDuration } from '../../units/duration.js';
import { backupsByComponent, durationOf, frequencyOf, isStateful, recoveryPointGap, recoveryTiers } from '../helpers/backup-availability.js';
import type { Rule } from '../types.js';

// Redis's default `appendfsync everysec`: an AOF without a stated fsync loses at most about a second.
const AOF_DEFAULT_FSYNC_MS = 1000n;

interface RecoveryPoint {
  gapMs: bigint;
  /** How the page describes it, for the message. */
  source: string;
}

/**
 * The most frequent recovery point of a component in a phase: its backups,
 * local persistence (AOF, RDB snapshots), and replication with automatic
 * failover or a multi-AZ managed standby (a gap of zero). null: it has none.
 */
function bestRecoveryPoint(component: ComponentModel, backups: readonly BackupModel[]): RecoveryPoint | null {
  const input = component.input;
  const ha = input.ha;
  if (ha && ha.mode !== 'single' && ha.failover === 'automatic' && ((ha.replicas ?? 0) >= 1 || component.replicas.min >= 2)) return { gapMs: 0n, source: 'replication' };
  if (input.managed && (input.managed.multiAz === true || ha?.multiAz === true)) return { gapMs: 0n, source: 'a multi-AZ standby' };
  let best: RecoveryPoint | null = null;
  const consider = (gapMs: bigint | null, source: string) => {
    if (gapMs !== null && (best === null || gapMs < best.gapMs)) best = { gapMs, source };
  };
  for (const backup of backups) consider(recoveryPointGap(backup), `backup \`${backup.name}\`, ${backup.frequency?.label ?? 'continuous'}`);
  const aof = input.persistence?.aof;
  if (aof?.enabled) consider(aof.fsync === undefined ? AOF_DEFAULT_FSYNC_MS : durationOf(aof.fsync), 'AOF');
  const snapshots = input.persistence?.snapshots;
  if (snapshots) {
    const frequency = frequencyOf(snapshots.every);
    if (frequency && 'intervalMs' in frequency) consider(frequency.intervalMs, `snapshots ${frequency.label}`);
  }
  return best;
}

export const rpoExceedsBackupInterval: Rule<'interval' | 'noBackup'> = {
  id: 'rpo-exceeds-backup-interval',
  severity: 'error',
  category: 'backup',
  summary: 'A recovery point objective must not be shorter than the interval between the recovery points of the data it covers.',
  messages: {
    interval: 'the `{tier}` RPO of {rpo} is shorter than the recovery points of `{component}` ({source}): a failure just before the next one loses up to {gap} of data',
    noBackup: 'the `{tier}` RPO of {rpo} covers `{component}`, which has no backup, persistence or automatic failover: a lost volume loses all of its data',
  },
  docs: {
    why: 'The recovery point objective is the most data the system may lose. A component backed up daily loses up to a day of writes when it fails just before the next backup, whatever the page promises. Only something that captures changes more often closes the gap: archived WAL, an AOF with fsync, binary logs, or replication with automatic failover. A tier with `of:` covers those components; a tier without covers every component that has backups.',
    invalid: `components:
  search:
    kind: datastore
backups:
  search-daily:
    of: search
    type: snapshot
    frequency: daily
    retention: 7d
objectives:
  recovery:
    full-system: { rpo: 1 hour, rto: 4 hours }
`,
    valid: `components:
  search:
    kind: datastore
backups:
  search-hourly:
    of: search
    type: snapshot
    frequency: hourly
    retention: 7d
objectives:
  recovery:
    full-system: { rpo: 1 hour, rto: 4 hours }
`,
    fix: 'Back the component up at least as often as the RPO, add a continuous kind (WAL archiving, AOF, replication with automatic failover), or state the RPO the backups actually give.',
  },
  check(model, report, analysis) {
    const tiers = recoveryTiers(model).filter((t) => t.input.rpo !== undefined);
    if (tiers.length === 0) return;
    const byComponent = backupsByComponent(model);
    const everyBackedUp = [...byComponent.keys()];
    for (const phase of model.phases) {
      const inPhase = new Map(phase.components.map((c) => [c.name, c]));
      for (const tier of tiers) {
        const rpo = durationOf(tier.input.rpo);
        if (rpo === null) continue;
        const rpoText = String(tier.input.rpo);
        const at = analysis.at(tier.input, 'rpo');
        for (const name of tier.of ?? everyBackedUp) {
          const component = inPhase.get(name);
          if (!component) continue;
          const point = bestRecoveryPoint(component, byComponent.get(name) ?? []);
          if (point === null) {
            if (tier.of !== null && isStateful(component)) report({ at, message: 'noBackup', data: { tier: tier.name, rpo: rpoText, component: name }, phase: phase.name });
            continue;
          }
          if (point.gapMs <= rpo) continue;
          report({ at, message: 'interval', data: { tier: tier.name, rpo: rpoText, component: name, source: point.source, gap: formatDuration(point.gapMs) }, phase: phase.name });
        }
      }
    }
  },
};
