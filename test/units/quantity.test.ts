import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rational } from '../../src/units/rational.js';
import {
  canonicalQuantity,
  cpuMillicores,
  formatMillicores,
  memoryBytes,
  parseQuantity,
  quantityFromNumber,
  quantityMilliValueCeil,
  quantityValueCeil,
  type Quantity,
} from '../../src/units/quantity.js';
import { errorOf, value } from './support.js';

function q(text: string): Quantity {
  return value(parseQuantity(text));
}

describe('parseQuantity', () => {
  it('1.5Gi is exactly 1610612736 bytes, BinarySI', () => {
    expect(q('1.5Gi')).toEqual({ value: rational(1610612736n), format: 'BinarySI' });
  });

  it('reads the three formats: 250m DecimalSI, 128Mi BinarySI, 1e3 DecimalExponent', () => {
    expect(q('250m')).toEqual({ value: rational(1n, 4n), format: 'DecimalSI' });
    expect(q('128Mi')).toEqual({ value: rational(134217728n), format: 'BinarySI' });
    expect(q('1e3')).toEqual({ value: rational(1000n), format: 'DecimalExponent' });
    expect(q('1E')).toEqual({ value: rational(10n ** 18n), format: 'DecimalSI' });
    expect(q('1E3')).toEqual({ value: rational(1000n), format: 'DecimalExponent' });
  });

  it('accepts the apiserver oddities: .5, 1., 1.G, +1, -3m, 007', () => {
    expect(q('.5').value).toEqual(rational(1n, 2n));
    expect(q('1.').value).toEqual(rational(1n));
    expect(q('1.G').value).toEqual(rational(10n ** 9n));
    expect(q('+1').value).toEqual(rational(1n));
    expect(q('-3m').value).toEqual(rational(-3n, 1000n));
    expect(q('007').value).toEqual(rational(7n));
  });

  it('rounds up (away from zero) to nano on parse: 3.001n → 4n, -0.5n → -1n', () => {
    expect(q('3.001n').value).toEqual(rational(4n, 10n ** 9n));
    expect(q('-0.5n').value).toEqual(rational(-1n, 10n ** 9n));
    expect(q('0.00000012345').value).toEqual(rational(124n, 10n ** 9n));
  });

  it('a BinarySI value between -1 and 1 becomes DecimalSI (0.000000000001Ki → 2n)', () => {
    expect(q('0.000000000001Ki')).toEqual({ value: rational(2n, 10n ** 9n), format: 'DecimalSI' });
    expect(q('0.5Ki').format).toBe('BinarySI');
  });

  it('rejects what the apiserver rejects', () => {
    for (const text of ['', '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', '.', '-', '1e']) {
      expect(parseQuantity(text).ok, text).toBe(false);
    }
  });

  it('error: 5Mq points at the suffix (offset 1, length 2) and suggests Mi', () => {
    expect(errorOf(parseQuantity('5Mq'))).toMatchObject({ offset: 1, length: 2, hint: 'did you mean `Mi`?' });
  });

  it('error: 8K points at K (offset 1, length 1) and offers k or Ki', () => {
    expect(errorOf(parseQuantity('8K'))).toMatchObject({
      offset: 1,
      length: 1,
      hint: 'did you mean `k` (10^3) or `Ki` (2^10)?',
    });
  });

  it('error: 8 Gi points at the space (offset 1, length 1) with "remove the space"', () => {
    const error = errorOf(parseQuantity('8 Gi'));
    expect(error).toMatchObject({ offset: 1, length: 1, hint: 'remove the space: `8Gi`' });
    expect(error.hint?.startsWith('remove the space')).toBe(true);
  });

  it('error: 8GB and 16MB explain that quantities have no B', () => {
    expect(errorOf(parseQuantity('8GB'))).toMatchObject({
      offset: 1,
      length: 2,
      hint: 'Kubernetes quantities have no B: write `8G` (10^9 bytes) or `8Gi` (2^30 bytes)',
    });
    expect(errorOf(parseQuantity('16MB')).hint).toBe(
      'Kubernetes quantities have no B: write `16M` (10^6 bytes) or `16Mi` (2^20 bytes)',
    );
    expect(errorOf(parseQuantity('2GiB')).hint).toBe('Kubernetes quantities have no B: write `2Gi` (2^30 bytes)');
    expect(errorOf(parseQuantity('8KB')).hint).toBe(
      'Kubernetes quantities have no B: write `8k` (10^3 bytes) or `8Ki` (2^10 bytes)',
    );
  });

  it('error: 4Gb is bits (offset 1, length 2)', () => {
    expect(errorOf(parseQuantity('4Gb'))).toMatchObject({
      offset: 1,
      length: 2,
      hint: '`Gb` is bits; for bytes write `4G` (10^9 bytes) or `4Gi` (2^30 bytes)',
    });
  });

  it('error: trailing words after a valid quantity point at the words: 1.5Gi x (offset 6, length 1)', () => {
    expect(errorOf(parseQuantity('1.5Gi x'))).toMatchObject({ offset: 6, length: 1, hint: 'put the description elsewhere' });
    expect(errorOf(parseQuantity('1Gi '))).toMatchObject({ offset: 3, length: 1, hint: 'remove the space' });
    expect(errorOf(parseQuantity(' 1'))).toMatchObject({ offset: 0, length: 1, hint: 'remove the space' });
  });

  it('error: a missing exponent says so', () => {
    expect(errorOf(parseQuantity('-3.01e-'))).toMatchObject({ offset: 5, length: 2, message: 'the exponent has no digits' });
  });
});

