import type { CatalogOffer } from '../catalog/types.js';
import type { RoleModel } from '../spec/model.js';
import { formatMoney } from '../units/money.js';
import { mul, rational, type Rational } from '../units/rational.js';
import { draft, figureMonthly, lookup, noPriceForCurrency, offerMonthly, where, type CostContext, type Draft } from './context.js';

/**
 * Machines: each role's count × the monthly price of its offer (from the catalog, or the
 * spec's own `cost.offers`), or × the role's own `cost` when it names no offer. With
 * `--placed`, the offers and counts placement chose.
 */

export interface RoleMachines {
  role: RoleModel;
  /** The catalog offer the role runs on, when known. */
  offer: CatalogOffer | null;
  count: { min: number; max: number } | null;
  /** One machine per month in the report currency. */
  unit: { min: Rational; max: Rational } | null;
  item: Draft;
}

export function machineItems(ctx: CostContext): RoleMachines[] {
  const out: RoleMachines[] = [];
  for (const role of ctx.phase.roles) {
    const placed = ctx.placed?.get(role.name);
    if (placed) {
      for (const machines of placed) out.push(placedItem(ctx, role, machines.offer, machines.count));
      continue;
    }
    out.push(declaredItem(ctx, role));
  }
  return out;
}

function countOf(role: RoleModel): { min: number; max: number; unbounded: boolean } | null {
  if (role.count === null) return null;
  return { min: role.count.min, max: role.count.max ?? role.count.min, unbounded: role.count.max === null };
}

function countText(count: { min: number; max: number }): string {
  return count.min === count.max ? String(count.min) : `${count.min}–${count.max}`;
}

function times(unit: { min: Rational; max: Rational }, count: { min: number; max: number }): { min: Rational; max: Rational } {
  return { min: mul(unit.min, rational(BigInt(count.min))), max: mul(unit.max, rational(BigInt(count.max))) };
}

function placedItem(ctx: CostContext, role: RoleModel, offerName: string, count: number): RoleMachines {
  const found = lookup(ctx, offerName);
  const counts = { min: count, max: count };
  if (!found.ok) {
    return { role, offer: null, count: counts, unit: null, item: draft({ category: 'machines', name: role.name, what: `${count} × ${offerName} (placed)`, note: found.message }) };
  }
  return offerItem(ctx, role, found.offer, counts, ' (placed)', null);
}

function offerItem(ctx: CostContext, role: RoleModel, offer: CatalogOffer, count: { min: number; max: number }, suffix: string, extraNote: string | null): RoleMachines {
  const unit = offerMonthly(ctx, offer);
  const what = `${countText(count)} × ${offer.id}${suffix}`;
  if (!unit) {
    return { role, offer, count, unit: null, item: draft({ category: 'machines', name: role.name, what, offer: offer.id, unitPrice: offer.monthly, note: noPriceForCurrency(offer.monthly.currency, ctx.currency), origin: offer.origin }) };
  }
  const each = { min: unit.value, max: unit.value };
  const total = times(each, count);
  return {
    role,
    offer,
    count,
    unit: each,
    item: draft({ category: 'machines', name: role.name, what, offer: offer.id, unitPrice: offer.monthly, min: total.min, max: total.max, note: extraNote, approximate: offer.approximate ?? false, origin: offer.origin, conversion: unit.conversion }),
  };
}

function declaredItem(ctx: CostContext, role: RoleModel): RoleMachines {
  const counted = countOf(role);
  if (counted === null) {
    return { role, offer: null, count: null, unit: null, item: draft({ category: 'machines', name: role.name, what: 'variable count', note: 'the role’s machine count is `variable`: give a count to price it' }) };
  }
  const count = { min: counted.min, max: counted.max };
  const unboundedNote = counted.unbounded ? `no upper bound on the count; priced at ${counted.min}` : null;
  const offerName = role.input.offer;
  let offerProblem: string | null = null;
  if (offerName !== undefined) {
    const found = lookup(ctx, offerName);
    if (found.ok) return offerItem(ctx, role, found.offer, count, '', unboundedNote);
    offerProblem = `${found.message}${found.hint ? ` (${found.hint})` : ''}`;
  }
  if (role.cost) {
    const monthly = figureMonthly(ctx, role.cost);
    const what = `${countText(count)} × ${role.cost.text} (the role’s own cost)`;
    const note = [offerProblem ? `${offerProblem}: priced at the role’s own cost` : null, unboundedNote].filter((n) => n !== null).join('; ') || null;
    const origin = where(ctx, ctx.model.positions.entrySpan(role.input as object, 'cost'));
    if (!monthly) return { role, offer: null, count, unit: null, item: draft({ category: 'machines', name: role.name, what, unitPrice: role.cost.min, note: noPriceForCurrency(role.cost.min.currency, ctx.currency), origin }) };
    const unit = { min: monthly.min, max: monthly.max };
    const total = times(unit, count);
    return { role, offer: null, count, unit, item: draft({ category: 'machines', name: role.name, what, unitPrice: role.cost.min, min: total.min, max: total.max, note, approximate: role.cost.approx, origin, conversion: monthly.conversion }) };
  }
  if (count.max === 0) return { role, offer: null, count, unit: null, item: draft({ category: 'machines', name: role.name, what: '0 machines', min: rational(0n), max: rational(0n) }) };
  const note = offerProblem ?? 'the role names no `offer` and no `cost`';
  return { role, offer: null, count, unit: null, item: draft({ category: 'machines', name: role.name, what: `${countText(count)} × ?`, note }) };
}

/** `$60.736/month` for a unit price, for messages. */
export function unitText(item: Draft): string {
  return item.unitPrice ? formatMoney(item.unitPrice) : '?';
}
