import type { MinMaybeMax, MinMax, PhasePlan, Plan, StatedPlan } from '../../plan/plan.js';
import { formatBytes, formatBytesReadable, readableSystem } from '../../units/bytes.js';
import { formatMillicores } from '../../units/quantity.js';
import { markdownTable, table } from '../table.js';

/** Human views of a plan: a terminal report and Markdown. */

const cpu = (m: bigint | null | undefined) => (m === null || m === undefined ? '—' : formatMillicores(m));
const bytes = (b: bigint | null | undefined) => (b === null || b === undefined ? '—' : formatBytesReadable(b));
const range = (r: MinMax | MinMaybeMax | null, f: (v: bigint) => string) => (r === null ? '—' : r.max === null ? `${f(r.min)}+` : r.min === r.max ? f(r.min) : `${f(r.min)} – ${f(r.max)}`);
/** Both ends of a size range in one unit system, the one that suits the smaller end. */
const sizes = (r: MinMax | null) => {
  if (r === null) return '—';
  const system = readableSystem(r.min === 0n ? r.max : r.min);
  return range(r, (v) => formatBytes(v, system));
};
const money = (m: PhasePlan['cost']['monthly']) => (m === null ? null : m.min === m.max ? `${m.min} ${m.currency}` : `${m.min}–${m.max} ${m.currency}`);
const signed = (v: bigint | null, f: (v: bigint) => string) => (v === null ? '—' : v < 0n ? `−${f(-v)}` : f(v));
/** A volume that keeps data for a retention window levels off: say so instead of a bare figure. */
const projected = (s: PhasePlan['storage'][number]) => (s.plateauBytes !== null && s.projectedBytes === s.plateauBytes ? `${bytes(s.projectedBytes)} (levels off)` : bytes(s.projectedBytes));
const fullIn = (s: PhasePlan['storage'][number]) => (s.monthsUntilFull !== null ? `${s.monthsUntilFull} months` : s.plateauBytes !== null ? 'never' : '—');
const count = (c: PhasePlan['roles'][number]['count']) => (c === null ? 'variable' : c.max === null ? `${c.min}+` : c.min === c.max ? String(c.min) : `${c.min}–${c.max}`);

function statedRow(s: StatedPlan, color: Paint): string[] {
  const mark = s.ok === null ? color.dim('?') : s.ok ? color.green('✓') : color.red('✗');
  return [mark, s.what + (s.scope === 'system' || s.scope.startsWith('phase') ? '' : ` [${s.scope}]`), s.stated, s.computed ?? '—', s.label ?? '', `${s.at.file}:${s.at.line}:${s.at.column}`];
}

export interface Paint {
  bold(t: string): string;
  dim(t: string): string;
  red(t: string): string;
  green(t: string): string;
}

export function paint(on: boolean): Paint {
  const wrap = (code: string) => (t: string) => (on ? `\u001b[${code}m${t}\u001b[0m` : t);
  return { bold: wrap('1'), dim: wrap('2'), red: wrap('31'), green: wrap('32') };
}

