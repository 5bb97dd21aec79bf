import { statedSource, type StatedPlan } from '../../plan/plan.js';
import type { Model, PhaseModel, StatedModel } from '../../spec/model.js';
import { formatBytes, formatBytesReadable, writtenSystem } from '../../units/bytes.js';
import { formatCount } from '../../units/count.js';
import { decimalToString, rationalToDecimal } from '../../units/decimal.js';
import { formatBitRate } from '../../units/rate.js';
import { rational, toDecimalString } from '../../units/rational.js';
import type { LintAnalysis } from '../analysis.js';
import type { MessageData } from '../types.js';

/**
 * What the stated-figure rules share: one walk over every phase's stated rows
 * (the plan checks each figure the page states against what it computes), kept
 * per analysis so the nine rules that read it walk it once, and the words each
 * finding needs — the figure in the page's own units, what was computed and how,
 * and by how much the two differ.
 */

export interface StatedRow {
  phase: PhaseModel;
  row: StatedPlan;
  source: StatedModel;
  /** ` in phase \`x\`` when the same figure computes differently by phase, else empty. */
  where: string;
}

export interface StatedMismatch extends StatedRow {
  /** The computed figure lies above the stated one (`more`) or below it (`less`). */
  direction: 'more' | 'less';
  /** subject, stated, computation, computed, where, difference. */
  data: MessageData;
}

export interface StatedUnchecked extends StatedRow {
  reason: string;
  data: MessageData;
}

const CACHE = new WeakMap<LintAnalysis, StatedRow[]>();

/** Every stated row of every phase, with its model figure (computed once per analysis). */
export function statedRows(analysis: LintAnalysis): StatedRow[] {
  const cached = CACHE.get(analysis);
  if (cached) return cached;
  const rows: Array<Omit<StatedRow, 'where'>> = [];
  // A figure written once (a base role, a backup, the system) is checked in every phase:
  // name the phase only when the computed figure differs between them.
  // An unchecked figure names its phase when other phases check it, or fail to for another reason.
  const outcomesBySpan = new Map<string, Set<string>>();
  for (const phase of analysis.model.phases) {
    for (const row of analysis.phasePlan(phase).stated) {
      const source = statedSource(row);
      if (!source) continue;
      rows.push({ phase, row, source });
      const outcome = row.computedValue === null ? `?${row.computed ?? ''}` : row.computedValue.toString();
      const key = spanKey(source);
      const outcomes = outcomesBySpan.get(key);
      if (outcomes) outcomes.add(outcome);
      else outcomesBySpan.set(key, new Set([outcome]));
    }
  }
  const out = rows.map((r) => {
    const outcomes = [...(outcomesBySpan.get(spanKey(r.source)) ?? [])];
    const computedValues = outcomes.filter((o) => !o.startsWith('?')).length;
    const differs = r.row.computedValue === null ? outcomes.length > 1 : computedValues > 1;
    return { ...r, where: differs ? ` in phase \`${r.phase.name}\`` : '' };
  });
  CACHE.set(analysis, out);
  return out;
}

function spanKey(source: StatedModel): string {
  return `${source.at.file.path}\u0000${source.at.start}\u0000${source.at.end}`;
}

/** The stated figures the plan computed differently, for the figure ids `figures` accepts. */
export function* statedMismatches(analysis: LintAnalysis, figures: (figure: string) => boolean): Generator<StatedMismatch> {
  for (const entry of statedRows(analysis)) {
    const { row, source } = entry;
    if (row.ok !== false || row.computedValue === null || !figures(source.figure)) continue;
    const computed = row.computedValue;
    const range = source.range;
    const more = range.high !== null && (range.highInclusive ? computed > range.high : computed >= range.high);
    const bound = nominalBound(source, more ? 'high' : 'low');
    const difference = computed > bound ? computed - bound : bound - computed;
    yield {
      ...entry,
      direction: more ? 'more' : 'less',
      data: {
        subject: subjectOf(source),
        stated: source.text.trim(),
        computation: computationOf(analysis.model, entry.phase, source),
        computed: formatComputed(analysis, entry.phase, source, computed),
        difference: formatValue(source, difference, false),
        where: entry.where,
      },
    };
  }
}

