/**
 * Two kinds of rate that documents mix up: link speeds in bits per second (`100Mbps`,
 * `2x 25 Gbps`) and data volumes over time in bytes (`1TB/month`, `65MB/user/month`,
 * `+5GB/month`). A `MB/s` is eight `Mbps`; the parsers refuse one where the other is meant.
 */
import { byteUnitFactor, formatBytesExact, scanByteAmount, trailingError } from './bytes.js';
import { decimalToRational, scanDecimal } from './decimal.js';
import { periodFromWord, PERIOD_NAMES, PERIOD_SECONDS, type Period } from './period.js';
import { ceil, fromBigint, mul, rational, toDecimalString, type Rational } from './rational.js';
import { fail, ok, type Parsed, type UnitError } from './result.js';
import { didYouMean } from './suggest.js';

export interface BitRate {
  /** Total bits per second: for `2x 25 Gbps`, 50 Gbit/s. */
  bitsPerSecond: bigint;
  /** Written with a trailing `+`. */
  atLeast: boolean;
  /** Written with a leading `~`. */
  approx: boolean;
  /** Bonded links: 2 in `2x 25 Gbps`, otherwise 1. */
  multiplier: bigint;
}

const EXPECTED_BIT_RATE = 'a bit rate such as `100Mbps`, `1 Gbps` or `2x 25 Gbps`';

/** Network speeds use decimal prefixes: 1 Gbps is 10^9 bit/s. */
const BIT_RATE_FACTORS: Readonly<Record<string, bigint>> = {
  bps: 1n, 'bit/s': 1n, 'b/s': 1n,
  kbps: 10n ** 3n, Kbps: 10n ** 3n, 'kbit/s': 10n ** 3n, 'Kbit/s': 10n ** 3n, 'kb/s': 10n ** 3n, 'Kb/s': 10n ** 3n,
  Mbps: 10n ** 6n, 'Mbit/s': 10n ** 6n, 'Mb/s': 10n ** 6n,
  Gbps: 10n ** 9n, 'Gbit/s': 10n ** 9n, 'Gb/s': 10n ** 9n,
  Tbps: 10n ** 12n, 'Tbit/s': 10n ** 12n, 'Tb/s': 10n ** 12n,
};

function bitRateFactor(unit: string): bigint | undefined {
  return Object.hasOwn(BIT_RATE_FACTORS, unit) ? BIT_RATE_FACTORS[unit] : undefined;
}

function skipSpaces(text: string, position: number): number {
  while (text[position] === ' ' || text[position] === '\t') position += 1;
  return position;
}

/** `MB/s`, `GBps`, `MiB/s`: bytes per second. */
const BYTE_RATE_UNIT = /^([kKMGTPE]i?B|B)(\/s|ps)$/;

/**
 * `100Mbps`, `1 Gbps`, `500 Kbps`, `~1 Mbps`, `10 Gbps+`, `2x 25 Gbps` (bonded: the
 * total, with multiplier 2). Fractions of a bit round up.
 */
export function parseBitRate(text: string): Parsed<BitRate> {
  let position = 0;
  let approx = false;
  if (text[position] === '~' || text[position] === '≈') {
    approx = true;
    position = skipSpaces(text, position + 1);
  }
  let multiplier = 1n;
  const bonded = /^(\d+)\s*[x×]\s*(?=[\d.])/.exec(text.slice(position));
  if (bonded) {
    multiplier = BigInt(bonded[1] ?? '1');
    if (multiplier === 0n) {
      return fail({ message: 'a bond of zero links', expected: EXPECTED_BIT_RATE, offset: position, length: (bonded[1] ?? '').length });
    }
    position += bonded[0].length;
  }
  if (text[position] === '-') {
    return fail({ message: 'a bit rate cannot be negative', expected: EXPECTED_BIT_RATE, offset: position, length: 1 });
  }
  const number = scanDecimal(text, position, { thousands: true });
  if (!number) {
    const word = /^\S*/.exec(text.slice(position))?.[0] ?? '';
    return fail({
      message: word.length === 0 ? 'a bit rate is missing' : `\`${word}\` is not a bit rate`,
      expected: EXPECTED_BIT_RATE,
      offset: position,
      length: Math.max(text.length === 0 ? 0 : 1, word.length),
    });
  }
  const numberText = text.slice(position, number.end).replace(/,/g, '');
  const unitStart = skipSpaces(text, number.end);
  const unit = /^[A-Za-z]+(?:\/s)?/.exec(text.slice(unitStart))?.[0] ?? '';
  if (unit.length === 0) {
    return fail({
      message: 'the bit rate has no unit',
      expected: EXPECTED_BIT_RATE,
      hint: `write e.g. \`${numberText} Mbps\``,
      offset: number.end,
      length: 1,
    });
  }
  const factor = bitRateFactor(unit);
  if (factor === undefined) return fail(bitRateUnitError(unit, unitStart, number.value.units, number.value.scale));
  position = unitStart + unit.length;
  let atLeast = false;
  if (text[position] === '+') {
    atLeast = true;
    position += 1;
  }
  const trailing = trailingError(text, position, 'bit rate');
  if (trailing) return fail(trailing);
  const perLink = ceil(mul(decimalToRational(number.value), fromBigint(factor)));
  return ok({ bitsPerSecond: perLink * multiplier, atLeast, approx, multiplier });
}

