/**
 * Percentages (`99.9%`, `70%`, `0.5 %`), kept as exact decimals: an SLO of 99.95 %
 * allows 21.9 minutes a month, and that figure must not drift.
 */
import { compareDecimal, decimalFromBigint, scanDecimal, type Decimal } from './decimal.js';
import { fail, ok, type Parsed } from './result.js';

export interface PercentOptions {
  /** Allow values above 100 (growth, CPU utilisation targets across cores). */
  allowAbove100?: boolean;
}

const EXPECTED_PERCENT = 'a percentage such as `99.9%` or `70%`';
const HUNDRED = decimalFromBigint(100n);

/**
 * The percent value itself: `99.9%` → 99.9, and a YAML number `70` → 70 (not 0.7).
 * Between 0 and 100 unless `allowAbove100`.
 */
export function parsePercent(text: string | number, options: PercentOptions = {}): Parsed<Decimal> {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) {
      return fail({ message: `${String(text)} is not a percentage`, expected: EXPECTED_PERCENT, offset: 0, length: 1 });
    }
    // String(n) is the shortest decimal that reads back as the same double (99.9 → "99.9");
    // exponent forms only appear for tiny or huge values, which are expanded here.
    const written = /e/i.test(String(text)) ? text.toFixed(20).replace(/\.?0+$/, '') : String(text);
    return parsePercent(written, options);
  }
  let position = 0;
  while (text[position] === ' ') position += 1;
  if (text[position] === '-') {
    return fail({ message: 'a percentage cannot be negative', expected: EXPECTED_PERCENT, offset: position, length: 1 });
  }
  if (text[position] === '+') position += 1;
  const numberStart = position;
  const number = scanDecimal(text, position);
  if (!number) {
    const word = /^\S*/.exec(text.slice(position))?.[0] ?? '';
    return fail({
      message: word.length === 0 ? 'a number is missing' : `\`${word}\` is not a percentage`,
      expected: EXPECTED_PERCENT,
      offset: position,
      length: Math.max(text.length === 0 ? 0 : 1, word.length),
    });
  }
  position = number.end;
  while (text[position] === ' ') position += 1;
  if (text[position] === '%') position += 1;
  while (text[position] === ' ') position += 1;
  if (position < text.length) {
    const extra = text.slice(position).trimEnd();
    return fail({
      message: `unexpected \`${extra}\` after the percentage`,
      expected: EXPECTED_PERCENT,
      hint: 'write only the number and `%`',
      offset: position,
      length: extra.length,
    });
  }
  if (options.allowAbove100 !== true && compareDecimal(number.value, HUNDRED) > 0) {
    return fail({
      message: `${text.slice(numberStart, number.end)}% is above 100%`,
      expected: 'a percentage between 0% and 100%',
      hint: 'a share cannot exceed 100%',
      offset: numberStart,
      length: number.end - numberStart,
    });
  }
  return ok(number.value);
}
