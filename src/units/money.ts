/**
 * Prices as documents write them: `$48/month`, `€12 (~$13)`, `$120-150/month`,
 * `~$30/month`, `$0.005/GB/month`, `€3.81/1TB`, `USD 10000`. Amounts are exact decimals;
 * a sum of prices is never a float.
 */
import { byteUnitFactor } from './bytes.js';
import {
  addDecimal,
  compareDecimal,
  decimalToRational,
  decimalToString,
  mulDecimalByBigint,
  normalizeDecimal,
  rationalToDecimal,
  scanDecimal,
  type Decimal,
} from './decimal.js';
import { periodFromWord, PERIOD_NAMES, PERIOD_SECONDS, type Period } from './period.js';
import { ceil, div, fromBigint, mul, rational, round, type Rational } from './rational.js';
import { fail, ok, type Parsed, type UnitError } from './result.js';
import { didYouMean } from './suggest.js';

export type Currency =
  | 'USD' | 'EUR' | 'GBP' | 'JPY' | 'CHF' | 'CAD' | 'AUD' | 'NZD' | 'SEK' | 'NOK' | 'DKK'
  | 'PLN' | 'CZK' | 'HUF' | 'RON' | 'INR' | 'CNY' | 'HKD' | 'SGD' | 'KRW' | 'BRL' | 'MXN'
  | 'ZAR' | 'TRY' | 'ILS' | 'AED';

export const CURRENCIES: readonly Currency[] = [
  'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK',
  'PLN', 'CZK', 'HUF', 'RON', 'INR', 'CNY', 'HKD', 'SGD', 'KRW', 'BRL', 'MXN',
  'ZAR', 'TRY', 'ILS', 'AED',
];

/** Only unambiguous symbols: `¥` (yen or yuan) and `kr` (four crowns) must be written as codes. */
const SYMBOL_CURRENCIES: Readonly<Record<string, Currency>> = { $: 'USD', '€': 'EUR', '£': 'GBP' };
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£' };

export interface Money {
  amount: Decimal;
  /** ISO 4217 code, e.g. `USD`. */
  currency: string;
}

export interface MoneyFigure {
  min: Money;
  /** Equal to `min` unless a range (`$120-150`) was written. */
  max: Money;
  /** Written with a leading `~`. */
  approx: boolean;
  /** `/month` in `$48/month`. */
  per?: Period;
  /** Bytes priced: 10^9 in `$0.005/GB/month`, 10^12 in `€3.81/1TB`. */
  perBytes?: bigint;
  /** Any other thing priced: `vCPU` in `$0.04/vCPU/hour`. */
  perUnit?: string;
  /** The same price in another currency: `(~$13)` in `€12 (~$13)`. */
  alternative?: MoneyFigure;
  /** The text as written. */
  text: string;
}

const EXPECTED_MONEY = 'a price such as `$48/month`, `€12`, `$120-150/month` or `10000 USD`';
const AMOUNT_MULTIPLIERS: Readonly<Record<string, bigint>> = { k: 1_000n, K: 1_000n, M: 1_000_000n };

function isCurrencyCode(word: string): word is Currency {
  return (CURRENCIES as readonly string[]).includes(word);
}

function wordAt(text: string, position: number): string {
  return /^\S*/.exec(text.slice(position))?.[0] ?? '';
}

function error(message: string, offset: number, length: number, hint?: string): UnitError {
  return { message, expected: EXPECTED_MONEY, offset, length: Math.max(1, length), ...(hint === undefined ? {} : { hint }) };
}

interface ScannedAmount {
  amount: Decimal;
  currency: string | undefined;
  end: number;
}

function skipSpaces(text: string, position: number): number {
  while (text[position] === ' ' || text[position] === '\t') position += 1;
  return position;
}

/** A three-letter code at `position` (not part of a longer word), or undefined. */
function codeAt(text: string, position: number): string | undefined {
  const match = /^[A-Za-z]{3}(?![A-Za-z])/.exec(text.slice(position));
  return match ? match[0] : undefined;
}

function unknownCodeError(code: string, offset: number): UnitError | undefined {
  // Only upper-case three-letter words look like codes; `per`, `day` and the like do not.
  if (code !== code.toUpperCase()) return undefined;
  return error(
    `\`${code}\` is not a currency this tool knows`,
    offset,
    code.length,
    didYouMean(code, CURRENCIES) ?? `use a symbol ($ € £) or an ISO code such as ${CURRENCIES.slice(0, 4).join(', ')}`,
  );
}

