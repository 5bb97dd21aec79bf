import { providerId } from '../catalog/lookup.js';
import type { CatalogOffer } from '../catalog/types.js';
import { backupPlan, replicaRange } from '../plan/plan.js';
import type { ComponentModel } from '../spec/model.js';
import type { SpecInput } from '../spec/schema.js';
import { formatBytesReadable, parseBytes } from '../units/bytes.js';
import { parseDataRate, dataRateBytesPer } from '../units/rate.js';
import { parseDuration } from '../units/duration.js';
import { parseMoney } from '../units/money.js';
import { PERIOD_SECONDS } from '../units/period.js';
import { add, ceil, compare, div, fromBigint, lessThan, mul, rational, type Rational } from '../units/rational.js';
import { draft, figureMonthly, lookup, noPriceForCurrency, offerMonthly, where, type CostContext, type Draft } from './context.js';
import type { RoleMachines } from './machines.js';

/**
 * Storage: volumes on block storage (where the machine has no disk of its own, as EC2's
 * EBS-only types), backups kept under their retention in a priced bucket, and buckets by
 * storage class and lifecycle.
 */

type Bucket = NonNullable<SpecInput['buckets']>[string];

/** A price per byte-quantity: monthly price of `perBytes` bytes (null: per unit, e.g. a storage box of `unitBytes`). */
interface StoragePrice {
  unitMonthly: Rational;
  perBytes: bigint | null;
  /** For offers sold by the unit (a storage box): the bytes one unit holds. */
  unitBytes: bigint | null;
  text: string;
  offer: string | null;
  origin: string | null;
  approximate: boolean;
  conversion: string | null;
  unitPrice: Draft['unitPrice'];
}

const MONTH_MS = PERIOD_SECONDS.month * 1000n;

/** The spec's buckets with the phase's overrides applied. */
export function phaseBuckets(ctx: CostContext): Map<string, Bucket> {
  const out = new Map<string, Bucket>();
  const base = ctx.model.input.buckets ?? {};
  const overrides = ctx.phase.input?.buckets ?? {};
  for (const [name, bucket] of Object.entries(base)) out.set(name, { ...bucket, ...(overrides[name] ?? {}) });
  for (const [name, bucket] of Object.entries(overrides)) if (!out.has(name)) out.set(name, bucket as Bucket);
  return out;
}

function fromOffer(ctx: CostContext, offer: CatalogOffer): StoragePrice | string {
  const unit = offerMonthly(ctx, offer);
  if (!unit) return noPriceForCurrency(offer.monthly.currency, ctx.currency);
  return { unitMonthly: unit.value, perBytes: offer.perBytes, unitBytes: offer.perBytes === null ? offer.diskBytes : null, text: offer.priceText, offer: offer.id, origin: offer.origin, approximate: offer.approximate ?? false, conversion: unit.conversion, unitPrice: offer.monthly };
}

/** The price of storing bytes in a bucket (of `storageClass`, default the bucket's own). */
export function bucketPrice(ctx: CostContext, name: string, bucket: Bucket, storageClass?: string): StoragePrice | string {
  if (bucket.price !== undefined && storageClass === undefined) {
    const figure = parseMoney(String(bucket.price));
    if (!figure.ok) return `the bucket’s price \`${String(bucket.price)}\` is not a price`;
    const monthly = figureMonthly(ctx, figure.value);
    if (!monthly) return noPriceForCurrency(figure.value.min.currency, ctx.currency);
    const origin = where(ctx, ctx.model.positions.entrySpan(bucket as object, 'price'));
    return { unitMonthly: monthly.min, perBytes: figure.value.perBytes ?? null, unitBytes: null, text: figure.value.text, offer: null, origin, approximate: figure.value.approx, conversion: monthly.conversion, unitPrice: figure.value.min };
  }
  if (bucket.provider === undefined) return `bucket \`${name}\` has no \`price\` and no \`provider\` to look one up by`;
  const provider = providerId(bucket.provider);
  const wanted = storageClass ?? bucket.class;
  const found = lookup(ctx, `${provider}/${wanted ?? 'STANDARD'}`);
  if (found.ok) return fromOffer(ctx, found.offer);
  if (wanted === undefined) {
    const only = ctx.catalog.offers.filter((o) => o.provider === provider && o.kind === 'object-storage');
    if (only.length >= 1) return fromOffer(ctx, only[0]!);
  }
  return `${found.message}${found.hint ? ` (${found.hint})` : ''}`;
}

/** Monthly cost of `bytes` at a storage price: by the byte, or by whole units (storage boxes). */
function storageCost(price: StoragePrice, bytes: Rational): { value: Rational; quantity: string } {
  if (price.perBytes !== null) return { value: mul(price.unitMonthly, div(bytes, fromBigint(price.perBytes))), quantity: formatBytesReadable(ceil(bytes)) };
  if (price.unitBytes !== null && price.unitBytes > 0n) {
    const units = ceil(div(bytes, fromBigint(price.unitBytes)));
    const boxes = units === 0n ? 1n : units;
    return { value: mul(price.unitMonthly, fromBigint(boxes)), quantity: `${formatBytesReadable(ceil(bytes))} in ${boxes} × ${formatBytesReadable(price.unitBytes)}` };
  }
  return { value: price.unitMonthly, quantity: formatBytesReadable(ceil(bytes)) };
}

