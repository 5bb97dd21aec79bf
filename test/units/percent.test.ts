import { describe, expect, it } from 'vitest';
import { decimalToString } from '../../src/units/decimal.js';
import { parsePercent } from '../../src/units/percent.js';
import type { Parsed } from '../../src/units/result.js';
import { errorOf } from './support.js';

function text<T extends { units: bigint; scale: number }>(parsed: Parsed<T>): string {
  if (!parsed.ok) throw new Error(`expected success, got ${JSON.stringify(parsed.error)}`);
  return decimalToString(parsed.value);
}

describe('parsePercent', () => {
  it('99.9% is 99.9 exactly (units 999, scale 1)', () => {
    expect(parsePercent('99.9%')).toEqual({ ok: true, value: { units: 999n, scale: 1 } });
  });

  it('reads 70%, 0.5 %, 100%, 0%, a bare 70 and the YAML number 70 as the percent value', () => {
    expect(text(parsePercent('70%'))).toBe('70');
    expect(text(parsePercent('0.5 %'))).toBe('0.5');
    expect(text(parsePercent('100%'))).toBe('100');
    expect(text(parsePercent('0%'))).toBe('0');
    expect(text(parsePercent('70'))).toBe('70');
    expect(text(parsePercent(70))).toBe('70');
    expect(text(parsePercent(99.95))).toBe('99.95');
  });

  it('error: above 100 unless allowAbove100 (150% points at 150)', () => {
    expect(errorOf(parsePercent('150%'))).toMatchObject({ offset: 0, length: 3 });
    expect(text(parsePercent('150%', { allowAbove100: true }))).toBe('150');
  });

  it('error: negatives, junk and trailing words', () => {
    expect(errorOf(parsePercent('-5%'))).toMatchObject({ offset: 0, length: 1 });
    expect(errorOf(parsePercent('abc'))).toMatchObject({ offset: 0, length: 3 });
    expect(errorOf(parsePercent('80% cpu'))).toMatchObject({ offset: 4, length: 3 });
    expect(parsePercent(Number.NaN).ok).toBe(false);
  });
});
