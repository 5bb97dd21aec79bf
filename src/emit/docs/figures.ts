/**
 * Figures in the document. What the spec states is shown as written (`8GB`
 * stays GB, `16Gi` stays GiB, `50Gi+` keeps its `+`); what infraspec computes
 * is shown in the unit system the page wrote its own figures in, through the
 * formatters `plan` uses.
 */
import type { MinMax, MinMaybeMax, StatedPlan } from '../../plan/plan.js';
import { formatFigure, statedSource } from '../../plan/plan.js';
import type { Model, StatedModel } from '../../spec/model.js';
import { formatBytes, formatBytesReadable, readableSystem, writtenSystem } from '../../units/bytes.js';
import { parseDecimal, rationalToDecimal, decimalToRational, decimalToString } from '../../units/decimal.js';
import { formatMillicores } from '../../units/quantity.js';
import { rational, toDecimalString } from '../../units/rational.js';
import { formatStatedRange } from '../../units/stated.js';
import { code, text } from './markdown.js';

export type UnitSystem = 'si' | 'iec';

/**
 * The value of `container[key]` as the spec wrote it: strings verbatim,
 * numbers with their source text (`0.50`, not `0.5`), booleans as yes/no.
 */
export function written(model: Model, container: object | null | undefined, key: string): string | null {
  if (container === null || container === undefined) return null;
  const value = (container as Record<string, unknown>)[key];
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return (model.positions.rawText(container, key) ?? String(value)).trim();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return null;
}

/** `written`, escaped for a table cell ('' when absent). */
export function writtenCell(model: Model, container: object | null | undefined, key: string): string {
  const value = written(model, container, key);
  return value === null ? '' : text(value);
}

/** The unit system most of these written sizes use; undefined when they disagree or none says. */
export function systemOf(texts: Iterable<string | null | undefined>): UnitSystem | undefined {
  let si = 0;
  let iec = 0;
  for (const t of texts) {
    if (!t) continue;
    const s = writtenSystem(t);
    if (s === 'si') si += 1;
    else if (s === 'iec') iec += 1;
  }
  if (si === 0 && iec === 0) return undefined;
  return si >= iec ? 'si' : 'iec';
}

/** A computed size in the given system, or in whichever writes it with fewer digits. */
export function bytes(value: bigint, system?: UnitSystem): string {
  return system ? formatBytes(value, system) : formatBytesReadable(value);
}

/** Both ends of a size range in one system (the one that suits the smaller end, unless given). */
export function bytesRange(range: MinMax, system?: UnitSystem): string {
  const s = system ?? readableSystem(range.min === 0n ? range.max : range.min);
  return range.min === range.max ? formatBytes(range.min, s) : `${formatBytes(range.min, s)} – ${formatBytes(range.max, s)}`;
}

/** CPU for people: `2.45 cores`, `1 core`, `250m` below one core. */
export function cores(millicores: bigint): string {
  if (millicores !== 0n && millicores < 1000n && millicores > -1000n) return formatMillicores(millicores);
  const n = toDecimalString(rational(millicores, 1000n), 3);
  return `${n} ${n === '1' ? 'core' : 'cores'}`;
}

export function coresRange(range: MinMax): string {
  if (range.min === range.max) return cores(range.min);
  const low = cores(range.min);
  const high = cores(range.max);
  // `1.8–1.9 cores`, not `1.8 cores – 1.9 cores`.
  if (low.endsWith(' cores') && high.endsWith(' cores')) return `${low.slice(0, -' cores'.length)}–${high}`;
  return `${low} – ${high}`;
}

export function countRange(range: MinMax | MinMaybeMax | null): string {
  if (range === null) return 'variable';
  if (range.max === null) return `${range.min}+`;
  return range.min === range.max ? String(range.min) : `${range.min}–${range.max}`;
}

/** A role's machine count: `3`, `3–10`, `1+`, `variable`. */
export function roleCount(count: { min: number; max: number | null } | null): string {
  if (count === null) return 'variable';
  if (count.max === null) return `${count.min}+`;
  return count.min === count.max ? String(count.min) : `${count.min}–${count.max}`;
}

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£' };

