import type { Location } from '../spec/source.js';
import { locate } from '../spec/source.js';
import type { BackupModel, ComponentModel, Model, PhaseModel, RoleModel, StatedModel } from '../spec/model.js';
import { formatBytes, formatBytesReadable, writtenSystem } from '../units/bytes.js';
import { rationalToDecimal, decimalToString } from '../units/decimal.js';
import { monthlyMicros, type MoneyFigure } from '../units/money.js';
import { PERIOD_SECONDS } from '../units/period.js';
import { formatMillicores } from '../units/quantity.js';
import { formatBitRate, dataRateBytesPer, type DataRate } from '../units/rate.js';
import { add, ceil, div, floor, fromBigint, mul, rational, type Rational } from '../units/rational.js';
import { statedContains } from '../units/stated.js';

/**
 * `plan`: what each phase needs, computed from the Model alone. Every figure is
 * an exact integer in base units; replica ranges give `{min, max}`.
 */

export const PLAN_SCHEMA_VERSION = '1.0';

export interface MinMax {
  min: bigint;
  max: bigint;
}

/** A count that may have no upper bound (`count: {min: 3}`). */
export interface MinMaybeMax {
  min: bigint;
  max: bigint | null;
}

export interface PlanOptions {
  /** Horizon for storage projections, in months (default 12). */
  months?: number;
  /** Only this phase. */
  phase?: string;
}

export interface RolePlan {
  name: string;
  count: { min: number; max: number | null } | null;
  perMachine: { cpuMillicores: bigint | null; memoryBytes: bigint | null; diskBytes: bigint | null; level: 'recommended' | 'minimum' | null };
  capacity: { cpuMillicores: MinMax | null; memoryBytes: MinMax | null; diskBytes: MinMax | null };
  allocatable: { cpuMillicores: MinMax | null; memoryBytes: MinMax | null };
  requests: { cpuMillicores: MinMax; memoryBytes: MinMax };
  /** Allocatable (at the minimum machine count) minus requests (at the maximum replica count): the worst case. */
  headroom: { cpuMillicores: bigint | null; memoryBytes: bigint | null };
  components: string[];
  /** VMs or pods of a size class per machine, without overcommit: the tighter of CPU and memory. */
  density: Array<{ name: string; cpuMillicores: bigint; memoryBytes: bigint; fitsPerHost: bigint | null; limitedBy: 'cpu' | 'memory' | null }>;
}

export interface StoragePlan {
  component: string;
  volume: string;
  sizeBytes: bigint;
  copies: number;
  usedBytes: bigint | null;
  growthBytesPerMonth: bigint | null;
  /** Where usage levels off when the volume keeps data for a retention window; null without one. */
  plateauBytes: bigint | null;
  projectedBytes: bigint | null;
  /** Whole months until used space exceeds the size (null: no growth, or no end). */
  monthsUntilFull: number | null;
  at: Location;
}

export interface BackupPlan {
  name: string;
  of: string;
  type: string;
  copies: bigint | null;
  retainedBytes: bigint | null;
  perDayBytes: bigint | null;
  /** Why a figure could not be computed. */
  note: string | null;
  at: Location;
}

export interface UsagePlan {
  driver: string;
  per: string;
  target: bigint | null;
  bytesPerMonth: bigint | null;
}

export interface CostItem {
  name: string;
  kind: 'machine' | 'line';
  quantity: number;
  monthly: { amount: string; currency: string } | null;
  note: string | null;
}

export interface StatedPlan {
  what: string;
  scope: string;
  label: string | null;
  stated: string;
  statedRange: { low: bigint; high: bigint | null };
  computed: string | null;
  /** The computed figure; its low end when the computation is a range (prices written as ranges). */
  computedValue: bigint | null;
  /** The high end when the computation is a range, else equal to `computedValue`. */
  computedMax: bigint | null;
  unit: string;
  /** null when the figure cannot be computed from the spec. */
  ok: boolean | null;
  at: Location;
}

