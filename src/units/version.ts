/**
 * Versions and version requirements as infrastructure documents write them: loose
 * (`15.4`, `22.04`, `v1.28.5+k3s1`, `5.10`), not only semver. Parts are kept as
 * integers, so `5.10` is minor 10 (above `5.9`), and `22.04` is 22.4 numerically.
 *
 * Range semantics follow semver wherever semver has an answer (caret, tilde, x-ranges,
 * hyphen ranges, partial versions after `<=` and `>`), extended to any number of
 * parts: a version "line" is every version that starts with the written parts, so
 * `15.4` holds 15.4, 15.4.1 and 15.4.1.2.
 */
import { fail, ok, type Parsed } from './result.js';
import { didYouMean } from './suggest.js';
import { isSpace, skipSpaces, trimEnd } from './scan.js';

export interface Version {
  /** Numeric parts as written: `1.28.5` → [1, 28, 5]; missing parts compare as 0. */
  parts: number[];
  /** Dot-separated prerelease identifiers: `1.29.0-rc.1` → ['rc', '1']. */
  prerelease: string[];
  /** Build metadata: `v1.28.5+k3s1` → ['k3s1']. Ignored by ordering. */
  build: string[];
  /** The text as written (or `String(n)` for a number). */
  raw: string;
}

/**
 * One interval of versions. An exclusive upper bound without a prerelease also
 * excludes that version's prereleases (semver's `<1.30.0-0`): "below 1.30" keeps
 * 1.30.0-rc.1 out. `build`, when present, makes the interval a single build.
 */
export interface VersionInterval {
  lower?: { version: Version; inclusive: boolean };
  upper?: { version: Version; inclusive: boolean };
  build?: string[];
}

export interface VersionRange {
  raw: string;
  /** True when no version is pinned (`latest`, `any`, or none written). */
  any: boolean;
  /** Human summary, e.g. `1.28 or later`, `7.x or 8.x`, `exactly v1.28.5+k3s1`. */
  describe: string;
  test(v: Version): boolean;
  /** The lowest admitted version, when the range has an inclusive lower bound. */
  minimum?: Version;
  /** The first version above the range, when every alternative has an exclusive upper bound. */
  maximumExclusive?: Version;
  /**
   * The admitted set as a union of intervals. Absent on hand-made ranges, for which
   * `rangesOverlap` answers `undefined`.
   */
  intervals?: readonly VersionInterval[];
}

const VERSION_EXPECTED = 'a version such as `1.28`, `15.4.1` or `v1.28.5+k3s1`';
const RANGE_EXPECTED =
  'a version range such as `13+`, `>=1.28 <1.30`, `1.28.x`, `^1.2.3`, `7/8`, `13 - 15` or `latest`';

// ---------------------------------------------------------------------------------
// Scanning

interface ScannedVersion {
  start: number;
  end: number;
  /** Numeric parts written before any wildcard. */
  parts: number[];
  /** `1.28.x`, `1.*`. */
  wildcard: boolean;
  prerelease: string[];
  build: string[];
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isIdentifierChar(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9A-Za-z-]$/.test(ch);
}




function scanIdentifiers(text: string, at: number, to: number): { identifiers: string[]; end: number } {
  const identifiers: string[] = [];
  let i = at;
  for (;;) {
    const start = i;
    while (i < to && isIdentifierChar(text[i])) i++;
    identifiers.push(text.slice(start, i));
    if (text[i] === '.' && isIdentifierChar(text[i + 1]) && i + 1 < to) {
      i++;
      continue;
    }
    return { identifiers, end: i };
  }
}

/** Reads one version at `at`; stops at the first character that cannot continue it. */
function scanVersion(text: string, at: number, to: number): Parsed<ScannedVersion> {
  let i = at;
  if ((text[i] === 'v' || text[i] === 'V') && isDigit(text[i + 1])) i++;
  if (!isDigit(text[i]) || i >= to) {
    return fail({
      message: i >= to ? 'a version is missing' : `\`${text.slice(at, to)}\` is not a version`,
      expected: VERSION_EXPECTED,
      offset: at,
      length: Math.max(0, to - at),
    });
  }
  const parts: number[] = [];
  let wildcard = false;
  for (;;) {
    const partStart = i;
    if (isDigit(text[i])) {
      while (i < to && isDigit(text[i])) i++;
      const part = Number(text.slice(partStart, i));
      if (!Number.isSafeInteger(part)) {
        return fail({
          message: `version part \`${text.slice(partStart, i)}\` is too large`,
          expected: VERSION_EXPECTED,
          offset: partStart,
          length: i - partStart,
        });
      }
      if (wildcard) {
        return fail({
          message: 'a number cannot follow a wildcard part',
          expected: 'a wildcard range such as `1.28.x`',
          offset: partStart,
          length: i - partStart,
        });
      }
      parts.push(part);
    } else {
      // Only a wildcard reaches here: the loop continues only past `.` + digit/wildcard.
      i++;
      wildcard = true;
    }
    const next = text[i + 1];
    if (text[i] === '.' && i + 1 < to && (isDigit(next) || next === 'x' || next === 'X' || next === '*')) {
      i++;
      continue;
    }
    if (text[i] === '.' && i + 1 <= to) {
      return fail({
        message: `a version part is missing after \`${text.slice(at, i + 1)}\``,
        expected: VERSION_EXPECTED,
        offset: i,
        length: 1,
      });
    }
    break;
  }
  let prerelease: string[] = [];
  let build: string[] = [];
  if (text[i] === '-' && i + 1 < to && isIdentifierChar(text[i + 1])) {
    const scanned = scanIdentifiers(text, i + 1, to);
    prerelease = scanned.identifiers;
    i = scanned.end;
  }
  if (text[i] === '+' && i + 1 < to && isIdentifierChar(text[i + 1])) {
    const scanned = scanIdentifiers(text, i + 1, to);
    build = scanned.identifiers;
    i = scanned.end;
  }
  if (wildcard && (prerelease.length > 0 || build.length > 0)) {
    return fail({
      message: 'a wildcard version cannot carry a prerelease or build',
      expected: 'a wildcard range such as `1.28.x`',
      offset: at,
      length: i - at,
    });
  }
  return ok({ start: at, end: i, parts, wildcard, prerelease, build });
}

