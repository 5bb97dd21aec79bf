import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { errorOf as error, value } from './support.js';
import {
  compareVersions,
  formatVersion,
  parseOsRequirement,
  parseSoftwareRequirement,
  parseVersion,
  parseVersionRange,
  rangeMinimum,
  rangesOverlap,
  type Version,
  type VersionRange,
} from '../../src/units/version.js';

const v = (text: string): Version => value(parseVersion(text));
const range = (text: string | number): VersionRange => value(parseVersionRange(text));

/** Which of `candidates` the range admits. */
function admitted(r: VersionRange, candidates: readonly string[]): string[] {
  return candidates.filter((c) => r.test(v(c)));
}

describe('parseVersion', () => {
  it.each<[string, number[], string[], string[]]>([
    ['v1.28.5+k3s1', [1, 28, 5], [], ['k3s1']],
    ['15.4', [15, 4], [], []],
    ['7.0', [7, 0], [], []],
    ['22.04', [22, 4], [], []],
    ['5.10', [5, 10], [], []],
    ['1.0', [1, 0], [], []],
    ['4.3.1', [4, 3, 1], [], []],
    ['13', [13], [], []],
    ['1.29.0-rc.1', [1, 29, 0], ['rc', '1'], []],
    ['1.0.0-alpha+001', [1, 0, 0], ['alpha'], ['001']],
    ['2023.1.20240101', [2023, 1, 20240101], [], []],
    [' V2.1 ', [2, 1], [], []],
  ])('reads %j', (text, parts, prerelease, build) => {
    expect(parseVersion(text)).toEqual({ ok: true, value: { parts, prerelease, build, raw: text.trim() } });
  });

  it('keeps parts as integers: 5.10 is above 5.9 and differs from 5.1', () => {
    expect(compareVersions(v('5.10'), v('5.9'))).toBe(1);
    expect(compareVersions(v('5.10'), v('5.1'))).toBe(1);
  });

  it('reads a number as String(n), so YAML 7.0 arrives as 7 and 5.10 as 5.1', () => {
    expect(parseVersion(15.4)).toEqual({ ok: true, value: { parts: [15, 4], prerelease: [], build: [], raw: '15.4' } });
    expect(value(parseVersion(7.0)).parts).toEqual([7]);
    expect(value(parseVersion(5.1)).parts).toEqual([5, 1]);
  });

  it('rejects a wildcard version: 3.12.x is a range', () => {
    expect(error(parseVersion('3.12.x'))).toEqual({
      message: '`3.12.x` is a range of versions, not one version',
      expected: 'a version such as `1.28`, `15.4.1` or `v1.28.5+k3s1`',
      hint: 'write the version line as `3.12`, or parse it as a range',
      offset: 0,
      length: 6,
    });
  });

  it('rejects tool output, pointing at the version inside it', () => {
    const e = error(parseVersion('podman version 5.0.0'));
    expect(e.hint).toBe('pass only the version, e.g. `5.0.0`');
    expect([e.offset, e.length]).toEqual([0, 20]);
  });

  it('rejects `13+`, which is a range', () => {
    const e = error(parseVersion('13+'));
    expect(e.hint).toBe('write `13`');
    expect([e.offset, e.length]).toEqual([2, 1]);
  });

  it.each<[string | number, number, number]>([
    ['', 0, 0],
    ['1.', 1, 1],
    ['1..2', 1, 1],
    ['1.2 beta', 3, 5],
    ['99999999999999999999', 0, 20],
    [Number.NaN, 0, 3],
    [-1, 0, 2],
  ])('rejects %j at offset %i, length %i', (text, offset, length) => {
    const e = error(parseVersion(text));
    expect([e.offset, e.length]).toEqual([offset, length]);
  });
});

