import { locate } from '../spec/source.js';
import { parseMoney, monthlyMicros, type MoneyFigure } from '../units/money.js';
import { parsePercent } from '../units/percent.js';
import { decimalToRational } from '../units/decimal.js';
import { decimalToString } from '../units/decimal.js';
import { div, lessThan, mul, rational, type Rational } from '../units/rational.js';
import { convertExact, type CostContext } from './context.js';
import { moneyJson } from './money.js';
import type { BudgetCheck } from './types.js';

/**
 * Budgets: the phase's `budget` and the spec-wide `cost.budgets`, against the phase's
 * monthly range. Over when the high end exceeds the budget (`over` when even the low end
 * does); `alert` past `alertAt` of it.
 */

export function budgetChecks(ctx: CostContext, total: { min: Rational; max: Rational; complete: boolean }): BudgetCheck[] {
  const out: BudgetCheck[] = [];
  const phaseInput = ctx.phase.input as object | null;
  if (ctx.phase.budget) {
    const span = phaseInput ? ctx.model.positions.entrySpan(phaseInput, 'budget') : undefined;
    out.push(one(ctx, `phase ${ctx.phase.name} budget`, ctx.phase.budget, null, total, span ? locate(span) : null));
  }
  const budgets = ctx.model.input.cost?.budgets ?? [];
  budgets.forEach((budget, i) => {
    const figure = parseMoney(String(budget.amount));
    if (!figure.ok) return;
    const span = ctx.model.positions.entrySpan(budgets as unknown as object, i);
    out.push(one(ctx, budget.name, figure.value, budget.alertAt === undefined ? null : String(budget.alertAt), total, span ? locate(span) : null));
  });
  return out;
}

function one(ctx: CostContext, name: string, figure: MoneyFigure, alertAt: string | null, total: { min: Rational; max: Rational; complete: boolean }, at: BudgetCheck['at']): BudgetCheck {
  const currency = figure.min.currency;
  const amount = div(monthlyMicros(figure, 'min'), rational(1_000_000n));
  const budget = moneyJson(amount, currency);
  const min = convertExact(ctx, total.min, ctx.currency, currency);
  const max = convertExact(ctx, total.max, ctx.currency, currency);
  if (!min || !max) return { name, budget, computed: null, status: 'unknown', alertAt, note: `no exchange rate from ${ctx.currency} to ${currency}`, at };
  const computed = { min: moneyJson(min.value, currency), max: moneyJson(max.value, currency) };
  if (lessThan(amount, min.value)) return { name, budget, computed, status: 'over', alertAt, note: total.complete ? null : 'even without the items that have no price', at };
  if (!total.complete) return { name, budget, computed, status: 'unknown', alertAt, note: 'some items have no price: the total is a lower bound', at };
  if (lessThan(amount, max.value)) return { name, budget, computed, status: 'may-exceed', alertAt, note: 'the high end of the range exceeds the budget', at };
  if (alertAt !== null) {
    const percent = parsePercent(alertAt);
    if (percent.ok) {
      const threshold = mul(amount, mul(decimalToRational(percent.value), rational(1n, 100n)));
      if (!lessThan(max.value, threshold)) return { name, budget, computed, status: 'alert', alertAt, note: `at or past ${decimalToString(percent.value)} % of the budget`, at };
    }
  }
  return { name, budget, computed, status: 'within', alertAt, note: null, at };
}
