/**
 * Durations, frequencies, latency bounds and clock windows as requirement documents
 * write them (`30 days`, `300s (5 min)`, `Every 6 hours`, `< 100ms`, `03:00-04:00`).
 *
 * Every duration is an exact number of milliseconds (bigint). Month and year are the
 * mean Gregorian ones from `period.ts`, so twelve `1 month` make exactly `1 year`.
 */
import { PERIOD_SECONDS, type Period } from './period.js';
import { fail, ok, type Parsed } from './result.js';
import { didYouMean } from './suggest.js';
import { skipSpaces, trimEnd } from './scan.js';

export type DurationUnit = 'millisecond' | Period;

export interface DurationOptions {
  /**
   * Unit of a bare number (`300`, or YAML `ttl: 300`). Without it a bare number is an
   * error: a retention of `30` could be days or seconds, and guessing is how outages start.
   */
  defaultUnit?: DurationUnit;
}

const UNIT_MS: Readonly<Record<DurationUnit, bigint>> = {
  millisecond: 1n,
  second: PERIOD_SECONDS.second * 1000n,
  minute: PERIOD_SECONDS.minute * 1000n,
  hour: PERIOD_SECONDS.hour * 1000n,
  day: PERIOD_SECONDS.day * 1000n,
  week: PERIOD_SECONDS.week * 1000n,
  month: PERIOD_SECONDS.month * 1000n,
  year: PERIOD_SECONDS.year * 1000n,
};

/**
 * Unit words, matched after lower-casing. Plurals come before singulars so that a typo
 * such as `minuts` is answered with the plural the writer was reaching for.
 * `m` is minutes: in durations nobody writes months as `m`, and `ms` is milliseconds.
 */
const UNIT_WORDS: Readonly<Record<string, DurationUnit>> = {
  milliseconds: 'millisecond', millisecond: 'millisecond', msecs: 'millisecond', msec: 'millisecond', ms: 'millisecond',
  seconds: 'second', second: 'second', secs: 'second', sec: 'second', s: 'second',
  minutes: 'minute', minute: 'minute', mins: 'minute', min: 'minute', m: 'minute',
  hours: 'hour', hour: 'hour', hrs: 'hour', hr: 'hour', h: 'hour',
  days: 'day', day: 'day', d: 'day',
  weeks: 'week', week: 'week', wks: 'week', wk: 'week', w: 'week',
  months: 'month', month: 'month', mos: 'month', mo: 'month',
  years: 'year', year: 'year', yrs: 'year', yr: 'year', y: 'year',
};

const DURATION_EXPECTED = 'a duration such as `30d`, `5 minutes`, `1h30m` or `100ms`';

/** An exact, not yet rounded, number of milliseconds: numerator / denominator. */
interface ExactMs {
  numerator: bigint;
  denominator: bigint;
}

interface ScannedDuration {
  exact: ExactMs;
  /** Offset just after the last term. */
  end: number;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-zµ]$/.test(ch);
}




/** Rounds up: a requirement of `1.0005s` must not be met by 1000ms. */
function ceilToMs(exact: ExactMs): bigint {
  return (exact.numerator + exact.denominator - 1n) / exact.denominator;
}

function unitFromWord(word: string): DurationUnit | undefined {
  return UNIT_WORDS[word.toLowerCase()];
}

/**
 * Scans `number unit` terms from `from`, stopping before the first thing that cannot
 * start another term. The caller decides whether leftovers are an error.
 */