/** `$48`, `€ 12`, `USD 10000`, `10000 USD`, `150` (no currency), `$10k`. */
function scanAmount(text: string, start: number): Parsed<ScannedAmount> {
  let position = start;
  let currency: string | undefined;
  const symbol = text[position] ?? '';
  if (Object.hasOwn(SYMBOL_CURRENCIES, symbol)) {
    currency = SYMBOL_CURRENCIES[symbol];
    position = skipSpaces(text, position + 1);
  } else {
    const code = codeAt(text, position);
    if (code !== undefined) {
      if (isCurrencyCode(code)) {
        currency = code;
        position = skipSpaces(text, position + 3);
      } else {
        return fail(unknownCodeError(code, position) ?? error(`\`${wordAt(text, position)}\` is not an amount`, position, wordAt(text, position).length));
      }
    }
  }
  if (text[position] === '-') {
    return fail(error('a price cannot be negative', position, 1));
  }
  const number = scanDecimal(text, position, { thousands: true });
  if (!number) {
    const word = wordAt(text, position);
    return fail(
      word.length === 0
        ? error('an amount is missing', position, 1, 'write an amount such as `$48`')
        : error(`\`${word}\` is not an amount`, position, word.length),
    );
  }
  let amount = number.value;
  position = number.end;
  const letter = text[position] ?? '';
  const multiplier = AMOUNT_MULTIPLIERS[letter];
  if (multiplier !== undefined && Object.hasOwn(AMOUNT_MULTIPLIERS, letter) && !/[A-Za-z]/.test(text[position + 1] ?? '')) {
    amount = mulDecimalByBigint(amount, multiplier);
    position += 1;
  }
  const afterSpaces = skipSpaces(text, position);
  const code = codeAt(text, afterSpaces);
  if (code !== undefined) {
    if (isCurrencyCode(code)) {
      if (currency !== undefined && currency !== code) {
        return fail(error(`the amount says both ${currency} and ${code}`, afterSpaces, 3, 'write one currency'));
      }
      currency = code;
      position = afterSpaces + 3;
    } else {
      const unknown = unknownCodeError(code, afterSpaces);
      if (unknown) return fail(unknown);
    }
  }
  return ok({ amount, currency, end: position });
}

interface PerParts {
  per?: Period;
  perBytes?: bigint;
  perUnit?: string;
}

const PER_WORD = /^\s+per\s+/i;

/** `/month`, `/GB/month`, `/1TB`, `/vCPU/hour`, ` per month`. */
function scanPerParts(text: string, start: number): Parsed<{ parts: PerParts; end: number }> {
  const parts: PerParts = {};
  let position = start;
  for (;;) {
    let next: number;
    const slash = skipSpaces(text, position);
    if (text[slash] === '/') next = skipSpaces(text, slash + 1);
    else {
      const per = PER_WORD.exec(text.slice(position));
      if (!per) break;
      next = position + per[0].length;
    }
    const number = scanDecimal(text, next);
    const wordStart = number ? skipSpaces(text, number.end) : next;
    const word = /^[A-Za-z][A-Za-z-]*/.exec(text.slice(wordStart))?.[0] ?? '';
    if (word.length === 0) {
      return fail(error('a unit is missing after `/`', next, Math.max(1, wordAt(text, next).length), 'write e.g. `/month` or `/GB`'));
    }
    const period = number ? undefined : periodFromWord(word);
    const factor = byteUnitFactor(word);
    if (period !== undefined) {
      if (parts.per !== undefined) return fail(error('the price has two periods', wordStart, word.length));
      parts.per = period;
    } else if (factor !== undefined) {
      if (parts.perBytes !== undefined) return fail(error('the price has two sizes', next, wordStart + word.length - next));
      const amount: Rational = number ? mul(decimalToRational(number.value), fromBigint(factor)) : fromBigint(factor);
      parts.perBytes = ceil(amount);
    } else {
      const typo = number ? undefined : didYouMean(word, PERIOD_NAMES);
      if (typo !== undefined && word.length >= 3) {
        return fail(error(`\`${word}\` is not a period`, wordStart, word.length, typo));
      }
      if (parts.perUnit !== undefined) return fail(error('the price is per two things', next, wordStart + word.length - next));
      parts.perUnit = number ? `${text.slice(next, number.end)} ${word}` : word;
    }
    position = wordStart + word.length;
  }
  return ok({ parts, end: position });
}

