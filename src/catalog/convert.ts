import { decimalToRational, parseDecimal } from '../units/decimal.js';
import type { Money } from '../units/money.js';
import { div, mul, rational, type Rational } from '../units/rational.js';
import { toMoneyDecimal } from './exact.js';
import type { ExchangeRate } from './types.js';

/**
 * Money between currencies with the dated rate table, never a network call. A direct rate
 * multiplies exactly (€12 × 1.0389 = $12.4668); the inverse of a rate, or a path through a
 * third currency, may not end, and is then rounded half away from zero to 6 digits.
 */

export interface Conversion {
  /** Units of `to` per unit of `from`, exact. */
  factor: Rational;
  /** The rates used, in order; `inverse` when a rate was used the other way. */
  steps: Array<{ rate: ExchangeRate; inverse: boolean }>;
}

function rateValue(rate: ExchangeRate): Rational | null {
  const parsed = parseDecimal(rate.rate);
  if (!parsed || parsed.units <= 0n) return null;
  return decimalToRational(parsed);
}

/** The newest rate for a pair written as `from → to` (or null). */
function newest(rates: readonly ExchangeRate[], from: string, to: string): ExchangeRate | null {
  let best: ExchangeRate | null = null;
  for (const rate of rates) {
    if (rate.from !== from || rate.to !== to || rateValue(rate) === null) continue;
    if (best === null || rate.date > best.date) best = rate;
  }
  return best;
}

function step(rates: readonly ExchangeRate[], from: string, to: string): Conversion | null {
  const direct = newest(rates, from, to);
  if (direct) return { factor: rateValue(direct)!, steps: [{ rate: direct, inverse: false }] };
  const inverse = newest(rates, to, from);
  if (inverse) return { factor: div(rational(1n), rateValue(inverse)!), steps: [{ rate: inverse, inverse: true }] };
  return null;
}

/** How to get from one currency to another: directly, the other way, or through one currency between. */
export function findConversion(from: string, to: string, rates: readonly ExchangeRate[]): Conversion | null {
  if (from === to) return { factor: rational(1n), steps: [] };
  const one = step(rates, from, to);
  if (one) return one;
  const middles = [...new Set(rates.flatMap((r) => [r.from, r.to]))].filter((c) => c !== from && c !== to).sort();
  for (const middle of middles) {
    const first = step(rates, from, middle);
    const second = first && step(rates, middle, to);
    if (first && second) return { factor: mul(first.factor, second.factor), steps: [...first.steps, ...second.steps] };
  }
  return null;
}

/** `money` in `toCurrency`, or null when the rate table has no way there. */
export function convert(money: Money, toCurrency: string, rates: readonly ExchangeRate[]): Money | null {
  const conversion = findConversion(money.currency, toCurrency, rates);
  if (!conversion) return null;
  if (conversion.steps.length === 0) return money;
  return { amount: toMoneyDecimal(mul(decimalToRational(money.amount), conversion.factor)).value, currency: toCurrency };
}

/** `1 EUR = 1.0389 USD (2024-12-31)`, for reports. */
export function describeConversion(conversion: Conversion): string {
  return conversion.steps
    .map(({ rate, inverse }) => (inverse ? `1 ${rate.to} = 1/${rate.rate} ${rate.from} (${rate.date})` : `1 ${rate.from} = ${rate.rate} ${rate.to} (${rate.date})`))
    .join(', then ');
}