/** The stated figures the plan could not compute, with the reason it gives. */
export function* statedUnchecked(analysis: LintAnalysis): Generator<StatedUnchecked> {
  for (const entry of statedRows(analysis)) {
    const { row, source } = entry;
    if (row.ok !== null || row.computed === null || !row.computed.startsWith('unknown: ')) continue;
    // The plan's reasons may hold a colon of their own (`kept indefinitely: grows without bound`).
    const reason = row.computed.slice('unknown: '.length).replace(/: /g, ', ');
    yield { ...entry, reason, data: { subject: subjectOf(source), stated: source.text.trim(), reason, where: entry.where } };
  }
}

/**
 * The figure the page meant, to measure the difference from: the nearer end of a
 * written range (`$120-150`), the bound of `<X` or `X+`, else the middle of the
 * interval a single figure covers (`~160GB` and `34GB` both give back the figure).
 */
export function nominalBound(source: StatedModel, side: 'low' | 'high'): bigint {
  const { range } = source;
  if (range.high === null) return range.low;
  const text = source.text.trim();
  if (/^[<≤]/.test(text)) return range.high;
  if (/\d\s*(?:[-–—]|\sto\s)\s*[^\d\s]*\d/.test(text)) return side === 'high' ? range.high : range.low;
  return (range.low + range.high) / 2n;
}

const NOUNS: Record<string, string> = {
  cpuRequests: 'CPU requests',
  cpuLimits: 'CPU limits',
  memoryRequests: 'memory requests',
  memoryLimits: 'memory limits',
  volumes: 'volumes',
  backupStorage: 'backup storage',
  monthlyCost: 'monthly cost',
  machines: 'machine count',
  count: 'machine count',
  cost: 'cost',
  cpu: 'CPU',
  memory: 'memory',
  disk: 'disk',
  replicas: 'replica count',
  dataSize: 'data size',
  retained: 'retained size',
  perDay: 'daily size',
  average: 'average rate',
  peak: 'peak rate',
  rate: 'rate',
  perHost: 'density',
};

function nounOf(source: StatedModel): string {
  if (source.figure.startsWith('usage.')) return `\`${source.figure}\``;
  return NOUNS[source.figure] ?? `\`${source.figure}\``;
}

/** `\`label\`` when the page's words are kept, else the figure and what it is about. */
export function subjectOf(source: StatedModel): string {
  if (source.figure === 'perHost') {
    // The model names a density class's figure itself (`small per host`): say whose it is.
    const [role, entry] = (source.scope.name ?? '').split('/');
    return `the \`${entry ?? ''}\` density of role \`${role ?? ''}\``;
  }
  if (source.label) return `\`${source.label}\``;
  const noun = nounOf(source);
  const name = source.scope.name;
  switch (source.scope.kind) {
    case 'role':
      return `the ${noun} figure of role \`${name ?? ''}\``;
    case 'component':
      return `the ${noun} figure of \`${name ?? ''}\``;
    case 'backup':
      return `the ${noun} figure of backup \`${name ?? ''}\``;
    case 'traffic':
      return `the ${name ?? ''} ${noun} figure`;
    case 'usage':
      return `the ${noun} figure of usage driver \`${name ?? ''}\``;
    case 'density':
      return `the ${noun} figure of \`${name ?? ''}\``;
    case 'phase':
      return `the ${noun} figure of phase \`${name ?? ''}\``;
    default:
      return `the ${noun} figure`;
  }
}

const names = (list: readonly string[]) => list.map((n) => `\`${n}\``).join(', ');

