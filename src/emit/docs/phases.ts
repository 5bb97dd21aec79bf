import type { PhasePlan, RolePlan } from '../../plan/plan.js';
import { phaseMonthlyCost } from '../../plan/plan.js';
import type { ComponentModel, Model, PhaseModel } from '../../spec/model.js';
import { monthlyMicros } from '../../units/money.js';
import { ceil } from '../../units/rational.js';
import { componentName, kindText } from './components.js';
import type { DocContext } from './context.js';
import { memorySystem, phaseIndependentScope, running } from './context.js';
import { acceptsCell, bytes, bytesRange, computedCell, cores, coresRange, countRange, figure, figureName, mark, monthlyText, moneyText, roleCount, systemOf, written } from './figures.js';
import { bold, bullets, code, compactTable, facts, paragraph, section, table, text, type Section } from './markdown.js';
import { mergeComponentRows, withPhaseColumn } from './variants.js';

/** Phases: targets, machines, workloads with their totals, costs and every stated figure beside the computed one. */
export function phasesSection(ctx: DocContext): Section {
  const phaseSection = (phase: PhaseModel, title: string): Section | null => {
    const plan = ctx.plans.get(phase.name);
    if (!plan) return null;
    return section(title, [
      phase.input?.description === undefined ? null : paragraph(phase.input.description),
      phaseFacts(ctx.model, phase, plan),
      targetsTable(phase),
    ], [
      section('Machines', machinesBlocks(ctx, phase, plan)),
      section('Totals', totalsBlocks(ctx, phase, plan)),
      section('Cost', costBlocks(phase, plan)),
      section('Stated figures', statedBlocks(plan)),
      section('Notes', [bullets((phase.input?.notes ?? []).map(text))]),
    ]);
  };
  const only = ctx.phases[0];
  // A spec without phases has one implicit phase: its figures are the system's capacity.
  if (ctx.phases.length === 1 && only?.name === 'default' && only.input === null) return phaseSection(only, 'Capacity') ?? section('Capacity');
  return section('Phases', [], ctx.phases.map((phase) => phaseSection(phase, text(phase.name))));
}

function phaseFacts(model: Model, phase: PhaseModel, plan: PhasePlan): string | null {
  const input = phase.input;
  const k8s = input?.kubernetes;
  const budget = input ? written(model, input, 'budget') : null;
  let budgetCheck = '';
  const cost = phaseMonthlyCost(phase);
  if (budget !== null && phase.budget && cost && cost.currency === phase.budget.max.currency) {
    const limit = ceil(monthlyMicros(phase.budget, 'max'));
    const low = figure('money', cost.min, cost.currency, '');
    const high = figure('money', cost.max, cost.currency, '');
    budgetCheck = ` ${mark(cost.max <= limit)} (computed ${low === high ? low : `${low}–${high}`}/month)`;
  }
  return facts([
    ['Production', phase.production ? 'yes (availability checks apply)' : null],
    ['Budget', budget === null ? null : `${text(budget)}${budgetCheck}`],
    ['Bandwidth', input?.bandwidth ? [['minimum', written(model, input.bandwidth, 'minimum')], ['recommended', written(model, input.bandwidth, 'recommended')]].filter(([, v]) => v !== null).map(([k, v]) => `${k} ${text(v ?? '')}`).join(', ') : null],
    ['Kubernetes', k8s ? Object.entries(k8s).map(([k, v]) => `${text(k)} ${typeof v === 'object' ? code(JSON.stringify(v)) : text(String(v))}`).join(', ') : null],
  ]);
}

function targetsTable(phase: PhaseModel): string | null {
  const t = table(['Target', 'Value'], phase.targets.map((target) => [text(target.name), text(target.text)]));
  return t === null ? null : `Targets:\n\n${t}`;
}