export interface PhasePlan {
  name: string;
  production: boolean;
  targets: Record<string, bigint | string | null>;
  totals: {
    cpuRequestsMillicores: MinMax;
    cpuLimitsMillicores: MinMax;
    memoryRequestsBytes: MinMax;
    memoryLimitsBytes: MinMax;
    volumeBytes: bigint;
    /** null: a role's count is `variable`; `max` null: some role has no upper bound. */
    machines: MinMaybeMax | null;
    replicas: MinMax;
    /** Components without a request or limit (they count as 0 in the totals above). */
    missingRequests: string[];
    missingLimits: string[];
  };
  roles: RolePlan[];
  unplaced: { components: string[]; cpuMillicores: MinMax; memoryBytes: MinMax };
  storage: StoragePlan[];
  backups: BackupPlan[];
  usage: UsagePlan[];
  /** Monthly cost; `min` and `max` differ when a price is a range (`$40-50/month`). */
  cost: { monthly: { min: string; max: string; currency: string } | null; items: CostItem[]; note: string | null };
  stated: StatedPlan[];
}

export interface Plan {
  schemaVersion: string;
  system: string;
  months: number;
  phases: PhasePlan[];
}


export function plan(model: Model, options: PlanOptions = {}): Plan {
  const months = options.months ?? 12;
  const phases = model.phases.filter((p) => options.phase === undefined || p.name === options.phase);
  // Backups do not change between phases, and most volumes do not either: compute them once.
  const shared: SharedPlan = { backups: model.backups.map(backupPlan), storage: new Map() };
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    system: model.system.name,
    months,
    phases: phases.map((phase) => planPhase(model, phase, months, shared)),
  };
}

/** Machines a daemon runs on: the phase's machines of its roles (all roles when unplaced). */
function nodeCount(phase: PhaseModel, component: ComponentModel): MinMax {
  const roles = phase.roles.filter((r) => component.roles.length === 0 || component.roles.includes(r.name));
  let min = 0n;
  let max = 0n;
  for (const role of roles) {
    if (!role.count) continue;
    min += BigInt(role.count.min);
    max += BigInt(role.count.max ?? role.count.min);
  }
  if (roles.length === 0) return { min: 1n, max: 1n };
  return { min, max };
}

/** Replicas counted in totals: a daemon once per node, a job at its concurrency. */
export function replicaRange(phase: PhaseModel, component: ComponentModel): MinMax {
  if (component.perNode) return nodeCount(phase, component);
  return { min: BigInt(component.replicas.min), max: BigInt(component.replicas.max) };
}

interface ResourceSums {
  cpuRequests: MinMax;
  cpuLimits: MinMax;
  memoryRequests: MinMax;
  memoryLimits: MinMax;
  replicas: MinMax;
}

/** The four resource totals and the replica count, in one pass (specs can hold 50,000 components). */
function sumResources(phase: PhaseModel, components: readonly ComponentModel[]): ResourceSums {
  let cpuRequestsMin = 0n, cpuRequestsMax = 0n, cpuLimitsMin = 0n, cpuLimitsMax = 0n;
  let memoryRequestsMin = 0n, memoryRequestsMax = 0n, memoryLimitsMin = 0n, memoryLimitsMax = 0n;
  let replicasMin = 0n, replicasMax = 0n;
  for (const component of components) {
    const replicas = replicaRange(phase, component);
    const { requests, limits } = component;
    if (requests.cpuMillicores !== null) {
      cpuRequestsMin += requests.cpuMillicores * replicas.min;
      cpuRequestsMax += requests.cpuMillicores * replicas.max;
    }
    if (limits.cpuMillicores !== null) {
      cpuLimitsMin += limits.cpuMillicores * replicas.min;
      cpuLimitsMax += limits.cpuMillicores * replicas.max;
    }
    if (requests.memoryBytes !== null) {
      memoryRequestsMin += requests.memoryBytes * replicas.min;
      memoryRequestsMax += requests.memoryBytes * replicas.max;
    }
    if (limits.memoryBytes !== null) {
      memoryLimitsMin += limits.memoryBytes * replicas.min;
      memoryLimitsMax += limits.memoryBytes * replicas.max;
    }
    replicasMin += replicas.min;
    replicasMax += replicas.max;
  }
  return {
    cpuRequests: { min: cpuRequestsMin, max: cpuRequestsMax },
    cpuLimits: { min: cpuLimitsMin, max: cpuLimitsMax },
    memoryRequests: { min: memoryRequestsMin, max: memoryRequestsMax },
    memoryLimits: { min: memoryLimitsMin, max: memoryLimitsMax },
    replicas: { min: replicasMin, max: replicasMax },
  };
}


