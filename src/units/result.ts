/**
 * Unit parsers never throw: they answer with a value or with an error that says
 * where in the text the problem starts, what was expected, and how to fix it.
 */
export interface UnitError {
  /** One sentence about what is wrong, in the user's words. */
  message: string;
  /** What the parser accepts here, e.g. `a size such as 8GB or 16Gi`. */
  expected: string;
  /** A concrete fix, e.g. 'did you mean `Mi`?'. */
  hint?: string;
  /** Offset of the offending part within the parsed text (0 when the whole text is wrong). */
  offset: number;
  /** Length of the offending part (at least 1 when the text is non-empty). */
  length: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: UnitError };

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail<T>(error: UnitError): Parsed<T> {
  return { ok: false, error };
}
