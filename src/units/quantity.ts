/**
 * Kubernetes `resource.Quantity`, with the apiserver's semantics (k8s.io/apimachinery
 * pkg/api/resource/quantity.go): the same grammar, the same round-up to nano on parse,
 * the same canonical String(). The spec's manifests are generated from these values,
 * so `1.5Gi` here must be the `1536Mi` that `kubectl get -o yaml` will show.
 */
import { parseBytes } from './bytes.js';
import {
  ceil,
  ceilAwayFromZero,
  compare,
  fromBigint,
  fromDecimalString,
  isZero,
  mul,
  neg,
  rational,
  type Rational,
} from './rational.js';
import { fail, ok, type Parsed, type UnitError } from './result.js';
import { didYouMean } from './suggest.js';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** Exact value in the resource's unit (cores, bytes); a multiple of 10^-9 once parsed. */
  value: Rational;
  /** How the value was written, which decides how it prints back. */
  format: QuantityFormat;
}

const DECIMAL_SUFFIX_EXPONENTS: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIX_EXPONENTS: Readonly<Record<string, number>> = {
  Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60,
};
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

/** Binary first so that a typo such as `Mq` is matched to `Mi` before `M` or `m`. */
const SUFFIX_CANDIDATES = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E'];

/**
 * Exponents beyond this are refused rather than expanded: `1e999999999` is valid to the
 * apiserver but would make a bigint of a billion digits here, and no resource is that large.
 */
const MAX_DECIMAL_EXPONENT = 1000;

const NANO: Rational = rational(1n, 1_000_000_000n);
const EXPECTED_QUANTITY = 'a Kubernetes quantity such as `250m`, `2`, `128Mi`, `1.5Gi` or `1e3`';

function isDigitAt(text: string, position: number): boolean {
  const c = text.charCodeAt(position);
  return c >= 48 && c <= 57;
}

/** Rounds away from zero to a multiple of 10^-9, as ParseQuantity does ("if you want some, you get some"). */
function roundUpToNano(value: Rational): Rational {
  const nanos = ceilAwayFromZero(mul(value, rational(1_000_000_000n)));
  return mul(fromBigint(nanos), NANO);
}

interface Interpreted {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(suffix: string): Interpreted | 'exponent-too-large' | undefined {
  const decimal = DECIMAL_SUFFIX_EXPONENTS[suffix];
  if (decimal !== undefined && Object.hasOwn(DECIMAL_SUFFIX_EXPONENTS, suffix)) {
    return { base: 10, exponent: decimal, format: 'DecimalSI' };
  }
  const binary = BINARY_SUFFIX_EXPONENTS[suffix];
  if (binary !== undefined && Object.hasOwn(BINARY_SUFFIX_EXPONENTS, suffix)) {
    return { base: 2, exponent: binary, format: 'BinarySI' };
  }
  // `E` alone is exa; `E` or `e` followed by a signed integer is a decimal exponent.
  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (exponent) {
    const value = Number.parseInt(exponent[1] ?? '', 10);
    if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_DECIMAL_EXPONENT) return 'exponent-too-large';
    return { base: 10, exponent: value, format: 'DecimalExponent' };
  }
  return undefined;
}

function isValidSuffix(suffix: string): boolean {
  const interpreted = interpretSuffix(suffix);
  return interpreted !== undefined && interpreted !== 'exponent-too-large';
}