export function renderPlanText(plan: Plan, color: Paint, rel: (p: string) => string): string {
  const out: string[] = [`${color.bold(plan.system)} — plan, storage projected over ${plan.months} months`];
  for (const phase of plan.phases) {
    out.push('', color.bold(`Phase ${phase.name}`) + (phase.production ? ' (production)' : ''));
    const targets = Object.entries(phase.targets);
    if (targets.length) out.push(`  targets: ${targets.map(([k, v]) => `${k} ${String(v)}`).join(', ')}`);
    const t = phase.totals;
    out.push(
      '',
      table([
        ['', 'requests', 'limits'],
        ['CPU', range(t.cpuRequestsMillicores, cpu), range(t.cpuLimitsMillicores, cpu)],
        ['Memory', sizes(t.memoryRequestsBytes), sizes(t.memoryLimitsBytes)],
        ['Volumes', bytes(t.volumeBytes), ''],
        ['Replicas', range(t.replicas, String), ''],
        ['Machines', range(t.machines, String), ''],
      ]),
    );
    if (t.missingRequests.length) out.push(`  ${color.dim(`no requests: ${t.missingRequests.join(', ')}`)}`);
    if (phase.roles.length) {
      out.push('', '  Roles');
      out.push(table([
        ['role', 'count', 'per machine', 'allocatable', 'requests', 'headroom'],
        ...phase.roles.map((r) => [
          r.name,
          count(r.count),
          `${cpu(r.perMachine.cpuMillicores)} CPU, ${bytes(r.perMachine.memoryBytes)}${r.perMachine.level ? ` (${r.perMachine.level})` : ''}`,
          `${range(r.allocatable.cpuMillicores, cpu)} CPU, ${sizes(r.allocatable.memoryBytes)}`,
          `${range(r.requests.cpuMillicores, cpu)} CPU, ${sizes(r.requests.memoryBytes)}`,
          `${signed(r.headroom.cpuMillicores, cpu)} CPU, ${signed(r.headroom.memoryBytes, bytes)}`,
        ]),
      ], [], '    '));
      if (phase.unplaced.components.length) out.push(`    ${color.dim(`not placed on one role: ${phase.unplaced.components.join(', ')}`)}`);
      for (const role of phase.roles.filter((r) => r.density.length)) {
        out.push('', `  Density on ${role.name} (per machine, no overcommit)`);
        out.push(table([['class', 'size', 'fits', 'limited by'], ...role.density.map((d) => [d.name, `${cpu(d.cpuMillicores)} CPU, ${bytes(d.memoryBytes)}`, d.fitsPerHost === null ? '—' : String(d.fitsPerHost), d.limitedBy ?? '—'])], [], '    '));
      }
    }
    if (phase.storage.length) {
      out.push('', `  Storage (projected at ${plan.months} months)`);
      out.push(table([
        ['volume', 'size', 'used', 'growth/month', 'projected', 'full in'],
        ...phase.storage.map((s) => [`${s.component}/${s.volume}${s.copies > 1 ? ` ×${s.copies}` : ''}`, bytes(s.sizeBytes), bytes(s.usedBytes), bytes(s.growthBytesPerMonth), projected(s), fullIn(s)]),
      ], [], '    '));
    }
    if (phase.backups.length) {
      out.push('', '  Backups');
      out.push(table([
        ['backup', 'of', 'copies', 'per day', 'retained'],
        ...phase.backups.map((b) => [b.name, b.of, b.copies === null ? '—' : String(b.copies), bytes(b.perDayBytes), b.retainedBytes === null ? (b.note ?? '—') : bytes(b.retainedBytes)]),
      ], [], '    '));
    }
    if (phase.usage.length) {
      out.push('', '  Usage');
      out.push(table([['driver', 'target', 'per month'], ...phase.usage.map((u) => [u.driver, u.target === null ? `no ${u.per} target` : `${u.target} ${u.per}`, u.bytesPerMonth === null ? '—' : formatBytes(u.bytesPerMonth, 'si')])], [], '    '));
    }
    if (phase.cost.items.length) {
      const monthly = phase.cost.monthly ? `${money(phase.cost.monthly)}/month` : `— (${phase.cost.note ?? 'unknown'})`;
      out.push('', `  Cost: ${monthly}`);
    }
    if (phase.stated.length) {
      const fails = phase.stated.filter((s) => s.ok === false).length;
      out.push('', `  Stated figures (${phase.stated.length}, ${fails} not as computed)`);
      out.push(table([['', 'figure', 'stated', 'computed', 'as the page says', 'at'], ...phase.stated.map((s) => statedRow({ ...s, at: { ...s.at, file: rel(s.at.file) } }, color))], [], '    '));
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderPlanMarkdown(plan: Plan, rel: (p: string) => string): string {
  const out: string[] = [`# ${plan.system} — plan`, '', `Storage projected over ${plan.months} months.`];
  for (const phase of plan.phases) {
    const t = phase.totals;
    out.push('', `## Phase ${phase.name}${phase.production ? ' (production)' : ''}`, '');
    const targets = Object.entries(phase.targets);
    if (targets.length) out.push(`Targets: ${targets.map(([k, v]) => `${k} ${String(v)}`).join(', ')}.`, '');
    out.push(markdownTable(['', 'requests', 'limits'], [
      ['CPU', range(t.cpuRequestsMillicores, cpu), range(t.cpuLimitsMillicores, cpu)],
      ['Memory', sizes(t.memoryRequestsBytes), sizes(t.memoryLimitsBytes)],
      ['Volumes', bytes(t.volumeBytes), ''],
      ['Machines', range(t.machines, String), ''],
    ]));
    if (phase.roles.length) {
      out.push('', '### Roles', '', markdownTable(['role', 'count', 'per machine', 'requests', 'headroom'], phase.roles.map((r) => [r.name, count(r.count), `${cpu(r.perMachine.cpuMillicores)} CPU, ${bytes(r.perMachine.memoryBytes)}`, `${range(r.requests.cpuMillicores, cpu)} CPU, ${sizes(r.requests.memoryBytes)}`, `${signed(r.headroom.cpuMillicores, cpu)} CPU, ${signed(r.headroom.memoryBytes, bytes)}`])));
    }
    if (phase.storage.length) out.push('', '### Storage', '', markdownTable(['volume', 'size', 'used', 'growth/month', 'projected', 'full in'], phase.storage.map((s) => [`${s.component}/${s.volume}`, bytes(s.sizeBytes), bytes(s.usedBytes), bytes(s.growthBytesPerMonth), projected(s), fullIn(s)])));
    if (phase.backups.length) out.push('', '### Backups', '', markdownTable(['backup', 'of', 'copies', 'per day', 'retained'], phase.backups.map((b) => [b.name, b.of, b.copies === null ? '—' : String(b.copies), bytes(b.perDayBytes), b.retainedBytes === null ? (b.note ?? '—') : bytes(b.retainedBytes)])));
    if (phase.usage.length) out.push('', '### Usage', '', markdownTable(['driver', 'target', 'per month'], phase.usage.map((u) => [u.driver, u.target === null ? '—' : `${u.target} ${u.per}`, u.bytesPerMonth === null ? '—' : formatBytes(u.bytesPerMonth, 'si')])));
    if (phase.cost.items.length) out.push('', `Monthly cost: ${phase.cost.monthly ? money(phase.cost.monthly) : `unknown (${phase.cost.note ?? ''})`}.`);
    if (phase.stated.length) out.push('', '### Stated figures', '', markdownTable(['', 'figure', 'stated', 'computed', 'as the page says', 'at'], phase.stated.map((s) => statedRow({ ...s, at: { ...s.at, file: rel(s.at.file) } }, paint(false)))));
  }
  return `${out.join('\n')}\n`;
}