interface FigureScan {
  figure: Omit<MoneyFigure, 'text'>;
  end: number;
}

const RANGE_SEPARATOR = /^\s*(?:-|–|—|\bto\b)\s*/;

function scanFigure(text: string, start: number, allowAlternative: boolean): Parsed<FigureScan> {
  let position = skipSpaces(text, start);
  let approx = false;
  if (text[position] === '~' || text[position] === '≈') {
    approx = true;
    position = skipSpaces(text, position + 1);
  }
  const low = scanAmount(text, position);
  if (!low.ok) return low;
  const lowStart = position;
  position = low.value.end;
  let high = low.value;
  const separator = RANGE_SEPARATOR.exec(text.slice(position));
  if (separator && /[\d$€£.A-Z]/.test(text[position + separator[0].length] ?? '')) {
    const highStart = position + separator[0].length;
    const scanned = scanAmount(text, highStart);
    if (!scanned.ok) return scanned;
    high = scanned.value;
    position = scanned.value.end;
  }
  const currency = low.value.currency ?? high.currency;
  if (currency === undefined) {
    return fail(error('the amount has no currency', lowStart, position - lowStart, `write e.g. \`$${text.slice(lowStart, position).trim()}\` or \`${text.slice(lowStart, position).trim()} USD\``));
  }
  if (low.value.currency !== undefined && high.currency !== undefined && low.value.currency !== high.currency) {
    return fail(error(`the range mixes ${low.value.currency} and ${high.currency}`, lowStart, position - lowStart, 'write both ends in one currency'));
  }
  if (compareDecimal(low.value.amount, high.amount) > 0) {
    return fail(error('the range runs backwards', lowStart, position - lowStart, 'write the smaller amount first'));
  }
  const per = scanPerParts(text, position);
  if (!per.ok) return per;
  position = per.value.end;
  const figure: Omit<MoneyFigure, 'text'> = {
    min: { amount: low.value.amount, currency },
    max: { amount: high.amount, currency },
    approx,
    ...per.value.parts,
  };
  if (allowAlternative) {
    const open = skipSpaces(text, position);
    if (text[open] === '(') {
      const close = text.indexOf(')', open);
      if (close < 0) return fail(error('the `(` is never closed', open, 1, 'add `)`'));
      const inner = scanFigure(text, open + 1, false);
      const notAlternative = error(
        `\`${text.slice(open, close + 1)}\` is not an alternative price`,
        open,
        close + 1 - open,
        'only another price such as `(~$13)` may follow in parentheses; put notes elsewhere',
      );
      if (!inner.ok || skipSpaces(text, inner.value.end) !== close) return fail(notAlternative);
      const alternative = inner.value.figure;
      const inherits = alternative.per === undefined && alternative.perBytes === undefined && alternative.perUnit === undefined;
      // `€12/month (~$13)`: the alternative is the same price, so it is per the same thing.
      figure.alternative = {
        ...alternative,
        ...(inherits ? per.value.parts : {}),
        text: text.slice(open + 1, close).trim(),
      };
      position = close + 1;
    }
  }
  return ok({ figure, end: position });
}

/**
 * A price figure. Ranges share a currency written on either end (`$120-150`,
 * `$120–$150`, `120-150 USD`); a parenthesised price after the figure is the same
 * price in another currency; any other trailing text is refused.
 */
export function parseMoney(text: string): Parsed<MoneyFigure> {
  const scanned = scanFigure(text, 0, true);
  if (!scanned.ok) return scanned;
  const rest = text.slice(scanned.value.end);
  if (rest.trim().length > 0) {
    const offset = scanned.value.end + (rest.length - rest.trimStart().length);
    const extra = rest.trim();
    return fail(
      error(
        `unexpected \`${extra}\` after the price`,
        offset,
        extra.length,
        extra.startsWith('(')
          ? 'only another price such as `(~$13)` may follow in parentheses; put notes elsewhere'
          : 'put the description elsewhere',
      ),
    );
  }
  return ok({ ...scanned.value.figure, text });
}