function levelOf(role: RoleModel): { cpuMillicores: bigint | null; memoryBytes: bigint | null; diskBytes: bigint | null; level: 'recommended' | 'minimum' | null } {
  const pick = (key: 'cpuMillicores' | 'memoryBytes' | 'diskBytes') => role.recommended[key] ?? role.minimum[key];
  const level = role.recommended.cpuMillicores !== null || role.recommended.memoryBytes !== null ? 'recommended' : role.minimum.cpuMillicores !== null || role.minimum.memoryBytes !== null ? 'minimum' : null;
  return { cpuMillicores: pick('cpuMillicores'), memoryBytes: pick('memoryBytes'), diskBytes: pick('diskBytes'), level };
}

function times(each: bigint | null, count: RoleModel['count']): MinMax | null {
  if (each === null || count === null) return null;
  return { min: each * BigInt(count.min), max: each * BigInt(count.max ?? count.min) };
}

interface SharedPlan {
  backups: BackupPlan[];
  storage: Map<ComponentModel['volumes'][number], { copies: number; plan: StoragePlan }>;
}

function planPhase(model: Model, phase: PhaseModel, months: number, shared: SharedPlan): PhasePlan {
  const running = phase.components.filter((c) => c.kind !== 'external');
  const sums = sumResources(phase, running);
  const totals: PhasePlan['totals'] = {
    cpuRequestsMillicores: sums.cpuRequests,
    cpuLimitsMillicores: sums.cpuLimits,
    memoryRequestsBytes: sums.memoryRequests,
    memoryLimitsBytes: sums.memoryLimits,
    volumeBytes: volumeTotal(phase, running),
    machines: machineCount(phase.roles),
    replicas: sums.replicas,
    missingRequests: running.filter((c) => c.requests.cpuMillicores === null && c.requests.memoryBytes === null).map((c) => c.name),
    missingLimits: running.filter((c) => c.limits.cpuMillicores === null && c.limits.memoryBytes === null).map((c) => c.name),
  };

  // Components run on the role they are placed on; with one role, everything runs there.
  const placedOn = (c: ComponentModel): string | null => (c.roles.length === 1 ? c.roles[0]! : c.roles.length === 0 && phase.roles.length === 1 ? phase.roles[0]!.name : null);
  const byRole = new Map<string | null, ComponentModel[]>();
  for (const component of running) {
    const role = placedOn(component);
    const list = byRole.get(role);
    if (list) list.push(component);
    else byRole.set(role, [component]);
  }
  const roles: RolePlan[] = phase.roles.map((role) => {
    const per = levelOf(role);
    const mine = byRole.get(role.name) ?? [];
    const capacityCpu = times(per.cpuMillicores, role.count);
    const capacityMemory = times(per.memoryBytes, role.count);
    const reserveCpu = times(role.reserved.cpuMillicores ?? 0n, role.count);
    const reserveMemory = times(role.reserved.memoryBytes ?? 0n, role.count);
    const allocatable = (capacity: MinMax | null, reserve: MinMax | null): MinMax | null => (capacity && reserve ? { min: capacity.min - reserve.min, max: capacity.max - reserve.max } : capacity);
    const allocCpu = allocatable(capacityCpu, reserveCpu);
    const allocMemory = allocatable(capacityMemory, reserveMemory);
    const mineSums = sumResources(phase, mine);
    const requests = { cpuMillicores: mineSums.cpuRequests, memoryBytes: mineSums.memoryRequests };
    return {
      name: role.name,
      count: role.count,
      perMachine: per,
      capacity: { cpuMillicores: capacityCpu, memoryBytes: capacityMemory, diskBytes: times(per.diskBytes, role.count) },
      allocatable: { cpuMillicores: allocCpu, memoryBytes: allocMemory },
      requests,
      headroom: {
        cpuMillicores: allocCpu ? allocCpu.min - requests.cpuMillicores.max : null,
        memoryBytes: allocMemory ? allocMemory.min - requests.memoryBytes.max : null,
      },
      components: mine.map((c) => c.name),
      density: role.density.map((d) => {
        const byCpu = per.cpuMillicores === null ? null : per.cpuMillicores / d.cpuMillicores;
        const byMemory = per.memoryBytes === null ? null : per.memoryBytes / d.memoryBytes;
        const fits = byCpu === null ? byMemory : byMemory === null ? byCpu : byCpu < byMemory ? byCpu : byMemory;
        const limitedBy = fits === null ? null : fits === byCpu ? 'cpu' : 'memory';
        return { name: d.name, cpuMillicores: d.cpuMillicores, memoryBytes: d.memoryBytes, fitsPerHost: fits, limitedBy };
      }),
    };
  });
  const unplacedComponents = byRole.get(null) ?? [];
  const unplacedSums = sumResources(phase, unplacedComponents);
  const unplaced = {
    components: unplacedComponents.map((c) => c.name),
    cpuMillicores: unplacedSums.cpuRequests,
    memoryBytes: unplacedSums.memoryRequests,
  };

  const storage = running.flatMap((c) =>
    c.volumes.map((v) => {
      const copies = v.perReplica ? Number(replicaRange(phase, c).min) : 1;
      const known = shared.storage.get(v);
      if (known && known.copies === copies) return known.plan;
      const computed = storagePlan(phase, c, v, months);
      shared.storage.set(v, { copies, plan: computed });
      return computed;
    }),
  );
  const backups = shared.backups;
  const usage: UsagePlan[] = model.usage.map((driver) => {
    const target = phase.targets.find((t) => t.name === driver.per);
    const value = target?.value ?? null;
    return { driver: driver.name, per: driver.per, target: value, bytesPerMonth: value === null ? null : ceil(mul(dataRateBytesPer(driver.rate, 'month'), fromBigint(value))) };
  });
  const cost = costOf(phase);

  const result: PhasePlan = {
    name: phase.name,
    production: phase.production,
    targets: Object.fromEntries(phase.targets.map((t) => [t.name, t.value ?? t.text])),
    totals,
    roles,
    unplaced,
    storage,
    backups,
    usage,
    cost: cost.view,
    stated: [],
  };
  result.stated = statedFigures(model, phase, result, cost.monthlyMicros);
  return result;
}


