import type { CostLineModel } from '../spec/model.js';
import { formatBytesReadable, parseBytes } from '../units/bytes.js';
import { parseMoney } from '../units/money.js';
import { div, fromBigint, mul, type Rational } from '../units/rational.js';
import { draft, figureMonthly, noPriceForCurrency, where, type CostContext, type Draft } from './context.js';

/**
 * Line items: the phase's `costs` and the spec-wide `cost.lines` (domains, monitoring,
 * backup storage as the page budgets it). A line priced per size needs its `quantity`.
 */

export type LineCategory = 'compute' | 'storage' | 'backup' | 'network' | 'domain' | 'cdn' | 'monitoring' | 'license' | 'other';

export interface LineDraft {
  line: CostLineModel;
  category: LineCategory | null;
  item: Draft;
}

function specWideLines(ctx: CostContext): Array<{ line: CostLineModel; category: LineCategory | null }> {
  const inputs = ctx.model.input.cost?.lines ?? [];
  const out: Array<{ line: CostLineModel; category: LineCategory | null }> = [];
  inputs.forEach((input, i) => {
    const amount = parseMoney(String(input.amount));
    if (!amount.ok) return;
    const quantity = input.quantity === undefined ? null : parseBytes(String(input.quantity));
    const at = ctx.model.positions.entrySpan(inputs as unknown as object, i) ?? ctx.model.system.at;
    out.push({ line: { name: input.name, at, amount: amount.value, quantityBytes: quantity && quantity.ok ? quantity.value.bytes : null }, category: input.category ?? null });
  });
  return out;
}

export function lineItems(ctx: CostContext): LineDraft[] {
  const phaseInputs = ctx.phase.input?.costs ?? [];
  const lines = [
    ...ctx.phase.costs.map((line) => ({ line, category: (phaseInputs.find((c) => c.name === line.name)?.category ?? null) as LineCategory | null })),
    ...specWideLines(ctx),
  ];
  return lines.map(({ line, category }) => ({ line, category, item: lineDraft(ctx, line) }));
}

function lineDraft(ctx: CostContext, line: CostLineModel): Draft {
  const origin = where(ctx, line.at);
  const monthly = figureMonthly(ctx, line.amount);
  const base = { category: 'lines' as const, name: line.name, what: line.amount.text, unitPrice: line.amount.min, origin, approximate: line.amount.approx };
  if (!monthly) return draft({ ...base, note: noPriceForCurrency(line.amount.min.currency, ctx.currency) });
  let factor: Rational | null = null;
  if (line.amount.perBytes !== undefined) {
    if (line.quantityBytes === null) return draft({ ...base, note: 'priced per size, but the line gives no `quantity`' });
    factor = div(fromBigint(line.quantityBytes), fromBigint(line.amount.perBytes));
  }
  const min = factor ? mul(monthly.min, factor) : monthly.min;
  const max = factor ? mul(monthly.max, factor) : monthly.max;
  return draft({ ...base, what: factor ? `${formatBytesReadable(line.quantityBytes ?? 0n)} at ${line.amount.text}` : line.amount.text, min, max, conversion: monthly.conversion });
}
