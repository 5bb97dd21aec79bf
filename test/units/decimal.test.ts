import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  decimalToRational,
  decimalToString,
  mulDecimal,
  mulDecimalByBigint,
  parseDecimal,
  rationalToDecimal,
  scanDecimal,
  subDecimal,
  sumDecimals,
  ZERO_DECIMAL,
  type Decimal,
} from '../../src/units/decimal.js';
import { rational } from '../../src/units/rational.js';
import { decimal as d } from './support.js';

const arbDecimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]): Decimal => ({ units, scale }));

describe('decimal', () => {
  it('parses 12, -0.25, +1.50 and .5 exactly, keeping the written scale', () => {
    expect(parseDecimal('12')).toEqual({ units: 12n, scale: 0 });
    expect(parseDecimal('-0.25')).toEqual({ units: -25n, scale: 2 });
    expect(parseDecimal('+1.50')).toEqual({ units: 150n, scale: 2 });
    expect(parseDecimal('.5')).toEqual({ units: 5n, scale: 1 });
  });

  it('refuses exponents, commas, spaces and empty text', () => {
    for (const text of ['1e3', '1,000', ' 1', '', '.', '-', '1.2.3', 'abc']) {
      expect(parseDecimal(text), text).toBeUndefined();
    }
  });

  it('0.1 + 0.2 is exactly 0.3', () => {
    const sum = addDecimal(d('0.1'), d('0.2'));
    expect(compareDecimal(sum, d('0.3'))).toBe(0);
    expect(decimalToString(sum)).toBe('0.3');
  });

  it('prints canonically: no trailing zeros beyond minFractionDigits, no exponent, no -0', () => {
    expect(decimalToString(d('1.50'))).toBe('1.5');
    expect(decimalToString(d('12.5'), 2)).toBe('12.50');
    expect(decimalToString(d('0.005'), 2)).toBe('0.005');
    expect(decimalToString(d('-0.00'))).toBe('0');
    expect(decimalToString({ units: 1n, scale: 30 })).toBe('0.000000000000000000000000000001');
    expect(decimalToString(d('-3.10'))).toBe('-3.1');
  });

  it('subtracts and multiplies exactly', () => {
    expect(decimalToString(subDecimal(d('10'), d('0.01')))).toBe('9.99');
    expect(decimalToString(mulDecimal(d('0.005'), d('160')))).toBe('0.8');
    expect(decimalToString(mulDecimalByBigint(d('48.25'), 12n))).toBe('579');
  });

  it('converts to and from rationals: 1/3 to 2 places rounds to 0.33, ceils to 0.34, floors -1/3 to -0.34', () => {
    expect(decimalToRational(d('0.25'))).toEqual(rational(1n, 4n));
    expect(rationalToDecimal(rational(1n, 3n), 2, 'round')).toEqual({ units: 33n, scale: 2 });
    expect(rationalToDecimal(rational(1n, 3n), 2, 'ceil')).toEqual({ units: 34n, scale: 2 });
    expect(rationalToDecimal(rational(-1n, 3n), 2, 'floor')).toEqual({ units: -34n, scale: 2 });
    expect(rationalToDecimal(rational(1n, 200n), 2, 'round')).toEqual({ units: 1n, scale: 2 });
  });

  it('scans numbers with thousands separators only in groups of three', () => {
    expect(scanDecimal('10,000 users', 0, { thousands: true })).toEqual({ value: { units: 10000n, scale: 0 }, end: 6 });
    expect(scanDecimal('1,00', 0, { thousands: true })).toEqual({ value: { units: 1n, scale: 0 }, end: 1 });
    expect(scanDecimal('1,000', 0)).toEqual({ value: { units: 1n, scale: 0 }, end: 1 });
    expect(scanDecimal('x', 0)).toBeUndefined();
  });

  it('property: sums are exact, associative and equal whatever the grouping', () => {
    fc.assert(
      fc.property(fc.array(arbDecimal, { maxLength: 20 }), (values) => {
        const forward = sumDecimals(values);
        const backward = sumDecimals([...values].reverse());
        expect(compareDecimal(forward, backward)).toBe(0);
        const half = Math.floor(values.length / 2);
        const grouped = addDecimal(sumDecimals(values.slice(0, half)), sumDecimals(values.slice(half)));
        expect(compareDecimal(forward, grouped)).toBe(0);
      }),
    );
  });

  it('property: decimalToString reads back to an equal decimal', () => {
    fc.assert(
      fc.property(arbDecimal, (value) => {
        expect(compareDecimal(d(decimalToString(value)), value)).toBe(0);
      }),
    );
  });

  it('property: compareDecimal agrees with comparing the exact rationals', () => {
    fc.assert(
      fc.property(arbDecimal, arbDecimal, (a, b) => {
        const ra = decimalToRational(a);
        const rb = decimalToRational(b);
        const expected = ra.num * rb.den < rb.num * ra.den ? -1 : ra.num * rb.den > rb.num * ra.den ? 1 : 0;
        expect(compareDecimal(a, b)).toBe(expected);
        expect(compareDecimal(subDecimal(a, b), ZERO_DECIMAL)).toBe(expected);
      }),
    );
  });
});
