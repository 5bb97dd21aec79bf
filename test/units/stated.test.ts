import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytesExact } from '../../src/units/bytes.js';
import { memoryBytes, cpuMillicores, formatMillicores } from '../../src/units/quantity.js';
import { parseMoneyMicros } from '../../src/units/money.js';
import { fail, ok, type Parsed } from '../../src/units/result.js';
import { formatStatedRange, parseStated, statedContains, type StatedRange } from '../../src/units/stated.js';
import { parseCount } from '../../src/units/count.js';
import { errorOf, value } from './support.js';

function bounds(range: StatedRange) {
  const { low, high, lowInclusive, highInclusive, approx } = range;
  return { low, high, lowInclusive, highInclusive, approx };
}

const GB = 10n ** 9n;

/** Plain integers, as a test unit parser. */
function integer(text: string): Parsed<bigint> {
  return /^-?\d+$/.test(text)
    ? ok(BigInt(text))
    : fail({ message: 'not an integer', expected: 'an integer', offset: 0, length: Math.max(1, text.length) });
}

function count(text: string): Parsed<bigint> {
  const parsed = parseCount(text);
  return parsed.ok ? ok(parsed.value.value) : parsed;
}

describe('parseStated', () => {
  it('a plain figure means its written precision: 34GB is [33.5GB, 34.5GB], 4.8GB is [4.75GB, 4.85GB]', () => {
    expect(bounds(value(parseStated('34GB', memoryBytes)))).toEqual({ low: 33_500_000_000n, high: 34_500_000_000n, lowInclusive: true, highInclusive: true, approx: false });
    expect(bounds(value(parseStated('4.8GB', memoryBytes)))).toEqual({ low: 4_750_000_000n, high: 4_850_000_000n, lowInclusive: true, highInclusive: true, approx: false });
    // Whole counts stay whole: `1` covers only 1.
    expect(bounds(value(parseStated('1', integer)))).toEqual({ low: 1n, high: 1n, lowInclusive: true, highInclusive: true, approx: false });
  });

  it('an exact figure when asked: 8GB is [8e9, 8e9]', () => {
    expect(bounds(value(parseStated('8GB', memoryBytes, { exact: true })))).toEqual({ low: 8n * GB, high: 8n * GB, lowInclusive: true, highInclusive: true, approx: false });
  });

  it('~160GB is ±10 %: [144GB, 176GB], approximate, tolerance 10', () => {
    const range = value(parseStated('~160GB', memoryBytes));
    expect(bounds(range)).toEqual({ low: 144n * GB, high: 176n * GB, lowInclusive: true, highInclusive: true, approx: true });
    expect(range.tolerancePercent).toEqual({ units: 10n, scale: 0 });
    expect(range.text).toBe('~160GB');
  });

  it('~X ±5% uses the written tolerance; low is floored and high ceiled', () => {
    expect(bounds(value(parseStated('~160GB ±5%', memoryBytes)))).toMatchObject({ low: 152n * GB, high: 168n * GB });
    expect(value(parseStated('~160GB ±5%', memoryBytes)).tolerancePercent).toEqual({ units: 5n, scale: 0 });
    expect(bounds(value(parseStated('~7', integer)))).toMatchObject({ low: 6n, high: 8n });
    expect(bounds(value(parseStated('100 ± 2.5%', integer)))).toMatchObject({ low: 97n, high: 103n, approx: true });
  });

  it('the default tolerance can be changed by the caller', () => {
    expect(bounds(value(parseStated('~100', integer, { defaultTolerancePercent: { units: 25n, scale: 0 } })))).toMatchObject({ low: 75n, high: 125n });
  });

  it('~2.0 cores in millicores is [1800, 2200]', () => {
    expect(bounds(value(parseStated('~2.0 cores', cpuMillicores)))).toMatchObject({ low: 1800n, high: 2200n });
  });

  it('ranges: 4-8GB borrows GB for 4; A–B and A to B', () => {
    expect(bounds(value(parseStated('4-8GB', memoryBytes)))).toMatchObject({ low: 4n * GB, high: 8n * GB, approx: false });
    expect(bounds(value(parseStated('4GB–8GB', memoryBytes)))).toMatchObject({ low: 4n * GB, high: 8n * GB });
    expect(bounds(value(parseStated('4 to 8 GB', memoryBytes)))).toMatchObject({ low: 4n * GB, high: 8n * GB });
  });

  it('$120-150 borrows $ for 150 (micro-dollars)', () => {
    expect(bounds(value(parseStated('$120-150', (t) => parseMoneyMicros(t))))).toMatchObject({ low: 120_000_000n, high: 150_000_000n });
  });

  it('2-4 cores and 96-128 vCPU in millicores; 150-180 as a bare range', () => {
    expect(bounds(value(parseStated('2-4 cores', cpuMillicores)))).toMatchObject({ low: 2000n, high: 4000n });
    expect(bounds(value(parseStated('96-128 vCPU', cpuMillicores)))).toMatchObject({ low: 96_000n, high: 128_000n });
    expect(bounds(value(parseStated('150-180', count)))).toMatchObject({ low: 150n, high: 180n });
    expect(bounds(value(parseStated('1,000-2,000', count)))).toMatchObject({ low: 1000n, high: 2000n });
  });

  it('a k8s exponent minus is not a range: 1e-3 stays one value', () => {
    expect(bounds(value(parseStated('1e-3', cpuMillicores)))).toMatchObject({ low: 1n, high: 1n });
  });

  it('bounds: <X, ≤X, <=X from 0; >X, ≥X, >=X and X+ unbounded above', () => {
    expect(bounds(value(parseStated('<200', integer)))).toEqual({ low: 0n, high: 200n, lowInclusive: true, highInclusive: false, approx: false });
    expect(bounds(value(parseStated('≤200', integer)))).toMatchObject({ high: 200n, highInclusive: true });
    expect(bounds(value(parseStated('<= 200', integer)))).toMatchObject({ high: 200n, highInclusive: true });
    expect(bounds(value(parseStated('>5', integer)))).toEqual({ low: 5n, high: null, lowInclusive: false, highInclusive: false, approx: false });
    expect(bounds(value(parseStated('≥5', integer)))).toMatchObject({ low: 5n, high: null, lowInclusive: true });
    expect(bounds(value(parseStated('>=5', integer)))).toMatchObject({ low: 5n, high: null, lowInclusive: true });
    expect(bounds(value(parseStated('80GB+', memoryBytes)))).toMatchObject({ low: 80n * GB, high: null, lowInclusive: true });
    expect(bounds(value(parseStated('50Gi+', memoryBytes)))).toMatchObject({ low: 50n * 2n ** 30n, high: null });
  });

  it('~A-B widens both ends: ~$120-150 is [$108, $165]', () => {
    expect(bounds(value(parseStated('~$120-150', (t) => parseMoneyMicros(t))))).toMatchObject({ low: 108_000_000n, high: 165_000_000n, approx: true });
  });

  it('errors point into the original text: 4-8XB at XB (offset 3, length 2)', () => {
    expect(errorOf(parseStated('4-8XB', memoryBytes))).toMatchObject({ offset: 3, length: 2 });
    expect(errorOf(parseStated('~ 4Gb', memoryBytes))).toMatchObject({ offset: 3, length: 2, hint: '`Gb` is gigabits; for bytes write `GB`' });
    expect(errorOf(parseStated('>= 8K', memoryBytes))).toMatchObject({ offset: 4, length: 1 });
    expect(errorOf(parseStated('8-4GB', memoryBytes)).message).toBe('the range runs backwards');
    expect(errorOf(parseStated('', integer))).toMatchObject({ offset: 0, length: 0 });
  });
});

