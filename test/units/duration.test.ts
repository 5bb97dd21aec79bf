import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  parseClockWindow,
  parseDuration,
  parseDurationBound,
  parseFrequency,
} from '../../src/units/duration.js';
import { errorOf as error, value } from './support.js';

const SECOND = 1_000n;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;
const DAY = 24n * HOUR;
const WEEK = 7n * DAY;
const MONTH = 2_629_746n * SECOND;
const YEAR = 31_556_952n * SECOND;

describe('parseDuration', () => {
  it.each<[string, bigint]>([
    ['30d', 30n * DAY],
    ['30 days', 30n * DAY],
    ['30 Days', 30n * DAY],
    ['5 minutes', 5n * MINUTE],
    ['5 min', 5n * MINUTE],
    ['5m', 5n * MINUTE],
    ['5 mins', 5n * MINUTE],
    ['1h', HOUR],
    ['1 hour', HOUR],
    ['4 hours', 4n * HOUR],
    ['300s', 300n * SECOND],
    ['300 seconds', 300n * SECOND],
    ['100ms', 100n],
    ['100 milliseconds', 100n],
    ['2 weeks', 2n * WEEK],
    ['1w', WEEK],
    ['1 month', MONTH],
    ['7 years', 7n * YEAR],
    ['1y', YEAR],
    ['1-second', SECOND],
    ['30-day', 30n * DAY],
    ['1h30m', HOUR + 30n * MINUTE],
    ['2d12h', 2n * DAY + 12n * HOUR],
    ['1h 30m', HOUR + 30n * MINUTE],
    ['1 hour 30 minutes', HOUR + 30n * MINUTE],
    ['1d2h3m4s5ms', DAY + 2n * HOUR + 3n * MINUTE + 4n * SECOND + 5n],
    ['  15 minutes  ', 15n * MINUTE],
    ['0s', 0n],
  ])('reads %j as exact milliseconds', (text, expected) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: expected });
  });

  it('reads decimals exactly: 1.5h is 5,400,000ms', () => {
    expect(parseDuration('1.5h')).toEqual({ ok: true, value: 5_400_000n });
  });

  it('rounds a fractional millisecond up, so a requirement is never weakened', () => {
    expect(parseDuration('1.0005s')).toEqual({ ok: true, value: 1001n });
    expect(parseDuration('0.1ms')).toEqual({ ok: true, value: 1n });
  });

  it('reads a mean month as 30.436875 days without drift', () => {
    expect(parseDuration('0.5 month')).toEqual({ ok: true, value: MONTH / 2n });
  });

  it('accepts a parenthesised restatement that agrees: 300s (5 min)', () => {
    expect(parseDuration('300s (5 min)')).toEqual({ ok: true, value: 300n * SECOND });
    expect(parseDuration('3600 seconds (1 hour)')).toEqual({ ok: true, value: HOUR });
  });

  it('rejects a restatement that disagrees, pointing at the parenthesis', () => {
    const e = error(parseDuration('300s (4 min)'));
    expect(e.message).toBe('`300s` (5m) and its restatement `(4 min)` (4m) disagree');
    expect(e.offset).toBe(5);
    expect(e.length).toBe(7);
    expect(e.hint).toBe('correct one of the two, or drop the parenthesis');
  });

  it('rejects a parenthesised note that is not a duration', () => {
    const e = error(parseDuration('30 days (compressed)'));
    expect(e.message).toBe('the parenthesised restatement is not a duration: `compressed` is not a duration');
    expect(e.hint).toBe('remove the note, or restate the same duration, e.g. `300s (5 min)`');
    expect([e.offset, e.length]).toEqual([9, 10]);
  });

  it('rejects an unclosed parenthesis', () => {
    expect(error(parseDuration('300s (5 min')).offset).toBe(5);
  });

  it('reads a bare number only with a default unit', () => {
    expect(parseDuration(300, { defaultUnit: 'second' })).toEqual({ ok: true, value: 300n * SECOND });
    expect(parseDuration('30', { defaultUnit: 'day' })).toEqual({ ok: true, value: 30n * DAY });
    expect(parseDuration(1.5, { defaultUnit: 'minute' })).toEqual({ ok: true, value: 90n * SECOND });
    expect(parseDuration('300 (5 minutes)', { defaultUnit: 'second' })).toEqual({ ok: true, value: 300n * SECOND });
  });

  it('explicit units win over the default unit', () => {
    expect(parseDuration('5m', { defaultUnit: 'second' })).toEqual({ ok: true, value: 5n * MINUTE });
  });

  it('rejects a bare number without a default unit, suggesting a unit', () => {
    expect(error(parseDuration(300))).toEqual({
      message: 'the number 300 has no unit',
      expected: 'a duration such as `30d`, `5 minutes`, `1h30m` or `100ms`',
      hint: 'write the unit as a string, e.g. `300s`',
      offset: 0,
      length: 3,
    });
    const e = error(parseDuration('300'));
    expect(e.hint).toBe('write the unit, e.g. `300s` or `300 minutes`');
    expect([e.offset, e.length]).toEqual([0, 3]);
  });

  it('suggests the unit a misspelling was reaching for: 5 minuts', () => {
    expect(error(parseDuration('5 minuts'))).toEqual({
      message: 'unknown duration unit `minuts`',
      expected: 'a unit: ms, s, m (minutes), h, d, w, mo, y, or words such as `minutes`, `days`',
      hint: 'did you mean `minutes`?',
      offset: 2,
      length: 6,
    });
    expect(error(parseDuration('3 huors')).hint).toBe('did you mean `hours`?');
    expect(error(parseDuration('30 dyas')).hint).toBe('did you mean `days`?');
  });

  it('rejects `M`, which could be minutes or months', () => {
    const e = error(parseDuration('5M'));
    expect(e.hint).toBe('write `m` or `min` for minutes, `mo` for months');
    expect([e.offset, e.length]).toEqual([1, 1]);
  });

  it('rejects a note after the duration, pointing at it', () => {
    const e = error(parseDuration('30 days full'));
    expect(e.message).toBe('unexpected `full` after the duration `30 days`');
    expect([e.offset, e.length]).toEqual([8, 4]);
  });

  it('rejects compound units out of order or repeated', () => {
    const e = error(parseDuration('30m1h'));
    expect(e.message).toMatch(/largest to smallest/);
    expect([e.offset, e.length]).toEqual([4, 1]);
    expect(error(parseDuration('1h1h')).offset).toBe(3);
  });

  it.each<[string | number, number, number]>([
    ['', 0, 0],
    ['-5m', 0, 1],
    ['soon', 0, 4],
    ['1.h', 1, 1],
    [Number.NaN, 0, 3],
    [-1, 0, 2],
    [1e21, 0, 5],
  ])('rejects %j at offset %i, length %i', (text, offset, length) => {
    const e = error(parseDuration(text, { defaultUnit: 'second' }));
    expect([e.offset, e.length]).toEqual([offset, length]);
  });
});