function volumeTotal(phase: PhaseModel, components: ComponentModel[]): bigint {
  let total = 0n;
  for (const c of components) for (const v of c.volumes) total += v.sizeBytes * (v.perReplica ? replicaRange(phase, c).min : 1n);
  return total;
}

function machineCount(roles: RoleModel[]): MinMaybeMax | null {
  let min = 0n;
  let max: bigint | null = 0n;
  for (const role of roles) {
    if (role.count === null) return null;
    min += BigInt(role.count.min);
    max = max === null || role.count.max === null ? null : max + BigInt(role.count.max);
  }
  return { min, max };
}

function monthlyGrowth(rate: DataRate): Rational {
  const perMonth = dataRateBytesPer(rate, 'month');
  return rate.sign === -1 ? mul(perMonth, rational(-1n)) : perMonth;
}

function storagePlan(phase: PhaseModel, component: ComponentModel, volume: ComponentModel['volumes'][number], months: number): StoragePlan {
  const growth = volume.growth ? monthlyGrowth(volume.growth) : null;
  const used = volume.usedBytes;
  const start = used ?? 0n;
  // With a retention window, old data is deleted as new data arrives: usage levels off
  // at one window's worth of growth (Loki keeping 7 days of +2GB/week holds ~2GB).
  const plateau = growth && growth.num > 0n && volume.retentionMs !== null ? ceil(mul(growth, rational(volume.retentionMs, PERIOD_SECONDS.month * 1000n))) : null;
  const ceiling = plateau === null ? null : plateau > start ? plateau : start;
  let projected = growth ? ceil(add(fromBigint(start), mul(growth, rational(BigInt(months))))) : used;
  if (projected !== null && ceiling !== null && projected > ceiling) projected = ceiling;
  let monthsUntilFull: number | null = null;
  if (growth && growth.num > 0n && (ceiling === null || ceiling > volume.sizeBytes)) {
    const free = volume.sizeBytes - start;
    monthsUntilFull = free <= 0n ? 0 : Number(floor(div(fromBigint(free), growth)));
  }
  return {
    component: component.name,
    volume: volume.name,
    sizeBytes: volume.sizeBytes,
    copies: volume.perReplica ? Number(replicaRange(phase, component).min) : 1,
    usedBytes: used,
    growthBytesPerMonth: growth ? ceil(growth) : null,
    plateauBytes: ceiling,
    projectedBytes: projected,
    monthsUntilFull,
    at: locate(volume.at),
  };
}