function scanDuration(
  text: string,
  from: number,
  to: number,
  options: DurationOptions,
): Parsed<ScannedDuration> {
  let i = skipSpaces(text, from, to);
  let total: ExactMs = { numerator: 0n, denominator: 1n };
  let previous: { unit: DurationUnit; word: string } | undefined;
  let terms = 0;
  for (;;) {
    const termStart = i;
    if (!isDigit(text[i])) {
      if (terms > 0) break;
      if (i >= to) {
        return fail({ message: 'the duration is empty', expected: DURATION_EXPECTED, offset: from, length: 0 });
      }
      if (text[i] === '-') {
        return fail({
          message: 'a duration cannot be negative',
          expected: DURATION_EXPECTED,
          offset: i,
          length: 1,
        });
      }
      return fail({
        message: `\`${text.slice(i, to)}\` is not a duration`,
        expected: DURATION_EXPECTED,
        offset: i,
        length: to - i,
      });
    }
    let digits = '';
    while (i < to && isDigit(text[i])) digits += text[i++];
    let scale = 1n;
    if (text[i] === '.' && i + 1 < to) {
      if (!isDigit(text[i + 1])) {
        return fail({
          message: `a digit must follow the decimal point in \`${text.slice(termStart, i + 1)}\``,
          expected: DURATION_EXPECTED,
          offset: i,
          length: 1,
        });
      }
      i++;
      while (i < to && isDigit(text[i])) {
        digits += text[i++];
        scale *= 10n;
      }
    }
    const numberEnd = i;
    i = skipSpaces(text, i, to);
    // `1-second fsync`, `30-day retention`: the adjective form joins number and unit.
    if (text[i] === '-' && isLetter(text[i + 1]) && i === numberEnd) i++;
    const wordStart = i;
    while (i < to && isLetter(text[i])) i++;
    const word = text.slice(wordStart, i);
    let unit: DurationUnit;
    if (word === '') {
      const restIsEmpty = skipSpaces(text, i, to) >= to;
      if (options.defaultUnit !== undefined && terms === 0 && restIsEmpty) {
        unit = options.defaultUnit;
      } else {
        return fail({
          message: `\`${text.slice(termStart, numberEnd)}\` has no unit`,
          expected: DURATION_EXPECTED,
          hint: `write the unit, e.g. \`${text.slice(termStart, numberEnd)}s\` or \`${text.slice(termStart, numberEnd)} minutes\``,
          offset: termStart,
          length: numberEnd - termStart,
        });
      }
    } else if (word === 'M') {
      return fail({
        message: '`M` could mean minutes or months',
        expected: DURATION_EXPECTED,
        hint: 'write `m` or `min` for minutes, `mo` for months',
        offset: wordStart,
        length: 1,
      });
    } else {
      const found = unitFromWord(word);
      if (found === undefined) {
        const hint = didYouMean(word, Object.keys(UNIT_WORDS));
        return fail({
          message: `unknown duration unit \`${word}\``,
          expected: 'a unit: ms, s, m (minutes), h, d, w, mo, y, or words such as `minutes`, `days`',
          ...(hint === undefined ? {} : { hint }),
          offset: wordStart,
          length: word.length,
        });
      }
      unit = found;
    }
    if (previous !== undefined && UNIT_MS[unit] >= UNIT_MS[previous.unit]) {
      return fail({
        message: `in a compound duration the units go from largest to smallest, but \`${word}\` follows \`${previous.word}\``,
        expected: 'a compound duration such as `1h30m` or `2d12h`',
        offset: wordStart,
        length: Math.max(1, word.length),
      });
    }
    const term: ExactMs = { numerator: BigInt(digits) * UNIT_MS[unit], denominator: scale };
    total = {
      numerator: total.numerator * term.denominator + term.numerator * total.denominator,
      denominator: total.denominator * term.denominator,
    };
    previous = { unit, word };
    terms++;
    const termEnd = i;
    i = skipSpaces(text, i, to);
    if (!isDigit(text[i])) {
      return ok({ exact: total, end: termEnd });
    }
  }
  return ok({ exact: total, end: i });
}