/** A decimal amount from the plan (`"372"`, `"13.5"`) as money with cents: `$372.00`. */
export function moneyText(amount: string, currency: string): string {
  const parsed = parseDecimal(amount);
  const value = parsed ? decimalToString(rationalToDecimal(decimalToRational(parsed), 2, 'round'), 2) : amount;
  const symbol = SYMBOLS[currency];
  if (symbol === undefined) return `${value} ${currency}`;
  return value.startsWith('-') ? `-${symbol}${value.slice(1)}` : `${symbol}${value}`;
}

/** Monthly money range from the plan: `$50.00–$60.00/month`. */
export function monthlyText(monthly: { min: string; max: string; currency: string }): string {
  const min = moneyText(monthly.min, monthly.currency);
  const max = moneyText(monthly.max, monthly.currency);
  return `${min === max ? min : `${min}–${max}`}/month`;
}

/**
 * A computed figure in the page's units (`formatFigure`), except CPU, which is
 * shown in cores when the page wrote cores (`~2.0 cores` → `2.45 cores`).
 */
export function figure(kind: StatedModel['kind'], value: bigint, currency: string | null, statedText: string): string {
  return `${bareFigure(kind, value, currency, statedText)}${periodOf(kind, statedText)}`;
}

function bareFigure(kind: StatedModel['kind'], value: bigint, currency: string | null, statedText: string): string {
  if (kind === 'cpu' && /core|cpu/i.test(statedText)) return cores(value);
  return formatFigure(kind, value, currency, statedText);
}

/** `/month` when the page wrote a monthly price (`$50-60/month`). */
function periodOf(kind: StatedModel['kind'], statedText: string): string {
  return kind === 'money' && /\/\s*mo(nth)?\b/i.test(statedText) ? '/month' : '';
}

/** ✓, ✗ or ? (cannot be computed from the spec). */
export function mark(ok: boolean | null): string {
  return ok === null ? '?' : ok ? '✓' : '✗';
}

/** The computed side of a stated row, in the page's units, or why it is unknown. */
export function computedCell(item: StatedPlan): string {
  const source = statedSource(item);
  if (item.computedValue === null) return text(item.computed ?? 'unknown');
  if (!source) return text(item.computed ?? '');
  if (item.computedMax === null || item.computedMax === item.computedValue) return text(figure(source.kind, item.computedValue, source.currency, source.text));
  return text(`${bareFigure(source.kind, item.computedValue, source.currency, source.text)}–${figure(source.kind, item.computedMax, source.currency, source.text)}`);
}

/** What a stated figure accepts (`~160GB` → `144 GB–176 GB`), for reading a ✗. */
export function acceptsCell(item: StatedPlan): string {
  const source = statedSource(item);
  if (!source) return '';
  const accepts = formatStatedRange(source.range, (v) => bareFigure(source.kind, v, source.currency, source.text));
  return text(`${accepts}${periodOf(source.kind, source.text)}`);
}

/** The figure's name with its qualifiers: `cpuRequests (at max replicas)`, `backupStorage of a, b`. */
export function figureName(item: StatedPlan): string {
  const source = statedSource(item);
  const name = source ? source.figure : item.what;
  const qualifiers: string[] = [];
  if (source?.of) qualifiers.push(`of ${source.of.map(code).join(', ')}`);
  if (source?.atReplicas === 'max') qualifiers.push('at max replicas');
  if (source?.perMachine) qualifiers.push('per machine');
  return `${code(name)}${qualifiers.length ? ` (${qualifiers.join('; ')})` : ''}`;
}

/** `60GB ✓`, `34GB ✗ 33.6 GB`: a stated figure beside what infraspec computes. */
export function inlineCheck(item: StatedPlan): string {
  const computed = computedCell(item);
  return `${text(item.stated)} ${mark(item.ok)}${item.ok === true ? '' : ` (computed ${computed})`}`;
}

/** A phase name for a cell or heading. */
export function phaseList(names: readonly string[]): string {
  return names.map(code).join(', ');
}