/** For `1.28.x` the version is the line's first, `1.28`, written without the wildcard. */
function toVersion(text: string, scanned: ScannedVersion): Version {
  const written = text.slice(scanned.start, scanned.end);
  return {
    parts: scanned.parts,
    prerelease: scanned.prerelease,
    build: scanned.build,
    raw: scanned.wildcard ? written.replace(/(?:\.[xX*])+$/, '') : written,
  };
}

// ---------------------------------------------------------------------------------
// Versions

/**
 * Parses one version. A number argument (YAML `version: 15.4`) is read as `String(n)`,
 * so `7.0` arrives as `7` and `5.10` as `5.1`: callers that have the source text pass
 * it instead.
 */
export function parseVersion(text: string | number): Parsed<Version> {
  const source = typeof text === 'number' ? numberText(text) : text;
  if (source === undefined) {
    return fail({ message: `${String(text)} is not a version`, expected: VERSION_EXPECTED, offset: 0, length: String(text).length });
  }
  const from = skipSpaces(source, 0, source.length);
  const to = trimEnd(source, from, source.length);
  if (from >= to) {
    return fail({ message: 'the version is empty', expected: VERSION_EXPECTED, offset: 0, length: 0 });
  }
  const scanned = scanVersion(source, from, to);
  if (!scanned.ok) {
    const embedded = /\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.-]+)?/.exec(source.slice(from, to));
    if (embedded !== null && scanned.error.offset === from) {
      return fail({
        ...scanned.error,
        hint: `pass only the version, e.g. \`${embedded[0]}\``,
      });
    }
    return scanned;
  }
  const { end } = scanned.value;
  if (scanned.value.wildcard) {
    return fail({
      message: `\`${source.slice(from, end)}\` is a range of versions, not one version`,
      expected: VERSION_EXPECTED,
      hint: `write the version line as \`${scanned.value.parts.join('.')}\`, or parse it as a range`,
      offset: from,
      length: end - from,
    });
  }
  if (end < to) {
    const plus = source[end] === '+' && end + 1 === to;
    return fail({
      message: plus
        ? `\`${source.slice(from, to)}\` is a range (this version or later), not one version`
        : `unexpected \`${source.slice(end, to)}\` after the version`,
      expected: VERSION_EXPECTED,
      ...(plus ? { hint: `write \`${source.slice(from, end)}\`` } : {}),
      offset: end,
      length: to - end,
    });
  }
  return ok(toVersion(source, scanned.value));
}

function numberText(n: number): string | undefined {
  const written = String(n);
  return Number.isFinite(n) && n >= 0 && /^\d+(\.\d+)?$/.test(written) ? written : undefined;
}

/** Canonical text: no `v`, no leading zeros (`22.04` → `22.4`). Show `raw` to people. */
export function formatVersion(v: Version): string {
  let text = v.parts.join('.');
  if (v.prerelease.length > 0) text += `-${v.prerelease.join('.')}`;
  if (v.build.length > 0) text += `+${v.build.join('.')}`;
  return text;
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareParts(a: readonly number[], b: readonly number[]): -1 | 0 | 1 {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return sign(difference);
  }
  return 0;
}

function compareIdentifier(a: string, b: string): -1 | 0 | 1 {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  // Semver §11: numeric identifiers sort before alphanumeric ones.
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Numeric part-wise order (missing parts are 0), then semver prerelease precedence
 * (a prerelease sorts before its release); build metadata is ignored.
 */
export function compareVersions(a: Version, b: Version): -1 | 0 | 1 {
  const byParts = compareParts(a.parts, b.parts);
  if (byParts !== 0) return byParts;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return a.prerelease.length === b.prerelease.length ? 0 : a.prerelease.length === 0 ? 1 : -1;
  }
  const length = Math.max(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < length; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const byIdentifier = compareIdentifier(x, y);
    if (byIdentifier !== 0) return byIdentifier;
  }
  return 0;
}

// ---------------------------------------------------------------------------------
// Ranges

function computed(parts: number[]): Version {
  return { parts, prerelease: [], build: [], raw: parts.join('.') };
}

/** The first version after the line `parts` (`1.28` → `1.29`). */
function nextLine(parts: readonly number[], index = parts.length - 1): Version {
  const next = parts.slice(0, index + 1);
  next[index] = (next[index] ?? 0) + 1;
  return computed(next);
}

