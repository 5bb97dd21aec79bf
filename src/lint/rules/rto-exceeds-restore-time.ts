import type { BackupModel, ComponentModel, PhaseModel, RoleModel } from '../../spec/model.js';
import { formatDuration } from '../../units/duration.js';
import { formatBitRate, parseDataRate } from '../../units/rate.js';
import { PERIOD_SECONDS } from '../../units/period.js';
import { backupsByComponent, bytesInSystemOf, durationOf, FULL_KINDS, parseTarget, recoveryTiers } from '../helpers/backup-availability.js';
import type { LintAnalysis } from '../analysis.js';
import type { Rule } from '../types.js';

interface Throughput {
  bitsPerSecond: bigint;
  /** Where the figure comes from, for the message. */
  source: string;
}

function roleNetwork(role: RoleModel): bigint | null {
  return role.recommended.networkBitsPerSecond ?? role.minimum.networkBitsPerSecond;
}

/**
 * The slowest link a restore of the component must cross, among what the page
 * states: the network of the machines that run it (when it is placed), the
 * network of the machine that holds the backup, and a managed service's storage
 * throughput. null when the page states none of them.
 */
function restoreThroughput(analysis: LintAnalysis, phase: PhaseModel, component: ComponentModel, backup: BackupModel): Throughput | null {
  let slowest: Throughput | null = null;
  const consider = (bitsPerSecond: bigint | null, source: string) => {
    if (bitsPerSecond === null || bitsPerSecond <= 0n) return;
    if (slowest === null || bitsPerSecond < slowest.bitsPerSecond) slowest = { bitsPerSecond, source };
  };
  // An unplaced component in a phase of several roles could land anywhere: no figure to judge by.
  if (component.roles.length > 0 || phase.roles.length === 1) {
    for (const role of analysis.rolesOf(phase, component)) consider(roleNetwork(role), `the ${formatBitRate(roleNetwork(role) ?? 0n)} network of \`${role.name}\``);
  }
  if (backup.input.target !== undefined) {
    const target = parseTarget(analysis.model, backup.input.target);
    if (target.kind === 'role') {
      const role = phase.roles.find((r) => r.name === target.role);
      if (role) consider(roleNetwork(role), `the ${formatBitRate(roleNetwork(role) ?? 0n)} network of \`${role.name}\``);
    }
  }
  const storage = component.input.managed?.storage?.throughput;
  if (storage !== undefined) {
    const rate = parseDataRate(String(storage));
    if (rate.ok && rate.value.perEntity === undefined) {
      const bits = (rate.value.bytes * 8n) / PERIOD_SECONDS[rate.value.per];
      consider(bits, `a storage throughput of ${String(storage)}`);
    }
  }
  return slowest;
}

export const rtoExceedsRestoreTime: Rule<'slow'> = {
  id: 'rto-exceeds-restore-time',
  severity: 'warning',
  category: 'backup',
  summary: 'Restoring the newest full backup at the stated throughput should take no longer than the recovery time objective.',
  messages: {
    slow: 'restoring `{backup}` ({size}) of `{component}` over {source} takes at least {time}, longer than the `{tier}` RTO of {rto}',
  },
  docs: {
    why: 'The recovery time objective is how long the system may be down. Before anything else, a restore must copy the newest full backup back: its size over the slowest link it crosses (the network of the machine it lands on or comes from, or a storage throughput) is a floor under the restore time that no procedure can beat. When that floor alone exceeds the RTO, the objective cannot be met as the page sizes things. The rule judges only when the page gives both a backup size and a throughput, and counts the stored (compressed) size, the most favourable reading.',
    invalid: `components:
  postgres:
    kind: datastore
    placement: { role: db }
roles:
  db:
    recommended: { network: 100Mbps }
backups:
  base:
    of: postgres
    type: full
    frequency: daily
    compressedSize: 50GB
    retention: 7d
objectives:
  recovery:
    database: { of: [postgres], rto: 30 minutes, rpo: 1 day }
`,
    valid: `components:
  postgres:
    kind: datastore
    placement: { role: db }
roles:
  db:
    recommended: { network: 1 Gbps }
backups:
  base:
    of: postgres
    type: full
    frequency: daily
    compressedSize: 50GB
    retention: 7d
objectives:
  recovery:
    database: { of: [postgres], rto: 30 minutes, rpo: 1 day }
`,
    fix: 'Give the restore path more bandwidth, keep a smaller full backup (or a standby that needs no restore), or state the RTO a restore actually takes.',
  },
  check(model, report, analysis) {
    const tiers = recoveryTiers(model).filter((t) => t.input.rto !== undefined);
    if (tiers.length === 0) return;
    const byComponent = backupsByComponent(model);
    const everyBackedUp = [...byComponent.keys()];
    for (const phase of model.phases) {
      const inPhase = new Map(phase.components.map((c) => [c.name, c]));
      for (const tier of tiers) {
        const rto = durationOf(tier.input.rto);
        if (rto === null) continue;
        for (const name of tier.of ?? everyBackedUp) {
          const component = inPhase.get(name);
          if (!component) continue;
          // The smallest full copy is the fastest restore the page allows.
          let full: BackupModel | null = null;
          for (const backup of byComponent.get(name) ?? []) {
            if (!FULL_KINDS.has(backup.type) || backup.storedBytes === null) continue;
            if (full === null || (full.storedBytes ?? 0n) > backup.storedBytes) full = backup;
          }
          if (full === null || full.storedBytes === null) continue;
          const throughput = restoreThroughput(analysis, phase, component, full);
          if (throughput === null) continue;
          const ms = (full.storedBytes * 8n * 1000n + throughput.bitsPerSecond - 1n) / throughput.bitsPerSecond;
          if (ms <= rto) continue;
          const sizeText = full.input.compressedSize ?? full.input.size;
          report({
            at: analysis.at(tier.input, 'rto'),
            message: 'slow',
            data: { backup: full.name, size: bytesInSystemOf(full.storedBytes, sizeText === undefined ? undefined : String(sizeText)), component: name, source: throughput.source, time: formatDuration(((ms + 999n) / 1000n) * 1000n), tier: tier.name, rto: String(tier.input.rto) },
            phase: phase.name,
          });
        }
      }
    }
  },
};