function perMachine(model: Model, phase: PhaseModel, role: RolePlan): string {
  const per = role.perMachine;
  const input = phase.roles.find((r) => r.name === role.name)?.input;
  const level = per.level === null ? undefined : input?.[per.level];
  const system = systemOf([level ? written(model, level, 'memory') : null, level ? written(model, level, 'disk') : null, ...(level?.disks ?? []).map((d) => written(model, d, 'size'))]);
  const parts = [per.cpuMillicores === null ? '' : cores(per.cpuMillicores), per.memoryBytes === null ? '' : bytes(per.memoryBytes, system), per.diskBytes === null ? '' : `${bytes(per.diskBytes, system)} disk`].filter((p) => p !== '');
  return parts.length ? `${parts.join(', ')}${per.level ? ` (${per.level})` : ''}` : '';
}

function capacity(role: RolePlan, system: 'si' | 'iec' | undefined): string {
  const c = role.capacity;
  if (role.count !== null && role.count.max === null) {
    // An unbounded count (`{min: 3}`): capacity from the fewest machines up.
    if (role.count.min === 0) return '';
    return [c.cpuMillicores ? `≥ ${cores(c.cpuMillicores.min)}` : '', c.memoryBytes ? `≥ ${bytes(c.memoryBytes.min, system)}` : '', c.diskBytes ? `≥ ${bytes(c.diskBytes.min, system)} disk` : ''].filter((p) => p !== '').join(', ');
  }
  return [c.cpuMillicores ? coresRange(c.cpuMillicores) : '', c.memoryBytes ? bytesRange(c.memoryBytes, system) : '', c.diskBytes ? `${bytesRange(c.diskBytes, system)} disk` : ''].filter((p) => p !== '').join(', ');
}

function signed(value: bigint | null, format: (v: bigint) => string): string {
  if (value === null) return '';
  return value < 0n ? `✗ −${format(-value)}` : format(value);
}

function machinesBlocks(ctx: DocContext, phase: PhaseModel, plan: PhasePlan): string[] {
  const model = ctx.model;
  const costs = new Map(plan.cost.items.filter((i) => i.kind === 'machine').map((i) => [i.name, i]));
  const withoutRequests = new Set(plan.totals.missingRequests);
  const requestSystem = memorySystem(ctx, phase, 'requests');
  const rows = plan.roles.map((role) => {
    const input = phase.roles.find((r) => r.name === role.name)?.input;
    const level = role.perMachine.level === null ? undefined : input?.[role.perMachine.level];
    const system = systemOf([level ? written(model, level, 'memory') : null]);
    const placed = role.components.some((name) => !withoutRequests.has(name));
    const item = costs.get(role.name);
    const cost = input ? written(model, input, 'cost') : null;
    return [
      code(role.name),
      roleCount(role.count),
      input?.offer ? code(input.offer) : '',
      perMachine(model, phase, role),
      capacity(role, system),
      placed ? `${coresRange(role.requests.cpuMillicores)}, ${bytesRange(role.requests.memoryBytes, requestSystem)}` : '',
      placed && role.headroom.cpuMillicores !== null ? `${signed(role.headroom.cpuMillicores, cores)}, ${signed(role.headroom.memoryBytes, (v) => bytes(v, system))}` : '',
      cost === null ? '' : `${text(cost)}${item?.monthly ? ` → ${moneyText(item.monthly.amount, item.monthly.currency)}/month` : item?.note ? ` (${text(item.note)})` : ''}`,
    ];
  });
  const t = compactTable(['Role', 'Machines', 'Offer', 'Per machine', 'Capacity', 'Requests placed', 'Headroom', 'Cost'], rows, 2);
  const out: string[] = [];
  if (t) out.push(t);
  if (plan.roles.some((r) => r.components.some((name) => !withoutRequests.has(name)) && r.headroom.cpuMillicores !== null)) {
    out.push('Headroom is what the role can allocate (capacity less what is reserved for the system) at its fewest machines, less the requests of its components at their most replicas; ✗ marks a role that cannot hold them.');
  }
  if (plan.roles.length && plan.unplaced.components.length) out.push(`Not placed on a single role: ${plan.unplaced.components.map(code).join(', ')}.`);
  return out;
}