/** What an upper bound is compared against; see `VersionInterval` for the prerelease rule. */
function upperKey(bound: { version: Version; inclusive: boolean }): Version {
  if (bound.inclusive || bound.version.prerelease.length > 0) return bound.version;
  // `0` is the lowest prerelease identifier, so X-0 is below every prerelease of X.
  return { ...bound.version, prerelease: ['0'] };
}

function admits(interval: VersionInterval, v: Version): boolean {
  const { lower, upper, build } = interval;
  if (lower !== undefined) {
    const c = compareVersions(v, lower.version);
    if (c < 0 || (c === 0 && !lower.inclusive)) return false;
  }
  if (upper !== undefined) {
    const c = compareVersions(v, upperKey(upper));
    if (c > 0 || (c === 0 && !upper.inclusive)) return false;
  }
  if (build !== undefined && build.join('.') !== v.build.join('.')) return false;
  return true;
}

function tighterLower(
  a: VersionInterval['lower'],
  b: VersionInterval['lower'],
): VersionInterval['lower'] {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const c = compareVersions(a.version, b.version);
  if (c !== 0) return c > 0 ? a : b;
  return a.inclusive ? b : a;
}

function tighterUpper(
  a: VersionInterval['upper'],
  b: VersionInterval['upper'],
): VersionInterval['upper'] {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const c = compareVersions(upperKey(a), upperKey(b));
  if (c !== 0) return c < 0 ? a : b;
  return a.inclusive ? b : a;
}

function isEmpty(interval: VersionInterval): boolean {
  const { lower, upper } = interval;
  if (lower === undefined || upper === undefined) return false;
  const c = compareVersions(lower.version, upperKey(upper));
  if (c !== 0) return c > 0;
  return !(lower.inclusive && upper.inclusive);
}

function intersect(a: VersionInterval, b: VersionInterval): VersionInterval | undefined {
  if (a.build !== undefined && b.build !== undefined && a.build.join('.') !== b.build.join('.')) {
    return undefined;
  }
  const lower = tighterLower(a.lower, b.lower);
  const upper = tighterUpper(a.upper, b.upper);
  const build = a.build ?? b.build;
  const result: VersionInterval = {
    ...(lower === undefined ? {} : { lower }),
    ...(upper === undefined ? {} : { upper }),
    ...(build === undefined ? {} : { build }),
  };
  return isEmpty(result) ? undefined : result;
}

interface Constraint {
  interval: VersionInterval;
  describe: string;
}

type Operator = '>=' | '>' | '<=' | '<' | '=' | '^' | '~';

const OPERATORS: readonly (readonly [string, Operator])[] = [
  ['>=', '>='],
  ['<=', '<='],
  ['≥', '>='],
  ['≤', '<='],
  ['==', '='],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
  ['^', '^'],
  ['~', '~'],
];

function lineInterval(version: Version): VersionInterval {
  return { lower: { version, inclusive: true }, upper: { version: nextLine(version.parts), inclusive: false } };
}

/** Turns one operator and version into an interval, following semver for partial versions. */
function constraintFor(op: Operator | 'line' | 'plus', scanned: ScannedVersion, text: string): Constraint {
  const version = toVersion(text, scanned);
  const written = version.raw;
  // A version with a prerelease is a point, not a line: `<=1.30.0-rc.1` is inclusive.
  const precise = version.prerelease.length > 0 || version.build.length > 0;
  switch (op) {
    case 'plus':
    case '>=':
      return { interval: { lower: { version, inclusive: true } }, describe: `${written} or later` };
    case '>':
      if (precise) return { interval: { lower: { version, inclusive: false } }, describe: `later than ${written}` };
      return {
        interval: { lower: { version: nextLine(version.parts), inclusive: true } },
        describe: `later than ${written}`,
      };
    case '<':
      return { interval: { upper: { version, inclusive: false } }, describe: `below ${written}` };
    case '<=':
      if (precise) return { interval: { upper: { version, inclusive: true } }, describe: `${written} or earlier` };
      return {
        interval: { upper: { version: nextLine(version.parts), inclusive: false } },
        describe: `${written} or earlier`,
      };
    case '=':
      if (scanned.wildcard) return { interval: lineInterval(version), describe: text.slice(scanned.start, scanned.end) };
      return {
        interval: {
          lower: { version, inclusive: true },
          upper: { version, inclusive: true },
          ...(version.build.length > 0 ? { build: version.build } : {}),
        },
        describe: `exactly ${written}`,
      };
    case 'line':
      if (precise) return constraintFor('=', scanned, text);
      return {
        interval: lineInterval(version),
        describe: scanned.wildcard ? text.slice(scanned.start, scanned.end) : `${written}.x`,
      };
    case '^': {
      // Semver: changes that keep the left-most non-zero part; all zeros bump the last written.
      const firstNonZero = version.parts.findIndex((part) => part !== 0);
      const upper = nextLine(version.parts, firstNonZero < 0 ? version.parts.length - 1 : firstNonZero);
      return {
        interval: { lower: { version, inclusive: true }, upper: { version: upper, inclusive: false } },
        describe: `${written} or later, below ${upper.raw}`,
      };
    }
    case '~': {
      const upper = nextLine(version.parts, version.parts.length >= 2 ? 1 : 0);
      return {
        interval: { lower: { version, inclusive: true }, upper: { version: upper, inclusive: false } },
        describe: `${written} or later, below ${upper.raw}`,
      };
    }
  }
}

