import type { Model } from '../spec/model.js';
import { locate } from '../spec/source.js';
import { parseBytes } from '../units/bytes.js';
import { parseDecimal } from '../units/decimal.js';
import { parseMoney } from '../units/money.js';
import { cpuMillicores } from '../units/quantity.js';
import { findOffer, providerId } from './lookup.js';
import { monthlyOf } from './parse.js';
import type { Catalog, CatalogOffer } from './types.js';

/**
 * The spec's own `cost.offers` over the catalog: an offer the catalog has is overridden
 * field by field (the spec's price wins, and the offer's origin becomes the spec's line);
 * an offer it does not have is added when the spec gives it a price.
 */

export interface MergeOptions {
  /** Shown for spec paths in `origin` (default: as the model has them). */
  relativeTo?: (path: string) => string;
}

type SpecOffer = NonNullable<NonNullable<Model['input']['cost']>['offers']>[number];

export function withSpecOffers(catalog: Catalog, model: Model, options: MergeOptions = {}): Catalog {
  const specOffers = model.input.cost?.offers ?? [];
  if (specOffers.length === 0) return catalog;
  const offers = [...catalog.offers];
  const list = specOffers as unknown as object;
  specOffers.forEach((spec, i) => {
    const span = model.positions.entrySpan(list, i);
    const origin = span ? originText(locate(span), options) : 'cost.offers';
    const provider = providerId(spec.provider);
    const found = findOffer({ offers, rates: [] }, `${provider}/${spec.offer}`);
    const base: CatalogOffer | null = found.ok ? found.offer : null;
    const merged = mergeOne(base, spec, provider, origin);
    if (!merged) return;
    if (base) offers[offers.indexOf(base)] = merged;
    else offers.push(merged);
  });
  return { ...catalog, offers };
}

function originText(at: { file: string; line: number; column: number }, options: MergeOptions): string {
  const file = options.relativeTo ? options.relativeTo(at.file) : at.file;
  return `${file}:${at.line}:${at.column}`;
}

function bytesOrNull(text: string | number | undefined): bigint | null {
  if (text === undefined) return null;
  const parsed = parseBytes(String(text));
  return parsed.ok ? parsed.value.bytes : null;
}

function mergeOne(base: CatalogOffer | null, spec: SpecOffer, provider: string, origin: string): CatalogOffer | null {
  const price = spec.price === undefined ? null : parseMoney(String(spec.price));
  const priced = price && price.ok ? price.value : null;
  if (!base && !priced) return null;
  const cpu = spec.cpu === undefined ? null : cpuMillicores(spec.cpu as string | number);
  const memory = bytesOrNull(spec.memory as string | number | undefined);
  const disk = bytesOrNull(spec.disk as string | number | undefined);
  const gpuInput = spec.gpu;
  const gpu: CatalogOffer['gpu'] = gpuInput && gpuInput.count > 0 ? { count: gpuInput.count, model: gpuInput.model ?? null, memoryBytes: bytesOrNull(gpuInput.memory as string | number | undefined) } : null;
  const monthly = priced ? monthlyOf(priced) : null;
  const fromSpec: Partial<CatalogOffer> = {
    ...(cpu && cpu.ok ? { cpuMillicores: cpu.value } : {}),
    ...(memory !== null ? { memoryBytes: memory, memoryText: String(spec.memory) } : {}),
    ...(disk !== null ? { diskBytes: disk } : {}),
    ...(gpu ? { gpu } : {}),
    ...(spec.region !== undefined ? { region: spec.region } : {}),
    ...(spec.notes !== undefined ? { notes: String(spec.notes) } : {}),
  };
  if (priced && monthly) {
    Object.assign(fromSpec, {
      monthly: { amount: parseDecimal(monthly.amount) ?? { units: 0n, scale: 0 }, currency: priced.min.currency },
      priceText: String(spec.price),
      perBytes: priced.perBytes ?? null,
      perUnit: priced.perUnit ?? null,
      approximate: priced.approx || !monthly.exact || priced.min.amount.units !== priced.max.amount.units,
      date: spec.date ?? 'undated',
      source: spec.source ?? 'the spec',
      origin,
      // A price the document states is what the document pays; its VAT basis is unknown.
      vatIncluded: false,
    });
  }
  if (base) return { ...base, ...fromSpec };
  return {
    id: `${provider}/${spec.offer}`,
    provider,
    name: spec.offer,
    kind: priced?.perBytes !== undefined ? 'object-storage' : 'vm',
    region: null,
    cpuMillicores: null,
    memoryBytes: null,
    memoryText: null,
    diskBytes: null,
    gpu: null,
    monthly: { amount: { units: 0n, scale: 0 }, currency: 'USD' },
    priceText: '',
    perBytes: null,
    transferIncludedBytes: null,
    transferOverage: null,
    vatIncluded: false,
    date: 'undated',
    source: 'the spec',
    origin,
    aliases: [],
    ...fromSpec,
  };
}
