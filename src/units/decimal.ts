/**
 * Exact decimals for money and percents: `units × 10^-scale`. Documents write prices
 * such as `$0.005/GB/month`; binary floats cannot hold them, and sums of them must
 * come out exact (0.1 + 0.2 = 0.3).
 */
import { ceil, floor, rational, round, type Rational } from './rational.js';

export interface Decimal {
  /** The digits, as an integer, with the sign. */
  units: bigint;
  /** How many of those digits are after the decimal point; an integer ≥ 0. */
  scale: number;
}

export const ZERO_DECIMAL: Decimal = { units: 0n, scale: 0 };

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

export function decimal(units: bigint, scale = 0): Decimal {
  return scale >= 0 ? { units, scale } : { units: units * pow10(-scale), scale: 0 };
}

export function decimalFromBigint(value: bigint): Decimal {
  return { units: value, scale: 0 };
}

/** The same value at a larger scale (more digits after the point). */
function rescale(d: Decimal, scale: number): bigint {
  return d.units * pow10(scale - d.scale);
}

/** Drops trailing fractional zeros: 1.50 → 1.5, 2.000 → 2. */
export function normalizeDecimal(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

export interface ScannedDecimal {
  value: Decimal;
  /** Offset just after the last character of the number. */
  end: number;
}

/**
 * Reads an unsigned decimal number starting at `start`: `12`, `1.5`, `.5`, `3.`, and
 * with `thousands`, `10,000` (groups of exactly three digits). Stops at the first
 * character that cannot continue the number; undefined when no digit is there.
 */
export function scanDecimal(
  text: string,
  start: number,
  options: { thousands?: boolean } = {},
): ScannedDecimal | undefined {
  let position = start;
  let digits = '';
  while (position < text.length && isDigit(text, position)) digits += text[position++];
  if (options.thousands === true && digits.length > 0 && digits.length <= 3) {
    // A comma continues the number only when exactly three digits follow it, so that
    // `1,000` is a thousand while the comma in `1,5` is left for the caller to reject.
    while (
      text[position] === ',' &&
      isDigit(text, position + 1) &&
      isDigit(text, position + 2) &&
      isDigit(text, position + 3) &&
      !isDigit(text, position + 4)
    ) {
      digits += text.slice(position + 1, position + 4);
      position += 4;
    }
  }
  let fraction = '';
  if (text[position] === '.' && (digits.length > 0 || isDigit(text, position + 1))) {
    position += 1;
    while (position < text.length && isDigit(text, position)) fraction += text[position++];
  }
  if (digits.length === 0 && fraction.length === 0) return undefined;
  return { value: { units: BigInt((digits + fraction) || '0'), scale: fraction.length }, end: position };
}

function isDigit(text: string, position: number): boolean {
  const c = text.charCodeAt(position);
  return c >= 48 && c <= 57;
}

/** `12`, `-0.25`, `+1.50`, `.5` → exact decimal (scale as written); anything else → undefined. */
export function parseDecimal(text: string): Decimal | undefined {
  let start = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    start = 1;
  }
  const scanned = scanDecimal(text, start);
  if (!scanned || scanned.end !== text.length) return undefined;
  return negative ? { units: -scanned.value.units, scale: scanned.value.scale } : scanned.value;
}

/**
 * Canonical text: no exponent, no `-0`, no trailing zeros beyond `minFractionDigits`
 * (so `decimalToString(12.5, 2)` is `12.50` and `decimalToString(0.005, 2)` is `0.005`).
 */
export function decimalToString(d: Decimal, minFractionDigits = 0): string {
  const normal = normalizeDecimal(d);
  const scale = Math.max(normal.scale, Math.max(0, Math.trunc(minFractionDigits)));
  const units = rescale(normal, scale);
  const negative = units < 0n;
  const magnitude = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - scale);
  const fraction = magnitude.slice(magnitude.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) - rescale(b, scale), scale };
}

export function negDecimal(a: Decimal): Decimal {
  return { units: -a.units, scale: a.scale };
}

export function mulDecimal(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function mulDecimalByBigint(a: Decimal, factor: bigint): Decimal {
  return { units: a.units * factor, scale: a.scale };
}

export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const left = rescale(a, scale);
  const right = rescale(b, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function isZeroDecimal(a: Decimal): boolean {
  return a.units === 0n;
}

export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = ZERO_DECIMAL;
  for (const value of values) total = addDecimal(total, value);
  return total;
}

export function decimalToRational(d: Decimal): Rational {
  return rational(d.units, pow10(d.scale));
}

/**
 * The decimal with exactly `scale` fraction digits nearest to `r` by `mode`:
 * 'round' is half away from zero, 'ceil' toward +∞, 'floor' toward −∞.
 */
export function rationalToDecimal(r: Rational, scale: number, mode: 'round' | 'ceil' | 'floor'): Decimal {
  const digits = Math.max(0, Math.trunc(scale));
  const scaled = rational(r.num * pow10(digits), r.den);
  const units = mode === 'round' ? round(scaled) : mode === 'ceil' ? ceil(scaled) : floor(scaled);
  return { units, scale: digits };
}