const ANY_PHRASES: Readonly<Record<string, string>> = {
  any: 'any version',
  '*': 'any version',
  x: 'any version',
  latest: 'any version (`latest` is not pinned)',
  'latest stable': 'any version (`latest stable` is not pinned)',
  stable: 'any version (`stable` is not pinned)',
};

function anyRange(raw: string, describe: string): VersionRange {
  return { raw, any: true, describe, test: () => true, intervals: [{}] };
}

function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || isSpace(ch) || ch === ',';
}

/** Parses one alternative (no `/` or `||`): a hyphen range or comparators joined by AND. */
function parseAlternative(text: string, from: number, to: number): Parsed<Constraint> {
  const hyphen = /\s+-\s+/.exec(text.slice(from, to));
  if (hyphen !== null) {
    const leftEnd = from + hyphen.index;
    const rightStart = leftEnd + hyphen[0].length;
    const left = scanWhole(text, from, leftEnd);
    if (!left.ok) return left;
    const right = scanWhole(text, rightStart, to);
    if (!right.ok) return right;
    const lower = constraintFor('>=', left.value, text);
    const upper = constraintFor('<=', right.value, text);
    const interval = intersect(lower.interval, upper.interval);
    if (interval === undefined) {
      return fail({
        message: `the range \`${text.slice(from, to)}\` is empty: it ends before it starts`,
        expected: RANGE_EXPECTED,
        offset: from,
        length: to - from,
      });
    }
    return ok({
      interval,
      describe: `${toVersion(text, left.value).raw} through ${toVersion(text, right.value).raw}`,
    });
  }

  const constraints: Constraint[] = [];
  let i = skipSpaces(text, from, to);
  while (i < to) {
    const opStart = i;
    let op: Operator | undefined;
    if (text.startsWith('~>', i)) {
      return fail({
        message: '`~>` means different things in Ruby and in semver',
        expected: RANGE_EXPECTED,
        hint: 'write `~1.2` (1.2.x) or `^1.2` (below 2), or spell the bounds: `>=1.2 <2`',
        offset: i,
        length: 2,
      });
    }
    if (text.startsWith('!=', i)) {
      return fail({
        message: 'excluding one version is not supported',
        expected: RANGE_EXPECTED,
        hint: 'use two alternatives, e.g. `<1.29 || >=1.30`',
        offset: i,
        length: 2,
      });
    }
    for (const [spelling, operator] of OPERATORS) {
      if (text.startsWith(spelling, i)) {
        op = operator;
        i += spelling.length;
        break;
      }
    }
    const opEnd = i;
    i = skipSpaces(text, i, to);
    if (op !== undefined && (i >= to || text[i] === ',')) {
      return fail({
        message: `\`${text.slice(opStart, opEnd)}\` needs a version after it`,
        expected: 'a version such as `1.30`',
        offset: opStart,
        length: opEnd - opStart,
      });
    }
    const scanned = scanVersion(text, i, to);
    if (!scanned.ok) return scanned;
    let end = scanned.value.end;
    let plus = false;
    if (text[end] === '+') {
      plus = true;
      end++;
      if (text[end] === '+') {
        return fail({
          message: `unexpected \`+\` after \`${text.slice(i, end)}\``,
          expected: RANGE_EXPECTED,
          hint: `write \`${text.slice(i, end)}\` for ${text.slice(i, end - 1)} or later`,
          offset: end,
          length: 1,
        });
      }
      if (op !== undefined) {
        return fail({
          message: `\`${text.slice(opStart, end)}\` has both an operator and \`+\``,
          expected: RANGE_EXPECTED,
          hint: `write \`${text.slice(i, end)}\` or \`${text.slice(opStart, end - 1)}\``,
          offset: end - 1,
          length: 1,
        });
      }
      if (scanned.value.wildcard) {
        return fail({
          message: 'a wildcard version cannot be followed by `+`',
          expected: RANGE_EXPECTED,
          hint: `write \`${scanned.value.parts.join('.')}+\``,
          offset: end - 1,
          length: 1,
        });
      }
    }
    if (!isBoundary(text[end]) && end < to) {
      const stop = trimEnd(text, end, to);
      const glued = /^[<>=≤≥^~]/.test(text.slice(end, stop));
      return fail({
        message: `unexpected \`${text.slice(end, stop)}\` in the version range`,
        expected: RANGE_EXPECTED,
        ...(glued ? { hint: `separate the comparators with a space: \`${text.slice(opStart, end)} ${text.slice(end, stop)}\`` } : {}),
        offset: end,
        length: Math.max(1, stop - end),
      });
    }
    const { prerelease, parts } = scanned.value;
    if (op === undefined && !plus && parts.length <= 2 && prerelease.length > 0 && prerelease.every((p) => /^\d+$/.test(p))) {
      // `13-15` reads as a range but is a prerelease in semver's grammar.
      return fail({
        message: `\`${text.slice(i, end)}\` is ambiguous: a range or a prerelease`,
        expected: RANGE_EXPECTED,
        hint: `write \`${text.slice(i, end).replace('-', ' - ')}\` for a range`,
        offset: i,
        length: end - i,
      });
    }
    constraints.push(constraintFor(plus ? 'plus' : (op ?? 'line'), scanned.value, text));
    i = skipSpaces(text, end, to);
    if (text[i] === ',') {
      const comma = i;
      i = skipSpaces(text, i + 1, to);
      if (i >= to) {
        return fail({
          message: 'a comma ends the range',
          expected: RANGE_EXPECTED,
          hint: 'remove the comma, or add the other bound, e.g. `>= 1.28, < 1.30`',
          offset: comma,
          length: 1,
        });
      }
    }
  }
  if (constraints.length === 0) {
    return fail({ message: 'a version range is empty', expected: RANGE_EXPECTED, offset: from, length: to - from });
  }
  let interval: VersionInterval | undefined = {};
  for (const constraint of constraints) {
    interval = interval === undefined ? undefined : intersect(interval, constraint.interval);
  }
  if (interval === undefined) {
    const written = text.slice(from, to).trim();
    const allBare = !/[<>=≤≥^~+]/.test(written);
    return fail({
      message: `no version satisfies \`${written}\``,
      expected: RANGE_EXPECTED,
      hint: allBare
        ? `versions side by side must all hold; for either, write \`${written.split(/[\s,]+/).join(' || ')}\``
        : 'check the direction of the bounds',
      offset: from,
      length: to - from,
    });
  }
  return ok({ interval, describe: constraints.map((c) => c.describe).join(' and ') });
}

