import { didYouMean } from '../units/suggest.js';
import type { Catalog, CatalogOffer } from './types.js';

/**
 * Offers by the names documents use for them: `t3.large`, `aws/t3.large`, `Hetzner CX41`,
 * `hetzner/CX41`, `Basic 4GB`, `STANDARD_IA`: case-insensitive, with a did-you-mean.
 */

export type OfferLookup =
  | { ok: true; offer: CatalogOffer }
  | { ok: false; reason: 'unknown' | 'ambiguous'; message: string; hint?: string };

/** Other spellings of provider ids: bucket providers (`aws-s3`), brand names. */
const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  amazon: 'aws',
  'aws-s3': 'aws',
  's3': 'aws',
  'aws-ec2': 'aws',
  'aws-rds': 'aws',
  'aws-elasticache': 'aws',
  'backblaze-b2': 'backblaze',
  b2: 'backblaze',
  do: 'digitalocean',
  'digital-ocean': 'digitalocean',
  akamai: 'linode',
  'hetzner-cloud': 'hetzner',
};

/** The catalog's provider id for a written provider (`AWS` → `aws`, `backblaze-b2` → `backblaze`). */
export function providerId(written: string): string {
  const lower = written.trim().toLowerCase().replace(/\s+/g, '-');
  return PROVIDER_ALIASES[lower] ?? lower;
}

function fold(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

function namesOf(offer: CatalogOffer): string[] {
  return [offer.name, ...(offer.aliases ?? [])].map(fold);
}

function matching(offers: readonly CatalogOffer[], name: string): CatalogOffer[] {
  const wanted = fold(name);
  return offers.filter((o) => namesOf(o).includes(wanted));
}

export function findOffer(catalog: Catalog, written: string): OfferLookup {
  const text = written.trim();
  const providers = new Set(catalog.offers.map((o) => o.provider));
  // `provider/name`
  const slash = text.indexOf('/');
  if (slash > 0) {
    const provider = providerId(text.slice(0, slash));
    const name = text.slice(slash + 1);
    return inProvider(catalog, provider, name, written, providers);
  }
  // `Provider name` (`Hetzner CX41`, `Hetzner Storage Box`)
  const space = text.indexOf(' ');
  if (space > 0) {
    const provider = providerId(text.slice(0, space));
    if (providers.has(provider)) {
      const found = inProvider(catalog, provider, text.slice(space + 1), written, providers);
      if (found.ok) return found;
    }
  }
  const found = matching(catalog.offers, text);
  if (found.length === 1) return { ok: true, offer: found[0]! };
  if (found.length > 1) {
    return {
      ok: false,
      reason: 'ambiguous',
      message: `\`${written}\` names ${found.length} offers: ${found.map((o) => `\`${o.id}\``).join(', ')}`,
      hint: `write the provider too, e.g. \`${found[0]!.id}\``,
    };
  }
  const all = catalog.offers.flatMap((o) => [o.name, ...(o.aliases ?? [])]);
  return { ok: false, reason: 'unknown', message: `no offer \`${written}\` in the catalog`, ...hintFor(text, all) };
}

function inProvider(catalog: Catalog, provider: string, name: string, written: string, providers: Set<string>): OfferLookup {
  if (!providers.has(provider)) {
    return { ok: false, reason: 'unknown', message: `no catalog for provider \`${provider}\` (offer \`${written}\`)`, ...hintFor(provider, providers, `catalogs cover ${[...providers].sort().join(', ')}; add the offer to the spec's \`cost.offers\` with a price`) };
  }
  const offers = catalog.offers.filter((o) => o.provider === provider);
  const found = matching(offers, name);
  if (found.length >= 1) return { ok: true, offer: found[0]! };
  return { ok: false, reason: 'unknown', message: `no offer \`${name}\` from \`${provider}\` in the catalog`, ...hintFor(name, offers.flatMap((o) => [o.name, ...(o.aliases ?? [])]), `add it to the spec's \`cost.offers\` with a price, or to catalogs/`) };
}

function hintFor(input: string, candidates: Iterable<string>, fallback?: string): { hint?: string } {
  const list = [...candidates];
  // Compare case-insensitively, but suggest the catalog's own spelling.
  const lowered = new Map(list.map((c) => [c.toLowerCase(), c]));
  const suggestion = didYouMean(input.toLowerCase(), lowered.keys());
  if (suggestion !== undefined) {
    const match = /`([^`]*)`/.exec(suggestion)?.[1] ?? '';
    return { hint: `did you mean \`${lowered.get(match) ?? match}\`?` };
  }
  return fallback === undefined ? {} : { hint: fallback };
}
