import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rational } from '../../src/units/rational.js';
import {
  dataRateBytesPer,
  formatBitRate,
  formatDataRate,
  parseBitRate,
  parseDataRate,
  type DataRate,
} from '../../src/units/rate.js';
import { errorOf, value } from './support.js';

describe('parseBitRate', () => {
  const table: [string, bigint][] = [
    ['100Mbps', 100_000_000n],
    ['1 Gbps', 1_000_000_000n],
    ['10 Gbps', 10_000_000_000n],
    ['500 Kbps', 500_000n],
    ['500Kbps', 500_000n],
    ['500 kbps', 500_000n],
    ['1.5 Mbps', 1_500_000n],
    ['75 Mbps', 75_000_000n],
    ['10 Gbit/s', 10_000_000_000n],
  ];
  for (const [input, expected] of table) {
    it(`${input} is ${expected} bit/s`, () => {
      expect(value(parseBitRate(input)).bitsPerSecond).toBe(expected);
    });
  }

  it('2x 25 Gbps is a bond of two links: multiplier 2, 50 Gbit/s in total', () => {
    expect(value(parseBitRate('2x 25 Gbps'))).toEqual({ bitsPerSecond: 50_000_000_000n, atLeast: false, approx: false, multiplier: 2n });
  });

  it('~1 Mbps is approximate; 1 Gbps+ is at least', () => {
    expect(value(parseBitRate('~1 Mbps'))).toMatchObject({ bitsPerSecond: 1_000_000n, approx: true });
    expect(value(parseBitRate('1 Gbps+'))).toMatchObject({ atLeast: true });
  });

  it('error: 1Gbps port refuses the trailing word (offset 6, length 4)', () => {
    expect(errorOf(parseBitRate('1Gbps port'))).toMatchObject({ offset: 6, length: 4, hint: 'put the description elsewhere' });
  });

  it('error: 100 MB/s is a data rate, and the hint converts it (offset 4, length 4)', () => {
    expect(errorOf(parseBitRate('100 MB/s'))).toMatchObject({
      offset: 4,
      length: 4,
      message: '`MB/s` is a data rate in bytes per second, not a bit rate',
      hint: 'one byte is 8 bits: that is `800 Mbps`',
    });
  });

  it('error: unknown units get a suggestion, a missing unit an example', () => {
    expect(errorOf(parseBitRate('10 Gbsp'))).toMatchObject({ offset: 3, length: 4, hint: 'did you mean `Gbps`?' });
    expect(errorOf(parseBitRate('100'))).toMatchObject({ offset: 3, hint: 'write e.g. `100 Mbps`' });
  });
});

describe('formatBitRate', () => {
  it('prints 100 Mbps, 1.5 Gbps, 500 kbps, 0 bps', () => {
    expect(formatBitRate(100_000_000n)).toBe('100 Mbps');
    expect(formatBitRate(1_500_000_000n)).toBe('1.5 Gbps');
    expect(formatBitRate(500_000n)).toBe('500 kbps');
    expect(formatBitRate(0n)).toBe('0 bps');
  });

  it('property: parseBitRate(formatBitRate(b, 12)) = b for any whole bit rate', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (b) => {
        expect(value(parseBitRate(formatBitRate(b, 12))).bitsPerSecond).toBe(b);
      }),
    );
  });
});