/** `$48`, `€12.50`, `$0.005`, `12 CHF`; with `fractionDigits`, rounded half away from zero to that many. */
export function formatMoney(m: Money, fractionDigits?: number): string {
  let amount: string;
  if (fractionDigits !== undefined) {
    const rounded = rationalToDecimal(decimalToRational(m.amount), fractionDigits, 'round');
    amount = decimalToString(rounded, fractionDigits);
  } else {
    const normal = normalizeDecimal(m.amount);
    // Cents are written in pairs (€12.50, not €12.5); finer prices keep their digits ($0.005).
    amount = decimalToString(normal, normal.scale > 0 ? 2 : 0);
  }
  const symbol = Object.hasOwn(CURRENCY_SYMBOLS, m.currency) ? CURRENCY_SYMBOLS[m.currency] : undefined;
  if (symbol === undefined) return `${amount} ${m.currency}`;
  return amount.startsWith('-') ? `-${symbol}${amount.slice(1)}` : `${symbol}${amount}`;
}

/** The exact sum, or undefined when the currencies differ (converting needs a rate, which is the caller's business). */
export function addMoney(a: Money, b: Money): Money | undefined {
  if (a.currency !== b.currency) return undefined;
  return { amount: addDecimal(a.amount, b.amount), currency: a.currency };
}

/** The amount in millionths of the currency unit (micro-dollars), rounded half away from zero. */
export function moneyToMicros(m: Money): bigint {
  return round(mul(decimalToRational(m.amount), fromBigint(1_000_000n)));
}

/** Micro-units back to Money (`48_000_000n` USD → $48). */
export function moneyFromMicros(micros: bigint, currency: string): Money {
  return { amount: normalizeDecimal({ units: micros, scale: 6 }), currency };
}

/**
 * One plain amount in micro-units, for `parseStated` (which handles `~`, ranges and
 * bounds itself): `$48`, `€12.50`, `10000 USD`. The currency is checked by `currency`
 * when given; ranges, periods and alternatives are refused.
 */
export function parseMoneyMicros(text: string, currency?: string): Parsed<bigint> {
  const parsed = parseMoney(text);
  if (!parsed.ok) return parsed;
  const figure = parsed.value;
  const whole = Math.max(1, text.trim().length);
  if (figure.approx || compareDecimal(figure.min.amount, figure.max.amount) !== 0 || text.includes('-') || text.includes('–')) {
    return fail(error('expected a single amount', 0, whole, 'write one amount such as `$48`'));
  }
  if (figure.per !== undefined || figure.perBytes !== undefined || figure.perUnit !== undefined || figure.alternative !== undefined) {
    const slash = text.search(/\/|\sper\s|\(/);
    return fail(error('expected a plain amount', Math.max(0, slash), slash < 0 ? whole : text.length - slash, 'state the period or unit in the field, not in the amount'));
  }
  if (currency !== undefined && figure.min.currency !== currency) {
    return fail(error(`expected an amount in ${currency}, not ${figure.min.currency}`, 0, whole, `write the amount in ${currency}`));
  }
  return ok(moneyToMicros(figure.min));
}

/**
 * One end of a price per month, in micro-units (per unit priced, for `$0.005/GB/month`).
 * An hour is 1/730 of a month, as cloud providers and Infracost bill; the other
 * periods are exact fractions of the Gregorian month (365.2425/12 days).
 */
export function monthlyMicros(figure: MoneyFigure, which: 'min' | 'max'): Rational {
  const micros = mul(decimalToRational(figure[which].amount), rational(1_000_000n));
  switch (figure.per) {
    case 'year':
      return div(micros, rational(12n));
    case 'hour':
      return mul(micros, rational(730n));
    case 'day':
      return mul(micros, rational(PERIOD_SECONDS.month, PERIOD_SECONDS.day));
    case 'week':
      return mul(micros, rational(PERIOD_SECONDS.month, PERIOD_SECONDS.week));
    case 'minute':
      return mul(micros, rational(PERIOD_SECONDS.month, PERIOD_SECONDS.minute));
    case 'second':
      return mul(micros, rational(PERIOD_SECONDS.month));
    default:
      return micros;
  }
}
