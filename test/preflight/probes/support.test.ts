import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parsePostgresAmount, parseRedisBytes, postgresUnit } from '../../../src/preflight/probes/support/engine-units.js';
import { decodeResponse, encodeQuery, parseDnsServer } from '../../../src/preflight/probes/support/dns-wire.js';
import { displayUrl, urlSecrets } from '../../../src/preflight/probes/support/redact.js';
import { Redactor } from '../../../src/spec/secrets.js';
import { ipVersion, isLoopbackHost } from '../../../src/preflight/host/ip.js';
import { resolveVariables } from '../../../src/preflight/probes/support/target.js';
import { versionMeets } from '../../../src/preflight/judge.js';
import { parseVersion, parseVersionRange } from '../../../src/units/version.js';

function version(text: string) {
  const parsed = parseVersion(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

function range(text: string) {
  const parsed = parseVersionRange(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('engine units', () => {
  it('reads PostgreSQL sizes as powers of 1024 and bare numbers in the setting unit', () => {
    const pages = postgresUnit('8kB');
    expect(pages).toEqual({ kind: 'memory', factor: 8192n });
    expect(parsePostgresAmount('128MB', 'memory', 8192n)).toEqual({ num: 134217728n, den: 1n });
    expect(parsePostgresAmount(16384, 'memory', 8192n)).toEqual({ num: 134217728n, den: 1n });
    expect(parsePostgresAmount('1GiB', 'memory', 8192n)).toEqual({ num: 1073741824n, den: 1n });
    expect(parsePostgresAmount('128mb', 'memory', 8192n)).toBeNull();
  });

  it('reads PostgreSQL times in microseconds', () => {
    expect(postgresUnit('ms')).toEqual({ kind: 'time', factor: 1000n });
    expect(parsePostgresAmount('5min', 'time', 1000n)).toEqual({ num: 300_000_000n, den: 1n });
  });

  it('reads Redis sizes: k, m, g are powers of 1000 and kb, mb, gb powers of 1024, in any case', () => {
    expect(parseRedisBytes('1g')).toEqual({ num: 1_000_000_000n, den: 1n });
    expect(parseRedisBytes('1GB')).toEqual({ num: 1073741824n, den: 1n });
    expect(parseRedisBytes('100mb')).toEqual({ num: 104857600n, den: 1n });
    expect(parseRedisBytes('2Gi')).toEqual({ num: 2147483648n, den: 1n });
    expect(parseRedisBytes('lots')).toBeNull();
  });
});

describe('version requirements (host checks and probes judge alike)', () => {
  it('reads a bare version as that version or later, at both levels', () => {
    for (const level of ['minimum', 'recommended'] as const) {
      expect(versionMeets(version('16.2'), range('15'), level)).toBe(true);
      expect(versionMeets(version('17.7'), range('17.6'), level)).toBe(true);
      expect(versionMeets(version('17.5'), range('17.6'), level)).toBe(false);
    }
  });

  it('tests a minimum with bounds or wildcards as written', () => {
    expect(versionMeets(version('8.0'), range('7.x'), 'minimum')).toBe(false);
    expect(versionMeets(version('1.30.1'), range('>=1.28 <1.30'), 'minimum')).toBe(false);
    expect(versionMeets(version('15.4'), range('13+'), 'minimum')).toBe(true);
  });

  it('counts a version above a bounded recommended range as meeting it', () => {
    expect(versionMeets(version('8.0'), range('7.x'), 'recommended')).toBe(true);
    expect(versionMeets(version('1.30.1'), range('>=1.28 <1.30'), 'recommended')).toBe(true);
    expect(versionMeets(version('1.27'), range('>=1.28 <1.30'), 'recommended')).toBe(false);
  });
});

describe('redaction', () => {
  it('masks the password of a URL, percent-encoded or not, and secret query parameters', () => {
    const url = new URL('postgres://app:p%40ss-word@db:5432/app?sslpassword=key-pass&application_name=x');
    const redactor = new Redactor(urlSecrets(url));
    expect(displayUrl(url)).toBe('postgres://app:***@db:5432/app?sslpassword=***&application_name=x');
    expect(redactor.redact('auth failed for p@ss-word and p%40ss-word, key-pass')).toBe('auth failed for *** and ***, ***');
  });

  it('masks any scheme://user:password@ in text it has not seen before', () => {
    expect(new Redactor([]).redact('cannot reach redis://:hunter22@cache:6379')).toBe('cannot reach redis://:***@cache:6379');
  });

  it('learns the values of secret-named variables', () => {
    const resolved = resolveVariables('https://api.test/?t=${API_TOKEN}&u=${USER_NAME}', { API_TOKEN: 'tok-123456', USER_NAME: 'alice' });
    expect(resolved.kind).toBe('ok');
    if (resolved.kind === 'ok') expect(resolved.redactor.redact(resolved.text)).toBe('https://api.test/?t=***&u=alice');
  });
});

describe('targets', () => {
  it('knows loopback by its written form only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '/var/run/postgresql', '']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['10.0.0.1', 'db.example.com', '::2', 'localhost.example.com']) expect(isLoopbackHost(host)).toBe(false);
    for (const host of ['::ffff:127.0.0.1', '0:0:0:0:0:0:0:1', 'LOCALHOST']) expect(isLoopbackHost(host)).toBe(true);
  });

  it('tells IP literals from host names as net.isIP does', () => {
    const cases = ['127.0.0.1', '10.1.2.3', '256.1.1.1', '1.2.3', '::1', '::ffff:127.0.0.1', 'fe80::1%eth0', '2001:db8::', ':::', 'db.example.com', 'localhost', '', '1::2::3'];
    for (const text of cases) expect(ipVersion(text), text).toBe(isIP(text));
  });

  it('reads a DNS server override with or without a port', () => {
    expect(parseDnsServer('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseDnsServer('[::1]:53')).toEqual({ host: '::1', port: 53 });
    expect(parseDnsServer('::1')).toEqual({ host: '::1', port: 53 });
    expect(parseDnsServer('dns.example.com')).toBeNull();
  });
});

describe('DNS wire format', () => {
  it('follows a compression pointer in an answer', () => {
    const query = encodeQuery(0x1234, 'a.test', 1);
    // Answer: the question copied, then one A record whose name points at offset 12.
    const header = Buffer.from([0x12, 0x34, 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 0]);
    const answer = Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 127, 0, 0, 9]);
    const response = decodeResponse(Buffer.concat([header, query.subarray(12), answer]), 0x1234);
    expect(response).toEqual({ rcode: 0, authoritative: true, truncated: false, answers: [{ name: 'a.test', type: 'A', ttl: 3600, value: '127.0.0.9' }] });
  });

  it('rejects an answer to another question', () => {
    expect(() => decodeResponse(Buffer.from([0, 1, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 2)).toThrow('id differs');
  });
});