describe('formatDuration', () => {
  it.each<[bigint, string]>([
    [0n, '0s'],
    [30n * DAY, '30d'],
    [5n * MINUTE, '5m'],
    [HOUR + 30n * MINUTE, '1h30m'],
    [100n, '100ms'],
    [WEEK, '7d'],
    [YEAR, '365d5h49m12s'],
    [1_500n, '1s500ms'],
    [-5n * MINUTE, '-5m'],
  ])('writes %s ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips every non-negative duration exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toEqual({ ok: true, value: ms });
      }),
    );
  });
});

describe('duration arithmetic', () => {
  const unitWords: readonly (readonly [string, bigint])[] = [
    ['ms', 1n],
    ['s', SECOND],
    ['minutes', MINUTE],
    ['h', HOUR],
    ['days', DAY],
    ['w', WEEK],
    ['months', MONTH],
    ['y', YEAR],
  ];

  it('twelve months make exactly one year', () => {
    expect(value(parseDuration('1 month')) * 12n).toBe(value(parseDuration('1 year')));
  });

  it('a number with a unit is that number of units, and sums are exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom(...unitWords)), {
          minLength: 1,
          maxLength: 6,
        }),
        (terms) => {
          let sum = 0n;
          for (const [count, [word, size]] of terms) {
            const ms = value(parseDuration(`${count} ${word}`));
            expect(ms).toBe(count * size);
            sum += ms;
          }
          const expected = terms.reduce((total, [count, [, size]]) => total + count * size, 0n);
          expect(sum).toBe(expected);
        },
      ),
    );
  });

  it('a compound duration equals the sum of its terms', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 999n }),
        fc.bigInt({ min: 0n, max: 23n }),
        fc.bigInt({ min: 0n, max: 59n }),
        (d, h, m) => {
          expect(value(parseDuration(`${d}d${h}h${m}m`))).toBe(d * DAY + h * HOUR + m * MINUTE);
        },
      ),
    );
  });

  it('a decimal is rounded up to the next whole millisecond, never down', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 6 }), (n, decimals) => {
        const text = (n / 10 ** decimals).toFixed(decimals);
        const ms = value(parseDuration(`${text}s`));
        // n / 10^decimals seconds = n * 1000 / 10^decimals ms, rounded up.
        const scale = 10n ** BigInt(decimals);
        const exact = BigInt(n) * 1000n;
        expect(ms * scale >= exact).toBe(true);
        expect((ms - 1n) * scale < exact).toBe(true);
      }),
    );
  });
});