function replicasText(model: Model, phase: PhaseModel, c: ComponentModel): string {
  if (c.kind === 'job') {
    const schedule = c.input.schedule ? ` ${code(c.input.schedule)}` : '';
    return `CronJob${schedule}${c.replicas.min > 1 ? `, ${c.replicas.min} at a time` : ''}`;
  }
  if (c.kind === 'daemon') {
    // The machines of its roles (all roles when unplaced); plan counts the fewest.
    const roles = phase.roles.filter((r) => c.roles.length === 0 || c.roles.includes(r.name));
    if (roles.length === 0) return '1 per machine';
    if (roles.some((r) => r.count === null)) return '1 per machine (variable)';
    let min = 0;
    let max: number | null = 0;
    for (const r of roles) {
      min += r.count?.min ?? 0;
      max = max === null || r.count?.max == null ? null : max + r.count.max;
    }
    return `1 per machine (${roleCount({ min, max })} ${max === 1 ? 'machine' : 'machines'})`;
  }
  const range = countRange({ min: BigInt(c.replicas.min), max: BigInt(c.replicas.max) });
  const a = c.input.autoscaling;
  if (!a) return range;
  const targets = [written(model, a, 'cpu') === null ? '' : `CPU ${text(written(model, a, 'cpu') ?? '')}`, written(model, a, 'memory') === null ? '' : `memory ${text(written(model, a, 'memory') ?? '')}`, a.metric ? `${text(a.metric.name)} ${text(String(a.metric.target))}` : ''].filter((x) => x !== '');
  return `${range}${targets.length ? ` (autoscaled: ${targets.join(', ')})` : ' (autoscaled)'}`;
}

/** Workloads: what runs, where, how many, with what requests and limits; rows merged across phases. */
export function workloadsSection(ctx: DocContext): Section {
  const model = ctx.model;
  // The role the plan puts each component on, per phase: read only for unplaced components, so made on first use
  // (10,000 components a phase at 10k components, where every one is placed).
  const placement = new Map<string, Map<string, string>>();
  const placedOn = (phase: string): Map<string, string> | undefined => {
    let known = placement.get(phase);
    if (known === undefined) {
      const plan = ctx.plans.get(phase);
      if (plan === undefined) return undefined;
      known = new Map();
      for (const role of plan.roles) for (const component of role.components) known.set(component, role.name);
      placement.set(phase, known);
    }
    return known;
  };
  // Unplaced components land where the plan puts them in each phase, and a daemon runs once per machine of the phase.
  const dependsOnPhase = (c: ComponentModel) => c.roles.length === 0 || c.kind === 'daemon';
  const variants = mergeComponentRows(
    ctx.components,
    (c) => c.kind !== 'external',
    (c, phase) => {
      const requests = c.input.resources?.requests;
      const limits = c.input.resources?.limits;
      const placed = c.roles.length ? c.roles.map(code).join(', ') : placedOn(phase.name)?.get(c.name);
      return [[
        componentName(c),
        kindText(c),
        placed === undefined ? '' : c.roles.length ? placed : code(placed),
        replicasText(model, phase, c),
        text(written(model, requests, 'cpu') ?? ''),
        text(written(model, limits, 'cpu') ?? ''),
        text(written(model, requests, 'memory') ?? ''),
        text(written(model, limits, 'memory') ?? ''),
      ]];
    },
    dependsOnPhase,
  );
  const merged = withPhaseColumn(['Component', 'Kind', 'Role', 'Replicas', 'CPU request', 'CPU limit', 'Memory request', 'Memory limit'], variants, ctx.phases);
  return section('Workloads', [compactTable(merged.header, merged.rows, 4)]);
}

