import type { StatedModel } from '../spec/model.js';
import { locate } from '../spec/source.js';
import { monthlyMicros, type MoneyFigure } from '../units/money.js';
import { add, ceil, floor, lessThan, mul, rational, sub, type Rational } from '../units/rational.js';
import type { StatedRange } from '../units/stated.js';
import { convertExact, type CostContext } from './context.js';
import { microsToMoney, moneyJson } from './money.js';
import type { StatedCostCheck } from './types.js';

/**
 * Stated costs against computed ones. Both sides are ranges: the statement covers an
 * interval (a range's two ends, `~` ±10 %, a plain figure its written precision), and the
 * computed cost spans its inputs' ranges. It matches when the whole computed range lies in
 * the stated one; when some item has no price, the computed figure is only a lower bound.
 */

export interface Computed {
  min: Rational;
  max: Rational;
  /** False when an item in it has no price: min is then a lower bound and max unknown. */
  complete: boolean;
  /** Why it is incomplete. */
  missing: string | null;
}

const MILLION = rational(1_000_000n);

function inside(range: StatedRange, micros: Rational): boolean {
  const low = rational(range.low);
  const aboveLow = range.lowInclusive ? !lessThan(micros, low) : lessThan(low, micros);
  if (!aboveLow) return false;
  if (range.high === null) return true;
  const high = rational(range.high);
  return range.highInclusive ? !lessThan(high, micros) : lessThan(micros, high);
}

function above(range: StatedRange, micros: Rational): boolean {
  if (range.high === null) return false;
  const high = rational(range.high);
  return range.highInclusive ? lessThan(high, micros) : !lessThan(micros, high);
}

function below(range: StatedRange, micros: Rational): boolean {
  const low = rational(range.low);
  return range.lowInclusive ? lessThan(micros, low) : !lessThan(low, micros);
}

export interface StatedInputs {
  what: string;
  scope: string;
  label: string | null;
  text: string;
  range: StatedRange;
  currency: string;
  at: StatedCostCheck['at'];
}

/**
 * `within`: the computed range must lie in the stated one. `at-most`: a cost line stands for
 * computed items (backup storage) and may budget more than they cost at rest (requests,
 * replication, old versions are not modelled): only a computed cost above it disagrees.
 */
export type CheckMode = 'within' | 'at-most';

export function check(ctx: CostContext, stated: StatedInputs, computed: Computed | { unknown: string }, mode: CheckMode = 'within'): StatedCostCheck {
  const base = {
    what: stated.what,
    scope: stated.scope,
    label: stated.label,
    stated: stated.text,
    statedRange: { low: microsToMoney(stated.range.low, stated.currency), high: stated.range.high === null ? null : microsToMoney(stated.range.high, stated.currency) },
    at: stated.at,
  };
  if ('unknown' in computed) return { ...base, computed: null, ok: null, verdict: 'unknown', reason: computed.unknown };
  const min = convertExact(ctx, computed.min, ctx.currency, stated.currency);
  const max = convertExact(ctx, computed.max, ctx.currency, stated.currency);
  if (!min || !max) return { ...base, computed: null, ok: null, verdict: 'unknown', reason: `no exchange rate from ${ctx.currency} to ${stated.currency}` };
  const lowMicros = mul(min.value, MILLION);
  const highMicros = mul(max.value, MILLION);
  const shown = { min: moneyJson(min.value, stated.currency), max: moneyJson(max.value, stated.currency) };
  if (!computed.complete) {
    if (above(stated.range, lowMicros)) return { ...base, computed: shown, ok: false, verdict: 'mismatch', reason: `even the priced items come to more (${computed.missing ?? 'some items have no price'})` };
    return { ...base, computed: shown, ok: null, verdict: 'unknown', reason: `${computed.missing ?? 'some items have no price'}: the computed figure is a lower bound` };
  }
  if (mode === 'at-most') {
    if (above(stated.range, highMicros)) return { ...base, computed: shown, ok: false, verdict: 'mismatch', reason: 'what the line stands for costs more than the line' };
    const room = below(stated.range, highMicros) ? 'the line leaves room for what is not modelled (requests, replication, old versions)' : null;
    return { ...base, computed: shown, ok: true, verdict: 'match', reason: room };
  }
  if (inside(stated.range, lowMicros) && inside(stated.range, highMicros)) return { ...base, computed: shown, ok: true, verdict: 'match', reason: null };
  if (above(stated.range, lowMicros) || below(stated.range, highMicros)) return { ...base, computed: shown, ok: false, verdict: 'mismatch', reason: null };
  return { ...base, computed: shown, ok: false, verdict: 'overlap', reason: 'the computed range reaches outside the stated one' };
}

export function fromModel(stated: StatedModel, what: string): StatedInputs | null {
  if (stated.currency === null) return null;
  return {
    what,
    scope: stated.scope.name === null ? stated.scope.kind : `${stated.scope.kind} ${stated.scope.name}`,
    label: stated.label,
    text: stated.text,
    range: stated.range,
    currency: stated.currency,
    at: locate(stated.at),
  };
}

/**
 * The interval a written price covers, per month, in micro-units: a range's two ends, `~X`
 * ±10 %, a plain figure half a unit of its last digit either side (`$15` is $14.50–$15.50).
 */
export function priceRange(figure: MoneyFigure): StatedRange {
  const low = monthlyMicros(figure, 'min');
  const high = monthlyMicros(figure, 'max');
  const base = { lowInclusive: true, highInclusive: true, text: figure.text };
  const ranged = figure.min.amount.units * 10n ** BigInt(figure.max.amount.scale) !== figure.max.amount.units * 10n ** BigInt(figure.min.amount.scale);
  if (ranged) return { ...base, low: floor(low), high: ceil(high), approx: figure.approx, tolerancePercent: null };
  if (figure.approx) return { ...base, low: floor(mul(low, rational(9n, 10n))), high: ceil(mul(high, rational(11n, 10n))), approx: true, tolerancePercent: { units: 10n, scale: 0 } };
  const half: MoneyFigure = { ...figure, min: { ...figure.min, amount: { units: 5n, scale: figure.min.amount.scale + 1 } } };
  const slack = monthlyMicros(half, 'min');
  const lowEnd = sub(low, slack);
  return { ...base, low: lowEnd.num < 0n ? 0n : floor(lowEnd), high: ceil(add(high, slack)), approx: false, tolerancePercent: null };
}
