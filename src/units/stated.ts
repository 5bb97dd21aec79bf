/**
 * What a document asserts, with the slack it allows: `~2.0 cores`, `$120-150`, `4-8GB`,
 * `<200ms`, `80GB+`. The unit is someone else's business: a caller passes the parser for
 * one value (in a bigint base unit: bytes, millicores, ms, micro-dollars) and gets back
 * the interval the statement covers, so that a computed figure can be checked against it.
 */
import { decimalToRational, parseDecimal, type Decimal } from './decimal.js';
import { add, ceil, floor, fromBigint, max, min, mul, rational, sub, type Rational } from './rational.js';
import { fail, ok, type Parsed, type UnitError } from './result.js';

export interface StatedRange {
  low: bigint;
  /** null: unbounded above (`80GB+`, `>5`). */
  high: bigint | null;
  lowInclusive: boolean;
  highInclusive: boolean;
  /** Written with `~` or a `±` tolerance. */
  approx: boolean;
  /** The tolerance applied to an approximate figure, in percent; null when exact. */
  tolerancePercent: Decimal | null;
  /** The text as written. */
  text: string;
}

export interface StatedOptions {
  /** Slack given to `~X` when the text names none; 10 % by default. */
  defaultTolerancePercent?: Decimal;
  /**
   * Read a plain figure as exact. By default a plain figure means its written
   * precision: `34GB` is 33.5–34.5 GB and `4.8GB` is 4.75–4.85 GB, because a
   * document that writes two significant digits asserts no more than that.
   */
  exact?: boolean;
}

const DEFAULT_TOLERANCE: Decimal = { units: 10n, scale: 0 };
const BARE_NUMBER = /^(?:\d[\d,]*(?:\.\d*)?|\.\d+)$/;
const AFFIXES = /^(\D*?)(\d[\d,]*(?:\.\d*)?|\.\d+)(.*)$/s;
const TOLERANCE = /\s*(?:±|\+\/-|\+-)\s*(\d+(?:\.\d*)?|\.\d+)\s*%$/;

type ParseOne = (text: string) => Parsed<bigint>;

