import { toMoneyDecimal } from '../catalog/exact.js';
import { decimalToString } from '../units/decimal.js';
import { rational, type Rational } from '../units/rational.js';
import type { MoneyJson, MoneyRange } from './types.js';

/** Exact rationals to the JSON money form: the exact decimal, or 6 digits rounded half away from zero. */
export function moneyJson(value: Rational, currency: string): MoneyJson {
  return { amount: decimalToString(toMoneyDecimal(value).value), currency };
}

export function rangeJson(min: Rational | null, max: Rational | null, currency: string): MoneyRange | null {
  if (min === null || max === null) return null;
  return { min: moneyJson(min, currency), max: moneyJson(max, currency) };
}

export function microsToMoney(micros: bigint, currency: string): MoneyJson {
  return moneyJson(rational(micros, 1_000_000n), currency);
}
