/**
 * The `place --json` document (docs/place.md): money as `{amount, currency}` with `amount`
 * an exact decimal string, positions as `{file, line, column}`.
 */
import { locate } from '../spec/source.js';
import { decimalToString } from '../units/decimal.js';
import type { Money } from '../units/money.js';
import type { MachineLine, PlaceError, PlaceResult } from './types.js';

export const PLACE_SCHEMA_VERSION = '1.0';

export interface MoneyJson {
  amount: string;
  currency: string;
}

export function moneyJson(m: Money): MoneyJson {
  return { amount: decimalToString(m.amount, 2), currency: m.currency };
}

function maybeMoney(m: Money | null): MoneyJson | null {
  return m === null ? null : moneyJson(m);
}

function lines(machines: MachineLine[]) {
  return machines.map((l) => ({ role: l.role, offer: l.offer, zone: l.zone, count: l.count, unitPrice: moneyJson(l.unitPrice), monthlyCost: moneyJson(l.monthlyCost) }));
}

function errorJson(e: PlaceError, relativeTo: (path: string) => string) {
  const at = e.at ? locate(e.at) : null;
  return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}), at: at ? { file: relativeTo(at.file), line: at.line, column: at.column } : null };
}

export function placeResultToJson(result: PlaceResult, relativeTo: (path: string) => string = (p) => p) {
  return {
    schemaVersion: PLACE_SCHEMA_VERSION,
    phases: result.phases.map((p) => ({
      name: p.name,
      currency: p.currency,
      replicas: p.replicas,
      machines: lines(p.machines),
      assignments: p.assignments,
      monthlyCost: maybeMoney(p.monthlyCost),
      lowerBound: maybeMoney(p.lowerBound),
      boundSource: p.boundSource,
      gap: p.gap,
      solver: p.solver,
      baseline: { algorithm: p.baseline.algorithm, monthlyCost: maybeMoney(p.baseline.monthlyCost), machines: lines(p.baseline.machines) },
      saving: p.saving ? { amount: moneyJson(p.saving.amount), percent: p.saving.percent } : null,
      roles: p.roles,
      density: p.density,
      notes: p.notes,
      errors: p.errors.map((e) => errorJson(e, relativeTo)),
    })),
  };
}