describe('statedContains', () => {
  it('respects inclusive and exclusive ends and open ranges', () => {
    const below = value(parseStated('<200', integer));
    expect(statedContains(below, 199n)).toBe(true);
    expect(statedContains(below, 200n)).toBe(false);
    const above = value(parseStated('>5', integer));
    expect(statedContains(above, 5n)).toBe(false);
    expect(statedContains(above, 10n ** 30n)).toBe(true);
    const approx = value(parseStated('~160GB', memoryBytes));
    expect(statedContains(approx, 150n * GB)).toBe(true);
    expect(statedContains(approx, 177n * GB)).toBe(false);
  });

  it('property: ~X contains X, X·0.9 and X·1.1, and nothing outside ±10 %', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (x) => {
        const range = value(parseStated(`~${x}`, integer));
        expect(statedContains(range, x)).toBe(true);
        // 0.9·X and 1.1·X rounded inward are inside; one step beyond the exact bound is outside.
        const lowEdge = (x * 9n + 9n) / 10n;
        const highEdge = (x * 11n) / 10n;
        expect(statedContains(range, lowEdge)).toBe(true);
        expect(statedContains(range, highEdge)).toBe(true);
        expect(range.low).toBe((x * 9n) / 10n);
        const high = (x * 11n + 9n) / 10n;
        expect(range.high).toBe(high);
        expect(statedContains(range, range.low - 1n)).toBe(false);
        expect(statedContains(range, high + 1n)).toBe(false);
      }),
    );
  });

  it('property: A-B contains exactly the values from A to B', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 2n * 10n ** 12n }), (a, b, v) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const range = value(parseStated(`${low}-${high}`, integer));
        expect(statedContains(range, v)).toBe(v >= low && v <= high);
      }),
    );
  });
});

describe('formatStatedRange', () => {
  const size = (v: bigint) => formatBytesExact(v, 'si');
  it('prints 8 GB, 4 GB–8 GB, ≥ 80 GB, > 5, < 200, ~144 GB–176 GB', () => {
    expect(formatStatedRange(value(parseStated('8GB', memoryBytes, { exact: true })), size)).toBe('8 GB');
    expect(formatStatedRange(value(parseStated('8GB', memoryBytes)), size)).toBe('7500 MB–8500 MB');
    expect(formatStatedRange(value(parseStated('4-8GB', memoryBytes)), size)).toBe('4 GB–8 GB');
    expect(formatStatedRange(value(parseStated('80GB+', memoryBytes)), size)).toBe('≥ 80 GB');
    expect(formatStatedRange(value(parseStated('>5', integer)), String)).toBe('> 5');
    expect(formatStatedRange(value(parseStated('<200', integer)), String)).toBe('< 200');
    expect(formatStatedRange(value(parseStated('~160GB', memoryBytes)), size)).toBe('~144 GB–176 GB');
    expect(formatStatedRange(value(parseStated('2-4 cores', cpuMillicores)), formatMillicores)).toBe('2–4');
  });
});