/** A single version that must fill `[from, to)` (a side of a hyphen range). */
function scanWhole(text: string, from: number, to: number): Parsed<ScannedVersion> {
  const start = skipSpaces(text, from, to);
  const end = trimEnd(text, start, to);
  const scanned = scanVersion(text, start, end);
  if (!scanned.ok) return scanned;
  if (scanned.value.end < end) {
    return fail({
      message: `unexpected \`${text.slice(scanned.value.end, end)}\` in a hyphen range`,
      expected: 'a hyphen range such as `13 - 15`',
      offset: scanned.value.end,
      length: end - scanned.value.end,
    });
  }
  return scanned;
}

function lowestMinimum(intervals: readonly VersionInterval[]): Version | undefined {
  let minimum: Version | undefined;
  for (const interval of intervals) {
    if (interval.lower === undefined || !interval.lower.inclusive) return undefined;
    if (minimum === undefined || compareVersions(interval.lower.version, minimum) < 0) {
      minimum = interval.lower.version;
    }
  }
  return minimum;
}

function highestMaximumExclusive(intervals: readonly VersionInterval[]): Version | undefined {
  let maximum: Version | undefined;
  for (const interval of intervals) {
    if (interval.upper === undefined || interval.upper.inclusive) return undefined;
    if (maximum === undefined || compareVersions(upperKey(interval.upper), upperKey({ version: maximum, inclusive: false })) > 0) {
      maximum = interval.upper.version;
    }
  }
  return maximum;
}

function rangeFromIntervals(raw: string, intervals: VersionInterval[], describe: string): VersionRange {
  const minimum = lowestMinimum(intervals);
  const maximumExclusive = highestMaximumExclusive(intervals);
  return {
    raw,
    any: false,
    describe,
    test: (v: Version) => intervals.some((interval) => admits(interval, v)),
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximumExclusive === undefined ? {} : { maximumExclusive }),
    intervals,
  };
}

function parseRangeSpan(text: string, from: number, to: number): Parsed<VersionRange> {
  const start = skipSpaces(text, from, to);
  const end = trimEnd(text, start, to);
  const raw = text.slice(start, end);
  if (raw === '') {
    return fail({ message: 'the version range is empty', expected: RANGE_EXPECTED, offset: start, length: 0 });
  }
  const anyDescribe = ANY_PHRASES[raw.toLowerCase().replace(/\s+/g, ' ')];
  if (anyDescribe !== undefined) return ok(anyRange(raw, anyDescribe));
  if (/^[A-Za-z]/.test(raw) && !/^[vV]\d/.test(raw)) {
    const word = /^[A-Za-z]+(?:\s+[A-Za-z]+)*/.exec(raw)?.[0] ?? raw;
    const hint = didYouMean(word, Object.keys(ANY_PHRASES));
    return fail({
      message: `\`${word}\` is not a version`,
      expected: RANGE_EXPECTED,
      ...(hint === undefined ? {} : { hint }),
      offset: start,
      length: word.length,
    });
  }

  // `7/8` (as in `CentOS 7/8`) and semver's `||` both mean either.
  const alternatives: [number, number][] = [];
  let altStart = start;
  for (let i = start; i < end; i++) {
    if (text[i] === '/' || text.startsWith('||', i)) {
      alternatives.push([altStart, i]);
      i += text[i] === '/' ? 0 : 1;
      altStart = i + 1;
    }
  }
  alternatives.push([altStart, end]);
  const intervals: VersionInterval[] = [];
  const describes: string[] = [];
  for (const [altFrom, altTo] of alternatives) {
    if (skipSpaces(text, altFrom, altTo) >= altTo) {
      // Point at the separator next to the missing alternative.
      return fail({
        message: 'an alternative of the range is empty',
        expected: RANGE_EXPECTED,
        offset: altFrom === start ? altTo : altFrom - 1,
        length: 1,
      });
    }
    const alternative = parseAlternative(text, altFrom, altTo);
    if (!alternative.ok) return alternative;
    intervals.push(alternative.value.interval);
    describes.push(alternative.value.describe);
  }
  if (intervals.every((interval) => interval.lower === undefined && interval.upper === undefined && interval.build === undefined)) {
    return ok(anyRange(raw, 'any version'));
  }
  return ok(rangeFromIntervals(raw, intervals, describes.join(' or ')));
}