function totalsBlocks(ctx: DocContext, phase: PhaseModel, plan: PhasePlan): string[] {
  const t = plan.totals;
  const components = running(phase);
  if (components.length === 0) return [];
  const withResources = t.missingRequests.length < components.length || t.missingLimits.length < components.length;
  const both = (range: { min: bigint; max: bigint }, format: (v: bigint) => string) => [format(range.min), format(range.max)];
  const rows: string[][] = [];
  if (withResources) {
    rows.push(['CPU requests', ...both(t.cpuRequestsMillicores, cores)]);
    rows.push(['CPU limits', ...both(t.cpuLimitsMillicores, cores)]);
    rows.push(['Memory requests', ...both(t.memoryRequestsBytes, (v) => bytes(v, memorySystem(ctx, phase, 'requests')))]);
    rows.push(['Memory limits', ...both(t.memoryLimitsBytes, (v) => bytes(v, memorySystem(ctx, phase, 'limits')))]);
  }
  rows.push(['Replicas', ...both(t.replicas, String)]);
  if (t.volumeBytes > 0n) rows.push(['Volumes', bytes(t.volumeBytes, volumeSystem(ctx.model, phase)), '']);
  rows.push(['Machines', t.machines === null ? 'variable' : String(t.machines.min), t.machines === null ? '' : t.machines.max === null ? 'unbounded' : String(t.machines.max)]);
  const out = [table(['Total', 'At minimum replicas', 'At maximum replicas'], rows) ?? ''];
  if (withResources) out.push('Per-replica figures times replicas (a daemon once per machine of its roles, a job at its concurrency); volumes at the minimum replicas; machines at the fewest and most of each role.');
  if (withResources && t.missingRequests.length) out.push(`Without requests (counted as zero): ${t.missingRequests.map(code).join(', ')}.`);
  if (withResources && t.missingLimits.length && t.missingLimits.join() !== t.missingRequests.join()) out.push(`Without limits (counted as zero): ${t.missingLimits.map(code).join(', ')}.`);
  return out.filter((b) => b !== '');
}

function volumeSystem(model: Model, phase: PhaseModel): 'si' | 'iec' | undefined {
  const texts: string[] = [];
  for (const c of phase.components) for (const v of c.input.volumes ?? []) if (typeof v.size === 'string') texts.push(v.size);
  return systemOf(texts);
}

function costBlocks(phase: PhaseModel, plan: PhasePlan): string[] {
  const lines = new Map(phase.costs.map((c) => [c.name, c]));
  const rows = plan.cost.items.map((item) => {
    const line = lines.get(item.name);
    return [
      item.kind === 'machine' ? code(item.name) : text(item.name),
      item.kind === 'machine' ? `${item.quantity} × machine` : line ? text(line.amount.text) : '',
      item.monthly ? `${moneyText(item.monthly.amount, item.monthly.currency)}/month` : '',
      item.note ? text(item.note) : '',
    ];
  });
  if (rows.length === 0) return [];
  if (plan.cost.monthly) rows.push([bold('Total'), '', bold(monthlyText(plan.cost.monthly)), '']);
  const out = [compactTable(['Item', 'Priced as', 'Monthly', 'Notes'], rows, 3) ?? ''];
  if (plan.cost.note) out.push(text(`${plan.cost.note[0]?.toUpperCase() ?? ''}${plan.cost.note.slice(1)}.`));
  const ranged = plan.cost.items.some((i) => i.monthly !== null) && plan.cost.monthly && plan.cost.monthly.min !== plan.cost.monthly.max;
  if (ranged) out.push('Items show the low end of a price range; the total shows both ends.');
  return out.filter((b) => b !== '');
}

function statedBlocks(plan: PhasePlan): string[] {
  const rows = plan.stated
    .filter((s) => !phaseIndependentScope(s.scope))
    .map((s) => [mark(s.ok), figureName(s), s.scope === `phase ${plan.name}` ? 'phase' : text(s.scope), text(s.stated), computedCell(s), s.ok === false ? acceptsCell(s) : '', s.label ? text(s.label) : '']);
  const t = compactTable(['Check', 'Figure', 'Scope', 'Stated', 'Computed', 'Stated range', 'As the page says'], rows, 5);
  return t ? [t] : [];
}