/** Parses `text[from, to)` as one duration, optionally restated in parentheses. */
function parseDurationSpan(
  text: string,
  from: number,
  to: number,
  options: DurationOptions,
): Parsed<bigint> {
  const end = trimEnd(text, from, to);
  const open = text.indexOf('(', from);
  const mainEnd = open >= 0 && open < end ? open : end;
  const main = scanDuration(text, from, mainEnd, options);
  if (!main.ok) return main;
  const afterMain = skipSpaces(text, main.value.end, mainEnd);
  if (afterMain < mainEnd) {
    const leftover = text.slice(afterMain, trimEnd(text, afterMain, mainEnd));
    return fail({
      message: `unexpected \`${leftover}\` after the duration \`${text.slice(skipSpaces(text, from, to), main.value.end)}\``,
      expected: DURATION_EXPECTED,
      hint: `remove \`${leftover}\`: a note belongs in a description, not in the value`,
      offset: afterMain,
      length: leftover.length,
    });
  }
  const ms = ceilToMs(main.value.exact);
  if (mainEnd === end) return ok(ms);

  // `300s (5 min)`: documents restate a figure in friendlier units. The restatement is
  // checked, because a page that says `300s (3 min)` is wrong in one of the two places.
  const close = text.indexOf(')', open);
  if (close < 0 || close >= end) {
    return fail({
      message: 'the parenthesis is not closed',
      expected: 'a restatement such as `300s (5 min)`',
      offset: open,
      length: end - open,
    });
  }
  if (close !== end - 1) {
    return fail({
      message: `unexpected \`${text.slice(close + 1, end).trim()}\` after the parenthesis`,
      expected: 'a restatement such as `300s (5 min)`',
      offset: close + 1,
      length: end - close - 1,
    });
  }
  const restated = scanDuration(text, open + 1, close, {});
  if (!restated.ok) {
    return fail({
      ...restated.error,
      message: `the parenthesised restatement is not a duration: ${restated.error.message}`,
      hint: restated.error.hint ?? 'remove the note, or restate the same duration, e.g. `300s (5 min)`',
    });
  }
  const restatedEnd = skipSpaces(text, restated.value.end, close);
  if (restatedEnd < close) {
    return fail({
      message: `unexpected \`${text.slice(restatedEnd, close).trim()}\` in the restatement`,
      expected: 'a restatement such as `300s (5 min)`',
      hint: 'keep only the duration inside the parentheses',
      offset: restatedEnd,
      length: close - restatedEnd,
    });
  }
  const restatedMs = ceilToMs(restated.value.exact);
  if (restatedMs !== ms) {
    return fail({
      message:
        `\`${text.slice(skipSpaces(text, from, to), main.value.end)}\` (${formatDuration(ms)}) and ` +
        `its restatement \`${text.slice(open, close + 1)}\` (${formatDuration(restatedMs)}) disagree`,
      expected: 'a restatement equal to the first value, e.g. `300s (5 min)`',
      hint: `correct one of the two, or drop the parenthesis`,
      offset: open,
      length: close + 1 - open,
    });
  }
  return ok(ms);
}

/**
 * Parses a duration to whole milliseconds, rounding a fractional millisecond up.
 * A number argument (YAML `ttl: 300`) is read as its decimal text and needs
 * `options.defaultUnit`.
 */
export function parseDuration(text: string | number, options: DurationOptions = {}): Parsed<bigint> {
  if (typeof text === 'number') {
    const written = String(text);
    if (!Number.isFinite(text) || text < 0 || !/^\d+(\.\d+)?$/.test(written)) {
      return fail({
        message: `${written} is not a duration`,
        expected: 'a finite, non-negative number with a unit',
        offset: 0,
        length: written.length,
      });
    }
    if (options.defaultUnit === undefined) {
      return fail({
        message: `the number ${written} has no unit`,
        expected: DURATION_EXPECTED,
        hint: `write the unit as a string, e.g. \`${written}s\``,
        offset: 0,
        length: written.length,
      });
    }
    return parseDurationSpan(written, 0, written.length, options);
  }
  return parseDurationSpan(text, 0, text.length, options);
}

const FORMAT_UNITS: readonly (readonly [string, bigint])[] = [
  ['d', UNIT_MS.day],
  ['h', UNIT_MS.hour],
  ['m', UNIT_MS.minute],
  ['s', UNIT_MS.second],
  ['ms', UNIT_MS.millisecond],
];

/**
 * Canonical compact text: `30d`, `5m`, `1h30m`, `100ms`, `0s`.
 * Days are the largest unit. Weeks would turn the common `30d` into `4w2d`, and a
 * mean month or year is not a whole number of days (`1y` formats as `365d5h49m12s`).
 * A negative value (a difference, for display) gets a leading `-`, which
 * `parseDuration` rejects.
 */
export function formatDuration(ms: bigint): string {
  if (ms < 0n) return `-${formatDuration(-ms)}`;
  if (ms === 0n) return '0s';
  let rest = ms;
  let out = '';
  for (const [suffix, size] of FORMAT_UNITS) {
    const count = rest / size;
    if (count > 0n) {
      out += `${count}${suffix}`;
      rest -= count * size;
    }
  }
  return out;
}

