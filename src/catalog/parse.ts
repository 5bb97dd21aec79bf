import type { Diagnostic } from '../diagnostics.js';
import { validateShape } from '../spec/shape.js';
import { SourceFile, type SourceSpan } from '../spec/source.js';
import { loadYaml, PositionIndex } from '../spec/yaml.js';
import { parseBytes } from '../units/bytes.js';
import { parseDecimal, decimalToString } from '../units/decimal.js';
import { parseDuration } from '../units/duration.js';
import { monthlyMicros, parseMoney, type MoneyFigure } from '../units/money.js';
import { parsePercent } from '../units/percent.js';
import { div, fromBigint, mul, rational } from '../units/rational.js';
import type { UnitError } from '../units/result.js';
import { toMoneyDecimal } from './exact.js';
import { CatalogFileSchema, RatesFileSchema, type CatalogFileInput, type RatesFileInput } from './schema.js';
import type { CatalogDiscount, CatalogOffer, ExchangeRate } from './types.js';

/**
 * Catalog files to offers, pure: text in, offers and positioned diagnostics out. The
 * YAML goes through the spec's js-yaml event loader, so every entry keeps its line
 * and column; the shape is checked with zod, then every size and price with the
 * unit parsers.
 */

export interface ParsedCatalogFile {
  offers: CatalogOffer[];
  discounts: CatalogDiscount[];
  diagnostics: Diagnostic[];
}

export interface ParsedRatesFile {
  rates: ExchangeRate[];
  diagnostics: Diagnostic[];
}

const FORMAT_HINT = 'see docs/cost.md, "Catalogs", for the format of an entry';
const GIGABYTE = 1_000_000_000n;

type Obj = Record<string, unknown>;

function withHint(diagnostics: Diagnostic[], hint: string): Diagnostic[] {
  return diagnostics.map((d) => (d.hint === undefined ? { ...d, hint } : d));
}

/** The span of a scalar's text inside its value span (past an opening quote). */
function unitErrorAt(index: PositionIndex, container: object, key: string, error: UnitError): SourceSpan | undefined {
  const span = index.entrySpan(container, key);
  if (!span) return undefined;
  const first = span.file.text[span.start];
  const start = span.start + (first === '"' || first === "'" ? 1 : 0) + error.offset;
  return { file: span.file, start, end: Math.max(start + 1, start + error.length) };
}

function loadDocument(file: SourceFile): { value: unknown; index: PositionIndex; diagnostics: Diagnostic[] } {
  const index = new PositionIndex();
  const loaded = loadYaml(file, index);
  return { value: loaded.value, index, diagnostics: loaded.diagnostics };
}

function originOf(index: PositionIndex, container: object, key: string | number, displayPath: string): string {
  const span = index.entrySpan(container, key);
  if (!span) return displayPath;
  const { line } = span.file.lineColumn(span.start);
  return `${displayPath}:${line}`;
}

/** A money figure's monthly price per unit as an exact decimal (hours × 730). */
export function monthlyOf(figure: MoneyFigure): { amount: string; exact: boolean } {
  const micros = monthlyMicros(figure, 'min');
  const converted = toMoneyDecimal(div(micros, rational(1_000_000n)));
  return { amount: decimalToString(converted.value), exact: converted.exact };
}

/** Overage per 10^9 bytes, from `€1.00/TB` or `$0.01/GB`. */
function perGigabyte(figure: MoneyFigure): { amount: string; currency: string } | null {
  if (figure.perBytes === undefined) return null;
  const perByte = div(mul(rational(figure.min.amount.units, 10n ** BigInt(figure.min.amount.scale)), fromBigint(GIGABYTE)), fromBigint(figure.perBytes));
  return { amount: decimalToString(toMoneyDecimal(perByte).value), currency: figure.min.currency };
}

