import type { SourceSpan } from '../../spec/source.js';
import { parseBytes } from '../../units/bytes.js';
import { parseCount } from '../../units/count.js';
import type { MoneyFigure } from '../../units/money.js';
import { add, div, lessThan, mul, rational, sub, type Rational } from '../../units/rational.js';
import { formatMicros, moneyOf, monthlyMicros, monthlyRange, overlaps, priceIn, type MicrosRange } from '../helpers/cost.js';
import type { Rule } from '../types.js';

interface Quantity {
  bytes: bigint | null;
  count: bigint | null;
  text: string;
}

interface Line {
  name: string;
  key: string;
  amount: MoneyFigure;
  quantity: Quantity | null;
  category: string | null;
  phase: string | null;
  at: SourceSpan;
}

interface Price {
  figure: MoneyFigure;
  quantity: Quantity;
  source: string;
}

const keyOf = (name: string) => name.trim().toLowerCase();
const perQuantity = (figure: MoneyFigure) => figure.perBytes !== undefined || figure.perUnit !== undefined;

function quantityOf(value: string | number | undefined): Quantity | null {
  if (value === undefined) return null;
  const text = String(value).trim();
  // A bare number counts things (`2` GPUs); a size has a unit (`160GB`).
  const count = parseCount(text);
  if (count.ok) return { bytes: null, count: count.value.value, text };
  const bytes = parseBytes(text);
  return bytes.ok ? { bytes: bytes.value.bytes, count: null, text } : null;
}

/** Monthly micro-units of `quantity` at a per-unit price, or null when the units do not match. */
function product(price: MoneyFigure, quantity: Quantity, which: 'min' | 'max'): Rational | null {
  const each = monthlyMicros(price, which);
  if (price.perBytes !== undefined) return quantity.bytes === null ? null : mul(each, rational(quantity.bytes, price.perBytes));
  if (price.perUnit !== undefined) return quantity.count === null ? null : mul(each, rational(quantity.count));
  return null;
}