export type Frequency =
  | { intervalMs: bigint; label: string }
  | { onEvent: string; label: string };

const FREQUENCY_KEYWORDS: Readonly<Record<string, bigint>> = {
  hourly: UNIT_MS.hour,
  daily: UNIT_MS.day,
  nightly: UNIT_MS.day,
  weekly: UNIT_MS.week,
  fortnightly: 2n * UNIT_MS.week,
  monthly: UNIT_MS.month,
  quarterly: 3n * UNIT_MS.month,
  yearly: UNIT_MS.year,
  annually: UNIT_MS.year,
};

/** Events a job can be triggered by, written `on_change`, `on change` or `on-change`. */
const FREQUENCY_EVENTS: readonly string[] = ['change', 'deploy', 'startup', 'shutdown', 'demand'];

const FREQUENCY_EXPECTED =
  'a frequency such as `daily`, `every 6h`, `every 5 minutes`, `on_change` or `continuous`';

/**
 * A schedule. Labels are lower-case canonical text: the keyword (`daily`), `every ` and
 * the interval as written (`every 6 hours`), `on change`, or `continuous`.
 * `continuous` is an interval of 0: it runs all the time, which keeps every frequency
 * comparable as a number.
 */
export function parseFrequency(text: string): Parsed<Frequency> {
  const from = skipSpaces(text, 0, text.length);
  const to = trimEnd(text, from, text.length);
  const written = text.slice(from, to);
  const lower = written.toLowerCase().replace(/\s+/g, ' ');
  if (written === '') {
    return fail({ message: 'the frequency is empty', expected: FREQUENCY_EXPECTED, offset: 0, length: 0 });
  }
  const keywordMs = FREQUENCY_KEYWORDS[lower];
  if (keywordMs !== undefined) return ok({ intervalMs: keywordMs, label: lower });
  if (lower === 'continuous' || lower === 'continuously') return ok({ intervalMs: 0n, label: 'continuous' });
  if (lower === 'biweekly' || lower === 'bi-weekly') {
    return fail({
      message: `\`${written}\` can mean twice a week or every two weeks`,
      expected: FREQUENCY_EXPECTED,
      hint: 'write `every 2 weeks` or `every 3.5d`',
      offset: from,
      length: written.length,
    });
  }

  const event = /^on[ _-]([a-z]+)$/.exec(lower);
  if (event !== null) {
    const name = event[1] ?? '';
    if (FREQUENCY_EVENTS.includes(name)) return ok({ onEvent: name, label: `on ${name}` });
    const hint = didYouMean(name, FREQUENCY_EVENTS);
    return fail({
      message: `unknown event \`${name}\``,
      expected: `an event: ${FREQUENCY_EVENTS.map((e) => `on_${e}`).join(', ')}`,
      ...(hint === undefined ? {} : { hint }),
      offset: to - name.length,
      length: name.length,
    });
  }

  let durationFrom = from;
  const everyMatch = /^every\s+/i.exec(written);
  if (everyMatch !== null) {
    durationFrom = from + everyMatch[0].length;
    // `every hour`, `every day`: the count of one is implied.
    const unit = unitFromWord(text.slice(durationFrom, to));
    if (unit !== undefined && unit !== 'millisecond') {
      return ok({ intervalMs: UNIT_MS[unit], label: `every ${text.slice(durationFrom, to).toLowerCase()}` });
    }
  } else if (!isDigit(text[from])) {
    const word = /^[A-Za-z_-]+/.exec(written)?.[0] ?? written;
    const known = word.toLowerCase();
    if (known === 'every') {
      return fail({
        message: '`every` needs an interval after it',
        expected: FREQUENCY_EXPECTED,
        hint: 'write e.g. `every 6h`',
        offset: from,
        length: word.length,
      });
    }
    if (FREQUENCY_KEYWORDS[known] !== undefined || known === 'continuous' || known === 'on_change') {
      // `daily at 03:00 UTC`: the time of day is a window, not part of the frequency.
      const restStart = skipSpaces(text, from + word.length, to);
      return fail({
        message: `\`${text.slice(restStart, to)}\` after \`${word}\` is not part of a frequency`,
        expected: FREQUENCY_EXPECTED,
        hint: /\d:\d\d/.test(text.slice(restStart, to))
          ? `write \`${known}\`, and give the time as a window such as \`03:00-04:00\``
          : `write \`${known}\`, and keep the rest in a description`,
        offset: restStart,
        length: to - restStart,
      });
    }
    const hint = didYouMean(word, [...Object.keys(FREQUENCY_KEYWORDS), 'continuous', 'every', 'on_change']);
    return fail({
      message: `\`${written}\` is not a frequency`,
      expected: FREQUENCY_EXPECTED,
      ...(hint === undefined ? {} : { hint }),
      offset: from,
      length: word === written ? written.length : word.length,
    });
  }

  const scanned = scanDuration(text, durationFrom, to, {});
  if (!scanned.ok) return scanned;
  const afterDuration = skipSpaces(text, scanned.value.end, to);
  const durationText = text.slice(durationFrom, scanned.value.end);
  if (afterDuration < to) {
    const note = text.slice(afterDuration, to);
    return fail({
      message: `\`${note}\` after \`${durationText}\` is not part of a frequency`,
      expected: FREQUENCY_EXPECTED,
      hint: `write the interval alone, e.g. \`every ${durationText.replace('-', ' ')}\`, and keep \`${note}\` in a description`,
      offset: afterDuration,
      length: to - afterDuration,
    });
  }
  const intervalMs = ceilToMs(scanned.value.exact);
  if (intervalMs === 0n) {
    return fail({
      message: 'an interval of zero never repeats',
      expected: FREQUENCY_EXPECTED,
      hint: 'write `continuous` for something that runs all the time',
      offset: durationFrom,
      length: durationText.length,
    });
  }
  return ok({ intervalMs, label: `every ${durationText.toLowerCase().replace(/\s+/g, ' ')}` });
}