describe('canonicalQuantity (Quantity.String())', () => {
  const table: [string, string][] = [
    ['1.5Gi', '1536Mi'],
    ['0.1', '100m'],
    ['1000m', '1'],
    ['1e3', '1e3'],
    ['2000k', '2M'],
    ['1024Mi', '1Gi'],
    ['0.5Gi', '512Mi'],
    ['100m', '100m'],
    ['0', '0'],
    ['0Gi', '0'],
    ['-0', '0'],
    ['5n', '5n'],
    ['4u', '4u'],
    ['50k', '50k'],
    ['40T', '40T'],
    ['1E-3', '1e-3'],
    ['1E6', '1e6'],
    ['1e14', '100e12'],
    ['100.035k', '100035'],
    ['0.0005k', '500m'],
    ['0.5e0', '500e-3'],
    ['0.5e-1', '50e-3'],
    ['10.035M', '10035k'],
    ['1.2e3', '1200'],
    ['1.3E+6', '1300e3'],
    ['9.01', '9010m'],
    ['-9.01', '-9010m'],
    ['2.5P', '2500T'],
    ['1.01E', '1010P'],
    ['12E', '12E'],
    ['1000E', '1e21'],
    ['3.001n', '4n'],
    ['1.1E-9', '2e-9'],
    ['0.0000000001', '1n'],
    ['100.035Ki', '102435840m'],
    ['0.5Mi', '512Ki'],
    ['0.05Gi', '53687091200m'],
    ['0.5Ki', '512'],
    ['1.5Ki', '1536'],
    ['1025', '1025'],
    ['300Mi', '300Mi'],
    ['1001Gi', '1001Gi'],
    ['-1.5Gi', '-1536Mi'],
    ['.0001k', '100m'],
    ['1.G', '1G'],
  ];
  for (const [input, expected] of table) {
    it(`${input} prints as ${expected}`, () => {
      expect(canonicalQuantity(q(input))).toBe(expected);
    });
  }

  it('rounds a value finer than nano up to nano when printing a hand-built quantity', () => {
    expect(canonicalQuantity({ value: rational(1n, 3n), format: 'DecimalSI' })).toBe('333333334n');
  });

  const arbQuantityText = fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.bigInt({ min: 0n, max: 10n ** 12n }),
      fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }),
      fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'e-3', 'E+6', 'e-12', 'e20'),
    )
    .map(([sign, whole, fraction, suffix]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${suffix}`);

  it('property: parse(canonical(q)) has the same value, and canonical is a fixed point', () => {
    fc.assert(
      fc.property(arbQuantityText, (text) => {
        const parsed = q(text);
        const canonical = canonicalQuantity(parsed);
        const reparsed = q(canonical);
        expect(reparsed.value).toEqual(parsed.value);
        expect(canonicalQuantity(reparsed)).toBe(canonical);
      }),
    );
  });

  it('property: the canonical mantissa is an integer (no dot ever printed)', () => {
    fc.assert(
      fc.property(arbQuantityText, (text) => {
        expect(canonicalQuantity(q(text))).not.toContain('.');
      }),
    );
  });
});

describe('Value() and MilliValue()', () => {
  it('quantityValueCeil rounds up: 1.5 → 2, 100m → 1, -1.5 → -2 (away from zero, as the apiserver)', () => {
    expect(quantityValueCeil(q('1.5'))).toBe(2n);
    expect(quantityValueCeil(q('100m'))).toBe(1n);
    expect(quantityValueCeil(q('-1.5'))).toBe(-2n);
    expect(quantityValueCeil(q('1.5Gi'))).toBe(1610612736n);
  });

  it('quantityMilliValueCeil rounds up to milli: 100u → 1, 1.0001 → 1001', () => {
    expect(quantityMilliValueCeil(q('100u'))).toBe(1n);
    expect(quantityMilliValueCeil(q('1.0001'))).toBe(1001n);
    expect(quantityMilliValueCeil(q('2'))).toBe(2000n);
  });
});

describe('quantityFromNumber', () => {
  it('uses the raw YAML text when given: 0.50 → 500m', () => {
    expect(value(quantityFromNumber(0.5, '0.50')).value).toEqual(rational(1n, 2n));
    expect(value(quantityFromNumber(1000, '1e3')).format).toBe('DecimalExponent');
  });

  it('otherwise the number\'s shortest decimal: 0.1 is exactly 1/10, 1e21 reads back', () => {
    expect(value(quantityFromNumber(0.1)).value).toEqual(rational(1n, 10n));
    expect(value(quantityFromNumber(1e21)).value).toEqual(rational(10n ** 21n));
    expect(value(quantityFromNumber(12n)).value).toEqual(rational(12n));
  });

  it('refuses NaN and Infinity', () => {
    expect(quantityFromNumber(Number.NaN).ok).toBe(false);
    expect(quantityFromNumber(Number.POSITIVE_INFINITY).ok).toBe(false);
  });
});

describe('cpuMillicores', () => {
  const table: [string | number, bigint][] = [
    ['250m', 250n],
    ['0.5', 500n],
    ['0.1', 100n],
    [0.1, 100n],
    ['2', 2000n],
    [2, 2000n],
    ['1e3', 1_000_000n],
    ['100u', 1n],
    ['2 cores', 2000n],
    ['1 core', 1000n],
    ['8 vCPU', 8000n],
    ['4 CPU', 4000n],
    ['2 vCPUs', 2000n],
    ['0.25 cores', 250n],
    ['8vCPU', 8000n],
    ['1.0005 cores', 1001n],
    ['0', 0n],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} is ${expected} millicores`, () => {
      expect(value(cpuMillicores(input))).toBe(expected);
    });
  }

  it('refuses negative CPU, pointing at the sign', () => {
    expect(errorOf(cpuMillicores('-1'))).toMatchObject({ offset: 0, length: 1, message: 'CPU cannot be negative' });
    expect(errorOf(cpuMillicores('-2 cores'))).toMatchObject({ offset: 0, length: 1 });
    expect(cpuMillicores(-1).ok).toBe(false);
  });

  it('suggests the unit word for a typo: 2 corse → cores (offset 2, length 5)', () => {
    expect(errorOf(cpuMillicores('2 corse'))).toMatchObject({ offset: 2, length: 5, hint: 'did you mean `cores`?' });
  });

  it('keeps the quantity errors: 500 m asks to remove the space, 8K offers k or Ki', () => {
    expect(errorOf(cpuMillicores('500 m')).hint).toBe('remove the space: `500m`');
    expect(errorOf(cpuMillicores('8K')).hint).toBe('did you mean `k` (10^3) or `Ki` (2^10)?');
  });
});