function shifted(error: UnitError, by: number): UnitError {
  return { ...error, offset: error.offset + by };
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** One value parsed from text[from, to), trimmed, with errors pointing into `text`. */
function parseSlice(text: string, from: number, to: number, parseOne: ParseOne): Parsed<bigint> {
  while (from < to && isBlank(text[from])) from += 1;
  while (to > from && isBlank(text[to - 1])) to -= 1;
  if (from === to) {
    // Point at the character before the gap (the `-` of `4-`), so the span is never empty.
    const at = Math.max(0, Math.min(from, text.length) - 1);
    return fail({ message: 'a value is missing', expected: 'a value', offset: at, length: text.length === 0 ? 0 : 1 });
  }
  const parsed = parseOne(text.slice(from, to));
  return parsed.ok ? parsed : { ok: false, error: shifted(parsed.error, from) };
}

interface Bounds {
  low: bigint;
  high: bigint;
}

/** Where a range could split: `-`, `–`, `—` or ` to ` (not a sign, not an exponent's minus). */
function separatorsIn(text: string, from: number, to: number): { at: number; length: number }[] {
  const found: { at: number; length: number }[] = [];
  for (let i = from + 1; i < to - 1; i++) {
    const c = text[i];
    if (c === '–' || c === '—') found.push({ at: i, length: 1 });
    else if (c === '-') {
      const exponentMinus = /[eE]/.test(text[i - 1] ?? '') && /\d/.test(text[i - 2] ?? '') && /\d/.test(text[i + 1] ?? '');
      if (!exponentMinus) found.push({ at: i, length: 1 });
    } else if (text.startsWith(' to ', i)) found.push({ at: i, length: 4 });
  }
  return found;
}

function trimmedSpan(text: string, from: number, to: number): { from: number; to: number; body: string } {
  while (from < to && isBlank(text[from])) from += 1;
  while (to > from && isBlank(text[to - 1])) to -= 1;
  return { from, to, body: text.slice(from, to) };
}

/**
 * One end written as a bare number borrows the other end's unit: `4-8GB` is 4GB to 8GB,
 * `$120-150` is $120 to $150.
 */
function parseEnd(own: { from: number; to: number; body: string }, other: { body: string }, parseOne: ParseOne, text: string): Parsed<bigint> {
  if (BARE_NUMBER.test(own.body) && !BARE_NUMBER.test(other.body)) {
    const affixes = AFFIXES.exec(other.body);
    if (affixes) {
      const borrowed = parseOne(`${affixes[1] ?? ''}${own.body}${affixes[3] ?? ''}`);
      if (borrowed.ok) return borrowed;
      return fail({ ...borrowed.error, offset: own.from, length: Math.max(1, own.body.length) });
    }
  }
  return parseSlice(text, own.from, own.to, parseOne);
}

function parseValueOrRange(text: string, from: number, to: number, parseOne: ParseOne): Parsed<Bounds> {
  const single = parseSlice(text, from, to, parseOne);
  if (single.ok) return ok({ low: single.value, high: single.value });
  let firstError: UnitError | undefined;
  for (const separator of separatorsIn(text, from, to)) {
    const left = trimmedSpan(text, from, separator.at);
    const right = trimmedSpan(text, separator.at + separator.length, to);
    if (left.body.length === 0 || right.body.length === 0) continue;
    const high = parseEnd(right, left, parseOne, text);
    const low = parseEnd(left, right, parseOne, text);
    if (low.ok && high.ok) {
      if (low.value > high.value) {
        return fail({
          message: 'the range runs backwards',
          expected: 'a range with the smaller value first, such as `4-8GB`',
          hint: 'write the smaller value first',
          offset: left.from,
          length: right.to - left.from,
        });
      }
      return ok({ low: low.value, high: high.value });
    }
    firstError ??= !high.ok ? high.error : !low.ok ? low.error : undefined;
  }
  return fail(firstError ?? single.error);
}

/**
 * The interval a plain figure covers at the precision it is written with: half a unit
 * of its last written digit either side (`34GB` → 33.5–34.5 GB, `4.8GB` → 4.75–4.85 GB).
 */
function writtenPrecision(body: string, value: bigint, parseOne: ParseOne): Bounds | undefined {
  const affixes = AFFIXES.exec(body.trim());
  if (!affixes) return undefined;
  const digits = affixes[2] ?? '';
  const dot = digits.indexOf('.');
  const fractionDigits = dot === -1 ? 0 : digits.length - dot - 1;
  const unitText = fractionDigits === 0 ? '1' : `0.${'0'.repeat(fractionDigits - 1)}1`;
  const step = parseOne(`${affixes[1] ?? ''}${unitText}${affixes[3] ?? ''}`);
  if (!step.ok || step.value <= 0n) return undefined;
  const half = rational(step.value, 2n);
  const exact = fromBigint(value);
  return { low: ceil(sub(exact, half)), high: floor(add(exact, half)) };
}

function widen(bounds: Bounds, tolerancePercent: Decimal): Bounds {
  const t = mul(decimalToRational(tolerancePercent), rational(1n, 100n));
  const below: Rational = rational(t.den - t.num, t.den);
  const above: Rational = rational(t.den + t.num, t.den);
  const low = fromBigint(bounds.low);
  const high = fromBigint(bounds.high);
  // A negative figure shrinks when multiplied by 1+t, so take the outer end either way.
  return {
    low: floor(min(mul(low, below), mul(low, above))),
    high: ceil(max(mul(high, below), mul(high, above))),
  };
}

const COMPARISONS: readonly { op: string; bound: 'below' | 'above'; inclusive: boolean }[] = [
  { op: '<=', bound: 'below', inclusive: true },
  { op: '≤', bound: 'below', inclusive: true },
  { op: '>=', bound: 'above', inclusive: true },
  { op: '≥', bound: 'above', inclusive: true },
  { op: '<', bound: 'below', inclusive: false },
  { op: '>', bound: 'above', inclusive: false },
];

/**
 * `X`; `~X` (±10 %, or `~X ±5%`: low floored, high ceiled); `A-B`, `A–B`, `A to B`;
 * `<X` and `≤X` (from 0: the base units measured here are never negative); `>X`, `≥X`
 * and `X+` (unbounded above).
 */
export function parseStated(text: string, parseOne: ParseOne, options: StatedOptions = {}): Parsed<StatedRange> {
  let from = 0;
  let to = text.length;
  while (from < to && isBlank(text[from])) from += 1;
  while (to > from && isBlank(text[to - 1])) to -= 1;
  if (from === to) {
    return fail({ message: 'the figure is empty', expected: 'a figure such as `~160GB` or `4-8GB`', offset: 0, length: 0 });
  }
  const base = { approx: false, tolerancePercent: null, text };

  for (const comparison of COMPARISONS) {
    if (!text.startsWith(comparison.op, from)) continue;
    const value = parseSlice(text, from + comparison.op.length, to, parseOne);
    if (!value.ok) return value;
    return ok(
      comparison.bound === 'below'
        ? { ...base, low: 0n, high: value.value, lowInclusive: true, highInclusive: comparison.inclusive }
        : { ...base, low: value.value, high: null, lowInclusive: comparison.inclusive, highInclusive: false },
    );
  }

  let approx = false;
  if (text[from] === '~' || text[from] === '≈') {
    approx = true;
    from += 1;
  }
  let tolerancePercent = options.defaultTolerancePercent ?? DEFAULT_TOLERANCE;
  const written = TOLERANCE.exec(text.slice(from, to));
  if (written) {
    const percent = parseDecimal(written[1] ?? '');
    if (percent !== undefined) {
      tolerancePercent = percent;
      approx = true;
      to -= written[0].length;
    }
  }

  if (!approx && text[to - 1] === '+') {
    const value = parseSlice(text, from, to - 1, parseOne);
    if (!value.ok) return value;
    return ok({ ...base, low: value.value, high: null, lowInclusive: true, highInclusive: false });
  }

  const bounds = parseValueOrRange(text, from, to, parseOne);
  if (!bounds.ok) return bounds;
  if (!approx) {
    const single = bounds.value.low === bounds.value.high;
    const precise = single && !options.exact ? writtenPrecision(text.slice(from, to), bounds.value.low, parseOne) : undefined;
    return ok({ ...base, ...(precise ?? bounds.value), lowInclusive: true, highInclusive: true });
  }
  return ok({
    ...widen(bounds.value, tolerancePercent),
    lowInclusive: true,
    highInclusive: true,
    approx: true,
    tolerancePercent,
    text,
  });
}

/** Whether a computed figure agrees with the statement. */
export function statedContains(range: StatedRange, computed: bigint): boolean {
  const aboveLow = range.lowInclusive ? computed >= range.low : computed > range.low;
  if (!aboveLow) return false;
  if (range.high === null) return true;
  return range.highInclusive ? computed <= range.high : computed < range.high;
}

/** `8 GB`, `4 GB–8 GB`, `≥ 80 GB`, `< 200 ms`, `~144 GB–176 GB` for a `~160GB`. */
export function formatStatedRange(range: StatedRange, format: (v: bigint) => string): string {
  if (range.high === null) return `${range.lowInclusive ? '≥' : '>'} ${format(range.low)}`;
  const written = range.text.trimStart();
  if (range.low === 0n && (written.startsWith('<') || written.startsWith('≤'))) {
    return `${range.highInclusive ? '≤' : '<'} ${format(range.high)}`;
  }
  const prefix = range.approx ? '~' : '';
  if (range.low === range.high) return `${prefix}${format(range.low)}`;
  return `${prefix}${format(range.low)}–${format(range.high)}`;
}
