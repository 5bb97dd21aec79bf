import { parseDecimal, type Decimal } from '../../src/units/decimal.js';
import type { Parsed, UnitError } from '../../src/units/result.js';

/** Shared by the unit-parser tests: unwrapping a `Parsed<T>` and writing decimals. */

/** The value of a successful parse (throws, showing the error, when it failed). */
export function value<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`expected success, got ${JSON.stringify(parsed.error)}`);
  return parsed.value;
}

/** The error of a failed parse (throws when it succeeded). */
export function errorOf<T>(parsed: Parsed<T>): UnitError {
  if (parsed.ok) throw new Error(`expected an error, got ${String(parsed.value)}`);
  return parsed.error;
}

/** A decimal written in the test itself (throws on a typo). */
export function decimal(text: string): Decimal {
  const parsed = parseDecimal(text);
  if (parsed === undefined) throw new Error(`bad test decimal ${text}`);
  return parsed;
}