export const costLineArithmetic: Rule<'more' | 'less'> = {
  id: 'cost-line-arithmetic',
  severity: 'error',
  category: 'cost',
  summary: 'An amount the page budgets for a cost line must equal the line\'s quantity times the per-unit price the page gives for it.',
  messages: {
    more: '`{line}` is budgeted at {budget}, but {quantity} at {price} ({source}) comes to {product}/month, {difference} more than budgeted: the line will cost more than the page plans for',
    less: '`{line}` is budgeted at {budget}, but {quantity} at {price} ({source}) comes to {product}/month, {difference} less than budgeted: the budget does not follow from the page\'s own price and quantity, so one of the three is wrong',
  },
  docs: {
    why: 'Storage and transfer are priced per unit ("~$0.005/GB/month") and budgeted as a round sum per phase ("Backup storage: $15"). The sum is meant to be the unit price times the quantity the page computes elsewhere ("Total backup storage needed: ~160GB"); when it is not — $15 against ~$0.80 — either the price, the quantity or the budget is wrong, and the phase totals built on the budget are wrong with it. infraspec pairs each flat amount with the per-unit price the page gives for it: a per-unit line of the same name (in the phase, or in `cost.lines`), an offer of `cost.offers` the line names, or — for a backup or storage line — the per-GB price of the buckets the backups are kept in; the quantity is the line\'s own `quantity`, else the per-unit line\'s. Amounts are read as stated figures: `~` is ±10 %, a plain `$15` is $14.50–$15.50, a range its two ends.',
    invalid: `cost:
  lines:
    - { name: Backup storage, amount: ~$0.005/GB/month, quantity: 160GB }
phases:
  production:
    costs:
      - { name: Backup storage, amount: $15/month }
`,
    valid: `cost:
  lines:
    - { name: Backup storage, amount: ~$0.005/GB/month, quantity: 160GB }
phases:
  production:
    costs:
      - { name: Backup storage, amount: $0.80/month }
`,
    fix: 'Correct the budgeted amount, the per-unit price or the quantity so that the budget is their product (within the precision written).',
  },
  check(model, report, analysis) {
    const lines: Line[] = [];
    const addLine = (input: { name: string; amount: string | number; quantity?: string | number | undefined; category?: string | undefined }, phase: string | null) => {
      const amount = moneyOf(input.amount);
      if (!amount) return;
      lines.push({ name: input.name, key: keyOf(input.name), amount, quantity: quantityOf(input.quantity), category: input.category ?? null, phase, at: analysis.at(input, 'amount') });
    };
    for (const line of model.input.cost?.lines ?? []) addLine(line, null);
    const seenPhaseInputs = new Set<object>();
    for (const phase of model.phases) {
      if (!phase.input || seenPhaseInputs.has(phase.input)) continue;
      seenPhaseInputs.add(phase.input);
      for (const line of phase.input.costs ?? []) addLine(line, phase.name);
    }
    const priced = new Map<string, Line[]>();
    for (const line of lines) {
      if (!perQuantity(line.amount) || !line.quantity) continue;
      const list = priced.get(line.key);
      if (list) list.push(line);
      else priced.set(line.key, [line]);
    }
    // `cost.budgets` entries named after a priced line budget that line.
    const budgets: Line[] = lines.filter((l) => !perQuantity(l.amount));
    for (const entry of model.input.cost?.budgets ?? []) {
      const amount = moneyOf(entry.amount);
      if (amount && !perQuantity(amount) && priced.has(keyOf(entry.name))) budgets.push({ name: entry.name, key: keyOf(entry.name), amount, quantity: null, category: null, phase: null, at: analysis.at(entry, 'amount') });
    }

    const offers = (model.input.cost?.offers ?? []).flatMap((o) => {
      const price = moneyOf(o.price);
      return price && perQuantity(price) ? [{ names: [`${o.provider} ${o.offer}`, `${o.provider}/${o.offer}`, o.offer].map(keyOf), price, label: `${o.provider}/${o.offer}` }] : [];
    });
    const bucketPrice = (category: string | null): { figure: MoneyFigure; source: string } | null => {
      if (category !== 'backup' && category !== 'storage') return null;
      const buckets = model.input.buckets ?? {};
      const targets = category === 'backup' ? new Set(model.backups.map((b) => b.input.target).filter((t): t is string => t !== undefined)) : new Set(Object.keys(buckets));
      const found: Array<{ name: string; figure: MoneyFigure }> = [];
      for (const [name, bucket] of Object.entries(buckets)) {
        if (!targets.has(name)) continue;
        const figure = moneyOf(bucket.price);
        if (figure && figure.perBytes !== undefined) found.push({ name, figure });
      }
      const first = found[0];
      if (!first || found.some((f) => f.figure.text.trim() !== first.figure.text.trim())) return null;
      return { figure: first.figure, source: found.length === 1 ? `the price of bucket \`${first.name}\`` : `the price of buckets ${found.map((f) => `\`${f.name}\``).join(', ')}` };
    };

    for (const budget of budgets) {
      const currency = budget.amount.min.currency;
      const prices: Array<Price & { phase: string | null }> = [];
      const same = priced.get(budget.key) ?? [];
      const scoped = same.filter((p) => p.phase === budget.phase);
      const candidates = scoped.length ? scoped : budget.phase === null ? same : same.filter((p) => p.phase === null);
      for (const line of candidates) {
        const quantity = budget.quantity ?? line.quantity;
        if (quantity) prices.push({ figure: line.amount, quantity, source: line.phase === null ? `the \`${line.name}\` line of \`cost.lines\`` : `the \`${line.name}\` line of phase \`${line.phase}\``, phase: line.phase ?? budget.phase });
      }
      if (prices.length === 0 && budget.quantity) {
        const offer = offers.find((o) => o.names.some((n) => n.length > 1 && budget.key.includes(n)));
        const bucket = offer ? null : bucketPrice(budget.category);
        if (offer) prices.push({ figure: offer.price, quantity: budget.quantity, source: `the price of \`${offer.label}\``, phase: budget.phase });
        else if (bucket) prices.push({ figure: bucket.figure, quantity: budget.quantity, source: bucket.source, phase: budget.phase });
      }
      const budgetRange = monthlyRange(budget.amount);
      for (const price of prices) {
        const figure = priceIn(price.figure, currency);
        if (!figure) continue;
        const low = product(figure, price.quantity, 'min');
        const high = product(figure, price.quantity, 'max');
        if (!low || !high) continue;
        const range: MicrosRange = figure.approx ? { low: mul(low, rational(9n, 10n)), high: mul(high, rational(11n, 10n)) } : { low, high };
        if (overlaps(range, budgetRange)) continue;
        const more = lessThan(budgetRange.high, range.low);
        const difference = more ? sub(low, monthlyMicros(budget.amount, 'max')) : sub(monthlyMicros(budget.amount, 'min'), high);
        const nominal = lessThan(low, high) ? `${formatMicros(low, currency)}–${formatMicros(high, currency)}` : formatMicros(div(add(low, high), rational(2n)), currency);
        report({
          at: budget.at,
          message: more ? 'more' : 'less',
          data: { line: budget.name, budget: budget.amount.text.trim(), quantity: price.quantity.text, price: price.figure.text.trim(), source: price.source, product: nominal, difference: formatMicros(difference, currency) },
          phase: price.phase,
        });
      }
    }
  },
};