const DAY_MS = PERIOD_SECONDS.day * 1000n;

/** Bytes kept under a backup's retention: copies × stored size, or rate × retention. */
export function backupPlan(backup: BackupModel): BackupPlan {
  const base = { name: backup.name, of: backup.of, type: backup.type, at: locate(backup.at) };
  const interval = backup.frequency && 'intervalMs' in backup.frequency ? backup.frequency.intervalMs : null;
  if (backup.rate && (interval === null || interval === 0n || backup.storedBytes === null)) {
    const perDay = ceil(dataRateBytesPer(backup.rate, 'day'));
    if (backup.retentionMs === null) return { ...base, copies: null, retainedBytes: null, perDayBytes: perDay, note: backup.retention === 'unstated' ? 'no retention given' : 'kept indefinitely: grows without bound' };
    const retained = ceil(mul(dataRateBytesPer(backup.rate, 'day'), rational(backup.retentionMs, DAY_MS)));
    return { ...base, copies: null, retainedBytes: retained, perDayBytes: perDay, note: null };
  }
  if (backup.storedBytes === null) return { ...base, copies: null, retainedBytes: null, perDayBytes: null, note: 'no size given' };
  if (interval === null || interval === 0n) {
    // One copy (media files kept "indefinitely", or a backup taken on change).
    const note = backup.frequency && 'onEvent' in backup.frequency ? `taken on ${backup.frequency.onEvent}: one copy counted` : null;
    return { ...base, copies: 1n, retainedBytes: backup.storedBytes, perDayBytes: null, note };
  }
  const perDay = ceil(rational(backup.storedBytes * DAY_MS, interval));
  if (backup.retentionMs === null) return { ...base, copies: null, retainedBytes: null, perDayBytes: perDay, note: backup.retention === 'unstated' ? 'no retention given' : 'kept indefinitely: grows without bound' };
  // Copies held at any moment: one per interval within the retention window.
  const copies = ceil(rational(backup.retentionMs, interval));
  return { ...base, copies, retainedBytes: backup.storedBytes * copies, perDayBytes: perDay, note: null };
}

/** A phase's monthly cost in micro-units, both ends of its price ranges; null when an item cannot be priced or currencies mix. */
export function phaseMonthlyCost(phase: PhaseModel, only: readonly string[] | null = null): { min: bigint; max: bigint; currency: string } | null {
  return costOf(phase, only).monthlyMicros;
}