function suffixError(numberEnd: number, suffix: string, numberText: string): UnitError {
  const offset = numberEnd;
  const length = Math.max(1, suffix.length);
  const base = { expected: EXPECTED_QUANTITY, offset, length };
  if (suffix === 'K') {
    return { ...base, message: '`K` is not a Kubernetes quantity suffix', hint: 'did you mean `k` (10^3) or `Ki` (2^10)?' };
  }
  const bytesLike = /^([kKMGTPE])(i?)(B|b|bit|bits)$/.exec(suffix);
  if (bytesLike) {
    const written = bytesLike[1] ?? '';
    const decimalLetter = written === 'K' ? 'k' : written;
    const binaryLetters = `${written === 'k' ? 'K' : written}i`;
    const power = ['k', 'M', 'G', 'T', 'P', 'E'].indexOf(decimalLetter) + 1;
    const binaryForm = `\`${numberText}${binaryLetters}\` (2^${power * 10} bytes)`;
    const fix = bytesLike[2] === 'i'
      ? `write ${binaryForm}`
      : `write \`${numberText}${decimalLetter}\` (10^${power * 3} bytes) or ${binaryForm}`;
    if (bytesLike[3] !== 'B') {
      return {
        ...base,
        message: `\`${suffix}\` is a unit of bits, and Kubernetes quantities have no unit letters`,
        hint: `\`${suffix}\` is bits; for bytes ${fix}`,
      };
    }
    return { ...base, message: `\`${suffix}\` is not a Kubernetes quantity suffix`, hint: `Kubernetes quantities have no B: ${fix}` };
  }
  if (/^[eE][+-]?$/.test(suffix)) {
    return { ...base, message: 'the exponent has no digits', hint: `write the exponent as digits, e.g. \`${numberText}e3\`` };
  }
  if (/^[eE][+-]?\d+$/.test(suffix)) {
    return { ...base, message: 'the exponent is too large', hint: `keep the exponent within ±${MAX_DECIMAL_EXPONENT}` };
  }
  const hint = didYouMean(suffix, SUFFIX_CANDIDATES);
  return {
    ...base,
    message: `\`${suffix}\` is not a Kubernetes quantity suffix`,
    hint: hint ?? 'use one of n u m k M G T P E (powers of 10), Ki Mi Gi Ti Pi Ei (powers of 2), or e<exponent>',
  };
}

/**
 * Parses `<sign><digits>[.<digits>]<suffix>` or `.<digits><suffix>` like the apiserver:
 * the value is rounded away from zero to a multiple of 10^-9, and a BinarySI value
 * strictly between −1 and 1 takes DecimalSI format. Unlike the apiserver, values above
 * 2^63−1 are kept exact instead of being capped, so that totals never silently shrink.
 */
export function parseQuantity(text: string): Parsed<Quantity> {
  if (text.length === 0) {
    return fail({ message: 'the quantity is empty', expected: EXPECTED_QUANTITY, offset: 0, length: 0 });
  }
  const leading = /^\s+/.exec(text);
  if (leading) {
    return fail({
      message: 'a quantity cannot start with a space',
      expected: EXPECTED_QUANTITY,
      hint: 'remove the space',
      offset: 0,
      length: leading[0].length,
    });
  }
  let position = 0;
  let negative = false;
  if (text[0] === '+' || text[0] === '-') {
    negative = text[0] === '-';
    position = 1;
  }
  const digitsStart = position;
  while (isDigitAt(text, position)) position += 1;
  const whole = text.slice(digitsStart, position);
  let fraction = '';
  if (text[position] === '.') {
    const dot = position;
    position += 1;
    while (isDigitAt(text, position)) position += 1;
    fraction = text.slice(dot + 1, position);
  }
  if (whole.length === 0 && fraction.length === 0) {
    const word = /^\S*/.exec(text.slice(digitsStart))?.[0] ?? '';
    return fail({
      message: word.length === 0 ? 'a number is missing' : `\`${word}\` is not a number`,
      expected: EXPECTED_QUANTITY,
      offset: digitsStart,
      length: Math.max(1, word.length),
    });
  }
  const numberEnd = position;
  const numberText = text.slice(0, numberEnd);

  const space = /^\s+/.exec(text.slice(numberEnd));
  if (space) {
    const rest = text.slice(numberEnd + space[0].length).trimEnd();
    const spaceError = {
      message: 'a Kubernetes quantity has no space between the number and its suffix',
      expected: EXPECTED_QUANTITY,
      offset: numberEnd,
      length: space[0].length,
    };
    if (rest.length === 0) return fail({ ...spaceError, message: 'a quantity cannot end with a space', hint: 'remove the space' });
    if (isValidSuffix(rest)) {
      return fail({ ...spaceError, hint: `remove the space: \`${numberText}${rest}\`` });
    }
    const restError = suffixError(numberEnd + space[0].length, rest, numberText);
    return fail({ ...spaceError, hint: `remove the space; also, ${restError.hint ?? restError.message}` });
  }

  const suffix = text.slice(numberEnd);
  const blank = suffix.search(/\s/);
  if (blank > 0 && isValidSuffix(suffix.slice(0, blank))) {
    const gap = /^\s+/.exec(suffix.slice(blank))?.[0] ?? '';
    const extra = suffix.slice(blank + gap.length).trimEnd();
    const at = numberEnd + blank;
    return fail(
      extra.length === 0
        ? { message: 'a quantity cannot end with a space', expected: EXPECTED_QUANTITY, hint: 'remove the space', offset: at, length: gap.length }
        : {
            message: `unexpected \`${extra}\` after the quantity`,
            expected: EXPECTED_QUANTITY,
            hint: 'put the description elsewhere',
            offset: at + gap.length,
            length: extra.length,
          },
    );
  }
  const interpreted = interpretSuffix(suffix);
  if (interpreted === undefined || interpreted === 'exponent-too-large') {
    return fail(suffixError(numberEnd, suffix, numberText));
  }
  const magnitude = fromDecimalString(`${whole}${fraction.length > 0 ? `.${fraction}` : ''}`);
  if (magnitude === undefined) {
    return fail({ message: `\`${numberText}\` is not a number`, expected: EXPECTED_QUANTITY, offset: 0, length: numberEnd });
  }
  const multiplier =
    interpreted.base === 2
      ? rational(2n ** BigInt(interpreted.exponent))
      : interpreted.exponent >= 0
        ? rational(10n ** BigInt(interpreted.exponent))
        : rational(1n, 10n ** BigInt(-interpreted.exponent));
  let value = roundUpToNano(mul(magnitude, multiplier));
  if (negative) value = neg(value);
  let format = interpreted.format;
  if (format === 'BinarySI' && !isZero(value) && compare(absRational(value), rational(1n)) < 0) format = 'DecimalSI';
  return ok({ value, format });
}