function bitRateUnitError(unit: string, offset: number, units: bigint, scale: number): UnitError {
  const byteRate = BYTE_RATE_UNIT.exec(unit);
  if (byteRate) {
    const bytesUnit = byteRate[1] ?? 'B';
    const factor = byteUnitFactor(bytesUnit) ?? 1n;
    const bits = rational(units * factor * 8n, 10n ** BigInt(scale));
    return {
      message: `\`${unit}\` is a data rate in bytes per second, not a bit rate`,
      expected: EXPECTED_BIT_RATE,
      hint: `one byte is 8 bits: that is \`${formatBitRate(ceil(bits))}\``,
      offset,
      length: unit.length,
    };
  }
  const hint = didYouMean(unit, Object.keys(BIT_RATE_FACTORS));
  return {
    message: `\`${unit}\` is not a bit-rate unit`,
    expected: EXPECTED_BIT_RATE,
    hint: hint ?? 'use bps, kbps, Mbps, Gbps or Tbps',
    offset,
    length: unit.length,
  };
}

const BIT_RATE_UNITS = ['bps', 'kbps', 'Mbps', 'Gbps', 'Tbps'] as const;

/** `100 Mbps`, `1.5 Gbps`, `0 bps`: the largest unit in which the rate is at least 1. */
export function formatBitRate(bps: bigint, maxFractionDigits = 2): string {
  const magnitude = bps < 0n ? -bps : bps;
  let power = 0;
  while (power < BIT_RATE_UNITS.length - 1 && magnitude >= 1000n ** BigInt(power + 1)) power += 1;
  let text = toDecimalString(rational(bps, 1000n ** BigInt(power)), maxFractionDigits);
  if (power < BIT_RATE_UNITS.length - 1 && (text === '1000' || text === '-1000')) {
    power += 1;
    text = toDecimalString(rational(bps, 1000n ** BigInt(power)), maxFractionDigits);
  }
  return `${text} ${BIT_RATE_UNITS[power] ?? 'bps'}`;
}

export interface DataRate {
  /** Bytes per `per` (per `perEntity`, if any), rounded up to a whole byte. */
  bytes: bigint;
  per: Period;
  /** `user` in `65MB/user/month`. */
  perEntity?: string;
  /** Written with a leading `~`. */
  approx: boolean;
  /** −1 for a shrinking volume (`-2GB/week`); growth written `+5GB/month` is +1. */
  sign: 1 | -1;
}

const EXPECTED_DATA_RATE = 'a data rate such as `1TB/month`, `500MB/day` or `65MB/user/month`';
const PER_WORD = /^\s*per\s+/i;

/** Reads `/word` or ` per word` at `position`. */
function perWordAt(text: string, position: number): { word: string; start: number; end: number } | undefined {
  const slash = skipSpaces(text, position);
  let start: number;
  if (text[slash] === '/') start = skipSpaces(text, slash + 1);
  else {
    const per = PER_WORD.exec(text.slice(position));
    if (!per) return undefined;
    start = position + per[0].length;
  }
  const word = /^[A-Za-z][A-Za-z-]*/.exec(text.slice(start))?.[0] ?? '';
  return { word, start, end: start + word.length };
}

