import { rationalToDecimal, normalizeDecimal, type Decimal } from '../units/decimal.js';
import type { Rational } from '../units/rational.js';

/**
 * Money stays exact where it can: a price × a count × a size is an exact decimal. Only a
 * division that does not end (an inverse exchange rate, a weekly price turned monthly) is
 * rounded, half away from zero, to MONEY_FRACTION_DIGITS digits: a millionth of the currency,
 * the unit the rest of infraspec sums money in.
 */
export const MONEY_FRACTION_DIGITS = 6;

/** Whether a rational has a finite decimal expansion (its reduced denominator is 2^a·5^b). */
export function isTerminating(r: Rational): boolean {
  let den = r.den < 0n ? -r.den : r.den;
  while (den % 2n === 0n) den /= 2n;
  while (den % 5n === 0n) den /= 5n;
  return den === 1n;
}

/** The exact decimal when there is one; otherwise rounded half away from zero to 6 digits. */
export function toMoneyDecimal(r: Rational): { value: Decimal; exact: boolean } {
  if (isTerminating(r)) {
    // Find the scale that makes the denominator divide 10^scale.
    let scale = 0;
    let pow = 1n;
    while ((r.num * pow) % r.den !== 0n) {
      scale += 1;
      pow *= 10n;
    }
    return { value: normalizeDecimal({ units: (r.num * pow) / r.den, scale }), exact: true };
  }
  return { value: normalizeDecimal(rationalToDecimal(r, MONEY_FRACTION_DIGITS, 'round')), exact: false };
}
