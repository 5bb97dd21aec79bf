import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, findConversion, findOffer, loadCatalog, parseCatalogText, parseRatesText, readCatalog, CatalogError, DEFAULT_CATALOG_DIR } from '../../src/catalog/index.js';
import type { Catalog } from '../../src/catalog/types.js';
import { decimalToString } from '../../src/units/decimal.js';
import { runCli } from '../helpers.js';

const catalog: Catalog = loadCatalog();
const usd = (text: string) => ({ amount: { units: BigInt(text.replace('.', '')), scale: text.includes('.') ? text.length - text.indexOf('.') - 1 : 0 }, currency: 'USD' });
const eur = (text: string) => ({ ...usd(text), currency: 'EUR' });

describe('the bundled catalogs', () => {
  it('every file in catalogs/ parses without a diagnostic', () => {
    const result = readCatalog();
    expect(result.diagnostics).toEqual([]);
    const files = readdirSync(DEFAULT_CATALOG_DIR).filter((f) => f.endsWith('.yaml'));
    // Every provider file contributes offers, and every offer carries its date, source and origin line.
    for (const file of files.filter((f) => f !== 'rates.yaml')) {
      expect(catalog.offers.some((o) => o.origin.startsWith(`catalogs/${file}:`)), file).toBe(true);
    }
    for (const offer of catalog.offers) {
      expect(offer.date, offer.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(offer.source, offer.id).toMatch(/^https:\/\//);
      expect(offer.origin, offer.id).toMatch(/^catalogs\/[a-z0-9-]+\.yaml:\d+$/);
    }
    expect(catalog.rates.map((r) => `${r.from}->${r.to}`)).toContain('EUR->USD');
  });

  it.each([
    // The five seed pages and the examples name these.
    ['t3.large', 'aws/t3.large'], ['t3.medium', 'aws/t3.medium'], ['c5.large', 'aws/c5.large'], ['c5.xlarge', 'aws/c5.xlarge'],
    ['c5.2xlarge', 'aws/c5.2xlarge'], ['r5.large', 'aws/r5.large'], ['db.r5.xlarge', 'aws/db.r5.xlarge'], ['db.r5.large', 'aws/db.r5.large'],
    ['cache.r5.large', 'aws/cache.r5.large'], ['aws/STANDARD_IA', 'aws/s3-standard-ia'], ['aws/GLACIER', 'aws/s3-glacier-flexible-retrieval'],
    ['AWS S3 Glacier', 'aws/s3-glacier-flexible-retrieval'], ['Hetzner CX41', 'hetzner/CX41'], ['hetzner/cx41', 'hetzner/CX41'],
    ['DigitalOcean Basic 4GB', 'digitalocean/s-2vcpu-4gb'], ['Vultr High Frequency 4GB', 'vultr/vhf-2c-4gb'], ['Linode Dedicated 8GB', 'linode/g6-dedicated-4'],
    ['Backblaze B2', 'backblaze/b2'], ['Wasabi', 'wasabi/wasabi'], ['Hetzner Storage Box', 'hetzner/BX11'],
  ])('finds `%s` as %s', (name, id) => {
    const found = findOffer(catalog, name);
    expect(found.ok && found.offer.id).toBe(id);
  });

  it('has neighbouring sizes of each family and GPU machines, so placement has a choice', () => {
    const ids = new Set(catalog.offers.map((o) => o.id));
    for (const family of ['hetzner/CX', 'hetzner/CPX', 'hetzner/CCX', 'digitalocean/s-', 'aws/t3.', 'aws/m5.', 'aws/c5.', 'aws/r5.', 'aws/g4dn.', 'aws/g5.']) {
      expect([...ids].filter((id) => id.startsWith(family)).length, family).toBeGreaterThanOrEqual(3);
    }
    const gpu = catalog.offers.find((o) => o.id === 'aws/g4dn.xlarge');
    expect(gpu?.gpu).toEqual({ count: 1, model: 'NVIDIA T4', memoryBytes: 16n * 2n ** 30n });
  });

  it('keeps memory in the unit the provider states: Hetzner GB (10^9), AWS GiB (2^30), ElastiCache with decimals', () => {
    const cx42 = catalog.offers.find((o) => o.id === 'hetzner/CX42');
    const t3 = catalog.offers.find((o) => o.id === 'aws/t3.large');
    const cache = catalog.offers.find((o) => o.id === 'aws/cache.r5.large');
    expect([cx42?.memoryText, cx42?.memoryBytes]).toEqual(['16 GB', 16_000_000_000n]);
    expect([t3?.memoryText, t3?.memoryBytes]).toEqual(['8 GiB', 8_589_934_592n]);
    // 13.07 × 2^30 = 14,033,805,639.68 bytes, rounded up to a whole byte.
    expect([cache?.memoryText, cache?.memoryBytes]).toEqual(['13.07 GiB', 14_033_805_640n]);
  });

  it('turns hourly prices into monthly ones at 730 hours, exactly', () => {
    // $0.0832/hour × 730 = $60.736; $0.34 × 730 = $248.2; db.r5.xlarge $0.50 × 730 = $365.
    const monthly = (id: string) => decimalToString(catalog.offers.find((o) => o.id === id)!.monthly.amount);
    expect(monthly('aws/t3.large')).toBe('60.736');
    expect(monthly('aws/c5.2xlarge')).toBe('248.2');
    expect(monthly('aws/db.r5.xlarge')).toBe('365');
    expect(monthly('hetzner/CX22')).toBe('3.79');
  });

  it('states the overage per 10^9 bytes: €1.00/TB is €0.001 per GB', () => {
    const cx22 = catalog.offers.find((o) => o.id === 'hetzner/CX22');
    expect(cx22?.transferIncludedBytes).toBe(20_000_000_000_000n);
    expect(cx22 && decimalToString(cx22.transferOverage!.amount)).toBe('0.001');
  });
});

describe('findOffer', () => {
  it('suggests the nearest name for a typo, case-insensitively', () => {
    expect(findOffer(catalog, 't3.larg')).toMatchObject({ ok: false, reason: 'unknown', hint: 'did you mean `t3.large`?' });
    expect(findOffer(catalog, 'hetzner/cx43')).toMatchObject({ ok: false, hint: 'did you mean `CX42`?' });
  });

  it('refuses a name two providers share and says which', () => {
    const found = findOffer(catalog, 'Volume');
    expect(found).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(!found.ok && found.message).toBe('`Volume` names 2 offers: `digitalocean/Volume`, `hetzner/Volume`');
  });

  it('names the providers it has when the provider is unknown', () => {
    const found = findOffer(catalog, 'ovh/b2-7');
    expect(found.ok).toBe(false);
    expect(!found.ok && found.message).toBe('no catalog for provider `ovh` (offer `ovh/b2-7`)');
  });
});

describe('convert', () => {
  const rates = catalog.rates;
  it('multiplies by a direct rate exactly: €12 × 1.0389 = $12.4668', () => {
    expect(decimalToString(convert(eur('12'), 'USD', rates)!.amount)).toBe('12.4668');
  });
  it('divides by a rate used the other way, rounded half away from zero to 6 digits', () => {
    // 100 / 1.0389 = 96.2556550197…
    expect(decimalToString(convert(usd('100'), 'EUR', rates)!.amount)).toBe('96.255655');
  });
  it('goes through a third currency when no rate joins the two: USD → EUR → GBP', () => {
    // 100 / 1.0389 × 0.82918 = 79.81326403…
    expect(decimalToString(convert(usd('100'), 'GBP', rates)!.amount)).toBe('79.813264');
    expect(findConversion('USD', 'GBP', rates)?.steps.map((s) => s.inverse)).toEqual([true, false]);
  });
  it('returns null without a rate, rather than guessing', () => {
    expect(convert(usd('1'), 'JPY', rates)).toBeNull();
  });
  it('uses the newest rate of a pair', () => {
    const dated = [
      { from: 'EUR', to: 'USD', rate: '1.10', date: '2024-01-01', source: 'x' },
      { from: 'EUR', to: 'USD', rate: '1.05', date: '2025-01-01', source: 'x' },
    ];
    expect(decimalToString(convert(eur('10'), 'USD', dated)!.amount)).toBe('10.5');
  });
});

describe('bad catalog files', () => {
  const FILE = `provider: example
date: 2025-01-01
source: https://example.com/pricing
currency: USD
vat: excluded
region: global
offers:
  - { name: small, kind: vm, cpu: 2, memory: 4 GB, price: $12/mnth }
`;

  it('points at the bad price with file:line:column and a hint', () => {
    const parsed = parseCatalogText('/x/example.yaml', FILE);
    expect(parsed.offers).toEqual([]);
    const [d] = parsed.diagnostics;
    expect(d?.message).toBe('offer `small`: `mnth` is not a period');
    expect(d?.hint).toBe('did you mean `month`?');
    // Line 8, and the column of `mnth` inside the flow mapping.
    const at = d!.at!;
    expect(at.file.lineColumn(at.start)).toEqual({ line: 8, column: 63 });
  });

  it('reports an unknown key and an unknown kind at their place', () => {
    const parsed = parseCatalogText('/x/example.yaml', FILE.replace('kind: vm', 'kind: vps').replace('cpu: 2', 'cpus: 2'));
    const messages = parsed.diagnostics.map((d) => `${d.at!.file.lineColumn(d.at!.start).line}: ${d.message}`);
    expect(messages.some((m) => m.startsWith('8: unknown key `cpus`'))).toBe(true);
    expect(parsed.diagnostics.some((d) => d.message.includes('kind'))).toBe(true);
  });

  it('refuses an unquoted rate and says to quote it', () => {
    const parsed = parseRatesText('/x/rates.yaml', 'date: 2025-01-01\nsource: x\nrates:\n  - { from: EUR, to: USD, rate: 1.0389 }\n');
    expect(parsed.diagnostics[0]?.hint).toBe('quote the rate so it stays an exact decimal, e.g. `rate: "1.0389"`');
  });

  it('makes loadCatalog throw a CatalogError that carries the diagnostics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infraspec-catalog-'));
    writeFileSync(join(dir, 'example.yaml'), FILE);
    expect(() => loadCatalog({ dir })).toThrow(CatalogError);
  });

  it('makes `infraspec cost --catalog DIR` exit 2 with the position, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infraspec-catalog-'));
    writeFileSync(join(dir, 'example.yaml'), FILE);
    const result = runCli(['cost', 'examples/clean', '--catalog', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('example.yaml:8:63: error[bad-catalog]: offer `small`: `mnth` is not a period');
    expect(result.stderr).toContain('= hint: did you mean `month`?');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
