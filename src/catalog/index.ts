/** Price catalogs: loading (the only I/O), lookup, currency conversion, the spec's own offers. */
export type { Catalog, CatalogOffer, CatalogDiscount, ExchangeRate, OfferKind } from './types.js';
export { loadCatalog, readCatalog, CatalogError, DEFAULT_CATALOG_DIR, type CatalogResult, type LoadCatalogOptions } from './load.js';
export { parseCatalogText, parseRatesText } from './parse.js';
export { findOffer, providerId, type OfferLookup } from './lookup.js';
export { convert, findConversion, describeConversion, type Conversion } from './convert.js';
export { withSpecOffers } from './merge.js';
export { toMoneyDecimal, MONEY_FRACTION_DIGITS } from './exact.js';