function absRational(value: Rational): Rational {
  return value.num < 0n ? neg(value) : value;
}

/**
 * A quantity from a YAML scalar: YAML turns `cpu: 0.5` into a number, so when the
 * source text is at hand (`raw`) it is parsed instead, which keeps `0.50` and `1e3` exact.
 */
export function quantityFromNumber(n: number | bigint, raw?: string): Parsed<Quantity> {
  if (raw !== undefined) return parseQuantity(raw.trim());
  if (typeof n === 'bigint') return parseQuantity(n.toString());
  if (!Number.isFinite(n)) {
    return fail({ message: `${String(n)} is not a quantity`, expected: EXPECTED_QUANTITY, offset: 0, length: 1 });
  }
  // String(n) is the shortest text that reads back as the same double: 0.1 → "0.1", 1e21 → "1e+21".
  return parseQuantity(String(n));
}

/** Like Quantity.Value(): the value rounded up (away from zero) to an integer. */
export function quantityValueCeil(q: Quantity): bigint {
  return ceilAwayFromZero(q.value);
}

/** Like Quantity.MilliValue(): the value in thousandths, rounded up (away from zero). */
export function quantityMilliValueCeil(q: Quantity): bigint {
  return ceilAwayFromZero(mul(q.value, rational(1000n)));
}

/**
 * Quantity.String(): the value rounded up to nano, then the largest suffix that keeps the
 * mantissa an integer (exponent a multiple of 3 for decimal). BinarySI prints in binary
 * suffixes only for whole byte counts of at least 1024; otherwise it falls back to DecimalSI.
 * Decimal exponents past `E` (10^18) print as `e<n>`, as the apiserver does.
 */
export function canonicalQuantity(q: Quantity): string {
  const value = roundUpToNano(q.value);
  if (isZero(value)) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const magnitude = absRational(value);
    if (compare(magnitude, rational(1024n)) < 0 || value.den !== 1n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let mantissa = value.num;
    let power = 0;
    while (power < BINARY_SUFFIXES.length - 1 && absBigint(mantissa) >= 1024n && mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      power += 1;
    }
    return `${mantissa}${BINARY_SUFFIXES[power] ?? ''}`;
  }
  let mantissa = ceil(mul(value, rational(1_000_000_000n)));
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent -= 1;
  }
  if (format === 'DecimalSI') {
    const suffix = Object.entries(DECIMAL_SUFFIX_EXPONENTS).find(([, e]) => e === exponent)?.[0];
    if (suffix !== undefined) return `${mantissa}${suffix}`;
  }
  return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
}

function absBigint(value: bigint): bigint {
  return value < 0n ? -value : value;
}

const EXPECTED_CPU = 'a CPU amount such as `250m`, `0.5`, `2`, `2 cores` or `8 vCPU`';
const CORE_WORDS = ['cores', 'core', 'vCPUs', 'vCPU', 'CPUs', 'CPU'];

function isCoreWord(word: string): boolean {
  return CORE_WORDS.some((w) => w.toLowerCase() === word.toLowerCase());
}