describe('parseFrequency', () => {
  it.each<[string, bigint, string]>([
    ['hourly', HOUR, 'hourly'],
    ['daily', DAY, 'daily'],
    ['Daily', DAY, 'daily'],
    ['weekly', WEEK, 'weekly'],
    ['Weekly', WEEK, 'weekly'],
    ['monthly', MONTH, 'monthly'],
    ['MONTHLY', MONTH, 'monthly'],
    ['quarterly', 3n * MONTH, 'quarterly'],
    ['yearly', YEAR, 'yearly'],
    ['annually', YEAR, 'annually'],
    ['every 6h', 6n * HOUR, 'every 6h'],
    ['Every 6h', 6n * HOUR, 'every 6h'],
    ['every 5 minutes', 5n * MINUTE, 'every 5 minutes'],
    ['Every 6 hours', 6n * HOUR, 'every 6 hours'],
    ['every hour', HOUR, 'every hour'],
    ['6h', 6n * HOUR, 'every 6h'],
    ['continuous', 0n, 'continuous'],
  ])('reads %j as an interval of %s ms', (text, intervalMs, label) => {
    expect(parseFrequency(text)).toEqual({ ok: true, value: { intervalMs, label } });
  });

  it.each(['on_change', 'on change', 'On Change', 'on-change'])('reads %j as the change event', (text) => {
    expect(parseFrequency(text)).toEqual({ ok: true, value: { onEvent: 'change', label: 'on change' } });
  });

  it('rejects `1-second fsync`: the note is not part of a frequency', () => {
    expect(error(parseFrequency('1-second fsync'))).toEqual({
      message: '`fsync` after `1-second` is not part of a frequency',
      expected: 'a frequency such as `daily`, `every 6h`, `every 5 minutes`, `on_change` or `continuous`',
      hint: 'write the interval alone, e.g. `every 1 second`, and keep `fsync` in a description',
      offset: 9,
      length: 5,
    });
  });

  it('suggests the keyword a misspelling was reaching for', () => {
    const e = error(parseFrequency('dialy'));
    expect(e.hint).toBe('did you mean `daily`?');
    expect([e.offset, e.length]).toEqual([0, 5]);
    expect(error(parseFrequency('on_chnage')).hint).toBe('did you mean `change`?');
    expect(error(parseFrequency('on_chnage')).offset).toBe(3);
  });

  it('rejects a time of day after a keyword, pointing to clock windows', () => {
    const e = error(parseFrequency('daily at 03:00 UTC'));
    expect(e.message).toBe('`at 03:00 UTC` after `daily` is not part of a frequency');
    expect(e.hint).toBe('write `daily`, and give the time as a window such as `03:00-04:00`');
    expect([e.offset, e.length]).toEqual([6, 12]);
  });

  it('rejects `every` without an interval', () => {
    expect(error(parseFrequency('every')).hint).toBe('write e.g. `every 6h`');
  });

  it('rejects biweekly, which means two different things', () => {
    expect(error(parseFrequency('biweekly')).hint).toBe('write `every 2 weeks` or `every 3.5d`');
  });

  it('rejects a zero interval in favour of `continuous`', () => {
    const e = error(parseFrequency('every 0s'));
    expect(e.hint).toBe('write `continuous` for something that runs all the time');
    expect([e.offset, e.length]).toEqual([6, 2]);
  });

  it('reports a misspelled unit after `every` at its place', () => {
    const e = error(parseFrequency('every 5 minuts'));
    expect(e.hint).toBe('did you mean `minutes`?');
    expect([e.offset, e.length]).toEqual([8, 6]);
  });

  it('rejects an empty frequency', () => {
    expect(error(parseFrequency('  ')).message).toBe('the frequency is empty');
  });
});

