import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  ceil,
  compare,
  div,
  floor,
  fromDecimalString,
  isZero,
  max,
  min,
  mul,
  neg,
  rational,
  round,
  sub,
  toDecimalString,
  type Rational,
} from '../../src/units/rational.js';

const arbRational = fc
  .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }))
  .map(([n, d]) => rational(n, d));

describe('rational', () => {
  it('reduces and keeps the denominator positive: 6/-4 is -3/2', () => {
    expect(rational(6n, -4n)).toEqual({ num: -3n, den: 2n });
  });

  it('adds 1/10 + 2/10 to exactly 3/10', () => {
    expect(add(rational(1n, 10n), rational(2n, 10n))).toEqual(rational(3n, 10n));
  });

  it('subtracts, multiplies, divides and negates exactly', () => {
    expect(sub(rational(1n, 2n), rational(1n, 3n))).toEqual(rational(1n, 6n));
    expect(mul(rational(2n, 3n), rational(3n, 4n))).toEqual(rational(1n, 2n));
    expect(div(rational(1n, 2n), rational(1n, 4n))).toEqual(rational(2n));
    expect(neg(rational(1n, 2n))).toEqual(rational(-1n, 2n));
    expect(isZero(sub(rational(1n, 3n), rational(2n, 6n)))).toBe(true);
  });

  it('throws on a zero denominator (a programming error, never user input)', () => {
    expect(() => rational(1n, 0n)).toThrow(RangeError);
  });

  it('floors and ceils toward -∞ and +∞, also for negatives', () => {
    expect(floor(rational(7n, 2n))).toBe(3n);
    expect(ceil(rational(7n, 2n))).toBe(4n);
    expect(floor(rational(-7n, 2n))).toBe(-4n);
    expect(ceil(rational(-7n, 2n))).toBe(-3n);
    expect(floor(rational(4n))).toBe(4n);
    expect(ceil(rational(-4n))).toBe(-4n);
  });

  it('rounds halves away from zero: 5/2 → 3, -5/2 → -3, 7/3 → 2', () => {
    expect(round(rational(5n, 2n))).toBe(3n);
    expect(round(rational(-5n, 2n))).toBe(-3n);
    expect(round(rational(7n, 3n))).toBe(2n);
    expect(round(rational(-7n, 3n))).toBe(-2n);
  });

  it('compares, min and max', () => {
    expect(compare(rational(1n, 3n), rational(1n, 2n))).toBe(-1);
    expect(compare(rational(2n, 4n), rational(1n, 2n))).toBe(0);
    expect(compare(rational(-1n, 2n), rational(-1n, 3n))).toBe(-1);
    expect(min(rational(1n, 3n), rational(1n, 2n))).toEqual(rational(1n, 3n));
    expect(max(rational(1n, 3n), rational(1n, 2n))).toEqual(rational(1n, 2n));
  });

  it('reads decimal strings 1.5, -0.25, .5 exactly and refuses exponents and junk', () => {
    expect(fromDecimalString('1.5')).toEqual(rational(3n, 2n));
    expect(fromDecimalString('-0.25')).toEqual(rational(-1n, 4n));
    expect(fromDecimalString('.5')).toEqual(rational(1n, 2n));
    expect(fromDecimalString('3.')).toEqual(rational(3n));
    expect(fromDecimalString('1e3')).toBeUndefined();
    expect(fromDecimalString('.')).toBeUndefined();
    expect(fromDecimalString('')).toBeUndefined();
    expect(fromDecimalString('1,000')).toBeUndefined();
  });

  it('prints decimals rounded half away from zero, without trailing zeros or -0', () => {
    expect(toDecimalString(rational(3n, 2n), 2)).toBe('1.5');
    expect(toDecimalString(rational(2n, 3n), 3)).toBe('0.667');
    expect(toDecimalString(rational(-2n, 3n), 3)).toBe('-0.667');
    expect(toDecimalString(rational(1n, 8n), 2)).toBe('0.13');
    expect(toDecimalString(rational(-1n, 8n), 2)).toBe('-0.13');
    expect(toDecimalString(rational(-1n, 1000n), 2)).toBe('0');
    expect(toDecimalString(rational(5n), 0)).toBe('5');
  });

  it('property: addition is associative and commutative', () => {
    fc.assert(
      fc.property(arbRational, arbRational, arbRational, (a, b, c) => {
        expect(add(add(a, b), c)).toEqual(add(a, add(b, c)));
        expect(add(a, b)).toEqual(add(b, a));
      }),
    );
  });

  it('property: floor ≤ r ≤ ceil, and they differ by one exactly when r is not an integer', () => {
    fc.assert(
      fc.property(arbRational, (r: Rational) => {
        const f = floor(r);
        const c = ceil(r);
        expect(compare(rational(f), r)).toBeLessThanOrEqual(0);
        expect(compare(rational(c), r)).toBeGreaterThanOrEqual(0);
        expect(c - f).toBe(r.den === 1n ? 0n : 1n);
      }),
    );
  });

  it('property: a decimal string read back is the same rational when no digits are cut', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }), (units, scale) => {
        const r = rational(units, 10n ** BigInt(scale));
        expect(fromDecimalString(toDecimalString(r, scale))).toEqual(r);
      }),
    );
  });
});
