import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatBytesExact, parseBytes, type ByteSize } from '../../src/units/bytes.js';
import { errorOf, value } from './support.js';

function bytes(text: string): bigint {
  return value(parseBytes(text)).bytes;
}

describe('parseBytes', () => {
  const table: [string, bigint][] = [
    ['8GB', 8_000_000_000n],
    ['16 GB', 16_000_000_000n],
    ['1TB', 1_000_000_000_000n],
    ['1 TiB', 1_099_511_627_776n],
    ['1.5GiB', 1_610_612_736n],
    ['500 MB', 500_000_000n],
    ['100KB', 100_000n],
    ['100kB', 100_000n],
    ['512B', 512n],
    ['512 bytes', 512n],
    ['0', 0n],
    ['512', 512n],
    ['10Gi', 10_737_418_240n],
    ['10G', 10_000_000_000n],
    ['512M', 512_000_000n],
    ['1,000 GB', 1_000_000_000_000n],
    ['1 EiB', 1024n ** 6n],
    ['2PB', 2n * 10n ** 15n],
  ];
  for (const [input, expected] of table) {
    it(`${input} is ${expected} bytes`, () => {
      expect(bytes(input)).toBe(expected);
    });
  }

  it('GB is 10^9 and GiB is 2^30: 8GB ≠ 8GiB and 8GB < 8GiB', () => {
    expect(bytes('8GB')).toBe(8n * 10n ** 9n);
    expect(bytes('8GiB')).toBe(8n * 2n ** 30n);
    expect(bytes('8GB') < bytes('8GiB')).toBe(true);
    expect(bytes('7.45GiB') < bytes('8GB')).toBe(true);
    expect(bytes('7.46GiB') > bytes('8GB')).toBe(true);
  });

  it('rounds fractions up to whole bytes: 0.1KiB is 103 bytes, 1.5B is 2', () => {
    expect(bytes('0.1KiB')).toBe(103n);
    expect(bytes('1.5B')).toBe(2n);
  });

  it('reads the flags: 50Gi+ is at least, ~160GB approximate, and keeps the unit as written', () => {
    expect(value(parseBytes('50Gi+'))).toEqual<ByteSize>({ bytes: 50n * 2n ** 30n, atLeast: true, approx: false, unit: 'Gi' });
    expect(value(parseBytes('~160GB'))).toEqual<ByteSize>({ bytes: 160n * 10n ** 9n, atLeast: false, approx: true, unit: 'GB' });
    expect(value(parseBytes('80GB+')).atLeast).toBe(true);
    expect(value(parseBytes('0')).unit).toBe('');
  });

  it('error: 4Gb is gigabits (offset 1, length 2)', () => {
    expect(errorOf(parseBytes('4Gb'))).toMatchObject({ offset: 1, length: 2, hint: '`Gb` is gigabits; for bytes write `GB`' });
    expect(errorOf(parseBytes('100 Mb'))).toMatchObject({ offset: 4, length: 2, hint: '`Mb` is megabits; for bytes write `MB`' });
  });

  it('error: trailing words are refused: 4TB NVMe points at NVMe (offset 4, length 4)', () => {
    expect(errorOf(parseBytes('4TB NVMe'))).toMatchObject({ offset: 4, length: 4, hint: 'put the description elsewhere' });
  });

  it('error: 8K is not a unit (offset 1, length 1), 512m is milli, 5Mq suggests Mi', () => {
    expect(errorOf(parseBytes('8K'))).toMatchObject({ offset: 1, length: 1, hint: 'did you mean `8KB` (10^3 bytes) or `8KiB` (2^10 bytes)?' });
    expect(errorOf(parseBytes('512m'))).toMatchObject({ offset: 3, length: 1, message: '`m` means milli (10^-3), not mega' });
    expect(errorOf(parseBytes('5Mq'))).toMatchObject({ offset: 1, length: 2, hint: 'did you mean `Mi`?' });
    expect(errorOf(parseBytes('16 gb')).hint).toBe('did you mean `GB`?');
  });

  it('error: negative and missing sizes', () => {
    expect(errorOf(parseBytes('-5GB'))).toMatchObject({ offset: 0, length: 1, message: 'a size cannot be negative' });
    expect(errorOf(parseBytes('GB'))).toMatchObject({ offset: 0, length: 2 });
    expect(errorOf(parseBytes(''))).toMatchObject({ offset: 0, length: 0 });
  });
});