describe('parseDataRate', () => {
  const table: [string, DataRate][] = [
    ['1TB/month', { bytes: 10n ** 12n, per: 'month', approx: false, sign: 1 }],
    ['500MB/day', { bytes: 500n * 10n ** 6n, per: 'day', approx: false, sign: 1 }],
    ['65MB/user/month', { bytes: 65n * 10n ** 6n, per: 'month', perEntity: 'user', approx: false, sign: 1 }],
    ['~50MB/month', { bytes: 50n * 10n ** 6n, per: 'month', approx: true, sign: 1 }],
    ['+500MB/month', { bytes: 500n * 10n ** 6n, per: 'month', approx: false, sign: 1 }],
    ['+5GB/month', { bytes: 5n * 10n ** 9n, per: 'month', approx: false, sign: 1 }],
    ['+2GB/week', { bytes: 2n * 10n ** 9n, per: 'week', approx: false, sign: 1 }],
    ['-2GB/week', { bytes: 2n * 10n ** 9n, per: 'week', approx: false, sign: -1 }],
    ['1000 MB/s', { bytes: 1000n * 10n ** 6n, per: 'second', approx: false, sign: 1 }],
    ['100MB/day', { bytes: 100n * 10n ** 6n, per: 'day', approx: false, sign: 1 }],
    ['4.8GB/day', { bytes: 4_800_000_000n, per: 'day', approx: false, sign: 1 }],
    ['10 GB per month', { bytes: 10n * 10n ** 9n, per: 'month', approx: false, sign: 1 }],
    ['~65MB/user/month', { bytes: 65n * 10n ** 6n, per: 'month', perEntity: 'user', approx: true, sign: 1 }],
    ['1 GiB/h', { bytes: 2n ** 30n, per: 'hour', approx: false, sign: 1 }],
  ];
  for (const [input, expected] of table) {
    it(`${input}`, () => {
      expect(value(parseDataRate(input))).toEqual(expected);
    });
  }

  it('error: 100Mbps is a bit rate, not a volume over time (offset 3, length 4)', () => {
    expect(errorOf(parseDataRate('100Mbps'))).toMatchObject({ offset: 3, length: 4 });
  });

  it('error: a missing period, a misspelt period, trailing words', () => {
    expect(errorOf(parseDataRate('500MB'))).toMatchObject({ offset: 5, message: 'the data rate has no period' });
    expect(errorOf(parseDataRate('500MB/dya'))).toMatchObject({ offset: 6, length: 3, hint: 'did you mean `day`?' });
    expect(errorOf(parseDataRate('500MB/user/fortnight'))).toMatchObject({ offset: 11, length: 9 });
    expect(errorOf(parseDataRate('1TB/month egress'))).toMatchObject({ offset: 10, length: 6 });
    expect(errorOf(parseDataRate('4Gb/day')).hint).toBe('`Gb` is gigabits; for bytes write `GB`');
  });
});

describe('dataRateBytesPer', () => {
  it('1TB/month is 12TB/year exactly (a month is a twelfth of a mean year)', () => {
    expect(dataRateBytesPer(value(parseDataRate('1TB/month')), 'year')).toEqual(rational(12n * 10n ** 12n));
  });

  it('500MB/day is 500MB × 2629746/86400 per month, exactly', () => {
    expect(dataRateBytesPer(value(parseDataRate('500MB/day')), 'month')).toEqual(rational(500n * 10n ** 6n * 2_629_746n, 86_400n));
  });

  it('keeps the sign: -2GB/week is -2GB/7 per day', () => {
    expect(dataRateBytesPer(value(parseDataRate('-2GB/week')), 'day')).toEqual(rational(-2n * 10n ** 9n, 7n));
  });
});

describe('formatDataRate', () => {
  it('prints 500 MB/day, -2 GB/week, ~65 MB/user/month, 1 GB/s', () => {
    expect(formatDataRate(value(parseDataRate('500MB/day')))).toBe('500 MB/day');
    expect(formatDataRate(value(parseDataRate('-2GB/week')))).toBe('-2 GB/week');
    expect(formatDataRate(value(parseDataRate('~65MB/user/month')))).toBe('~65 MB/user/month');
    expect(formatDataRate(value(parseDataRate('1000 MB/s')))).toBe('1 GB/s');
  });

  it('property: parseDataRate(formatDataRate(r)) = r', () => {
    const arbRate = fc.record({
      bytes: fc.bigInt({ min: 0n, max: 10n ** 18n }),
      per: fc.constantFrom<DataRate['per']>('second', 'minute', 'hour', 'day', 'week', 'month', 'year'),
      approx: fc.boolean(),
      sign: fc.constantFrom<1 | -1>(1, -1),
    });
    fc.assert(
      fc.property(arbRate, fc.option(fc.constantFrom('user', 'tenant'), { nil: undefined }), (rate, entity) => {
        const r: DataRate = entity === undefined ? rate : { ...rate, perEntity: entity };
        expect(value(parseDataRate(formatDataRate(r)))).toEqual(r);
      }),
    );
  });
});