/**
 * `1TB/month`, `500MB/day`, `1000 MB/s`, `10 GB per month`, `65MB/user/month` (per
 * entity), `~50MB/month`, `+5GB/month` and `-2GB/week` (growth and shrinkage).
 */
export function parseDataRate(text: string): Parsed<DataRate> {
  let position = 0;
  let approx = false;
  let sign: 1 | -1 = 1;
  let signSeen = false;
  for (;;) {
    const c = text[position];
    if ((c === '~' || c === '≈') && !approx) approx = true;
    else if ((c === '+' || c === '-') && !signSeen) {
      signSeen = true;
      sign = c === '-' ? -1 : 1;
    } else break;
    position = skipSpaces(text, position + 1);
  }
  const number = scanDecimal(text, position, { thousands: true });
  if (number) {
    const unitStart = skipSpaces(text, number.end);
    const unit = /^[A-Za-z]+(?:\/s)?/.exec(text.slice(unitStart))?.[0] ?? '';
    if (bitRateFactor(unit) !== undefined) {
      return fail({
        message: `\`${unit}\` is a bit rate (a link speed), not a data volume over time`,
        expected: EXPECTED_DATA_RATE,
        hint: 'write the volume in bytes per period, e.g. `500MB/day`; link speeds go in a bandwidth field',
        offset: unitStart,
        length: unit.length,
      });
    }
  }
  const amount = scanByteAmount(text, position);
  if (!amount.ok) return { ok: false, error: { ...amount.error, expected: EXPECTED_DATA_RATE } };
  if (amount.value.unit.length === 0) {
    return fail({
      message: 'the data rate has no unit',
      expected: EXPECTED_DATA_RATE,
      hint: `write e.g. \`${amount.value.numberText}MB/day\``,
      offset: amount.value.end,
      length: 1,
    });
  }
  position = amount.value.end;
  const first = perWordAt(text, position);
  if (first === undefined || first.word.length === 0) {
    return fail({
      message: 'the data rate has no period',
      expected: EXPECTED_DATA_RATE,
      hint: `add a period, e.g. \`${text.slice(0, position).trim()}/month\``,
      offset: first?.start ?? position,
      length: 1,
    });
  }
  let per = periodFromWord(first.word);
  let perEntity: string | undefined;
  position = first.end;
  if (per === undefined) {
    const second = perWordAt(text, position);
    if (second === undefined || second.word.length === 0) {
      const typo = didYouMean(first.word, PERIOD_NAMES);
      return fail({
        message: `\`${first.word}\` is not a period`,
        expected: EXPECTED_DATA_RATE,
        hint: typo ?? `write the period after it, e.g. \`/${first.word}/month\``,
        offset: first.start,
        length: Math.max(1, first.word.length),
      });
    }
    per = periodFromWord(second.word);
    if (per === undefined) {
      return fail({
        message: `\`${second.word}\` is not a period`,
        expected: EXPECTED_DATA_RATE,
        hint: didYouMean(second.word, PERIOD_NAMES) ?? 'use second, minute, hour, day, week, month or year',
        offset: second.start,
        length: Math.max(1, second.word.length),
      });
    }
    perEntity = first.word;
    position = second.end;
  }
  const trailing = trailingError(text, position, 'data rate');
  if (trailing) return fail(trailing);
  return ok({
    bytes: ceil(amount.value.amount),
    per,
    ...(perEntity === undefined ? {} : { perEntity }),
    approx,
    sign,
  });
}

/** The signed amount of data the rate moves in one `period`, exactly (a month is 2,629,746 s). */
export function dataRateBytesPer(rate: DataRate, period: Period): Rational {
  return rational(BigInt(rate.sign) * rate.bytes * PERIOD_SECONDS[period], PERIOD_SECONDS[rate.per]);
}

/** `500 MB/day`, `-2 GB/week`, `~65 MB/user/month`, `1000 MB/s`; parses back to the same rate. */
export function formatDataRate(r: DataRate): string {
  const period = r.per === 'second' ? 's' : r.per;
  const entity = r.perEntity === undefined ? '' : `${r.perEntity}/`;
  return `${r.sign < 0 ? '-' : ''}${r.approx ? '~' : ''}${formatBytesExact(r.bytes, 'si')}/${entity}${period}`;
}