describe('formatMillicores', () => {
  it('prints as Kubernetes does: 250m, 2, 1500m, 100m, 0, 1k', () => {
    expect(formatMillicores(250n)).toBe('250m');
    expect(formatMillicores(2000n)).toBe('2');
    expect(formatMillicores(1500n)).toBe('1500m');
    expect(formatMillicores(100n)).toBe('100m');
    expect(formatMillicores(0n)).toBe('0');
    expect(formatMillicores(1_000_000n)).toBe('1k');
  });

  it('property: cpuMillicores(formatMillicores(m)) = m', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (m) => {
        expect(value(cpuMillicores(formatMillicores(m)))).toBe(m);
      }),
    );
  });
});

describe('memoryBytes', () => {
  const table: [string | number, bigint][] = [
    ['128Mi', 134217728n],
    ['1.5Gi', 1610612736n],
    ['1G', 1_000_000_000n],
    ['100m', 1n],
    ['16 GB', 16_000_000_000n],
    ['8GB', 8_000_000_000n],
    ['8GiB', 8_589_934_592n],
    ['1.5GiB', 1610612736n],
    ['512', 512n],
    [1024, 1024n],
    ['8 Gi', 8_589_934_592n],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} is ${expected} bytes`, () => {
      expect(value(memoryBytes(input))).toBe(expected);
    });
  }

  it('128Mi × 17 sums exactly to 2281701376 bytes', () => {
    const one = value(memoryBytes('128Mi'));
    let total = 0n;
    for (let i = 0; i < 17; i++) total += one;
    expect(total).toBe(2_281_701_376n);
    expect(total).toBe(17n * 128n * 1024n * 1024n);
  });

  it('8GB is less than 8GiB, and 8GB equals 8000M and 8G across spellings', () => {
    const gb = value(memoryBytes('8GB'));
    const gib = value(memoryBytes('8GiB'));
    expect(gb < gib).toBe(true);
    expect(gb).not.toBe(gib);
    expect(gb).toBe(value(memoryBytes('8000M')));
    expect(gb).toBe(value(memoryBytes('8G')));
    expect(gib).toBe(value(memoryBytes('8192Mi')));
  });

  it('error: 4Gb is gigabits (offset 1, length 2)', () => {
    expect(errorOf(memoryBytes('4Gb'))).toMatchObject({ offset: 1, length: 2, hint: '`Gb` is gigabits; for bytes write `GB`' });
  });

  it('error: 8K offers k or Ki; ~8GB and 8GB+ are not exact sizes', () => {
    expect(errorOf(memoryBytes('8K')).hint).toBe('did you mean `k` (10^3) or `Ki` (2^10)?');
    expect(errorOf(memoryBytes('~8GB'))).toMatchObject({ offset: 0, length: 1, hint: 'remove the `~`' });
    expect(errorOf(memoryBytes('8GB+'))).toMatchObject({ offset: 3, length: 1, hint: 'remove the `+`' });
    expect(errorOf(memoryBytes('-1Gi'))).toMatchObject({ offset: 0, length: 1, message: 'memory cannot be negative' });
  });

  it('property: sums of parsed sizes in mixed units equal the sum of their exact byte counts', () => {
    const units: [string, bigint][] = [['Ki', 1024n], ['Mi', 1024n ** 2n], ['Gi', 1024n ** 3n], ['k', 1000n], ['M', 10n ** 6n], ['G', 10n ** 9n], ['GB', 10n ** 9n], [' MiB', 1024n ** 2n]];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(...units)), { maxLength: 30 }), (parts) => {
        let parsedTotal = 0n;
        let expectedTotal = 0n;
        for (const [n, [suffix, factor]] of parts) {
          parsedTotal += value(memoryBytes(`${n}${suffix}`));
          expectedTotal += BigInt(n) * factor;
        }
        expect(parsedTotal).toBe(expectedTotal);
      }),
    );
  });
});
