/**
 * Human byte sizes as requirement documents write them: `8GB`, `16 GB`, `1.5GiB`,
 * `50Gi+`, `~160GB`. SI units are powers of ten and IEC units powers of two: a GB is
 * 10^9 bytes, a GiB 2^30, and a 7 % gap between them is exactly the kind of slip that
 * makes a volume larger than its disk, so the two are never conflated.
 */
import { scanDecimal, decimalToRational } from './decimal.js';
import { ceil, fromBigint, mul, rational, toDecimalString, type Rational } from './rational.js';
import { fail, ok, type Parsed, type UnitError } from './result.js';
import { didYouMean } from './suggest.js';
import { readApprox } from './scan.js';

export interface ByteSize {
  /** Exact size, rounded up to a whole byte. */
  bytes: bigint;
  /** Written with a trailing `+`: "at least this much". */
  atLeast: boolean;
  /** Written with a leading `~`. */
  approx: boolean;
  /** The unit as written (`GB`, `Gi`, `KiB`, `B`), or '' for a bare number of bytes. */
  unit: string;
}

const KILO = 1000n;
const KIBI = 1024n;

function si(power: number): bigint {
  return KILO ** BigInt(power);
}

function iec(power: number): bigint {
  return KIBI ** BigInt(power);
}

/**
 * Every unit spelling accepted for bytes. The bare letters `k M G T P E` and `Ki … Ei`
 * are the Kubernetes suffixes, so a value copied from a manifest means the same here.
 */
export const BYTE_UNIT_FACTORS: Readonly<Record<string, bigint>> = {
  // IEC first: suggestion order decides ties (`Mq` is nearer to `Mi` than to `M`).
  KiB: iec(1), MiB: iec(2), GiB: iec(3), TiB: iec(4), PiB: iec(5), EiB: iec(6),
  Ki: iec(1), Mi: iec(2), Gi: iec(3), Ti: iec(4), Pi: iec(5), Ei: iec(6),
  B: 1n, byte: 1n, bytes: 1n, Bytes: 1n,
  kB: si(1), KB: si(1), MB: si(2), GB: si(3), TB: si(4), PB: si(5), EB: si(6),
  k: si(1), M: si(2), G: si(3), T: si(4), P: si(5), E: si(6),
};

/** The number of bytes in one `unit` (`GB` → 10^9, `GiB` → 2^30), or undefined. */
export function byteUnitFactor(unit: string): bigint | undefined {
  return Object.hasOwn(BYTE_UNIT_FACTORS, unit) ? BYTE_UNIT_FACTORS[unit] : undefined;
}

const PREFIX_NAMES: Readonly<Record<string, string>> = {
  k: 'kilo', K: 'kilo', M: 'mega', G: 'giga', T: 'tera', P: 'peta', E: 'exa',
  Ki: 'kibi', KI: 'kibi', Mi: 'mebi', Gi: 'gibi', Ti: 'tebi', Pi: 'pebi', Ei: 'exbi',
};

const EXPECTED_SIZE = 'a size such as `8GB`, `16 GiB` or `512Mi`';

/**
 * Why `unit` is not a byte unit, with the fix. `Gb` (gigabits), `K` (not a
 * Kubernetes suffix) and `m` (milli, a classic way to ask for 0.5 bytes) get
 * their own explanations; anything else a did-you-mean.
 */
export function byteUnitError(unit: string, offset: number, numberText: string): UnitError {
  const length = Math.max(1, unit.length);
  const bits = /^([kKMGTPE]i?)(b|bit|bits)$/.exec(unit);
  if (bits) {
    const prefix = bits[1] ?? '';
    const bytesUnit = `${prefix === 'k' ? 'k' : prefix}B`;
    return {
      message: `\`${unit}\` is a unit of bits, not bytes`,
      expected: EXPECTED_SIZE,
      hint: `\`${unit}\` is ${PREFIX_NAMES[prefix] ?? ''}bits; for bytes write \`${bytesUnit}\``,
      offset,
      length,
    };
  }
  if (unit === 'K') {
    return {
      message: '`K` is not a size unit',
      expected: EXPECTED_SIZE,
      hint: `did you mean \`${numberText}KB\` (10^3 bytes) or \`${numberText}KiB\` (2^10 bytes)?`,
      offset,
      length,
    };
  }
  if (unit === 'm') {
    return {
      message: '`m` means milli (10^-3), not mega',
      expected: EXPECTED_SIZE,
      hint: `for megabytes write \`${numberText}M\` or \`${numberText}MB\` (10^6), or \`${numberText}Mi\` (2^20)`,
      offset,
      length,
    };
  }
  const hint = didYouMean(unit, Object.keys(BYTE_UNIT_FACTORS));
  return {
    message: `\`${unit}\` is not a size unit`,
    expected: EXPECTED_SIZE,
    ...(hint === undefined ? { hint: 'use B, kB, MB, GB, TB (powers of 10) or KiB, MiB, GiB, TiB (powers of 2)' } : { hint }),
    offset,
    length,
  };
}

export interface ScannedByteAmount {
  /** The exact amount in bytes, possibly fractional (`0.5KB` is 500, `0.1KiB` 102.4). */
  amount: Rational;
  /** The number as written, before the unit. */
  numberText: string;
  /** The unit as written, '' when there is none. */
  unit: string;
  /** Offset just after the unit. */
  end: number;
}

/**
 * Reads `<number>[ ]<unit>` at `start` (the unit may be absent) and stops after the unit's
 * letters, leaving whatever follows (`/month`, `+`) to the caller. Rejects a sign.
 */
