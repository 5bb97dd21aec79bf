import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, parseCount } from '../../src/units/count.js';
import { errorOf, value } from './support.js';

describe('parseCount', () => {
  const table: [string | number, bigint][] = [
    ['1,000', 1000n],
    ['10,000', 10000n],
    ['20000', 20000n],
    ['1k', 1000n],
    ['100k', 100000n],
    ['1M', 1000000n],
    ['2.5k', 2500n],
    ['1.25M', 1250000n],
    ['0', 0n],
    [500, 500n],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} is ${expected}`, () => {
      expect(value(parseCount(input)).value).toBe(expected);
    });
  }

  it('100,000+ is at least 100000; ~5,000 is approximately 5000', () => {
    expect(value(parseCount('100,000+'))).toEqual({ value: 100000n, atLeast: true, approx: false });
    expect(value(parseCount('~5,000'))).toEqual({ value: 5000n, atLeast: false, approx: true });
  });

  it('error: non-integers (2.5 at offset 0, length 3; 2.5555k) and fractional numbers', () => {
    expect(errorOf(parseCount('2.5'))).toMatchObject({ offset: 0, length: 3, hint: 'a count must be a whole number' });
    expect(errorOf(parseCount('~2.5555k'))).toMatchObject({ offset: 1, length: 7 });
    expect(parseCount(2.5).ok).toBe(false);
    expect(parseCount(-1).ok).toBe(false);
  });

  it('error: badly grouped thousands, negatives, ambiguous m, trailing words', () => {
    expect(errorOf(parseCount('1,00'))).toMatchObject({ offset: 1, length: 3 });
    expect(errorOf(parseCount('-5'))).toMatchObject({ offset: 0, length: 1 });
    expect(errorOf(parseCount('5m'))).toMatchObject({ offset: 1, length: 1, hint: 'for millions write `5M`' });
    expect(errorOf(parseCount('1,000 users'))).toMatchObject({ offset: 6, length: 5 });
  });
});

describe('formatCount', () => {
  it('groups thousands: 1,000, 1,234,567, 999, 0, -10,000', () => {
    expect(formatCount(1000n)).toBe('1,000');
    expect(formatCount(1234567n)).toBe('1,234,567');
    expect(formatCount(999n)).toBe('999');
    expect(formatCount(0n)).toBe('0');
    expect(formatCount(-10000n)).toBe('-10,000');
  });

  it('property: parseCount(formatCount(n)) = n', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (n) => {
        expect(value(parseCount(formatCount(n))).value).toBe(n);
      }),
    );
  });
});