/**
 * Parses a version requirement. A number argument is read as `String(n)`; see
 * `parseVersion` for what that loses.
 */
export function parseVersionRange(text: string | number): Parsed<VersionRange> {
  const source = typeof text === 'number' ? numberText(text) : text;
  if (source === undefined) {
    return fail({ message: `${String(text)} is not a version range`, expected: RANGE_EXPECTED, offset: 0, length: String(text).length });
  }
  return parseRangeSpan(source, 0, source.length);
}

/**
 * Whether some version satisfies both ranges; `undefined` when a range carries no
 * `intervals` (made by hand), because then nothing is known but its `test`.
 * Versions are treated as dense: between two different versions there is always another
 * (1.2.3.1 lies between 1.2.3 and 1.2.4).
 */
export function rangesOverlap(a: VersionRange, b: VersionRange): boolean | undefined {
  if (a.intervals === undefined || b.intervals === undefined) return undefined;
  for (const x of a.intervals) {
    for (const y of b.intervals) {
      if (intersect(x, y) !== undefined) return true;
    }
  }
  return false;
}

/** The lowest version the range admits, when it has one (`13+` → 13, `<22.04` → none). */
export function rangeMinimum(r: VersionRange): Version | undefined {
  if (r.minimum !== undefined) return r.minimum;
  return r.intervals === undefined ? undefined : lowestMinimum(r.intervals);
}

// ---------------------------------------------------------------------------------
// Operating systems and software

export interface OsRequirement {
  /** Canonical id: ubuntu, debian, rocky, almalinux, fedora, centos, rhel, alpine, amazonlinux, linux (any). */
  distro: string;
  /** The distribution's name as written (`Rocky Linux`). */
  name: string;
  range: VersionRange;
  lts: boolean;
  /** Lower-case release codename (`bookworm`), checked against the version. */
  codename?: string;
}

const DISTROS: readonly { id: string; names: readonly string[] }[] = [
  { id: 'ubuntu', names: ['Ubuntu'] },
  { id: 'debian', names: ['Debian'] },
  { id: 'rocky', names: ['Rocky Linux', 'Rocky'] },
  { id: 'almalinux', names: ['AlmaLinux', 'Alma Linux', 'Alma'] },
  { id: 'fedora', names: ['Fedora'] },
  { id: 'centos', names: ['CentOS', 'CentOS Stream'] },
  { id: 'rhel', names: ['RHEL', 'Red Hat Enterprise Linux', 'Red Hat'] },
  { id: 'alpine', names: ['Alpine', 'Alpine Linux'] },
  { id: 'amazonlinux', names: ['Amazon Linux'] },
  { id: 'linux', names: ['Linux'] },
];

const DISTRO_NAMES: readonly string[] = DISTROS.flatMap((d) => d.names);

/** Release codenames by version line; a codename that names another release is an error. */
const CODENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  debian: { '9': 'stretch', '10': 'buster', '11': 'bullseye', '12': 'bookworm', '13': 'trixie' },
  ubuntu: { '18.4': 'bionic', '20.4': 'focal', '22.4': 'jammy', '24.4': 'noble' },
};

const OS_EXPECTED = 'an operating system such as `Ubuntu 24.04 LTS`, `Debian 12 (Bookworm)`, `Rocky Linux 9` or `Fedora 40+`';

interface NameAndRest {
  name: string;
  nameEnd: number;
}

/** Leading words up to the first token that starts a version or an operator. */
function leadingWords(text: string, from: number, to: number): NameAndRest {
  const match = /^[A-Za-z][A-Za-z0-9_.+-]*(?:[ \t]+[A-Za-z][A-Za-z0-9_.+-]*)*/.exec(text.slice(from, to));
  let words = match?.[0] ?? '';
  // `v1.28` starts a version, not a name.
  const versionWord = /(?:^|\s)[vV]\d/.exec(words);
  if (versionWord !== null) words = words.slice(0, versionWord.index).trimEnd();
  return { name: words, nameEnd: from + words.length };
}

/** The single version a range pins down (`12`, `=22.04`), for codename and LTS checks. */
function singleLine(range: VersionRange): Version | undefined {
  const intervals = range.intervals;
  if (intervals === undefined || intervals.length !== 1) return undefined;
  const lower = intervals[0]?.lower;
  const upper = intervals[0]?.upper;
  if (lower === undefined || upper === undefined || !lower.inclusive) return undefined;
  const expectedUpper = upper.inclusive ? lower.version : nextLine(lower.version.parts);
  return compareVersions(upper.version, expectedUpper) === 0 && compareParts(lower.version.parts, upper.version.parts) <= 0
    ? lower.version
    : undefined;
}

interface Trailer {
  /** End of the text before `LTS` / `(…)`. */
  bodyEnd: number;
  lts: boolean;
  note?: { text: string; offset: number; length: number };
}