export type BoundOperator = '<' | '<=' | '>' | '>=' | '=';

export interface DurationBound {
  op: BoundOperator;
  ms: bigint;
}

const BOUND_OPERATORS: readonly (readonly [string, BoundOperator])[] = [
  ['<=', '<='],
  ['>=', '>='],
  ['≤', '<='],
  ['≥', '>='],
  ['==', '='],
  ['<', '<'],
  ['>', '>'],
  ['=', '='],
];

/** `< 100ms`, `<= 2 seconds`, `≤ 30s`; a duration without an operator is `=`. */
export function parseDurationBound(text: string): Parsed<DurationBound> {
  const from = skipSpaces(text, 0, text.length);
  let op: BoundOperator = '=';
  let at = from;
  for (const [spelling, operator] of BOUND_OPERATORS) {
    if (text.startsWith(spelling, from)) {
      op = operator;
      at = from + spelling.length;
      break;
    }
  }
  if (at > from && skipSpaces(text, at, text.length) >= text.length) {
    return fail({
      message: `\`${text.slice(from, at)}\` needs a duration after it`,
      expected: 'a bound such as `< 100ms` or `<= 2 seconds`',
      offset: from,
      length: at - from,
    });
  }
  const ms = parseDurationSpan(text, at, text.length, {});
  if (!ms.ok) return ms;
  return ok({ op, ms: ms.value });
}

/**
 * A daily window has minutes of the day (0–1440). A weekly window (AWS's
 * `sun:04:00-sun:05:00`) has `startDay`/`endDay` (0 = Sunday … 6 = Saturday) and its
 * minutes count from Sunday 00:00. An end before the start wraps past midnight (or past
 * the end of the week). Times are UTC, as in the AWS and cron forms these come from.
 */
export interface ClockWindow {
  startMinute: number;
  endMinute: number;
  startDay?: number;
  endDay?: number;
}