function costOf(phase: PhaseModel, only: readonly string[] | null = null): { view: PhasePlan['cost']; monthlyMicros: { min: bigint; max: bigint; currency: string } | null } {
  const items: CostItem[] = [];
  let currency: string | null = null;
  let mixed = false;
  let min = rational(0n);
  let max = rational(0n);
  let unknown = false;
  const addFigure = (figure: MoneyFigure, factor: Rational) => {
    const c = figure.min.currency;
    if (currency === null) currency = c;
    else if (currency !== c) mixed = true;
    min = add(min, mul(monthlyMicros(figure, 'min'), factor));
    max = add(max, mul(monthlyMicros(figure, 'max'), factor));
  };
  for (const role of phase.roles) {
    if (!role.cost || (only && !only.includes(role.name))) continue;
    const count = role.count?.min ?? null;
    if (count === null) {
      unknown = true;
      items.push({ name: role.name, kind: 'machine', quantity: 0, monthly: null, note: 'machine count is variable' });
      continue;
    }
    addFigure(role.cost, rational(BigInt(count)));
    items.push({ name: role.name, kind: 'machine', quantity: count, monthly: moneyView(mul(monthlyMicros(role.cost, 'min'), rational(BigInt(count))), role.cost.min.currency), note: null });
  }
  for (const line of phase.costs) {
    if (only && !only.includes(line.name)) continue;
    let factor = rational(1n);
    if (line.amount.perBytes !== undefined) {
      if (line.quantityBytes === null) {
        unknown = true;
        items.push({ name: line.name, kind: 'line', quantity: 0, monthly: null, note: 'priced per size, but no `quantity` is given' });
        continue;
      }
      factor = rational(line.quantityBytes, line.amount.perBytes);
    }
    addFigure(line.amount, factor);
    items.push({ name: line.name, kind: 'line', quantity: 1, monthly: moneyView(mul(monthlyMicros(line.amount, 'min'), factor), line.amount.min.currency), note: null });
  }
  if (items.length === 0) return { view: { monthly: null, items, note: 'no prices in the spec' }, monthlyMicros: null };
  if (mixed) return { view: { monthly: null, items, note: 'prices in more than one currency; `infraspec cost` converts them with a dated rate table' }, monthlyMicros: null };
  const cur = currency ?? 'USD';
  return {
    view: { monthly: { min: moneyView(min, cur).amount, max: moneyView(max, cur).amount, currency: cur }, items, note: unknown ? 'some items could not be priced' : null },
    monthlyMicros: unknown ? null : { min: ceil(min), max: ceil(max), currency: cur },
  };
}

function moneyView(micros: Rational, currency: string): { amount: string; currency: string } {
  const units = rationalToDecimal(div(micros, rational(1_000_000n)), 6, 'round');
  return { amount: decimalToString(units), currency };
}

// ───────────────────────────── stated figures ───────────────────────────────

function statedFigures(model: Model, phase: PhaseModel, result: PhasePlan, cost: { min: bigint; max: bigint; currency: string } | null): StatedPlan[] {
  const out: StatedPlan[] = [];
  const all: StatedModel[] = [
    ...phase.stated,
    ...phase.roles.flatMap((r) => r.stated),
    ...phase.components.flatMap((c) => c.stated),
    ...model.backups.flatMap((b) => b.stated),
    ...model.traffic.flatMap((t) => t.stated),
    ...model.usage.flatMap((u) => u.stated),
    ...phase.roles.flatMap((r) => r.density.flatMap((d) => d.stated)),
  ];
  for (const stated of all) {
    const computed = computeFigure(model, phase, result, stated, cost);
    const item = view(stated, computed.value, computed.reason, computed.high);
    STATED_SOURCE.set(item, stated);
    out.push(item);
  }
  return out;
}

/** The stated figure of the model a plan row checks, kept aside so the plan stays plain data. */
const STATED_SOURCE = new WeakMap<StatedPlan, StatedModel>();

/** The model's stated figure behind a plan row (with its source span), for lint rules. */
export function statedSource(item: StatedPlan): StatedModel | undefined {
  return STATED_SOURCE.get(item);
}

