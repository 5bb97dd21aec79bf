import type { BackupPlan, StatedPlan } from '../../plan/plan.js';
import type { BackupModel } from '../../spec/model.js';
import type { DocContext } from './context.js';
import { firstPlan, statedByScope } from './context.js';
import { bytes, computedCell, mark, systemOf, written } from './figures.js';
import { BR, bold, code, compactTable, facts, section, text, type Section } from './markdown.js';

/** Backup and recovery: every backup with its retention and the storage it keeps, then RPO/RTO objectives. */
export function backupSection(ctx: DocContext): Section {
  return section('Backup and recovery', [], [backupsSection(ctx), recoverySection(ctx)]);
}

function backupsSection(ctx: DocContext): Section {
  const plan = firstPlan(ctx);
  const plans = new Map((plan?.backups ?? []).map((b) => [b.name, b]));
  const stated = statedByScope(plan);
  let total = 0n;
  let unknown = 0;
  const systems: Array<string | null> = [];
  const rows = ctx.model.backups.map((backup) => {
    const p = plans.get(backup.name);
    const checks = stated.get(`backup ${backup.name}`) ?? [];
    const texts = [written(ctx.model, backup.input, 'compressedSize'), written(ctx.model, backup.input, 'size'), written(ctx.model, backup.input, 'rate')];
    systems.push(...texts);
    const system = systemOf([...texts, ...checks.map((s) => s.stated)]);
    if (p?.retainedBytes != null) total += p.retainedBytes;
    else unknown += 1;
    return [
      code(backup.name),
      code(backup.of),
      backup.type,
      backup.frequency ? text(backup.frequency.label) : '',
      sizeCell(ctx, backup),
      text(written(ctx.model, backup.input, 'rate') ?? ''),
      text(written(ctx.model, backup.input, 'retention') ?? ''),
      backup.input.target ? code(backup.input.target) : '',
      p?.copies != null ? String(p.copies) : '',
      retainedCell(p, checks, 'retained', system),
      perDayCell(p, checks, system),
      checks.map((s) => `${mark(s.ok)} ${s.what === 'perDay' ? 'per day' : text(s.what)} ${text(s.stated)}`).join(BR),
      detailsCell(ctx, backup),
    ];
  });
  if (rows.length === 0) return section('Backups');
  const totalText = `${unknown > 0 && total > 0n ? '≥ ' : ''}${total > 0n || unknown === 0 ? bytes(total, systemOf(systems)) : 'unknown'}`;
  rows.push([bold('Total retained'), '', '', '', '', '', '', '', '', bold(totalText), '', '', unknown > 0 ? `${unknown} ${unknown === 1 ? 'backup has' : 'backups have'} no computable size` : '']);
  return section('Backups', [
    compactTable(['Backup', 'Of', 'Type', 'Frequency', 'Size', 'Rate', 'Retention', 'Target', 'Copies kept', 'Retained', 'Per day', 'Stated', 'Details'], rows, 3),
    'Retained storage is copies × stored size (one copy per interval within the retention window), or rate × retention for continuous kinds such as WAL and logs.',
  ]);
}

function sizeCell(ctx: DocContext, backup: BackupModel): string {
  const size = written(ctx.model, backup.input, 'size');
  const compressed = written(ctx.model, backup.input, 'compressedSize');
  if (size !== null && compressed !== null) return `${text(size)} → ${text(compressed)} compressed`;
  if (compressed !== null) return `${text(compressed)} compressed`;
  return text(size ?? '');
}

function retainedCell(p: BackupPlan | undefined, checks: readonly StatedPlan[], figure: 'retained', system: 'si' | 'iec' | undefined): string {
  const check = checks.find((s) => s.what === figure);
  if (check && check.computedValue !== null) return computedCell(check);
  if (p?.retainedBytes != null) return bytes(p.retainedBytes, system);
  return p?.note ? `unknown (${text(p.note)})` : '';
}

function perDayCell(p: BackupPlan | undefined, checks: readonly StatedPlan[], system: 'si' | 'iec' | undefined): string {
  const check = checks.find((s) => s.what === 'perDay');
  if (check && check.computedValue !== null) return computedCell(check);
  return p?.perDayBytes != null ? bytes(p.perDayBytes, system) : '';
}

function detailsCell(ctx: DocContext, backup: BackupModel): string {
  const b = backup.input;
  return [
    b.tool ? `tool ${text(b.tool)}` : '',
    b.at ? `at ${text(b.at)}` : '',
    b.window ? `window ${text(b.window)}` : '',
    b.crossRegion === undefined || b.crossRegion === false ? '' : b.crossRegion === true ? 'copied to another region' : `copied to ${code(b.crossRegion)}`,
    written(ctx.model, b, 'verification') === null ? '' : `restore tested ${text(written(ctx.model, b, 'verification') ?? '')}`,
    b.encrypted ? 'encrypted' : '',
    b.versionControl ? 'in version control' : '',
    b.notes ? text(b.notes) : '',
  ]
    .filter((x) => x !== '')
    .join('; ');
}

function recoverySection(ctx: DocContext): Section {
  const objectives = ctx.model.input.objectives;
  const rows = Object.entries(objectives?.recovery ?? {}).map(([name, r]) => [
    text(name),
    (r.of ?? []).map(code).join(', '),
    text(written(ctx.model, r, 'rto') ?? ''),
    text(written(ctx.model, r, 'rpo') ?? ''),
    (r.steps ?? []).map((step, i) => `${i + 1}. ${text(step)}`).join(BR),
    r.notes ? text(r.notes) : '',
  ]);
  const failover = objectives?.failoverTesting;
  return section('Recovery objectives', [
    compactTable(['Objective', 'Applies to', 'RTO', 'RPO', 'Steps', 'Notes'], rows),
    failover
      ? facts([
          ['Failover testing', `${text(written(ctx.model, failover, 'frequency') ?? '')}${failover.automated ? ', automated' : ''}${failover.notify ? ', with notification' : ''}`],
        ])
      : null,
  ]);
}