const DAY_NAMES: readonly (readonly string[])[] = [
  ['sun', 'sunday'],
  ['mon', 'monday'],
  ['tue', 'tuesday'],
  ['wed', 'wednesday'],
  ['thu', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
];

const WINDOW_EXPECTED = 'a window such as `03:00-04:00` or `sun:04:00-sun:05:00` (UTC)';

const MINUTES_PER_DAY = 24 * 60;

interface ClockPoint {
  day: number | undefined;
  minute: number;
}

function parseClockPoint(
  text: string,
  groups: { day: [number, number] | undefined; hour: [number, number]; minute: [number, number] },
  isEnd: boolean,
): Parsed<ClockPoint> {
  let day: number | undefined;
  if (groups.day !== undefined) {
    const [dayStart, dayEnd] = groups.day;
    const word = text.slice(dayStart, dayEnd).toLowerCase();
    const index = DAY_NAMES.findIndex((names) => names.includes(word));
    if (index < 0) {
      const hint = didYouMean(word, DAY_NAMES.flat());
      return fail({
        message: `unknown day \`${text.slice(dayStart, dayEnd)}\``,
        expected: 'a day: sun, mon, tue, wed, thu, fri, sat',
        ...(hint === undefined ? {} : { hint }),
        offset: dayStart,
        length: dayEnd - dayStart,
      });
    }
    day = index;
  }
  const [hourStart, hourEnd] = groups.hour;
  const [minuteStart, minuteEnd] = groups.minute;
  const hour = Number(text.slice(hourStart, hourEnd));
  const minute = Number(text.slice(minuteStart, minuteEnd));
  // 24:00 names the end of a day (`22:00-24:00`), never a start.
  const endOfDay = isEnd && hour === 24 && minute === 0;
  if (hour > 23 && !endOfDay) {
    return fail({
      message: `hour ${text.slice(hourStart, hourEnd)} does not exist`,
      expected: 'an hour from 00 to 23 (24:00 only as an end)',
      offset: hourStart,
      length: hourEnd - hourStart,
    });
  }
  if (minute > 59) {
    return fail({
      message: `minute ${text.slice(minuteStart, minuteEnd)} does not exist`,
      expected: 'minutes from 00 to 59',
      offset: minuteStart,
      length: minuteEnd - minuteStart,
    });
  }
  return ok({ day, minute: hour * 60 + minute });
}

export function parseClockWindow(text: string): Parsed<ClockWindow> {
  const pattern =
    /^\s*(?:([A-Za-z]+):)?(\d{1,2}):(\d{2})\s*[-–]\s*(?:([A-Za-z]+):)?(\d{1,2}):(\d{2})(?:\s*(?:UTC|Z))?\s*$/d;
  const match = pattern.exec(text);
  const indices = match?.indices;
  if (match === null || indices === undefined) {
    const from = skipSpaces(text, 0, text.length);
    return fail({
      message: `\`${text.trim()}\` is not a clock window`,
      expected: WINDOW_EXPECTED,
      ...(/[+-]\d{2}:?\d{2}$|\b(?!UTC\b)[A-Z]{3,4}$/.test(text.trim())
        ? { hint: 'write the window in UTC' }
        : {}),
      offset: from,
      length: trimEnd(text, from, text.length) - from,
    });
  }
  const span = (i: number): [number, number] | undefined => indices[i];
  // Hour and minute groups always take part in a match; the fallback only satisfies the type.
  const required = (i: number): [number, number] => indices[i] ?? [0, 0];
  const start = parseClockPoint(text, { day: span(1), hour: required(2), minute: required(3) }, false);
  if (!start.ok) return start;
  const end = parseClockPoint(text, { day: span(4), hour: required(5), minute: required(6) }, true);
  if (!end.ok) return end;
  const startDay = start.value.day;
  const endDay = end.value.day;
  if ((startDay === undefined) !== (endDay === undefined)) {
    const [offset, stop] = span(1) ?? span(4) ?? [0, text.length];
    return fail({
      message: 'only one end of the window names a day',
      expected: WINDOW_EXPECTED,
      hint: 'name a day on both ends, e.g. `sun:04:00-sun:05:00`, or on neither',
      offset,
      length: stop - offset,
    });
  }
  const window: ClockWindow =
    startDay === undefined || endDay === undefined
      ? { startMinute: start.value.minute, endMinute: end.value.minute }
      : {
          startMinute: startDay * MINUTES_PER_DAY + start.value.minute,
          endMinute: endDay * MINUTES_PER_DAY + end.value.minute,
          startDay,
          endDay,
        };
  if (window.startMinute === window.endMinute) {
    const [offset] = required(2);
    return fail({
      message: 'the window starts and ends at the same time',
      expected: WINDOW_EXPECTED,
      offset: span(1)?.[0] ?? offset,
      length: trimEnd(text, 0, text.length) - (span(1)?.[0] ?? offset),
    });
  }
  return ok(window);
}