export function parseCatalogText(path: string, text: string, displayPath: string = path): ParsedCatalogFile {
  const file = new SourceFile(path, text);
  const loaded = loadDocument(file);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) return { offers: [], discounts: [], diagnostics: loaded.diagnostics };
  const root = loaded.value;
  const shape = validateShape(CatalogFileSchema, root, loaded.index, root);
  if (shape.diagnostics.length) return { offers: [], discounts: [], diagnostics: withHint(shape.diagnostics, FORMAT_HINT) };
  const input = root as CatalogFileInput;
  const index = loaded.index;
  const diagnostics: Diagnostic[] = [];
  const bad = (container: object, key: string, error: UnitError, what: string) => {
    const at = unitErrorAt(index, container, key, error);
    diagnostics.push({
      code: 'bad-catalog',
      severity: 'error',
      message: `${what}: ${error.message}`,
      ...(at ? { at } : {}),
      expected: error.expected,
      hint: error.hint ?? FORMAT_HINT,
    });
  };

  const fileTransfer = input.transfer;
  const offers: CatalogOffer[] = [];
  const seen = new Map<string, number>();
  input.offers.forEach((entry, i) => {
    const e = entry as unknown as Obj;
    const what = `offer \`${entry.name}\``;
    const price = parseMoney(entry.price);
    if (!price.ok) return bad(e, 'price', price.error, what);
    if (price.value.min.currency !== input.currency) {
      const at = index.entrySpan(e, 'price');
      diagnostics.push({
        code: 'bad-catalog',
        severity: 'error',
        message: `${what} is priced in ${price.value.min.currency}, but the catalog's \`currency\` is ${input.currency}`,
        ...(at ? { at } : {}),
        hint: `write the price in ${input.currency}, or move the offer to a catalog in ${price.value.min.currency}`,
      });
      return;
    }
    const sizes: Record<'memory' | 'disk', bigint | null> = { memory: null, disk: null };
    for (const key of ['memory', 'disk'] as const) {
      const written = entry[key];
      if (written === undefined) continue;
      const parsed = parseBytes(written);
      if (!parsed.ok) return bad(e, key, parsed.error, what);
      if (parsed.value.approx || parsed.value.atLeast) {
        return bad(e, key, { message: 'a catalog size must be exact', expected: 'a size such as `16 GB` or `8 GiB`', hint: 'remove the `~` or `+`', offset: 0, length: written.length }, what);
      }
      sizes[key] = parsed.value.bytes;
    }
    let gpu: CatalogOffer['gpu'] = null;
    if (entry.gpu) {
      let gpuMemory: bigint | null = null;
      if (entry.gpu.memory !== undefined) {
        const parsed = parseBytes(entry.gpu.memory);
        if (!parsed.ok) return bad(entry.gpu as unknown as Obj, 'memory', parsed.error, `${what} GPU`);
        gpuMemory = parsed.value.bytes;
      }
      gpu = { count: entry.gpu.count, model: entry.gpu.model ?? null, memoryBytes: gpuMemory };
    }
    // An offer's `transfer` replaces the file's default key by key; `null` means none applies.
    const transfer = entry.transfer === null ? null : { ...(fileTransfer ?? {}), ...(entry.transfer ?? {}) };
    let transferIncludedBytes: bigint | null = null;
    let transferOverage: CatalogOffer['transferOverage'] = null;
    if (transfer) {
      const container = (entry.transfer?.included !== undefined ? entry.transfer : fileTransfer) as Obj | undefined;
      if (transfer.included !== undefined) {
        const parsed = parseBytes(transfer.included);
        if (!parsed.ok) return bad(container ?? e, 'included', parsed.error, `${what} transfer`);
        transferIncludedBytes = parsed.value.bytes;
      }
      if (transfer.overage !== undefined) {
        const overageContainer = (entry.transfer?.overage !== undefined ? entry.transfer : fileTransfer) as Obj | undefined;
        const parsed = parseMoney(transfer.overage);
        if (!parsed.ok) return bad(overageContainer ?? e, 'overage', parsed.error, `${what} transfer`);
        const perGb = perGigabyte(parsed.value);
        if (!perGb) {
          return bad(overageContainer ?? e, 'overage', { message: 'an overage price needs a size', expected: 'a price per size such as `$0.01/GB` or `€1.00/TB`', offset: 0, length: transfer.overage.length }, `${what} transfer`);
        }
        transferOverage = { amount: parseDecimal(perGb.amount) ?? { units: 0n, scale: 0 }, currency: perGb.currency };
      }
    }
    const id = `${input.provider}/${entry.name}`;
    const key = id.toLowerCase();
    if (seen.has(key)) {
      const at = index.entrySpan(e, 'name');
      diagnostics.push({ code: 'bad-catalog', severity: 'error', message: `offer \`${entry.name}\` is listed twice`, ...(at ? { at } : {}), hint: `the first is entry ${(seen.get(key) ?? 0) + 1} of \`offers\`; remove one` });
      return;
    }
    seen.set(key, i);
    const monthly = monthlyOf(price.value);
    offers.push({
      id,
      provider: input.provider,
      name: entry.name,
      kind: entry.kind,
      region: entry.region ?? input.region,
      cpuMillicores: entry.cpu === undefined ? null : BigInt(Math.round(entry.cpu * 1000)),
      memoryBytes: sizes.memory,
      memoryText: entry.memory ?? null,
      diskBytes: sizes.disk,
      gpu,
      monthly: { amount: parseDecimal(monthly.amount) ?? { units: 0n, scale: 0 }, currency: price.value.min.currency },
      priceText: entry.price,
      perBytes: price.value.perBytes ?? null,
      transferIncludedBytes,
      transferOverage,
      vatIncluded: input.vat === 'included',
      date: entry.date ?? input.date,
      source: entry.source ?? input.source,
      origin: originOf(index, input.offers, i, displayPath),
      aliases: entry.aliases ?? [],
      perUnit: price.value.perUnit ?? null,
      approximate: entry.approximate ?? false,
      ...(entry.cpuBaseline === undefined ? {} : { cpuBaselinePercent: entry.cpuBaseline }),
      notes: entry.notes ?? null,
    });
  });

  const discounts: CatalogDiscount[] = [];
  (input.discounts ?? []).forEach((entry, i) => {
    const e = entry as unknown as Obj;
    const what = `${entry.kind} discount`;
    const percent = parsePercent(entry.discount);
    if (!percent.ok) return bad(e, 'discount', percent.error, what);
    let termMonths: number | null = null;
    if (entry.term !== undefined) {
      const ms = parseDuration(entry.term);
      if (!ms.ok) return bad(e, 'term', ms.error, what);
      termMonths = monthsOf(ms.value);
    }
    const fraction = decimalToString({ units: percent.value.units, scale: percent.value.scale + 2 });
    discounts.push({
      provider: input.provider,
      kind: entry.kind,
      termMonths,
      payment: entry.payment ?? null,
      discount: fraction,
      // Every discount in a catalog is a typical figure, not a quote.
      approximate: true,
      date: input.date,
      source: input.source,
      origin: originOf(index, input.discounts as object, i, displayPath),
    });
  });
  return { offers, discounts, diagnostics };
}

const MONTH_MS = 2_629_746_000n;

/** Whole months in a term (`1 year` → 12), rounded to the nearest month. */
export function monthsOf(ms: bigint): number {
  return Number((ms + MONTH_MS / 2n) / MONTH_MS);
}

export function parseRatesText(path: string, text: string, displayPath: string = path): ParsedRatesFile {
  const file = new SourceFile(path, text);
  const loaded = loadDocument(file);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) return { rates: [], diagnostics: loaded.diagnostics };
  const root = loaded.value;
  const shape = validateShape(RatesFileSchema, root, loaded.index, root);
  if (shape.diagnostics.length) {
    const hinted = shape.diagnostics.map((d) => (/\.rate`/.test(d.message) ? { ...d, hint: 'quote the rate so it stays an exact decimal, e.g. `rate: "1.0389"`' } : d));
    return { rates: [], diagnostics: withHint(hinted, FORMAT_HINT) };
  }
  const input = root as RatesFileInput;
  void displayPath;
  return {
    rates: input.rates.map((r) => ({ from: r.from, to: r.to, rate: r.rate, date: r.date ?? input.date, source: r.source ?? input.source })),
    diagnostics: [],
  };
}
