import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics.js';
import { parseCatalogText, parseRatesText } from './parse.js';
import type { Catalog } from './types.js';

/**
 * The edge that reads `catalogs/` from disk. Everything else in this folder is pure.
 */

/** `catalogs/` beside `dist/` and `src/` in the package. */
export const DEFAULT_CATALOG_DIR = fileURLToPath(new URL('../../catalogs/', import.meta.url));

export const RATES_FILE = 'rates.yaml';

export interface LoadCatalogOptions {
  /** A directory of catalog files (default: the package's `catalogs/`). */
  dir?: string;
}

export interface CatalogResult {
  catalog: Catalog | null;
  diagnostics: Diagnostic[];
}

/** Every `*.yaml` of the directory, in name order; `rates.yaml` is the rate table. Never throws. */
export function readCatalog(options: LoadCatalogOptions = {}): CatalogResult {
  const dir = options.dir ?? DEFAULT_CATALOG_DIR;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  } catch (error) {
    return { catalog: null, diagnostics: [{ code: 'catalog-unreadable', severity: 'error', message: `cannot read the catalog directory ${dir}: ${(error as Error).message}`, hint: 'pass a directory of catalog files, or reinstall infraspec' }] };
  }
  const catalog: Catalog = { offers: [], rates: [], discounts: [] };
  const diagnostics: Diagnostic[] = [];
  const display = (name: string) => `${basename(dir)}/${name}`;
  for (const name of names) {
    const path = join(dir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      diagnostics.push({ code: 'catalog-unreadable', severity: 'error', message: `cannot read ${path}: ${(error as Error).message}` });
      continue;
    }
    if (name === RATES_FILE) {
      const parsed = parseRatesText(path, text, display(name));
      catalog.rates.push(...parsed.rates);
      diagnostics.push(...parsed.diagnostics);
    } else {
      const parsed = parseCatalogText(path, text, display(name));
      catalog.offers.push(...parsed.offers);
      catalog.discounts?.push(...parsed.discounts);
      diagnostics.push(...parsed.diagnostics);
    }
  }
  const duplicates = duplicateIds(catalog);
  diagnostics.push(...duplicates);
  return { catalog: diagnostics.some((d) => d.severity === 'error') ? null : catalog, diagnostics };
}

function duplicateIds(catalog: Catalog): Diagnostic[] {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const offer of catalog.offers) {
    const key = offer.id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) out.push({ code: 'bad-catalog', severity: 'error', message: `offer \`${offer.id}\` at ${offer.origin} is also listed at ${first}`, hint: 'an offer id (`provider/name`) must be unique across the catalog files' });
    else seen.set(key, offer.origin);
  }
  return out;
}

/** A catalog file or the rate table is invalid; `diagnostics` say where and why. */
export class CatalogError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; ') || 'invalid catalog');
    this.diagnostics = diagnostics;
  }
}

/** The catalog, for callers that want a value or an exception (CatalogError) rather than a result. */
export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const result = readCatalog(options);
  if (!result.catalog) throw new CatalogError(result.diagnostics);
  return result.catalog;
}
