/**
 * Counts as documents write them: `1,000` users, `10,000` trades, `100k` requests,
 * `100,000+`, `~5,000`. A count is a whole number: `2.5k` is fine, `2.5` is not.
 */
import { decimalToRational, scanDecimal } from './decimal.js';
import { mul, fromBigint, isInteger } from './rational.js';
import { trailingError } from './bytes.js';
import { fail, ok, type Parsed } from './result.js';
import { readApprox } from './scan.js';

export interface Count {
  value: bigint;
  /** Written with a trailing `+`. */
  atLeast: boolean;
  /** Written with a leading `~`. */
  approx: boolean;
}

const EXPECTED_COUNT = 'a whole number such as `1,000`, `20000`, `100k` or `1M`';

const COUNT_MULTIPLIERS: Readonly<Record<string, bigint>> = {
  k: 1_000n,
  K: 1_000n,
  M: 1_000_000n,
};

export function parseCount(text: string | number): Parsed<Count> {
  if (typeof text === 'number') {
    if (!Number.isSafeInteger(text) || text < 0) {
      return fail({
        message: `${String(text)} is not a whole number of at least 0`,
        expected: EXPECTED_COUNT,
        offset: 0,
        length: String(text).length,
      });
    }
    return ok({ value: BigInt(text), atLeast: false, approx: false });
  }
  const approxPrefix = readApprox(text);
  const approx = approxPrefix.approx;
  let position = approxPrefix.position;
  if (text[position] === '-') {
    return fail({ message: 'a count cannot be negative', expected: EXPECTED_COUNT, offset: position, length: 1 });
  }
  const numberStart = position;
  const number = scanDecimal(text, position, { thousands: true });
  if (!number) {
    const word = /^\S*/.exec(text.slice(position))?.[0] ?? '';
    return fail({
      message: word.length === 0 ? 'a number is missing' : `\`${word}\` is not a number`,
      expected: EXPECTED_COUNT,
      offset: position,
      length: Math.max(text.length === 0 ? 0 : 1, word.length),
    });
  }
  position = number.end;
  let multiplier = 1n;
  const letter = text[position] ?? '';
  const multiplierValue = COUNT_MULTIPLIERS[letter];
  if (multiplierValue !== undefined && Object.hasOwn(COUNT_MULTIPLIERS, letter) && !/[A-Za-z]/.test(text[position + 1] ?? '')) {
    multiplier = multiplierValue;
    position += 1;
  } else if (letter === 'm' && !/[A-Za-z]/.test(text[position + 1] ?? '')) {
    return fail({
      message: '`m` is ambiguous in a count',
      expected: EXPECTED_COUNT,
      hint: `for millions write \`${text.slice(numberStart, number.end)}M\``,
      offset: position,
      length: 1,
    });
  }
  const value = mul(decimalToRational(number.value), fromBigint(multiplier));
  if (!isInteger(value)) {
    return fail({
      message: `\`${text.slice(numberStart, position)}\` is not a whole number`,
      expected: EXPECTED_COUNT,
      hint: 'a count must be a whole number',
      offset: numberStart,
      length: position - numberStart,
    });
  }
  let atLeast = false;
  if (text[position] === '+') {
    atLeast = true;
    position += 1;
  }
  const trailing = trailingError(text, position, 'count', 'write only the number; say what is counted in the field name');
  if (trailing) return fail(trailing);
  return ok({ value: value.num, atLeast, approx });
}

/** `1000n` → `1,000`. */
export function formatCount(n: bigint): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

