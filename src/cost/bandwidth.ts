import { formatBytes } from '../units/bytes.js';
import { decimalToRational } from '../units/decimal.js';
import { dataRateBytesPer } from '../units/rate.js';
import { ceil, div, fromBigint, mul, rational } from '../units/rational.js';
import { convertExact, draft, noPriceForCurrency, type CostContext, type Draft } from './context.js';
import type { RoleMachines } from './machines.js';

/**
 * Bandwidth beyond allowances: the phase's transfer from its usage drivers (per-user
 * figures × the phase's targets) against what its machines' offers include, pooled over
 * the machines (DigitalOcean, Linode and Vultr pool per account; Hetzner's per-server
 * allowance is pooled here too, which is exact when traffic spreads evenly).
 */

const GIGABYTE = 1_000_000_000n;

export function bandwidthItems(ctx: CostContext, machines: readonly RoleMachines[]): Draft[] {
  let bytes = 0n;
  const drivers: string[] = [];
  for (const driver of ctx.model.usage) {
    const kind = ctx.model.input.usage?.[driver.name]?.kind;
    if (kind !== undefined && kind !== 'bandwidth' && kind !== 'egress') continue;
    const target = ctx.phase.targets.find((t) => t.name === driver.per)?.value ?? null;
    if (target === null) continue;
    bytes += ceil(mul(dataRateBytesPer(driver.rate, 'month'), fromBigint(target)));
    drivers.push(driver.name);
  }
  if (drivers.length === 0) return [];
  const used = `${formatBytes(bytes, 'si')}/month (${drivers.join(', ')})`;
  const withOffers = machines.filter((m) => m.offer !== null && m.count !== null);
  if (withOffers.length === 0) {
    return [draft({ category: 'bandwidth', name: 'transfer', what: used, counted: false, note: 'the machines name no catalog offer, so their transfer allowance is unknown (a VPS price usually includes it)' })];
  }
  let included = 0n;
  let unknownAllowance = false;
  for (const m of withOffers) {
    if (m.offer!.transferIncludedBytes === null) unknownAllowance = true;
    else included += m.offer!.transferIncludedBytes * BigInt(m.count!.min);
  }
  const overagePrice = withOffers.map((m) => m.offer!.transferOverage).find((o) => o !== null) ?? null;
  const beyond = bytes > included ? bytes - included : 0n;
  const what = `${used} against ${formatBytes(included, 'si')} included`;
  if (beyond === 0n) return [draft({ category: 'bandwidth', name: 'transfer', what, min: rational(0n), max: rational(0n), note: unknownAllowance ? 'some offers state no allowance' : null })];
  if (!overagePrice) return [draft({ category: 'bandwidth', name: 'transfer', what, note: `${formatBytes(beyond, 'si')} beyond the allowance, and no offer states an overage price` })];
  const perGigabyte = convertExact(ctx, decimalToRational(overagePrice.amount), overagePrice.currency, ctx.currency);
  if (!perGigabyte) return [draft({ category: 'bandwidth', name: 'transfer', what, note: noPriceForCurrency(overagePrice.currency, ctx.currency) })];
  const cost = mul(perGigabyte.value, div(fromBigint(beyond), fromBigint(GIGABYTE)));
  return [draft({ category: 'bandwidth', name: 'transfer', what: `${what}: ${formatBytes(beyond, 'si')} beyond`, unitPrice: overagePrice, min: cost, max: cost, conversion: perGigabyte.conversion, origin: withOffers.find((m) => m.offer!.transferOverage !== null)?.offer?.origin ?? null })];
}