/**
 * CPU in millicores, rounded up as the apiserver's MilliValue() does: quantities
 * (`250m`, `0.5`, `2`, `1e3`, so `100u` is 1m) and the words documents use
 * (`2 cores`, `1 core`, `8 vCPU`, `4 CPU`, `2 vCPUs`). Negative CPU is an error.
 */
export function cpuMillicores(text: string | number): Parsed<bigint> {
  if (typeof text === 'number') return nonNegativeCpu(quantityFromNumber(text), String(text));
  const human = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(\s*)([A-Za-z]+)$/.exec(text);
  if (human) {
    const number = human[1] ?? '';
    const spaces = human[2] ?? '';
    const word = human[3] ?? '';
    if (isCoreWord(word)) {
      const cores = fromDecimalString(number);
      if (cores === undefined) {
        return fail({ message: `\`${number}\` is not a number`, expected: EXPECTED_CPU, offset: 0, length: number.length });
      }
      if (cores.num < 0n) return fail(negativeCpuError());
      return ok(ceil(mul(cores, rational(1000n))));
    }
    if (spaces.length > 0 && interpretSuffix(word) === undefined) {
      const hint = didYouMean(word, CORE_WORDS);
      return fail({
        message: `\`${word}\` is not a CPU unit`,
        expected: EXPECTED_CPU,
        hint: hint ?? 'write cores (`2 cores`, `2`) or millicores (`250m`)',
        offset: number.length + spaces.length,
        length: word.length,
      });
    }
  }
  return nonNegativeCpu(parseQuantity(text), text);
}

function negativeCpuError(): UnitError {
  return { message: 'CPU cannot be negative', expected: EXPECTED_CPU, offset: 0, length: 1 };
}

function nonNegativeCpu(parsed: Parsed<Quantity>, text: string): Parsed<bigint> {
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, expected: EXPECTED_CPU } };
  if (parsed.value.value.num < 0n) return fail({ ...negativeCpuError(), length: text.startsWith('-') ? 1 : Math.max(1, text.length) });
  return ok(quantityMilliValueCeil(parsed.value));
}

/** Millicores as Kubernetes prints them: `250m`, `2`, `1500m` (and `1k` for a thousand cores). */
export function formatMillicores(m: bigint): string {
  return canonicalQuantity({ value: rational(m, 1000n), format: 'DecimalSI' });
}

const EXPECTED_MEMORY = 'a memory size such as `128Mi`, `1.5Gi`, `1G` or `16 GB`';

/**
 * Memory in bytes, rounded up to a whole byte: Kubernetes quantities (`128Mi`, `1.5Gi`,
 * `1G`, even `100m`, which is a tenth of a byte and so 1 byte) and human sizes (`16 GB`,
 * `1.5GiB`). Approximate (`~`) and open (`+`) sizes are refused: use parseStated for those.
 */
export function memoryBytes(text: string | number): Parsed<bigint> {
  if (typeof text === 'number') return nonNegativeMemory(quantityFromNumber(text), String(text));
  const quantity = parseQuantity(text);
  if (quantity.ok) return nonNegativeMemory(quantity, text);
  const human = parseBytes(text);
  if (human.ok) {
    if (human.value.approx) {
      return fail({ message: 'a memory size must be exact here', expected: EXPECTED_MEMORY, hint: 'remove the `~`', offset: 0, length: 1 });
    }
    if (human.value.atLeast) {
      const plus = text.lastIndexOf('+');
      return fail({ message: 'a memory size must be exact here', expected: EXPECTED_MEMORY, hint: 'remove the `+`', offset: plus, length: 1 });
    }
    return ok(human.value.bytes);
  }
  // Report in the grammar the writer was using: a `B`, a space or a leading `~` means a human size.
  const humanLike = /\s|[Bb]|^[~≈]/.test(text.trim()) && !/^\s/.test(text);
  const error = humanLike ? human.error : quantity.error;
  return { ok: false, error: { ...error, expected: EXPECTED_MEMORY } };
}

function nonNegativeMemory(parsed: Parsed<Quantity>, text: string): Parsed<bigint> {
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, expected: EXPECTED_MEMORY } };
  if (parsed.value.value.num < 0n) {
    return fail({ message: 'memory cannot be negative', expected: EXPECTED_MEMORY, offset: 0, length: text.startsWith('-') ? 1 : Math.max(1, text.length) });
  }
  return ok(quantityValueCeil(parsed.value));
}
