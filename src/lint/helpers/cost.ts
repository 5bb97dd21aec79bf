import type { PhaseModel } from '../../spec/model.js';
import type { SpecInput } from '../../spec/schema.js';
import { decimalToString, rationalToDecimal } from '../../units/decimal.js';
import { monthlyMicros, parseMoney, type MoneyFigure } from '../../units/money.js';
import { phaseMonthlyCost } from '../../plan/plan.js';
import { add, div, fromDecimalString, lessThan, mul, rational, sub, type Rational } from '../../units/rational.js';

/**
 * Money arithmetic the cost rules share: prices as monthly micro-units (the
 * plan's conventions: a year is 12 months, an hour 1/730 of a month, a price
 * without a period is monthly), the slack a written price allows, offers by
 * the names roles use for them, and formatting in the page's currency.
 */

export type OfferInput = NonNullable<NonNullable<SpecInput['cost']>['offers']>[number];

export { monthlyMicros };

/** An interval of monthly micro-units, ends included. */
export interface MicrosRange {
  low: Rational;
  high: Rational;
}

const TEN_PERCENT_BELOW = rational(9n, 10n);
const TEN_PERCENT_ABOVE = rational(11n, 10n);

/**
 * The monthly amounts a written price covers, as stated figures are read: a range
 * is its two ends, `~$30` is ±10 %, a plain `$15` its written precision ($14.50–$15.50).
 */
export function monthlyRange(figure: MoneyFigure): MicrosRange {
  let low = monthlyMicros(figure, 'min');
  let high = monthlyMicros(figure, 'max');
  if (figure.approx) return { low: mul(low, TEN_PERCENT_BELOW), high: mul(high, TEN_PERCENT_ABOVE) };
  if (figure.min.amount.units === figure.max.amount.units && figure.min.amount.scale === figure.max.amount.scale) {
    // Half a unit of the last written digit, scaled to a month like the price itself.
    const halfUnit: MoneyFigure = { ...figure, min: { ...figure.min, amount: { units: 5n, scale: figure.min.amount.scale + 1 } } };
    const slack = monthlyMicros(halfUnit, 'min');
    low = sub(low, slack);
    high = add(high, slack);
    return { low: low.num < 0n ? rational(0n) : low, high };
  }
  return { low, high };
}

/** Whether two intervals share a point. */
export function overlaps(a: MicrosRange, b: MicrosRange): boolean {
  return !(lessThan(a.high, b.low) || lessThan(b.high, a.low));
}

/** The price in `currency`: the figure itself, or the other-currency price the page gives beside it (`€12 (~$13)`). */
export function priceIn(figure: MoneyFigure, currency: string): MoneyFigure | null {
  if (figure.min.currency === currency) return figure;
  if (figure.alternative && figure.alternative.min.currency === currency) return { ...figure.alternative, per: figure.alternative.per ?? figure.per };
  return null;
}

/** `$0.80`, `€12.00`, `1,200.50 CHF`: micro-units rounded to cents. */
export function formatMicros(micros: Rational, currency: string): string {
  const amount = decimalToString(rationalToDecimal(div(micros, rational(1_000_000n)), 2, 'round'), 2);
  switch (currency) {
    case 'USD':
      return `$${amount}`;
    case 'EUR':
      return `€${amount}`;
    case 'GBP':
      return `£${amount}`;
    default:
      return `${amount} ${currency}`;
  }
}

/** A plan amount (`"46.5"`) in micro-units. */
export function planAmountMicros(amount: string): Rational | null {
  const parsed = fromDecimalString(amount);
  return parsed ? mul(parsed, rational(1_000_000n)) : null;
}

/** A money text parsed, or null when it is not a price (the validator reports that). */
export function moneyOf(value: string | number | undefined): MoneyFigure | null {
  if (value === undefined) return null;
  const parsed = parseMoney(String(value));
  return parsed.ok ? parsed.value : null;
}

/** The offers by every name a role may use for them: `CX41` and `Hetzner/CX41`. */
export function offersByName(offers: readonly OfferInput[]): Map<string, OfferInput> {
  const byName = new Map<string, OfferInput>();
  for (const offer of offers) {
    if (!byName.has(offer.offer)) byName.set(offer.offer, offer);
    byName.set(`${offer.provider}/${offer.offer}`, offer);
  }
  return byName;
}

export function offerName(offer: OfferInput): string {
  return `${offer.provider}/${offer.offer}`;
}

/**
 * A phase's monthly cost as a range (the plan compares a stated figure with one end):
 * its roles' price × count and its cost lines, restricted to `of` (roles or lines) when
 * given; null when something cannot be priced or the prices mix currencies.
 */
export function phaseCostRange(phase: PhaseModel, of: readonly string[] | null): { min: Rational; max: Rational; currency: string } | null {
  const cost = phaseMonthlyCost(phase, of);
  return cost === null ? null : { min: rational(cost.min), max: rational(cost.max), currency: cost.currency };
}
