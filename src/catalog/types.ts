/**
 * The price-catalog contract shared by `place` and `cost`. Catalogs are dated data files in
 * `catalogs/`; the CLI reads them (I/O at the edge) and passes a Catalog to the pure analyses.
 */
import type { Money } from '../units/money.js';

export type OfferKind = 'vm' | 'bare-metal' | 'database' | 'cache' | 'object-storage' | 'block-storage' | 'storage-box' | 'other';

export interface CatalogOffer {
  /** `provider/name`, lower-case provider: `hetzner/CX42`, `aws/t3.large`, `aws/db.r5.xlarge`. */
  id: string;
  provider: string;
  name: string;
  kind: OfferKind;
  region: string | null;
  cpuMillicores: bigint | null;
  memoryBytes: bigint | null;
  /** The memory as the provider states it, unit kept: `16 GB`, `8 GiB`. */
  memoryText: string | null;
  diskBytes: bigint | null;
  gpu: { count: number; model: string | null; memoryBytes: bigint | null } | null;
  /** Monthly price of one unit (one machine, or per `perBytes` of storage). Hourly prices are × 730. */
  monthly: Money;
  /** The price as the source states it (`$0.0832/hour`, `€4.51/month`). */
  priceText: string;
  /** For storage: the bytes the monthly price is for (10^9 for `$0.023/GB/month`). */
  perBytes: bigint | null;
  /** Included transfer per month, and the price beyond it per 10^9 bytes. */
  transferIncludedBytes: bigint | null;
  transferOverage: Money | null;
  vatIncluded: boolean;
  date: string;
  source: string;
  /** Where it came from: `catalogs/hetzner.yaml:12` or the spec's `cost.offers[3]`. */
  origin: string;
  /** Other names documents use for it (`Basic 4GB`, `STANDARD_IA`, `Storage Box`); matched case-insensitively. */
  aliases?: string[];
  /** What one unit is when it is neither a machine nor bytes: `IOPS` for `$0.10/IOPS/month`. */
  perUnit?: string | null;
  /** The catalog marks the figure as approximate. */
  approximate?: boolean;
  /** Burstable offers: the percent of each vCPU usable all the time (AWS t3.large: 30). Absent: the full vCPU. */
  cpuBaselinePercent?: number;
  notes?: string | null;
}

/** A provider's typical discount against its on-demand prices (reserved terms, spot). */
export interface CatalogDiscount {
  provider: string;
  kind: 'reserved' | 'spot';
  /** Reserved term in months (12, 36); null for spot. */
  termMonths: number | null;
  payment: 'no-upfront' | 'partial-upfront' | 'all-upfront' | null;
  /** Fraction off the on-demand price, exact decimal string: `"0.33"` for 33 %. */
  discount: string;
  approximate: boolean;
  date: string;
  source: string;
  origin: string;
}

/** Dated conversion rates: 1 unit of `from` is `rate` units of `to` (exact decimal string). */
export interface ExchangeRate {
  from: string;
  to: string;
  rate: string;
  date: string;
  source: string;
}

export interface Catalog {
  offers: CatalogOffer[];
  rates: ExchangeRate[];
  /** Reserved and spot discounts by provider; absent in catalogs built by hand. */
  discounts?: CatalogDiscount[];
}
