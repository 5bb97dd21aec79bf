import type { BackupModel, ComponentModel, Model, PhaseModel } from '../../spec/model.js';
import { backupComponent, backupsByComponent, parseTarget } from '../helpers/backup-availability.js';
import type { LintAnalysis } from '../analysis.js';
import type { Rule } from '../types.js';

/** Why a backup lives and dies with the data it protects in this phase, or null when it does not. */
function sameDomain(model: Model, analysis: LintAnalysis, phase: PhaseModel, component: ComponentModel, backup: BackupModel): 'machine' | 'volume' | null {
  const target = backup.input.target;
  if (target === undefined) return null;
  const parsed = parseTarget(model, target);
  if (parsed.kind === 'volume') return parsed.component === component.name ? 'volume' : null;
  if (parsed.kind !== 'role') return null;
  const roles = analysis.rolesOf(phase, component);
  return roles.length > 0 && roles.every((r) => r.name === parsed.role) ? 'machine' : null;
}

export const backupSameFailureDomain: Rule<'machine' | 'volume'> = {
  id: 'backup-same-failure-domain',
  severity: 'warning',
  category: 'backup',
  summary: 'A backup should not be kept only on the machine or volume that holds the data it protects.',
  messages: {
    machine: '`{backup}` keeps the backups of `{component}` on `{target}`, the machine that runs `{component}`, and no copy goes elsewhere: losing that machine loses the data and its backups together',
    volume: '`{backup}` keeps the backups of `{component}` on `{target}`, a volume of `{component}` itself, and no copy goes elsewhere: losing that volume loses the data and its backups together',
  },
  docs: {
    why: 'A backup protects against the loss of the place the data lives. Kept on the same machine (a `/var/backups` partition of the database server) or on the component\'s own volume, it survives a dropped table but not a dead disk, a lost server or a deleted volume, which are the failures backups exist for. The rule is satisfied by any other target for the same component (a bucket, another machine) or a `crossRegion` copy.',
    invalid: `components:
  postgres:
    kind: datastore
    placement: { role: db }
roles:
  db:
    recommended:
      disks: [{ mount: /var/backups, size: 100GB }]
backups:
  base:
    of: postgres
    type: full
    frequency: daily
    retention: 7d
    target: db:/var/backups
`,
    valid: `components:
  postgres:
    kind: datastore
    placement: { role: db }
roles:
  db:
    recommended:
      disks: [{ mount: /var/backups, size: 100GB }]
backups:
  base:
    of: postgres
    type: full
    frequency: daily
    retention: 7d
    target: db:/var/backups
  base-offsite:
    of: postgres
    type: full
    frequency: daily
    retention: 30d
    target: offsite
buckets:
  offsite: { provider: s3-compatible }
`,
    fix: 'Copy the backups off the machine: add a backup of the component to a bucket or another machine, or set `crossRegion` on the backup that is copied.',
  },
  check(model, report, analysis) {
    const byComponent = backupsByComponent(model);
    for (const phase of model.phases) {
      const inPhase = new Map(phase.components.map((c) => [c.name, c]));
      for (const backup of model.backups) {
        if (backup.input.target === undefined || backup.input.crossRegion) continue;
        const component = inPhase.get(backupComponent(backup));
        if (!component) continue;
        const domain = sameDomain(model, analysis, phase, component, backup);
        if (domain === null) continue;
        // Another backup of the component kept elsewhere (or copied across regions) is the off-machine copy.
        const elsewhere = (byComponent.get(component.name) ?? []).some((other) => other !== backup && other.input.target !== undefined && (other.input.crossRegion || sameDomain(model, analysis, phase, component, other) === null));
        if (elsewhere) continue;
        report({ at: analysis.at(backup.input, 'target'), message: domain, data: { backup: backup.name, component: component.name, target: backup.input.target }, phase: phase.name });
      }
    }
  },
};
