/**
 * Calendar periods used by rates (`500MB/day`), growth (`+5GB/month`) and money
 * (`$48/month`). A month is the mean Gregorian month, 365.2425 / 12 days, so that
 * twelve months make exactly one mean year; infracost-style 730-hour months are a
 * pricing convention and are applied by the cost code, not here.
 */
export type Period = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export const PERIOD_SECONDS: Readonly<Record<Period, bigint>> = {
  second: 1n,
  minute: 60n,
  hour: 3_600n,
  day: 86_400n,
  week: 604_800n,
  month: 2_629_746n,
  year: 31_556_952n,
};

const PERIOD_WORDS: Readonly<Record<string, Period>> = {
  s: 'second', sec: 'second', second: 'second', seconds: 'second',
  min: 'minute', minute: 'minute', minutes: 'minute',
  h: 'hour', hr: 'hour', hour: 'hour', hours: 'hour',
  d: 'day', day: 'day', days: 'day',
  w: 'week', wk: 'week', week: 'week', weeks: 'week',
  mo: 'month', month: 'month', months: 'month',
  y: 'year', yr: 'year', year: 'year', years: 'year',
};

/** `day`, `days`, `d`, `month`, `mo`… to a Period (case-insensitive), or undefined. */
export function periodFromWord(word: string): Period | undefined {
  return PERIOD_WORDS[word.toLowerCase()];
}

export const PERIOD_NAMES: readonly string[] = Object.keys(PERIOD_WORDS);