function computeFigure(model: Model, phase: PhaseModel, result: PhasePlan, stated: StatedModel, cost: { min: bigint; max: bigint; currency: string } | null): { value: bigint | null; reason?: string; high?: bigint } {
  const pick = (range: MinMax) => (stated.atReplicas === 'max' ? range.max : range.min);
  const of = stated.of ? new Set(stated.of) : null;
  const running = of ? phase.components.filter((c) => c.kind !== 'external' && of.has(c.name)) : phase.components.filter((c) => c.kind !== 'external');
  const scopeName = stated.scope.name;
  const sums = (): ResourceSums =>
    of
      ? sumResources(phase, running)
      : { cpuRequests: result.totals.cpuRequestsMillicores, cpuLimits: result.totals.cpuLimitsMillicores, memoryRequests: result.totals.memoryRequestsBytes, memoryLimits: result.totals.memoryLimitsBytes, replicas: result.totals.replicas };
  switch (stated.figure) {
    case 'cpuRequests':
      return { value: pick(sums().cpuRequests) };
    case 'cpuLimits':
      return { value: pick(sums().cpuLimits) };
    case 'memoryRequests':
      return { value: pick(sums().memoryRequests) };
    case 'memoryLimits':
      return { value: pick(sums().memoryLimits) };
    case 'volumes': {
      const of = stated.scope.kind === 'component' ? running.filter((c) => c.name === scopeName) : running;
      return { value: volumeTotal(phase, of) };
    }
    case 'backupStorage': {
      const chosen = result.backups.filter((b) => !stated.of || stated.of.includes(b.name));
      if (chosen.some((b) => b.retainedBytes === null)) return { value: null, reason: 'a backup’s retained size cannot be computed' };
      return { value: chosen.reduce((s, b) => s + (b.retainedBytes ?? 0n), 0n) };
    }
    case 'monthlyCost':
      if (stated.of) cost = costOf(phase, stated.of).monthlyMicros;
      if (!cost) return { value: null, reason: result.cost.note ?? 'no prices' };
      if (cost.currency !== stated.currency) return { value: null, reason: `prices are in ${cost.currency}, the figure in ${stated.currency}` };
      // Prices written as ranges (`$40-50/month`) make the sum a range: the statement holds only if all of it does.
      return stated.atReplicas === 'max' ? { value: cost.max } : { value: cost.min, high: cost.max };
    case 'machines': {
      const roles = phase.roles.filter((r) => !stated.of || stated.of.includes(r.name));
      const count = machineCount(roles);
      if (!count) return { value: null, reason: 'a role has a variable count' };
      if (stated.atReplicas === 'max' && count.max === null) return { value: null, reason: 'a role has no upper bound on its count' };
      return { value: stated.atReplicas === 'max' ? count.max! : count.min };
    }
    case 'count': {
      const role = phase.roles.find((r) => r.name === scopeName);
      return role?.count ? { value: BigInt(role.count.min) } : { value: null, reason: 'the role has no fixed count' };
    }
    case 'cost': {
      const role = phase.roles.find((r) => r.name === scopeName);
      if (!role?.cost || !role.count) return { value: null, reason: 'the role has no price or count' };
      if (role.cost.min.currency !== stated.currency) return { value: null, reason: `the role is priced in ${role.cost.min.currency}` };
      return { value: ceil(mul(monthlyMicros(role.cost, 'min'), rational(BigInt(role.count.min)))) };
    }
    case 'cpu':
    case 'memory':
    case 'disk': {
      const key = stated.figure === 'cpu' ? 'cpuMillicores' : stated.figure === 'memory' ? 'memoryBytes' : 'diskBytes';
      if (stated.scope.kind === 'role') {
        const role = result.roles.find((r) => r.name === scopeName);
        if (!role) return { value: null };
        if (stated.perMachine) return { value: role.perMachine[key], reason: 'the role gives no such size' };
        const capacity = role.capacity[key];
        return capacity ? { value: capacity.min } : { value: null, reason: 'the role gives no such size' };
      }
      // A phase figure: the capacity of all the phase's machines (or of the roles in `of`).
      let total = 0n;
      for (const role of result.roles) {
        if (stated.of && !stated.of.includes(role.name)) continue;
        const capacity = role.capacity[key];
        if (!capacity) return { value: null, reason: `role \`${role.name}\` gives no such size` };
        total += pick(capacity);
      }
      return { value: total };
    }
    case 'rate': {
      const driver = model.usage.find((u) => u.name === scopeName);
      return driver ? { value: ceil(dataRateBytesPer(driver.rate, 'month')) } : { value: null };
    }
    case 'perHost': {
      const [roleName, entry] = (scopeName ?? '').split('/');
      const role = result.roles.find((r) => r.name === roleName);
      const density = role?.density.find((d) => d.name === entry);
      return { value: density?.fitsPerHost ?? null, reason: 'the role gives no CPU or memory size' };
    }
    case 'replicas': {
      const component = phase.components.find((c) => c.name === scopeName);
      return component ? { value: pick(replicaRange(phase, component)) } : { value: null };
    }
    case 'dataSize': {
      const component = phase.components.find((c) => c.name === scopeName);
      return { value: component?.dataBytes ?? null, reason: 'no data sizes given' };
    }
    case 'retained':
    case 'perDay': {
      const backup = result.backups.find((b) => b.name === scopeName);
      const value = stated.figure === 'retained' ? backup?.retainedBytes : backup?.perDayBytes;
      return { value: value ?? null, reason: backup?.note ?? undefined };
    }
    case 'average':
    case 'peak': {
      const traffic = model.traffic.find((t) => t.direction === scopeName);
      if (!traffic) return { value: null };
      let total = 0n;
      const missing: string[] = [];
      for (const item of traffic.items) {
        const v = stated.figure === 'average' ? item.averageBps : item.peakBps;
        if (v === null) missing.push(item.name);
        else total += v;
      }
      // An item without the figure is unknown, not zero: the sum is then only a lower bound.
      if (missing.length) return { value: null, reason: `${missing.map((n) => `\`${n}\``).join(', ')} ${missing.length === 1 ? 'gives' : 'give'} no ${stated.figure} rate (the others add up to ${formatBitRate(total)})` };
      return { value: total };
    }
    default: {
      if (stated.figure.startsWith('usage.')) {
        const driver = stated.figure.slice('usage.'.length);
        const usage = result.usage.find((u) => u.driver === driver);
        if (!usage) return { value: null, reason: `no usage driver \`${driver}\`` };
        return { value: usage.bytesPerMonth, reason: `the phase has no \`${usage.per}\` target` };
      }
      return { value: null };
    }
  }
}