describe('formatVersion and compareVersions', () => {
  it('writes the canonical text', () => {
    expect(formatVersion(v('v1.28.5+k3s1'))).toBe('1.28.5+k3s1');
    expect(formatVersion(v('22.04'))).toBe('22.4');
    expect(formatVersion(v('1.29.0-rc.1'))).toBe('1.29.0-rc.1');
  });

  it('orders by semver precedence: prereleases before the release, build ignored', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1',
      '1.10',
      '2',
    ];
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(compareVersions(v(ordered[i] ?? ''), v(ordered[i + 1] ?? ''))).toBe(-1);
    }
    expect(compareVersions(v('1.0'), v('1.0.0'))).toBe(0);
    expect(compareVersions(v('1.28.5+k3s1'), v('1.28.5+k3s2'))).toBe(0);
  });

  const identifier = fc.oneof(
    fc.nat(30).map(String),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/),
  );
  const version: fc.Arbitrary<Version> = fc
    .record({
      parts: fc.array(fc.nat(40), { minLength: 1, maxLength: 5 }),
      prerelease: fc.array(identifier, { maxLength: 3 }),
      build: fc.array(identifier, { maxLength: 2 }),
    })
    .map((r) => ({ ...r, raw: '' }))
    .map((r) => ({ ...r, raw: formatVersion(r) }));

  it('parseVersion(formatVersion(v)) is v', () => {
    fc.assert(
      fc.property(version, (x) => {
        expect(parseVersion(formatVersion(x))).toEqual({ ok: true, value: x });
      }),
    );
  });

  it('is antisymmetric and transitive (a total preorder)', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) {
          expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('is consistent with sorting', () => {
    fc.assert(
      fc.property(fc.array(version, { maxLength: 20 }), (versions) => {
        const sorted = [...versions].sort(compareVersions);
        for (let i = 0; i + 1 < sorted.length; i++) {
          const [x, y] = [sorted[i], sorted[i + 1]];
          if (x !== undefined && y !== undefined) expect(compareVersions(x, y)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('agrees with semver on three-part versions', () => {
    const semverVersion = fc
      .record({
        parts: fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((t) => [...t]),
        prerelease: fc.array(identifier, { maxLength: 3 }),
        build: fc.constant<string[]>([]),
      })
      .map((r) => ({ ...r, raw: formatVersion({ ...r, raw: '' }) }));
    fc.assert(
      fc.property(semverVersion, semverVersion, (a, b) => {
        expect(compareVersions(a, b)).toBe(semver.compare(a.raw, b.raw));
      }),
    );
  });
});

const CANDIDATES = [
  '1.0.0', '1.2.2', '1.2.3', '1.2.4', '1.2.10', '1.3.0', '1.9.9', '2.0.0', '2.0.0-rc.1',
  '1.27.9', '1.28.0', '1.28.0-rc.1', '1.28.5', '1.28.5.1', '1.29.0', '1.29.0-rc.1', '1.29.9', '1.30.0-rc.1', '1.30.0',
];

describe('parseVersionRange', () => {
  it.each<[string, string, string[]]>([
    ['1.28+', '1.28 or later', ['1.28.0', '1.28.5', '1.28.5.1', '1.29.0-rc.1', '1.29.0', '1.29.9', '1.30.0-rc.1', '1.30.0', '2.0.0-rc.1', '2.0.0']],
    ['>=1.28 <1.30', '1.28 or later and below 1.30', ['1.28.0', '1.28.5', '1.28.5.1', '1.29.0-rc.1', '1.29.0', '1.29.9']],
    ['>= 1.28, < 1.30', '1.28 or later and below 1.30', ['1.28.0', '1.28.5', '1.28.5.1', '1.29.0-rc.1', '1.29.0', '1.29.9']],
    ['1.28.x', '1.28.x', ['1.28.0', '1.28.5', '1.28.5.1']],
    ['1.28.*', '1.28.*', ['1.28.0', '1.28.5', '1.28.5.1']],
    ['1.28', '1.28.x', ['1.28.0', '1.28.5', '1.28.5.1']],
    ['1.x', '1.x', ['1.0.0', '1.2.2', '1.2.3', '1.2.4', '1.2.10', '1.3.0', '1.9.9', '1.27.9', '1.28.0', '1.28.0-rc.1', '1.28.5', '1.28.5.1', '1.29.0', '1.29.0-rc.1', '1.29.9', '1.30.0-rc.1', '1.30.0']],
    ['^1.2.3', '1.2.3 or later, below 2', ['1.2.3', '1.2.4', '1.2.10', '1.3.0', '1.9.9', '1.27.9', '1.28.0', '1.28.0-rc.1', '1.28.5', '1.28.5.1', '1.29.0', '1.29.0-rc.1', '1.29.9', '1.30.0-rc.1', '1.30.0']],
    ['~1.2', '1.2 or later, below 1.3', ['1.2.2', '1.2.3', '1.2.4', '1.2.10']],
    ['~1.2.3', '1.2.3 or later, below 1.3', ['1.2.3', '1.2.4', '1.2.10']],
    ['=1.28.5', 'exactly 1.28.5', ['1.28.5']],
    ['v1.28.5+k3s1', 'exactly v1.28.5+k3s1', []],
    ['<1.28', 'below 1.28', ['1.0.0', '1.2.2', '1.2.3', '1.2.4', '1.2.10', '1.3.0', '1.9.9', '1.27.9']],
    ['<=1.2', '1.2 or earlier', ['1.0.0', '1.2.2', '1.2.3', '1.2.4', '1.2.10']],
    ['>1.28', 'later than 1.28', ['1.29.0', '1.29.9', '1.30.0-rc.1', '1.30.0', '2.0.0', '2.0.0-rc.1']],
    ['1.28 - 1.29', '1.28 through 1.29', ['1.28.0', '1.28.5', '1.28.5.1', '1.29.0', '1.29.0-rc.1', '1.29.9']],
    ['1.2.3 || 1.3.0', '1.2.3.x or 1.3.0.x', ['1.2.3', '1.3.0']],
  ])('%j (%s) admits exactly the expected versions', (text, describe, expected) => {
    const r = range(text);
    expect(r.raw).toBe(text);
    expect(r.any).toBe(false);
    expect(r.describe).toBe(describe);
    expect(new Set(admitted(r, CANDIDATES))).toEqual(new Set(expected));
  });

  it('13+ is 13 or later, with minimum 13', () => {
    const r = range('13+');
    expect(r.describe).toBe('13 or later');
    expect(r.minimum).toEqual({ parts: [13], prerelease: [], build: [], raw: '13' });
    expect(r.maximumExclusive).toBeUndefined();
    expect(admitted(r, ['12', '12.9', '13', '13.0.1', '16.2'])).toEqual(['13', '13.0.1', '16.2']);
  });

  it('4.4+ admits 4.4 and 5.0, not 4.3.9', () => {
    expect(admitted(range('4.4+'), ['4.3.9', '4.4', '4.4.0', '5.0'])).toEqual(['4.4', '4.4.0', '5.0']);
  });

  it('a bare version is its line: 15.4 holds 15.4.z, 15 holds every 15.y.z', () => {
    const r = range('15.4');
    expect(admitted(r, ['15.3', '15.4', '15.4.1', '15.5', '15.40'])).toEqual(['15.4', '15.4.1']);
    expect(r.minimum?.raw).toBe('15.4');
    expect(r.maximumExclusive).toEqual({ parts: [15, 5], prerelease: [], build: [], raw: '15.5' });
    expect(admitted(range('15'), ['14.9', '15', '15.4.1', '16'])).toEqual(['15', '15.4.1']);
  });

  it('=15.4.1 is exact', () => {
    expect(admitted(range('=15.4.1'), ['15.4', '15.4.1', '15.4.1.0', '15.4.1.1', '15.4.2'])).toEqual(['15.4.1', '15.4.1.0']);
  });

  it('an exact build needs that build', () => {
    const r = range('v1.28.5+k3s1');
    expect(admitted(r, ['1.28.5', '1.28.5+k3s1', 'v1.28.5+k3s1', '1.28.5+k3s2'])).toEqual(['1.28.5+k3s1', 'v1.28.5+k3s1']);
    expect(r.minimum?.raw).toBe('v1.28.5+k3s1');
  });

  it('<22.04 keeps the Ubuntu spelling and excludes every 22.04', () => {
    const r = range('<22.04');
    expect(r.describe).toBe('below 22.04');
    expect(admitted(r, ['20.04', '21.10', '22.04', '22.04.3', '24.04'])).toEqual(['20.04', '21.10']);
    expect(r.minimum).toBeUndefined();
    expect(r.maximumExclusive?.raw).toBe('22.04');
  });

  it('7/8 is either line', () => {
    const r = range('7/8');
    expect(r.describe).toBe('7.x or 8.x');
    expect(admitted(r, ['6.10', '7', '7.9', '8.1', '9'])).toEqual(['7', '7.9', '8.1']);
    expect(r.minimum?.raw).toBe('7');
    expect(r.maximumExclusive?.raw).toBe('9');
  });

  it('13 - 15 is inclusive of the whole 15 line', () => {
    const r = range('13 - 15');
    expect(admitted(r, ['12.9', '13', '14.2', '15', '15.7', '16'])).toEqual(['13', '14.2', '15', '15.7']);
    expect(r.minimum?.raw).toBe('13');
    expect(r.maximumExclusive?.raw).toBe('16');
  });

  it.each<[string, string]>([
    ['latest', 'any version (`latest` is not pinned)'],
    ['Latest stable', 'any version (`latest stable` is not pinned)'],
    ['any', 'any version'],
    ['*', 'any version'],
  ])('%j pins nothing', (text, describe) => {
    const r = range(text);
    expect(r.any).toBe(true);
    expect(r.describe).toBe(describe);
    expect(r.test(v('0.0.1'))).toBe(true);
    expect(r.minimum).toBeUndefined();
  });

  it('reads a number as String(n)', () => {
    expect(range(13).describe).toBe('13.x');
    expect(range(15.4).describe).toBe('15.4.x');
  });

  it('rejects 13++, pointing at the second +', () => {
    expect(error(parseVersionRange('13++'))).toEqual({
      message: 'unexpected `+` after `13+`',
      expected: 'a version range such as `13+`, `>=1.28 <1.30`, `1.28.x`, `^1.2.3`, `7/8`, `13 - 15` or `latest`',
      hint: 'write `13+` for 13 or later',
      offset: 3,
      length: 1,
    });
  });

  it('rejects an operator without a version: >=1.28 <', () => {
    expect(error(parseVersionRange('>=1.28 <'))).toEqual({
      message: '`<` needs a version after it',
      expected: 'a version such as `1.30`',
      offset: 7,
      length: 1,
    });
  });

  it.each<[string, string | undefined, number, number]>([
    ['>=13+', 'write `13+` or `>=13`', 4, 1],
    ['13-15', 'write `13 - 15` for a range', 0, 5],
    ['~>1.2', 'write `~1.2` (1.2.x) or `^1.2` (below 2), or spell the bounds: `>=1.2 <2`', 0, 2],
    ['>=1.28<1.30', 'separate the comparators with a space: `>=1.28 <1.30`', 6, 5],
    ['lastest', 'did you mean `latest`?', 0, 7],
    ['>=2 <1', 'check the direction of the bounds', 0, 6],
    ['1.x+', 'write `1+`', 3, 1],
    ['7/', undefined, 1, 1],
    ['', undefined, 0, 0],
  ])('rejects %j', (text, hint, offset, length) => {
    const e = error(parseVersionRange(text));
    expect(e.hint).toBe(hint);
    expect([e.offset, e.length]).toEqual([offset, length]);
  });

  it('suggests `||` for versions written side by side', () => {
    expect(error(parseVersionRange('1.2.3 1.2.4')).hint).toBe(
      'versions side by side must all hold; for either, write `1.2.3 || 1.2.4`',
    );
  });

  it('rejects a trailing comma', () => {
    const e = error(parseVersionRange('>= 1.28,'));
    expect([e.offset, e.length]).toEqual([7, 1]);
  });

  it('rejects a hyphen range that ends before it starts', () => {
    expect(error(parseVersionRange('15 - 13')).message).toBe('the range `15 - 13` is empty: it ends before it starts');
  });

  it('agrees with semver on three-part releases for operator, caret, tilde and x-ranges', () => {
    const triple = fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4)).map((t) => t.join('.'));
    const partial = fc.oneof(
      triple,
      fc.tuple(fc.nat(4), fc.nat(4)).map((t) => t.join('.')),
      fc.nat(4).map(String),
    );
    const comparator = fc.tuple(fc.constantFrom('>=', '>', '<', '<=', '^', '~', ''), partial).map(([op, x]) => op + x);
    const rangeText = fc.oneof(
      comparator,
      fc.tuple(comparator, comparator).map(([a, b]) => `${a} ${b}`),
      fc.tuple(partial, partial).map(([a, b]) => `${a} - ${b}`),
      fc.tuple(comparator, comparator).map(([a, b]) => `${a} || ${b}`),
    );
    fc.assert(
      fc.property(rangeText, triple, (text, candidate) => {
        const parsed = parseVersionRange(text);
        const semverRange = semver.validRange(text);
        if (!parsed.ok) {
          // We reject only ranges that admit nothing.
          expect(parsed.error.message).toMatch(/no version satisfies|is empty/);
          return;
        }
        expect(semverRange).not.toBeNull();
        expect(parsed.value.test(v(candidate))).toBe(semver.satisfies(candidate, text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rangesOverlap and rangeMinimum', () => {
  it.each<[string, string, boolean]>([
    ['1.28+', '<1.30', true],
    ['1.28+', '<1.28', false],
    ['>=1.28 <1.30', '1.29.x', true],
    ['>=1.28 <1.30', '1.30.x', false],
    ['<22.04', '22.04', false],
    ['<=22.04', '22.04', true],
    ['7/8', '8.2', true],
    ['7/8', '9+', false],
    ['v1.28.5+k3s1', '1.28.x', true],
    ['v1.28.5+k3s1', '=1.28.5+k3s2', false],
    ['latest', '13+', true],
    ['13 - 15', '16+', false],
    ['13 - 15', '15.9', true],
  ])('%j and %j overlap: %s', (a, b, expected) => {
    expect(rangesOverlap(range(a), range(b))).toBe(expected);
    expect(rangesOverlap(range(b), range(a))).toBe(expected);
  });

  it('is unknown for a hand-made range', () => {
    const handMade: VersionRange = { raw: 'odd', any: false, describe: 'odd versions', test: (x) => (x.parts[0] ?? 0) % 2 === 1 };
    expect(rangesOverlap(handMade, range('13+'))).toBeUndefined();
    expect(rangeMinimum(handMade)).toBeUndefined();
  });

  it('a common admitted version implies overlap', () => {
    const line = fc.tuple(fc.nat(5), fc.nat(5)).map((t) => t.join('.'));
    const rangeText = fc.oneof(
      line,
      line.map((x) => `${x}+`),
      line.map((x) => `<${x}`),
      line.map((x) => `^${x}`),
      fc.tuple(line, line).map(([a, b]) => `>=${a} <${b}`),
    );
    fc.assert(
      fc.property(rangeText, rangeText, fc.tuple(fc.nat(6), fc.nat(6), fc.nat(3)), (a, b, parts) => {
        const [x, y] = [parseVersionRange(a), parseVersionRange(b)];
        if (!x.ok || !y.ok) return;
        const candidate = v(parts.join('.'));
        if (x.value.test(candidate) && y.value.test(candidate)) {
          expect(rangesOverlap(x.value, y.value)).toBe(true);
        }
        if (rangesOverlap(x.value, y.value) === false) {
          expect(x.value.test(candidate) && y.value.test(candidate)).toBe(false);
        }
      }),
    );
  });

  it('names the lowest admitted version', () => {
    expect(rangeMinimum(range('13+'))?.raw).toBe('13');
    expect(rangeMinimum(range('>1.28'))?.raw).toBe('1.29');
    expect(rangeMinimum(range('8/7'))?.raw).toBe('7');
    expect(rangeMinimum(range('<22.04'))).toBeUndefined();
    expect(rangeMinimum(range('latest'))).toBeUndefined();
  });

  it('the minimum is admitted and nothing below it is', () => {
    const rangeText = fc
      .tuple(fc.constantFrom('', '>=', '^', '~', '>'), fc.tuple(fc.nat(5), fc.nat(5)))
      .map(([op, t]) => `${op}${t.join('.')}`);
    fc.assert(
      fc.property(rangeText, fc.tuple(fc.nat(6), fc.nat(6), fc.nat(3)), (text, parts) => {
        const r = range(text);
        const minimum = rangeMinimum(r);
        expect(minimum).toBeDefined();
        if (minimum === undefined) return;
        expect(r.test(minimum)).toBe(true);
        const candidate = v(parts.join('.'));
        if (compareVersions(candidate, minimum) < 0) expect(r.test(candidate)).toBe(false);
      }),
    );
  });
});

describe('parseOsRequirement', () => {
  it.each<[string, string, string, boolean, string | undefined, string]>([
    ['Ubuntu 24.04 LTS', 'ubuntu', 'Ubuntu', true, undefined, '24.04.x'],
    ['Ubuntu 22.04+', 'ubuntu', 'Ubuntu', false, undefined, '22.04 or later'],
    ['Ubuntu <22.04', 'ubuntu', 'Ubuntu', false, undefined, 'below 22.04'],
    ['Debian 12', 'debian', 'Debian', false, undefined, '12.x'],
    ['Debian 12 (Bookworm)', 'debian', 'Debian', false, 'bookworm', '12.x'],
    ['Debian <11', 'debian', 'Debian', false, undefined, 'below 11'],
    ['Rocky Linux 9', 'rocky', 'Rocky Linux', false, undefined, '9.x'],
    ['AlmaLinux 9', 'almalinux', 'AlmaLinux', false, undefined, '9.x'],
    ['Fedora 40+', 'fedora', 'Fedora', false, undefined, '40 or later'],
    ['CentOS 7/8', 'centos', 'CentOS', false, undefined, '7.x or 8.x'],
    ['RHEL 9', 'rhel', 'RHEL', false, undefined, '9.x'],
    ['Amazon Linux 2023', 'amazonlinux', 'Amazon Linux', false, undefined, '2023.x'],
    ['Ubuntu 22.04 LTS (Jammy)', 'ubuntu', 'Ubuntu', true, 'jammy', '22.04.x'],
    ['Linux', 'linux', 'Linux', false, undefined, 'any version'],
    ['ubuntu', 'ubuntu', 'ubuntu', false, undefined, 'any version'],
  ])('reads %j', (text, distro, name, lts, codename, describe) => {
    const os = value(parseOsRequirement(text));
    expect(os.distro).toBe(distro);
    expect(os.name).toBe(name);
    expect(os.lts).toBe(lts);
    expect(os.codename).toBe(codename);
    expect(os.range.describe).toBe(describe);
  });

  it('a version requirement admits the point releases of its line', () => {
    const os = value(parseOsRequirement('Ubuntu 24.04 LTS'));
    expect(admitted(os.range, ['22.04', '24.04', '24.04.1', '24.10'])).toEqual(['24.04', '24.04.1']);
    expect(os.range.minimum?.raw).toBe('24.04');
    expect(value(parseOsRequirement('Linux')).range.any).toBe(true);
  });

  it('suggests a distribution name for a misspelling: Ubunto 22.04', () => {
    expect(error(parseOsRequirement('Ubunto 22.04'))).toEqual({
      message: 'unknown distribution `Ubunto`',
      expected:
        'an operating system such as `Ubuntu 24.04 LTS`, `Debian 12 (Bookworm)`, `Rocky Linux 9` or `Fedora 40+`',
      hint: 'did you mean `Ubuntu`?',
      offset: 0,
      length: 6,
    });
    expect(error(parseOsRequirement('Rocky Linx 9')).hint).toBe('did you mean `Rocky Linux`?');
  });

  it('rejects a codename that names another release', () => {
    expect(error(parseOsRequirement('Debian 12 (Bullseye)'))).toEqual({
      message: 'Debian 12 is not `Bullseye`',
      expected:
        'an operating system such as `Ubuntu 24.04 LTS`, `Debian 12 (Bookworm)`, `Rocky Linux 9` or `Fedora 40+`',
      hint: 'Debian 12 is `bookworm`; `Bullseye` is Debian 11',
      offset: 11,
      length: 8,
    });
    expect(error(parseOsRequirement('Ubuntu 24.04 (jammy)')).hint).toBe('Ubuntu 24.04 is `noble`; `jammy` is Ubuntu 22.04');
    expect(error(parseOsRequirement('Debian 12+ (bookworm)')).message).toBe(
      'a codename names one release, but `12+` is a range',
    );
  });

  it('suggests a codename for a misspelling', () => {
    const e = error(parseOsRequirement('Debian 12 (Bookwrom)'));
    expect(e.hint).toBe('did you mean `bookworm`?');
    expect([e.offset, e.length]).toEqual([11, 8]);
  });

  it('rejects a parenthesised note after Linux, pointing at the recommended list', () => {
    expect(error(parseOsRequirement('Linux (Debian/Ubuntu recommended)'))).toEqual({
      message: 'the note `Debian/Ubuntu recommended` is not part of the requirement',
      expected: 'a distribution list such as `Debian 12`, `Ubuntu 24.04`',
      hint: 'accept `Linux`, and list the recommended distributions under the recommended requirements',
      offset: 6,
      length: 27,
    });
  });

  it('rejects a note after other distributions', () => {
    const e = error(parseOsRequirement('CentOS 7/8 (EOL or deprecated)'));
    expect(e.hint).toBe('move the note into a description');
    expect([e.offset, e.length]).toEqual([11, 19]);
    expect(error(parseOsRequirement('Debian <11 (old packages)')).offset).toBe(11);
  });

  it('rejects LTS on a release that is not one', () => {
    const e = error(parseOsRequirement('Ubuntu 23.10 LTS'));
    expect(e.message).toBe('`23.10` is not an Ubuntu LTS release');
    expect([e.offset, e.length]).toEqual([7, 5]);
  });

  it('rejects LTS or a codename without the release number', () => {
    const lts = error(parseOsRequirement('Ubuntu LTS'));
    expect(lts.message).toBe('`LTS` needs the release number');
    expect([lts.offset, lts.length]).toEqual([7, 3]);
    expect(error(parseOsRequirement('Debian (Bookworm)')).hint).toBe('write e.g. `Debian 12 (Bookworm)`');
    expect(error(parseOsRequirement('Fedora (Workstation)')).hint).toBe('move the note into a description');
  });

  it('rejects a version on plain Linux, pointing to the kernel', () => {
    const e = error(parseOsRequirement('Linux 5.10+'));
    expect(e.hint).toBe('for a kernel version write `kernel 5.10+`');
    expect([e.offset, e.length]).toEqual([6, 5]);
  });

  it('reports a bad version at its place in the text', () => {
    const e = error(parseOsRequirement('Fedora 40++'));
    expect([e.offset, e.length]).toEqual([10, 1]);
  });
});

describe('parseSoftwareRequirement', () => {
  it.each<[string, string, string, string]>([
    ['Python 3.11+', 'Python', '3.11 or later', '3.11'],
    ['Podman 4.4+', 'Podman', '4.4 or later', '4.4'],
    ['kernel 5.10+', 'kernel', '5.10 or later', '5.10'],
    ['PostgreSQL 13+', 'PostgreSQL', '13 or later', '13'],
    ['k3s v1.28.5+k3s1', 'k3s', 'exactly v1.28.5+k3s1', 'v1.28.5+k3s1'],
    ['Python 3.12.x', 'Python', '3.12.x', '3.12'],
    ['Kubernetes >=1.28 <1.30', 'Kubernetes', '1.28 or later and below 1.30', '1.28'],
  ])('reads %j', (text, name, describe, minimum) => {
    const software = value(parseSoftwareRequirement(text));
    expect(software.name).toBe(name);
    expect(software.range.describe).toBe(describe);
    expect(software.range.minimum?.raw).toBe(minimum);
  });

  it('kernel 5.10+ admits 5.15 and 6.1, not 5.4 or 5.9', () => {
    const { range: r } = value(parseSoftwareRequirement('kernel 5.10+'));
    expect(admitted(r, ['5.4', '5.9', '5.10', '5.15', '6.1'])).toEqual(['5.10', '5.15', '6.1']);
  });

  it('a name alone, or with `latest`, admits any version', () => {
    expect(value(parseSoftwareRequirement('Redis')).range.any).toBe(true);
    const latest = value(parseSoftwareRequirement('Podman latest stable'));
    expect(latest.name).toBe('Podman');
    expect(latest.range.any).toBe(true);
  });

  it('rejects a trailing note with a hint', () => {
    expect(error(parseSoftwareRequirement('Podman 5.0+ (latest features)'))).toEqual({
      message: 'the note `(latest features)` is not part of the requirement',
      expected: 'software and a version range such as `Python 3.11+`, `Podman 4.4+` or `k3s v1.28.5+k3s1`',
      hint: 'write `Podman 5.0+` and move the note into a description',
      offset: 12,
      length: 17,
    });
  });

  it('rejects a name run into its version', () => {
    const e = error(parseSoftwareRequirement('Python3.11+'));
    expect(e.hint).toBe('write `Python 3.11+`');
    expect([e.offset, e.length]).toEqual([0, 11]);
  });

  it('reports a bad range at its place in the text', () => {
    const e = error(parseSoftwareRequirement('PostgreSQL 13++'));
    expect([e.offset, e.length]).toEqual([14, 1]);
    expect(error(parseSoftwareRequirement('3.11+')).message).toBe('the software name is missing');
  });
});