function priceDraft(category: Draft['category'], name: string, what: string, price: StoragePrice, value: Rational, counted = true): Draft {
  return draft({ category, name, what, offer: price.offer, unitPrice: price.unitPrice, min: value, max: value, approximate: price.approximate, origin: price.origin, conversion: price.conversion, counted });
}

// ───────────────────────────── volumes ─────────────────────────────

function hostRole(ctx: CostContext, component: ComponentModel): string | null {
  if (component.roles.length === 1) return component.roles[0]!;
  if (component.roles.length === 0 && ctx.phase.roles.length === 1) return ctx.phase.roles[0]!.name;
  return null;
}

export function volumeItems(ctx: CostContext, machines: readonly RoleMachines[]): Draft[] {
  const out: Draft[] = [];
  for (const component of ctx.phase.components) {
    if (component.kind === 'external' || component.input.managed) continue;
    const roleName = hostRole(ctx, component);
    const host = machines.find((m) => m.role.name === roleName && m.offer !== null);
    const offer = host?.offer;
    // Only machines without a disk of their own (EBS-only instance types) buy volumes apart.
    if (!offer || offer.kind !== 'vm' || offer.diskBytes !== null) continue;
    const block = ctx.catalog.offers.find((o) => o.provider === offer.provider && o.kind === 'block-storage');
    for (const volume of component.volumes) {
      const name = `${component.name}/${volume.name}`;
      if (!block) {
        out.push(draft({ category: 'storage', name, what: `${formatBytesReadable(volume.sizeBytes)} volume`, note: `\`${offer.id}\` has no disk of its own, and the catalog has no block storage from \`${offer.provider}\`` }));
        continue;
      }
      const price = fromOffer(ctx, block);
      if (typeof price === 'string') {
        out.push(draft({ category: 'storage', name, what: `${formatBytesReadable(volume.sizeBytes)} on ${block.id}`, note: price }));
        continue;
      }
      const copies = volume.perReplica ? replicaRange(ctx.phase, component) : { min: 1n, max: 1n };
      const low = storageCost(price, fromBigint(volume.sizeBytes * copies.min));
      const high = storageCost(price, fromBigint(volume.sizeBytes * copies.max));
      const copiesText = copies.min === 1n && copies.max === 1n ? '' : copies.min === copies.max ? `${copies.min} × ` : `${copies.min}–${copies.max} × `;
      out.push({ ...priceDraft('storage', name, `${copiesText}${formatBytesReadable(volume.sizeBytes)} on ${block.id} at ${price.text}`, price, low.value), max: high.value });
    }
  }
  return out;
}

// ───────────────────────────── backups ─────────────────────────────

/** Backups kept in a bucket: retained bytes × the bucket's price. Backups on a machine's disk are part of the machine. */
export function backupItems(ctx: CostContext): { items: Draft[]; bucketsWithBackups: Set<string> } {
  const buckets = phaseBuckets(ctx);
  const running = new Set(ctx.phase.components.map((c) => c.name));
  const items: Draft[] = [];
  const bucketsWithBackups = new Set<string>();
  for (const backup of ctx.model.backups) {
    const target = backup.input.target;
    if (target === undefined || !buckets.has(target)) continue;
    const of = backup.of.split('/')[0] ?? backup.of;
    if (ctx.model.components.some((c) => c.name === of) && !running.has(of)) continue;
    bucketsWithBackups.add(target);
    const bucket = buckets.get(target)!;
    const plan = backupPlan(backup);
    const name = backup.name;
    if (plan.retainedBytes === null) {
      items.push(draft({ category: 'backup', name, what: `in bucket \`${target}\``, note: `usage-based: ${plan.note ?? 'the retained size cannot be computed'}`, counted: false }));
      continue;
    }
    const price = bucketPrice(ctx, target, bucket);
    if (typeof price === 'string') {
      items.push(draft({ category: 'backup', name, what: `${formatBytesReadable(plan.retainedBytes)} in bucket \`${target}\``, note: price }));
      continue;
    }
    const cost = storageCost(price, fromBigint(plan.retainedBytes));
    const copies = plan.copies !== null && plan.copies > 1n ? ` (${plan.copies} copies)` : '';
    items.push(priceDraft('backup', name, `${cost.quantity}${copies} in \`${target}\` at ${price.text}`, price, cost.value));
  }
  return { items, bucketsWithBackups };
}

// ───────────────────────────── buckets ─────────────────────────────

interface Segment {
  storageClass: string | undefined;
  fromMonths: Rational;
  toMonths: Rational | null;
}