const UNITS: Record<StatedModel['kind'], string> = {
  cpu: 'millicores',
  bytes: 'bytes',
  money: 'micro-units',
  count: 'count',
  bitrate: 'bits/s',
  dataPerMonth: 'bytes/month',
};

/** A computed figure in the unit the page wrote its own figure in (`~4.5GB` → GB). */
export function formatFigure(kind: StatedModel['kind'], value: bigint, currency: string | null = null, statedText = ''): string {
  const system = writtenSystem(statedText);
  switch (kind) {
    case 'cpu':
      return formatMillicores(value);
    case 'bytes':
      return system ? formatBytes(value, system) : formatBytesReadable(value);
    case 'dataPerMonth':
      return `${formatBytes(value, system ?? 'si')}/month`;
    case 'money': {
      const amount = decimalToString(rationalToDecimal(rational(value, 1_000_000n), 2, 'round'), 2);
      return currency === 'USD' ? `$${amount}` : currency === 'EUR' ? `€${amount}` : `${amount} ${currency ?? ''}`.trim();
    }
    case 'bitrate':
      return formatBitRate(value);
    case 'count':
      return value.toString();
  }
}

function view(stated: StatedModel, value: bigint | null, reason?: string, high?: bigint): StatedPlan {
  const ranged = value !== null && high !== undefined && high !== value;
  const scope = stated.scope.name === null ? stated.scope.kind : `${stated.scope.kind} ${stated.scope.name}`;
  return {
    what: stated.of ? `${stated.figure}(${stated.of.join(', ')})` : stated.figure,
    scope,
    label: stated.label,
    stated: stated.text,
    statedRange: { low: stated.range.low, high: stated.range.high },
    computed:
      value === null
        ? reason
          ? `unknown: ${reason}`
          : null
        : ranged
          ? `${formatFigure(stated.kind, value, stated.currency, stated.text)}–${formatFigure(stated.kind, high, stated.currency, stated.text)}`
          : formatFigure(stated.kind, value, stated.currency, stated.text),
    computedValue: value,
    computedMax: value === null ? null : ranged ? high : value,
    unit: stated.kind === 'money' ? `micro-${stated.currency ?? 'units'}` : UNITS[stated.kind],
    ok: value === null ? null : statedContains(stated.range, value) && (!ranged || statedContains(stated.range, high)),
    at: locate(stated.at),
  };
}
