import type { SourceSpan } from '../../spec/source.js';
import type { MoneyFigure } from '../../units/money.js';
import { lessThan, sub, type Rational } from '../../units/rational.js';
import { formatMicros, moneyOf, monthlyMicros, monthlyRange, planAmountMicros } from '../helpers/cost.js';
import type { Rule } from '../types.js';

interface Budget {
  figure: MoneyFigure;
  at: SourceSpan;
  /** `its budget` or `the \`Monthly\` budget`. */
  what: string;
}

export const phaseOverBudget: Rule<'over' | 'mayExceed'> = {
  id: 'phase-over-budget',
  severity: 'error',
  category: 'cost',
  summary: 'A phase\'s monthly cost, computed from its own prices, must not exceed its budget.',
  messages: {
    over: 'phase `{phase}` costs {atLeast}{cost}/month by its own prices, {difference} over {budgetWhat} of {budget}: the page plans a deployment it has not budgeted for',
    mayExceed: 'phase `{phase}` costs {atLeast}{cost}/month by its own prices, and the top of that range is {difference} over {budgetWhat} of {budget}: at the higher prices the phase exceeds its budget',
  },
  docs: {
    why: 'A budget is what the deployment was approved on; the machines and lines the page prices are what will be billed. When the priced phase exceeds its budget, either the budget alert fires in the first month or the page is silently describing a cheaper deployment than the one it specifies. infraspec sums each phase\'s machine prices × counts and cost lines per month (as `infraspec plan` does) and compares the sum with the phase\'s `budget` and with the `cost.budgets` entries that apply to it: one named after the phase, or one named after neither a phase nor a cost line (a system-wide budget). A price range that only exceeds the budget at its top is reported separately. Budgets in another currency than the prices are not compared: converting needs a dated exchange rate, which `infraspec cost` applies.',
    invalid: `roles:
  app: { count: 3, cost: $40/month }
phases:
  production:
    budget: $100/month
`,
    valid: `roles:
  app: { count: 3, cost: $40/month }
phases:
  production:
    budget: $150/month
`,
  },
  check(model, report, analysis) {
    const phaseNames = new Set(model.phases.map((p) => p.name.toLowerCase()));
    const lineNames = new Set([...(model.input.cost?.lines ?? []), ...model.phases.flatMap((p) => p.input?.costs ?? [])].map((l) => l.name.trim().toLowerCase()));
    const systemBudgets: Array<Budget & { phase: string | null }> = [];
    for (const entry of model.input.cost?.budgets ?? []) {
      const figure = moneyOf(entry.amount);
      if (!figure) continue;
      const name = entry.name.trim().toLowerCase();
      // A budget named after a cost line budgets that line (see cost-line-arithmetic), not a phase.
      if (lineNames.has(name) && !phaseNames.has(name)) continue;
      systemBudgets.push({ figure, at: analysis.at(entry, 'amount'), what: `the \`${entry.name}\` budget`, phase: phaseNames.has(name) ? name : null });
    }
    for (const phase of model.phases) {
      const monthly = analysis.phasePlan(phase).cost;
      if (!monthly.monthly) continue;
      const low = planAmountMicros(monthly.monthly.min);
      const high = planAmountMicros(monthly.monthly.max);
      if (!low || !high) continue;
      const currency = monthly.monthly.currency;
      const budgets: Budget[] = [];
      if (phase.budget && phase.input) budgets.push({ figure: phase.budget, at: analysis.at(phase.input, 'budget'), what: 'its budget' });
      for (const b of systemBudgets) if (b.phase === null || b.phase === phase.name.toLowerCase()) budgets.push(b);
      for (const budget of budgets) {
        if (budget.figure.min.currency !== currency || budget.figure.perBytes !== undefined || budget.figure.perUnit !== undefined) continue;
        const limit = monthlyRange(budget.figure).high;
        const nominal = monthlyMicros(budget.figure, 'max');
        const cost = lessThan(low, high) ? `${formatMicros(low, currency)}–${formatMicros(high, currency)}` : formatMicros(low, currency);
        const data = (over: Rational) => ({
          phase: phase.name,
          atLeast: monthly.note === null ? '' : 'at least ',
          cost,
          difference: formatMicros(sub(over, nominal), currency),
          budgetWhat: budget.what,
          budget: budget.figure.text.trim(),
        });
        if (lessThan(limit, low)) report({ at: budget.at, message: 'over', data: data(low), phase: phase.name });
        else if (lessThan(limit, high)) report({ at: budget.at, message: 'mayExceed', data: data(high), phase: phase.name });
      }
    }
  },
};