function monthsOfDuration(text: string): Rational | null {
  const ms = parseDuration(text);
  return ms.ok ? rational(ms.value, MONTH_MS) : null;
}

/** Where data of each age lives under the lifecycle: class until the first transition, …, until expiry. */
function segmentsOf(bucket: Bucket): Segment[] | string {
  const rules = (bucket.lifecycle ?? []).filter((r) => r.enabled !== false);
  const transitions: Array<{ after: Rational; storageClass: string }> = [];
  let expireAfter: Rational | null = null;
  for (const rule of rules) {
    if (rule.transition) {
      const after = monthsOfDuration(String(rule.transition.after));
      if (!after) return `lifecycle rule \`${rule.id}\` has a transition age that is not a duration`;
      transitions.push({ after, storageClass: rule.transition.class });
    }
    if (rule.expire) {
      const after = monthsOfDuration(String(rule.expire.after));
      if (!after) return `lifecycle rule \`${rule.id}\` has an expiry age that is not a duration`;
      expireAfter = expireAfter === null || lessThan(after, expireAfter) ? after : expireAfter;
    }
  }
  transitions.sort((a, b) => compare(a.after, b.after));
  const segments: Segment[] = [];
  let from: Rational = rational(0n);
  let storageClass: string | undefined = undefined;
  for (const t of transitions) {
    if (expireAfter !== null && !lessThan(t.after, expireAfter)) break;
    segments.push({ storageClass, fromMonths: from, toMonths: t.after });
    from = t.after;
    storageClass = t.storageClass;
  }
  segments.push({ storageClass, fromMonths: from, toMonths: expireAfter });
  return segments;
}

/**
 * A bucket's steady state: with a growth rate g, data aged [a, b) months is g × (b − a), in
 * the class the lifecycle gives that age; without an expiry the last class keeps growing and
 * is priced at the horizon. With only a size, the size is priced in the bucket's class.
 */
export function bucketItems(ctx: CostContext, skip: ReadonlySet<string>): Draft[] {
  const out: Draft[] = [];
  for (const [name, bucket] of phaseBuckets(ctx)) {
    if (skip.has(name)) continue;
    const growth = bucket.growth === undefined ? null : parseDataRate(String(bucket.growth));
    const size = bucket.size === undefined ? null : parseBytes(String(bucket.size));
    if (growth && growth.ok) {
      const segments = segmentsOf(bucket);
      if (typeof segments === 'string') {
        out.push(draft({ category: 'object-storage', name, what: 'lifecycle', note: segments }));
        continue;
      }
      const perMonth = dataRateBytesPer(growth.value, 'month');
      const horizon = rational(BigInt(ctx.months));
      let total: Rational = rational(0n);
      const parts: string[] = [];
      let failed: string | null = null;
      let approximate = false;
      let origin: string | null = null;
      let conversion: string | null = null;
      let unbounded = false;
      for (const segment of segments) {
        const end = segment.toMonths ?? horizon;
        if (!lessThan(segment.fromMonths, end)) continue;
        if (segment.toMonths === null) unbounded = true;
        const bytes = mul(perMonth, add(end, mul(segment.fromMonths, rational(-1n))));
        const price = bucketPrice(ctx, name, bucket, segment.storageClass);
        if (typeof price === 'string') {
          failed = price;
          break;
        }
        const cost = storageCost(price, bytes);
        total = add(total, cost.value);
        parts.push(`${cost.quantity} ${segment.storageClass ?? bucket.class ?? 'STANDARD'}`);
        approximate ||= price.approximate;
        origin ??= price.origin;
        conversion ??= price.conversion;
      }
      if (failed) {
        out.push(draft({ category: 'object-storage', name, what: `growing ${String(bucket.growth)}`, note: failed }));
        continue;
      }
      const note = unbounded ? `no expiry: data keeps growing; priced at ${ctx.months} months` : 'steady state under the lifecycle';
      out.push(draft({ category: 'object-storage', name, what: parts.join(' + '), min: total, max: total, note, approximate, origin, conversion }));
      continue;
    }
    if (size && size.ok) {
      const price = bucketPrice(ctx, name, bucket);
      if (typeof price === 'string') {
        out.push(draft({ category: 'object-storage', name, what: formatBytesReadable(size.value.bytes), note: price }));
        continue;
      }
      const cost = storageCost(price, fromBigint(size.value.bytes));
      const note = bucket.lifecycle?.some((r) => r.transition) ? 'lifecycle transitions need a `growth` rate to be priced: all of it priced in its first class' : null;
      out.push({ ...priceDraft('object-storage', name, `${cost.quantity} at ${price.text}`, price, cost.value), note });
      continue;
    }
    // Usage-based, as Infracost reports them: known price, unknown quantity; not in the total.
    out.push(draft({ category: 'object-storage', name, what: bucket.class ?? bucket.provider ?? 'bucket', note: 'usage-based: the bucket gives no `size` or `growth`', counted: false }));
  }
  return out;
}
