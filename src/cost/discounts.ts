import { monthsOf } from '../catalog/parse.js';
import type { CatalogDiscount } from '../catalog/types.js';
import { decimalToRational, parseDecimal } from '../units/decimal.js';
import { parseDuration } from '../units/duration.js';
import { parsePercent } from '../units/percent.js';
import { add, fromBigint, mul, rational, sub, toDecimalString, type Rational } from '../units/rational.js';
import { draft, lookup, type CostContext, type Draft } from './context.js';
import type { RoleMachines } from './machines.js';

/**
 * Reserved and spot shares (`cost.reserved`, `cost.spot`) as adjustments to the machines'
 * on-demand cost, with the provider's typical discounts from the catalog (approximate).
 * A reservation is paid whether machines use it or not; spot is a ceiling (`maxShare`), so
 * its saving spans from none (the high end) to the whole share (the low end).
 */

function discountFor(ctx: CostContext, provider: string, kind: 'reserved' | 'spot', termMonths: number | null, payment: string | null): CatalogDiscount | null {
  return (ctx.catalog.discounts ?? []).find((d) => d.provider === provider && d.kind === kind && (kind === 'spot' || (d.termMonths === termMonths && d.payment === payment))) ?? null;
}

function fraction(d: CatalogDiscount): Rational {
  return decimalToRational(parseDecimal(d.discount) ?? { units: 0n, scale: 0 });
}

function percentOf(text: string): string {
  const pct = mul(rational(100n), decimalToRational(parseDecimal(text) ?? { units: 0n, scale: 0 }));
  return `${toDecimalString(pct, 2)} %`;
}

export function discountItems(ctx: CostContext, machines: readonly RoleMachines[]): Draft[] {
  const out: Draft[] = [];
  const cost = ctx.model.input.cost;
  if (!cost) return out;
  // On-demand machine cost already covered by reservations, per end of the range.
  let reservedMin: Rational = rational(0n);
  let reservedMax: Rational = rational(0n);
  for (const reservation of cost.reserved ?? []) {
    const name = `reserved ${reservation.offer}`;
    const found = lookup(ctx, reservation.offer);
    const what = `${reservation.quantity} × ${reservation.offer}, ${String(reservation.term)} ${reservation.payment}`;
    if (!found.ok) {
      out.push(draft({ category: 'discounts', name, what, note: found.message, counted: false }));
      continue;
    }
    const offer = found.offer;
    const running = machines.filter((m) => m.offer?.id === offer.id && m.unit !== null && m.count !== null);
    const term = parseDuration(String(reservation.term));
    const discount = term.ok ? discountFor(ctx, offer.provider, 'reserved', monthsOf(term.value), reservation.payment) : null;
    if (!discount) {
      out.push(draft({ category: 'discounts', name, what, offer: offer.id, note: `the catalog has no ${String(reservation.term)} ${reservation.payment} discount for \`${offer.provider}\``, counted: false }));
      continue;
    }
    if (running.length === 0) {
      out.push(draft({ category: 'discounts', name, what, offer: offer.id, note: `no machine of the phase runs \`${offer.id}\`: the reservation is not counted`, counted: false }));
      continue;
    }
    const unit = running[0]!.unit!.min;
    const q = BigInt(reservation.quantity);
    const d = fraction(discount);
    const paid = mul(mul(unit, fromBigint(q)), sub(rational(1n), d));
    const adjust = (count: number) => {
      const covered = BigInt(count) < q ? BigInt(count) : q;
      return { value: sub(paid, mul(unit, fromBigint(covered))), covered: mul(unit, fromBigint(covered)) };
    };
    const countMin = running.reduce((s, m) => s + m.count!.min, 0);
    const countMax = running.reduce((s, m) => s + m.count!.max, 0);
    const low = adjust(countMin);
    const high = adjust(countMax);
    reservedMin = add(reservedMin, low.covered);
    reservedMax = add(reservedMax, high.covered);
    const idle = BigInt(countMin) < q ? `; ${q - BigInt(countMin)} reserved but unused at the minimum count` : '';
    out.push(draft({ category: 'discounts', name, what: `${what}: ${percentOf(discount.discount)} off`, offer: offer.id, min: low.value, max: high.value, approximate: true, origin: discount.origin, note: `typical discount, approximate${idle}` }));
  }

  const spot = cost.spot;
  if (spot) {
    const share = parsePercent(String(spot.maxShare));
    const priced = machines.filter((m) => m.offer !== null && m.item.min !== null && m.item.max !== null);
    const providers = [...new Set(priced.map((m) => m.offer!.provider))];
    const discounts = providers.map((p) => [p, discountFor(ctx, p, 'spot', null, null)] as const);
    const missing = discounts.filter(([, d]) => d === null).map(([p]) => p);
    const what = `up to ${String(spot.maxShare)} of machines on spot`;
    if (!share.ok || priced.length === 0) {
      out.push(draft({ category: 'discounts', name: 'spot', what, note: 'no machine priced by a catalog offer to put on spot', counted: false }));
    } else {
      let saving: Rational = rational(0n);
      for (const [provider, discount] of discounts) {
        if (!discount) continue;
        const onDemand = priced.filter((m) => m.offer!.provider === provider).reduce((s, m) => add(s, m.item.min!), rational(0n));
        saving = add(saving, mul(onDemand, fraction(discount)));
      }
      // Reserved machines do not run on spot.
      const spotDiscount = discounts.find(([, d]) => d !== null)?.[1] ?? null;
      if (spotDiscount) saving = sub(saving, mul(reservedMin, fraction(spotDiscount)));
      const shareFraction = mul(decimalToRational(share.value), rational(1n, 100n));
      const low = mul(mul(saving, shareFraction), rational(-1n));
      const note = `the low end uses the whole share at the typical spot discount (approximate); the high end none${missing.length ? `; no spot discount for ${missing.join(', ')}` : ''}`;
      out.push(draft({ category: 'discounts', name: 'spot', what, min: low.num > 0n ? rational(0n) : low, max: rational(0n), approximate: true, origin: spotDiscount?.origin ?? null, note }));
    }
  }
  void reservedMax;
  return out;
}