describe('formatBytes', () => {
  it('uses the largest unit with a value of at least 1: 8 GB, 7.45 GiB, 0 B, 1023 B', () => {
    expect(formatBytes(8_000_000_000n, 'si')).toBe('8 GB');
    expect(formatBytes(8_000_000_000n)).toBe('7.45 GiB');
    expect(formatBytes(0n)).toBe('0 B');
    expect(formatBytes(1023n)).toBe('1023 B');
    expect(formatBytes(1536n * 1024n * 1024n)).toBe('1.5 GiB');
    expect(formatBytes(1500n, 'si')).toBe('1.5 kB');
  });

  it('never prints 1024 MiB for a value that rounds up to 1 GiB', () => {
    expect(formatBytes(2n ** 30n - 1n)).toBe('1 GiB');
  });

  it('honours maxFractionDigits', () => {
    expect(formatBytes(8_000_000_000n, 'iec', 4)).toBe('7.4506 GiB');
    expect(formatBytes(8_000_000_000n, 'iec', 0)).toBe('7 GiB');
  });
});

describe('formatBytesExact', () => {
  it('uses the largest unit that divides: 10 GiB, 1536 MiB, 1 B, 0 B, 1500 MB', () => {
    expect(formatBytesExact(10n * 2n ** 30n)).toBe('10 GiB');
    expect(formatBytesExact(1536n * 2n ** 20n)).toBe('1536 MiB');
    expect(formatBytesExact(1n)).toBe('1 B');
    expect(formatBytesExact(0n)).toBe('0 B');
    expect(formatBytesExact(1_500_000_000n, 'si')).toBe('1500 MB');
    expect(formatBytesExact(8_000_000_000n, 'si')).toBe('8 GB');
  });

  it('property: parseBytes(formatBytesExact(b)) = b, in both systems', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 70n }), fc.constantFrom<'si' | 'iec'>('si', 'iec'), (b, system) => {
        expect(bytes(formatBytesExact(b, system))).toBe(b);
      }),
    );
  });

  it('property: products of powers round-trip exactly (n × unit)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.integer({ min: 0, max: 6 }), (n, power) => {
        expect(bytes(formatBytesExact(n * 1024n ** BigInt(power)))).toBe(n * 1024n ** BigInt(power));
        expect(bytes(formatBytesExact(n * 1000n ** BigInt(power), 'si'))).toBe(n * 1000n ** BigInt(power));
      }),
    );
  });
});

describe('comparisons across units', () => {
  const units: [string, bigint][] = [
    ['B', 1n], ['kB', 10n ** 3n], ['MB', 10n ** 6n], ['GB', 10n ** 9n], ['TB', 10n ** 12n],
    ['KiB', 2n ** 10n], ['MiB', 2n ** 20n], ['GiB', 2n ** 30n], ['TiB', 2n ** 40n], ['Mi', 2n ** 20n], ['G', 10n ** 9n],
  ];
  const arbSize = fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(...units));

  it('property: comparing parsed sizes agrees with comparing exact byte counts', () => {
    fc.assert(
      fc.property(arbSize, arbSize, ([a, [ua, fa]], [b, [ub, fb]]) => {
        const left = bytes(`${a}${ua}`);
        const right = bytes(`${b} ${ub}`);
        expect(left).toBe(BigInt(a) * fa);
        expect(right).toBe(BigInt(b) * fb);
        expect(left < right).toBe(BigInt(a) * fa < BigInt(b) * fb);
      }),
    );
  });

  it('property: exact sums are associative and equal the sum of parts', () => {
    fc.assert(
      fc.property(fc.array(arbSize, { minLength: 3, maxLength: 12 }), (sizes) => {
        const parsed = sizes.map(([n, [u]]) => bytes(`${n}${u}`));
        const leftFold = parsed.reduce((s, b) => s + b, 0n);
        const rightFold = parsed.reduceRight((s, b) => s + b, 0n);
        const parts = sizes.reduce((s, [n, [, f]]) => s + BigInt(n) * f, 0n);
        expect(leftFold).toBe(rightFold);
        expect(leftFold).toBe(parts);
      }),
    );
  });
});
