/**
 * Exact rationals over bigint. Unit conversions that divide (bytes per month to bytes
 * per second, tolerances, fractional quantities) stay exact here and are rounded once,
 * explicitly, by the caller.
 */
export interface Rational {
  /** Numerator; carries the sign. */
  num: bigint;
  /** Denominator, always > 0; the fraction is always reduced. */
  den: bigint;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/**
 * A reduced rational. A zero denominator is a programming error (never user input:
 * parsers reject such text before building a rational), hence the throw.
 */
export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: zero denominator');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export const ZERO_RATIONAL: Rational = { num: 0n, den: 1n };
export const ONE_RATIONAL: Rational = { num: 1n, den: 1n };

export function add(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function sub(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/** a / b; dividing by zero is a programming error and throws (see `rational`). */
export function div(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den, a.den * b.num);
}

export function neg(a: Rational): Rational {
  return { num: -a.num, den: a.den };
}

export function isZero(a: Rational): boolean {
  return a.num === 0n;
}

export function isInteger(a: Rational): boolean {
  return a.den === 1n;
}

export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function lessThan(a: Rational, b: Rational): boolean {
  return compare(a, b) < 0;
}

export function equals(a: Rational, b: Rational): boolean {
  return a.num === b.num && a.den === b.den;
}

export function min(a: Rational, b: Rational): Rational {
  return compare(a, b) <= 0 ? a : b;
}

export function max(a: Rational, b: Rational): Rational {
  return compare(a, b) >= 0 ? a : b;
}

/** Largest integer ≤ r (bigint division truncates toward zero, so negatives need care). */
export function floor(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num < 0n && q * r.den !== r.num ? q - 1n : q;
}

/** Smallest integer ≥ r. */
export function ceil(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num > 0n && q * r.den !== r.num ? q + 1n : q;
}

/** Nearest integer; halves go away from zero (2.5 → 3, −2.5 → −3). */
export function round(r: Rational): bigint {
  const magnitude = (2n * abs(r.num) + r.den) / (2n * r.den);
  return r.num < 0n ? -magnitude : magnitude;
}

/** Rounds away from zero to an integer (1.1 → 2, −1.1 → −2), as Kubernetes rounds quantities up. */
export function ceilAwayFromZero(r: Rational): bigint {
  return r.num < 0n ? -ceil(neg(r)) : ceil(r);
}

export function fromBigint(value: bigint): Rational {
  return { num: value, den: 1n };
}

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** `1.5`, `-0.25`, `.5`, `3.`, `+2` → exact rational; anything else (exponents included) → undefined. */
export function fromDecimalString(text: string): Rational | undefined {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return undefined;
  const sign = match[1] ?? '';
  const whole = match[2] ?? '';
  const fraction = match[3] ?? '';
  if (whole.length === 0 && fraction.length === 0) return undefined;
  const digits = BigInt((whole + fraction) || '0');
  return rational(sign === '-' ? -digits : digits, 10n ** BigInt(fraction.length));
}

/**
 * Plain decimal text, rounded half away from zero to at most `maxFractionDigits`,
 * without trailing zeros (`1.50` → `1.5`) and never `-0`.
 */
export function toDecimalString(r: Rational, maxFractionDigits: number): string {
  const digits = Math.max(0, Math.trunc(maxFractionDigits));
  const scale = 10n ** BigInt(digits);
  const scaled = round(mul(r, fromBigint(scale)));
  if (scaled === 0n) return '0';
  const negative = scaled < 0n;
  const magnitude = abs(scaled);
  const whole = magnitude / scale;
  let fraction = digits === 0 ? '' : (magnitude % scale).toString().padStart(digits, '0');
  fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction.length > 0 ? `.${fraction}` : ''}`;
}

/** Exact sum of many rationals. */
export function sum(values: Iterable<Rational>): Rational {
  let total = ZERO_RATIONAL;
  for (const value of values) total = add(total, value);
  return total;
}
