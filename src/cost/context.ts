import { describeConversion, findConversion } from '../catalog/convert.js';
import { findOffer, type OfferLookup } from '../catalog/lookup.js';
import type { Catalog, CatalogOffer } from '../catalog/types.js';
import type { Model, PhaseModel } from '../spec/model.js';
import { locate, type SourceSpan } from '../spec/source.js';
import { decimalToRational } from '../units/decimal.js';
import { monthlyMicros, type Money, type MoneyFigure } from '../units/money.js';
import { div, mul, rational, type Rational } from '../units/rational.js';
import type { CostCategory } from './types.js';

/** A machine count a placement chose for a role (`--placed`). */
export interface PlacedMachines {
  offer: string;
  count: number;
}

export interface CostOptions {
  /** Only this phase. */
  phase?: string;
  /** Report currency (default: the spec's `cost.currency`, else USD). */
  currency?: string;
  /** Machines chosen by placement, by phase and role: they replace the roles' declared offers and counts. */
  placed?: ReadonlyMap<string, ReadonlyMap<string, readonly PlacedMachines[]>>;
  /** Horizon for storage that grows without a lifecycle end, in months (default 12). */
  months?: number;
  /** Shown for spec paths in `origin` (default: as the model has them). */
  relativeTo?: (path: string) => string;
}

/** An item while it is computed: amounts are exact rationals in the report currency. */
export interface Draft {
  category: CostCategory;
  name: string;
  what: string;
  offer: string | null;
  unitPrice: Money | null;
  min: Rational | null;
  max: Rational | null;
  note: string | null;
  counted: boolean;
  coveredBy: string | null;
  approximate: boolean;
  origin: string | null;
  conversion: string | null;
}

export interface CostContext {
  model: Model;
  phase: PhaseModel;
  catalog: Catalog;
  currency: string;
  months: number;
  placed: ReadonlyMap<string, readonly PlacedMachines[]> | null;
  relativeTo: (path: string) => string;
}

export interface Converted {
  value: Rational;
  conversion: string | null;
}

const MILLION = rational(1_000_000n);

/** `money` in the report currency, exactly, or null when no rate leads there. */
export function inReportCurrency(ctx: CostContext, money: Money): Converted | null {
  return convertExact(ctx, decimalToRational(money.amount), money.currency, ctx.currency);
}

export function convertExact(ctx: Pick<CostContext, 'catalog'>, value: Rational, from: string, to: string): Converted | null {
  const conversion = findConversion(from, to, ctx.catalog.rates);
  if (!conversion) return null;
  return { value: mul(value, conversion.factor), conversion: conversion.steps.length ? describeConversion(conversion) : null };
}

/** A written price per month (both ends), in the report currency: `$40-50/month`, `$0.0832/hour` (× 730). */
export function figureMonthly(ctx: CostContext, figure: MoneyFigure): { min: Rational; max: Rational; conversion: string | null } | null {
  const min = convertExact(ctx, div(monthlyMicros(figure, 'min'), MILLION), figure.min.currency, ctx.currency);
  const max = convertExact(ctx, div(monthlyMicros(figure, 'max'), MILLION), figure.max.currency, ctx.currency);
  if (!min || !max) return null;
  return { min: min.value, max: max.value, conversion: min.conversion };
}

export function offerMonthly(ctx: CostContext, offer: CatalogOffer): Converted | null {
  return inReportCurrency(ctx, offer.monthly);
}

export function lookup(ctx: CostContext, name: string): OfferLookup {
  return findOffer(ctx.catalog, name);
}

export function noPriceForCurrency(from: string, to: string): string {
  return `no exchange rate from ${from} to ${to} in catalogs/rates.yaml`;
}

export function where(ctx: CostContext, span: SourceSpan | null | undefined): string | null {
  if (!span) return null;
  const at = locate(span);
  return `${ctx.relativeTo(at.file)}:${at.line}:${at.column}`;
}

export function draft(fields: Partial<Draft> & Pick<Draft, 'category' | 'name' | 'what'>): Draft {
  return {
    offer: null,
    unitPrice: null,
    min: null,
    max: null,
    note: null,
    counted: true,
    coveredBy: null,
    approximate: false,
    origin: null,
    conversion: null,
    ...fields,
  };
}