/** How the figure was computed, ending in the verb the computed value follows. */
function computationOf(model: Model, phase: PhaseModel, source: StatedModel): string {
  const of = source.of;
  const atMax = source.atReplicas === 'max' ? ' at their maximum replicas' : '';
  const name = source.scope.name ?? '';
  const role = () => phase.roles.find((r) => r.name === name);
  switch (source.figure) {
    case 'cpuRequests':
    case 'cpuLimits':
    case 'memoryRequests':
    case 'memoryLimits': {
      const noun = NOUNS[source.figure] ?? source.figure;
      return of ? `the ${noun} of ${names(of)}${atMax} add up to` : `the components' ${noun}${atMax} add up to`;
    }
    case 'cpu':
    case 'memory':
    case 'disk': {
      if (source.scope.kind === 'role') {
        const count = role()?.count?.min ?? 1;
        if (source.perMachine || count === 1) return `one \`${name}\` machine has`;
        return `the ${count} \`${name}\` machines have`;
      }
      return of ? `the machines of ${names(of)} have` : `the phase's machines have`;
    }
    case 'volumes':
      return source.scope.kind === 'component' ? `the volumes of \`${name}\` add up to` : `the components' volumes add up to`;
    case 'dataSize':
      return `the data items of \`${name}\` add up to`;
    case 'backupStorage':
      return of ? `backups ${names(of)} keep` : 'the backups keep';
    case 'retained':
      return `backup \`${name}\` keeps`;
    case 'perDay':
      return `backup \`${name}\` adds`;
    case 'monthlyCost':
      return of ? `the prices of ${names(of)} come to` : "the phase's machine prices and cost lines come to";
    case 'cost': {
      const r = role();
      const count = r?.count?.min ?? 1;
      const each = r?.cost ? ` at ${r.cost.text.trim()} each` : '';
      return count === 1 ? `one \`${name}\` machine${each} comes to` : `${count} \`${name}\` machines${each} come to`;
    }
    case 'machines':
      return of ? `roles ${names(of)} have` : "the phase's roles have";
    case 'count':
      return `role \`${name}\` has`;
    case 'replicas':
      return `\`${name}\` runs`;
    case 'rate':
      return `the parts of usage driver \`${name}\` add up to`;
    case 'average':
    case 'peak':
      return `the ${name} items' ${source.figure} rates add up to`;
    case 'perHost':
      return `one \`${name.split('/')[0] ?? ''}\` machine fits`;
    default: {
      if (source.figure.startsWith('usage.')) {
        const driverName = source.figure.slice('usage.'.length);
        const driver = model.usage.find((u) => u.name === driverName);
        const target = driver ? phase.targets.find((t) => t.name === driver.per) : undefined;
        return target ? `usage driver \`${driverName}\` at ${target.text.trim()} ${driver?.per ?? ''} comes to` : `usage driver \`${driverName}\` comes to`;
      }
      return 'infraspec computes';
    }
  }
}

/** The computed value in the page's units, with what it counts. */
function formatComputed(analysis: LintAnalysis, phase: PhaseModel, source: StatedModel, value: bigint): string {
  const text = formatValue(source, value);
  switch (source.figure) {
    case 'machines':
    case 'count':
      return `${text} machine${value === 1n ? '' : 's'}`;
    case 'replicas':
      return `${text} replica${value === 1n ? '' : 's'}`;
    case 'perDay':
      return `${text} a day`;
    case 'memory':
    case 'disk':
      return `${text} of ${source.figure}`;
    case 'perHost': {
      const [roleName, entry] = (source.scope.name ?? '').split('/');
      const density = analysis.phasePlan(phase).roles.find((r) => r.name === roleName)?.density.find((d) => d.name === entry);
      const limit = density?.limitedBy === 'cpu' ? ' (limited by CPU)' : density?.limitedBy === 'memory' ? ' (limited by memory)' : '';
      return `${text} \`${entry ?? ''}\` instances${limit}`;
    }
    default:
      return text;
  }
}

/** A value of the figure's kind in the units the page wrote the figure in. */
export function formatValue(source: StatedModel, value: bigint, withPeriod = true): string {
  const text = source.text;
  switch (source.kind) {
    case 'cpu':
      // Millicores when the page wrote millicores (`1500m`), cores otherwise (`~2.0 cores`, `2`).
      return /\dm\s*$/.test(text.trim()) ? `${value}m` : `${toDecimalString(rational(value, 1000n), 3)} ${value === 1000n ? 'core' : 'cores'}`;
    case 'bytes': {
      const system = writtenSystem(text);
      return system ? formatBytes(value, system) : formatBytesReadable(value);
    }
    case 'dataPerMonth': {
      const per = source.figure === 'rate' ? (/\/\s*([A-Za-z-]+)\s*\/\s*month/.exec(text)?.[1] ?? null) : null;
      return `${formatBytes(value, writtenSystem(text) ?? 'si')}/${per === null ? '' : `${per}/`}month`;
    }
    case 'money': {
      const amount = decimalToString(rationalToDecimal(rational(value < 0n ? -value : value, 1_000_000n), 2, 'round'), 2);
      const currency = source.currency ?? '';
      const money = currency === 'USD' ? `$${amount}` : currency === 'EUR' ? `€${amount}` : currency === 'GBP' ? `£${amount}` : `${amount} ${currency}`.trim();
      return withPeriod && (/\/\s*mo/.test(text) || source.figure === 'monthlyCost' || source.figure === 'cost') ? `${money}/month` : money;
    }
    case 'bitrate':
      return formatBitRate(value);
    case 'count':
      return formatCount(value);
  }
}