function splitTrailer(text: string, from: number, to: number): Parsed<Trailer> {
  let bodyEnd = to;
  let note: Trailer['note'];
  const open = text.indexOf('(', from);
  if (open >= 0 && open < to) {
    const close = text.indexOf(')', open);
    if (close < 0 || close >= to) {
      return fail({
        message: 'the parenthesis is not closed',
        expected: OS_EXPECTED,
        offset: open,
        length: to - open,
      });
    }
    if (trimEnd(text, close + 1, to) > close + 1) {
      return fail({
        message: `unexpected \`${text.slice(close + 1, to).trim()}\` after the parenthesis`,
        expected: OS_EXPECTED,
        offset: skipSpaces(text, close + 1, to),
        length: trimEnd(text, close + 1, to) - skipSpaces(text, close + 1, to),
      });
    }
    note = { text: text.slice(open + 1, close).trim(), offset: open, length: close + 1 - open };
    bodyEnd = trimEnd(text, from, open);
  }
  const lts = /(?:^|\s)LTS$/i.exec(text.slice(from, bodyEnd));
  if (lts !== null) bodyEnd = trimEnd(text, from, from + lts.index);
  return ok({ bodyEnd, lts: lts !== null, ...(note === undefined ? {} : { note }) });
}

/** `Ubuntu 24.04 LTS`, `Debian 12 (Bookworm)`, `Rocky Linux 9`, `CentOS 7/8`, `Linux`. */
export function parseOsRequirement(text: string): Parsed<OsRequirement> {
  const from = skipSpaces(text, 0, text.length);
  const to = trimEnd(text, from, text.length);
  if (from >= to) return fail({ message: 'the operating system is empty', expected: OS_EXPECTED, offset: 0, length: 0 });
  const trailer = splitTrailer(text, from, to);
  if (!trailer.ok) return trailer;
  const { bodyEnd, lts, note } = trailer.value;
  const { name, nameEnd } = leadingWords(text, from, bodyEnd);
  const normalized = name.toLowerCase().replace(/\s+/g, ' ');
  let distro = DISTROS.find((d) => d.names.some((n) => n.toLowerCase() === normalized));
  let distroNameEnd = nameEnd;
  let rangeFrom = nameEnd;
  if (distro === undefined) {
    // `Ubuntu latest`: a known name followed by a word that pins nothing.
    for (const candidate of DISTROS) {
      for (const n of candidate.names) {
        const rest = normalized.slice(n.length + 1);
        if (normalized.startsWith(`${n.toLowerCase()} `) && ANY_PHRASES[rest] !== undefined && distro === undefined) {
          distro = candidate;
          distroNameEnd = from + n.length;
          rangeFrom = distroNameEnd;
        }
      }
    }
  }
  if (distro === undefined) {
    const word = name === '' ? text.slice(from, bodyEnd) : name;
    const hint = didYouMean(word, DISTRO_NAMES) ?? didYouMean(word.split(/\s+/)[0] ?? word, DISTRO_NAMES);
    return fail({
      message: name === '' ? 'the distribution name is missing' : `unknown distribution \`${name}\``,
      expected: OS_EXPECTED,
      ...(hint === undefined ? {} : { hint }),
      offset: from,
      length: Math.max(1, word.length),
    });
  }
  const writtenName = text.slice(from, distroNameEnd);

  if (distro.id === 'linux') {
    if (note !== undefined) {
      return fail({
        message: `the note \`${note.text}\` is not part of the requirement`,
        expected: 'a distribution list such as `Debian 12`, `Ubuntu 24.04`',
        hint: 'accept `Linux`, and list the recommended distributions under the recommended requirements',
        offset: note.offset,
        length: note.length,
      });
    }
    if (skipSpaces(text, rangeFrom, bodyEnd) < bodyEnd && !ANY_PHRASES[text.slice(rangeFrom, bodyEnd).trim().toLowerCase()]) {
      const at = skipSpaces(text, rangeFrom, bodyEnd);
      return fail({
        message: '`Linux` names no distribution, so it has no version',
        expected: OS_EXPECTED,
        hint: `for a kernel version write \`kernel ${text.slice(at, bodyEnd)}\``,
        offset: at,
        length: bodyEnd - at,
      });
    }
  }

  let range: VersionRange;
  const rangeStart = skipSpaces(text, rangeFrom, bodyEnd);
  if (rangeStart >= bodyEnd) {
    range = anyRange('', 'any version');
  } else {
    const parsed = parseRangeSpan(text, rangeStart, bodyEnd);
    if (!parsed.ok) return parsed;
    range = parsed.value;
  }

  const line = singleLine(range);
  if (rangeStart >= bodyEnd && (lts || (note !== undefined && CODENAMES[distro.id] !== undefined)) && distro.id !== 'linux') {
    return fail({
      message: `${lts ? '`LTS`' : 'a codename'} needs the release number`,
      expected: OS_EXPECTED,
      hint: `write e.g. \`${distro.id === 'debian' ? 'Debian 12 (Bookworm)' : 'Ubuntu 24.04 LTS'}\``,
      offset: lts ? (/LTS/i.exec(text.slice(from, to))?.index ?? 0) + from : (note?.offset ?? from),
      length: lts ? 3 : (note?.length ?? 1),
    });
  }
  if (lts && distro.id === 'ubuntu') {
    // Ubuntu LTS releases are the April releases of even years.
    const major = line?.parts[0];
    if (line === undefined || major === undefined || major % 2 !== 0 || (line.parts[1] ?? 0) !== 4) {
      return fail({
        message:
          line === undefined
            ? `\`LTS\` names one release, but \`${text.slice(rangeStart, bodyEnd)}\` is not one release`
            : `\`${text.slice(rangeStart, bodyEnd)}\` is not an Ubuntu LTS release`,
        expected: 'an LTS release such as `22.04` or `24.04`',
        offset: rangeStart,
        length: Math.max(1, bodyEnd - rangeStart),
      });
    }
  }

  let codename: string | undefined;
  if (note !== undefined) {
    const table = CODENAMES[distro.id];
    const word = note.text.toLowerCase();
    if (table === undefined || !/^[a-z]+$/.test(word)) {
      return fail({
        message: `the note \`${note.text}\` is not part of the requirement`,
        expected: OS_EXPECTED,
        hint: 'move the note into a description',
        offset: note.offset,
        length: note.length,
      });
    }
    const codenames = Object.values(table);
    if (!codenames.includes(word)) {
      const hint = didYouMean(word, codenames);
      return fail({
        message: `\`${note.text}\` is not a ${writtenName} codename`,
        expected: `a codename: ${codenames.join(', ')}`,
        hint: hint ?? 'move the note into a description',
        offset: note.offset + 1,
        length: note.text.length,
      });
    }
    const key = line?.parts.slice(0, distro.id === 'ubuntu' ? 2 : 1).join('.');
    const expectedCodename = key === undefined ? undefined : table[key];
    if (expectedCodename !== word) {
      const release = Object.entries(table).find(([, name]) => name === word)?.[0] ?? '';
      const releaseText = distro.id === 'ubuntu' ? release.replace(/\.(\d)$/, '.0$1') : release;
      return fail({
        message:
          line === undefined
            ? `a codename names one release, but \`${range.raw}\` is a range`
            : `${writtenName} ${range.raw} is not \`${note.text}\``,
        expected: OS_EXPECTED,
        hint:
          expectedCodename === undefined
            ? `\`${note.text}\` is ${writtenName} ${releaseText}`
            : `${writtenName} ${range.raw} is \`${expectedCodename}\`; \`${note.text}\` is ${writtenName} ${releaseText}`,
        offset: note.offset + 1,
        length: note.text.length,
      });
    }
    codename = word;
  }

  return ok({
    distro: distro.id,
    name: writtenName,
    range,
    lts,
    ...(codename === undefined ? {} : { codename }),
  });
}