describe('parseDurationBound', () => {
  it.each<[string, '<' | '<=' | '>' | '>=' | '=', bigint]>([
    ['< 100ms', '<', 100n],
    ['<100ms', '<', 100n],
    ['<5ms', '<', 5n],
    ['<= 2 seconds', '<=', 2n * SECOND],
    ['< 2 minutes', '<', 2n * MINUTE],
    ['< 30 seconds', '<', 30n * SECOND],
    ['≤ 30s', '<=', 30n * SECOND],
    ['≥ 1s', '>=', SECOND],
    ['> 5m', '>', 5n * MINUTE],
    ['>= 1h', '>=', HOUR],
    ['= 10s', '=', 10n * SECOND],
    ['30 seconds', '=', 30n * SECOND],
  ])('reads %j', (text, op, ms) => {
    expect(parseDurationBound(text)).toEqual({ ok: true, value: { op, ms } });
  });

  it('rejects an operator without a duration, pointing at the operator', () => {
    expect(error(parseDurationBound('<= '))).toEqual({
      message: '`<=` needs a duration after it',
      expected: 'a bound such as `< 100ms` or `<= 2 seconds`',
      offset: 0,
      length: 2,
    });
  });

  it('reports a bad duration after the operator at its place', () => {
    const e = error(parseDurationBound('< 100 msec5'));
    expect(e.offset).toBeGreaterThanOrEqual(2);
    const typo = error(parseDurationBound('< 2 secnds'));
    expect(typo.hint).toBe('did you mean `seconds`?');
    expect([typo.offset, typo.length]).toEqual([4, 6]);
  });

  it('rejects a doubled operator', () => {
    const e = error(parseDurationBound('<< 5ms'));
    expect([e.offset, e.length]).toEqual([1, 5]);
  });
});

describe('parseClockWindow', () => {
  it('reads a daily window as minutes of the day', () => {
    expect(parseClockWindow('03:00-04:00')).toEqual({ ok: true, value: { startMinute: 180, endMinute: 240 } });
    expect(parseClockWindow('05:00 - 06:30 UTC')).toEqual({ ok: true, value: { startMinute: 300, endMinute: 390 } });
  });

  it('reads an AWS weekly window as minutes of the week from Sunday 00:00', () => {
    expect(parseClockWindow('sun:04:00-sun:05:00')).toEqual({
      ok: true,
      value: { startMinute: 240, endMinute: 300, startDay: 0, endDay: 0 },
    });
    expect(parseClockWindow('Sat:23:30-Sun:00:30')).toEqual({
      ok: true,
      value: { startMinute: 6 * 1440 + 1410, endMinute: 30, startDay: 6, endDay: 0 },
    });
  });

  it('allows a window that crosses midnight, and 24:00 as an end', () => {
    expect(parseClockWindow('23:00-01:00')).toEqual({ ok: true, value: { startMinute: 1380, endMinute: 60 } });
    expect(parseClockWindow('22:00-24:00')).toEqual({ ok: true, value: { startMinute: 1320, endMinute: 1440 } });
  });

  it.each<[string, string, number, number]>([
    ['25:00-26:00', 'hour 25 does not exist', 0, 2],
    ['03:00-04:60', 'minute 60 does not exist', 9, 2],
    ['24:00-01:00', 'hour 24 does not exist', 0, 2],
    ['03:00-03:00', 'the window starts and ends at the same time', 0, 11],
    ['sun:04:00-05:00', 'only one end of the window names a day', 0, 3],
  ])('rejects %j: %s', (text, message, offset, length) => {
    const e = error(parseClockWindow(text));
    expect(e.message).toBe(message);
    expect([e.offset, e.length]).toEqual([offset, length]);
  });

  it('suggests a day name', () => {
    const e = error(parseClockWindow('snu:04:00-sun:05:00'));
    expect(e.hint).toBe('did you mean `sun`?');
    expect([e.offset, e.length]).toEqual([0, 3]);
  });

  it('rejects a time zone other than UTC with a hint', () => {
    const e = error(parseClockWindow('03:00-04:00 CET'));
    expect(e.hint).toBe('write the window in UTC');
  });
});