export function scanByteAmount(text: string, start: number): Parsed<ScannedByteAmount> {
  if (text[start] === '-') {
    return fail({
      message: 'a size cannot be negative',
      expected: EXPECTED_SIZE,
      offset: start,
      length: 1,
    });
  }
  const number = scanDecimal(text, start, { thousands: true });
  if (!number) {
    return fail({
      message: text.length === start ? 'a size is missing' : `\`${wordAt(text, start)}\` is not a size`,
      expected: EXPECTED_SIZE,
      offset: start,
      length: Math.max(text.length === 0 ? 0 : 1, wordAt(text, start).length),
    });
  }
  const numberText = text.slice(start, number.end);
  let position = number.end;
  while (text[position] === ' ' || text[position] === '\t') position += 1;
  const unitStart = position;
  while (position < text.length && /[A-Za-z]/.test(text[position] ?? '')) position += 1;
  const unit = text.slice(unitStart, position);
  if (unit.length === 0) {
    return ok({ amount: decimalToRational(number.value), numberText, unit: '', end: number.end });
  }
  const factor = byteUnitFactor(unit);
  if (factor === undefined) return fail(byteUnitError(unit, unitStart, numberText.replace(/,/g, '')));
  return ok({ amount: mul(decimalToRational(number.value), fromBigint(factor)), numberText, unit, end: position });
}

function wordAt(text: string, start: number): string {
  const match = /^\S+/.exec(text.slice(start));
  return match ? match[0] : '';
}

/**
 * `8GB`, `16 GB`, `1.5GiB`, `512Mi`, `~160GB` (approx), `50Gi+` (at least), `0`, `512`
 * (bytes, as in Kubernetes). Fractions of a byte round up. Trailing words are rejected:
 * `4TB NVMe` describes a disk, and the description belongs in its own field.
 */
export function parseBytes(text: string): Parsed<ByteSize> {
  const approxPrefix = readApprox(text);
  const approx = approxPrefix.approx;
  let position = approxPrefix.position;
  const scanned = scanByteAmount(text, position);
  if (!scanned.ok) return scanned;
  position = scanned.value.end;
  let atLeast = false;
  if (text[position] === '+') {
    atLeast = true;
    position += 1;
  }
  const trailing = trailingError(text, position, 'size');
  if (trailing) return fail(trailing);
  return ok({ bytes: ceil(scanned.value.amount), atLeast, approx, unit: scanned.value.unit });
}

/** An error for anything but spaces after `position`, or undefined. */
export function trailingError(text: string, position: number, what: string, hint = 'put the description elsewhere'): UnitError | undefined {
  const rest = text.slice(position);
  const trimmed = rest.trimStart();
  if (trimmed.length === 0) return undefined;
  const offset = position + (rest.length - trimmed.length);
  const extra = trimmed.trimEnd();
  return {
    message: `unexpected \`${extra}\` after the ${what}`,
    expected: `only a ${what}`,
    hint,
    offset,
    length: extra.length,
  };
}

const SI_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;
const IEC_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

function unitsOf(system: 'si' | 'iec'): { names: readonly string[]; base: bigint } {
  return system === 'si' ? { names: SI_UNITS, base: KILO } : { names: IEC_UNITS, base: KIBI };
}

/**
 * For reading: the largest unit in which the size is at least 1, rounded half away
 * from zero (`8 GB`, `7.45 GiB`, `0 B`). Not exact; see `formatBytesExact`.
 */
export function formatBytes(bytes: bigint, system: 'si' | 'iec' = 'iec', maxFractionDigits = 2): string {
  const { names, base } = unitsOf(system);
  const magnitude = bytes < 0n ? -bytes : bytes;
  let power = 0;
  while (power < names.length - 1 && magnitude >= base ** BigInt(power + 1)) power += 1;
  let text = toDecimalString(rational(bytes, base ** BigInt(power)), maxFractionDigits);
  // 1023.999 MiB rounds to "1024 MiB": say "1 GiB" instead.
  if (power < names.length - 1 && (text === base.toString() || text === `-${base}`)) {
    power += 1;
    text = toDecimalString(rational(bytes, base ** BigInt(power)), maxFractionDigits);
  }
  return `${text} ${names[power] ?? 'B'}`;
}

/** Exact: the largest unit that divides the size (`10 GiB`, `1536 MiB`, `1 B`); parses back to the same bytes. */
export function formatBytesExact(bytes: bigint, system: 'si' | 'iec' = 'iec'): string {
  const { names, base } = unitsOf(system);
  let power = 0;
  let mantissa = bytes;
  while (mantissa !== 0n && power < names.length - 1 && mantissa % base === 0n) {
    mantissa /= base;
    power += 1;
  }
  return `${mantissa} ${names[power] ?? 'B'}`;
}

/**
 * A size for people: in SI or IEC units, whichever writes it with fewer digits, so
 * `60GB` shows as `60 GB` and `20Gi` as `20 GiB` (ties go to SI, the form documents use).
 */
export function formatBytesReadable(bytes: bigint, maxFractionDigits = 2): string {
  return formatBytes(bytes, readableSystem(bytes, maxFractionDigits), maxFractionDigits);
}

/** The unit system that writes `bytes` with fewer digits (SI, the form documents use, on a tie). */
export function readableSystem(bytes: bigint, maxFractionDigits = 2): 'si' | 'iec' {
  const digits = (text: string) => text.replace(/[^0-9]/g, '').length;
  return digits(formatBytes(bytes, 'si', maxFractionDigits)) <= digits(formatBytes(bytes, 'iec', maxFractionDigits)) ? 'si' : 'iec';
}

/** The unit system a size was written in: `16GB` is SI, `16Gi` and `16 GiB` are IEC. */
export function writtenSystem(text: string): 'si' | 'iec' | undefined {
  if (/[KMGTPE]i(B)?\b/.test(text)) return 'iec';
  if (/[kKMGTPE]B\b/.test(text)) return 'si';
  return undefined;
}