export interface SoftwareRequirement {
  /** As written: `Python`, `PostgreSQL`, `k3s`. */
  name: string;
  range: VersionRange;
}

const SOFTWARE_EXPECTED = 'software and a version range such as `Python 3.11+`, `Podman 4.4+` or `k3s v1.28.5+k3s1`';

/** `Python 3.11+`, `kernel 5.10+`, `k3s v1.28.5+k3s1`; a name alone admits any version. */
export function parseSoftwareRequirement(text: string): Parsed<SoftwareRequirement> {
  const from = skipSpaces(text, 0, text.length);
  const to = trimEnd(text, from, text.length);
  const open = text.indexOf('(', from);
  if (open >= 0 && open < to) {
    const close = text.indexOf(')', open);
    const noteEnd = close >= 0 && close < to ? close + 1 : to;
    return fail({
      message: `the note \`${text.slice(open, noteEnd)}\` is not part of the requirement`,
      expected: SOFTWARE_EXPECTED,
      hint: `write \`${text.slice(from, trimEnd(text, from, open))}\` and move the note into a description`,
      offset: open,
      length: to - open,
    });
  }
  let { name, nameEnd } = leadingWords(text, from, to);
  const glued = /^([A-Za-z][A-Za-z-]*?)(\d+(?:\.\d+)+\+?)$/.exec(name.split(/\s+/).at(-1) ?? '');
  if (glued !== null) {
    const word = name.split(/\s+/).at(-1) ?? '';
    return fail({
      message: `\`${word}\` runs the name into the version`,
      expected: SOFTWARE_EXPECTED,
      hint: `write \`${glued[1]} ${glued[2]}\``,
      offset: nameEnd - word.length,
      length: word.length,
    });
  }
  if (name === '') {
    return fail({
      message: 'the software name is missing',
      expected: SOFTWARE_EXPECTED,
      offset: from,
      length: Math.max(0, Math.min(1, to - from)),
    });
  }
  // `Redis latest`, `Podman Latest stable`: trailing words that pin nothing belong to the range.
  const words = name.split(/\s+/);
  for (let take = 1; take < words.length; take++) {
    const rest = words.slice(take).join(' ').toLowerCase();
    if (ANY_PHRASES[rest] !== undefined) {
      const kept = words.slice(0, take).join(' ');
      nameEnd = from + text.slice(from).indexOf(words[take] ?? '', kept.length);
      name = text.slice(from, trimEnd(text, from, nameEnd));
      break;
    }
  }
  const rangeStart = skipSpaces(text, nameEnd, to);
  if (rangeStart >= to) return ok({ name, range: anyRange('', 'any version') });
  const range = parseRangeSpan(text, rangeStart, to);
  if (!range.ok) return range;
  return ok({ name, range: range.value });
}
