import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qualifiedName } from '../../../src/preflight/probes/dns.js';
import { startDns, type DnsServerHandle } from '../harness/dns.js';
import { probe, type Results } from './run-probes.js';

const SPEC = `
network:
  dns:
    zone: example.test.
    records:
      - { name: app, type: A, value: 127.0.0.10, ttl: 300s }
      - { name: app, type: A, value: 127.0.0.11, ttl: 300s }
      - { name: www.example.test., type: CNAME, value: app.example.test, ttl: 5 minutes }
      - { name: v6, type: AAAA, value: "0:0:0:0:0:0:0:1", ttl: 60s }
      - { name: spf, type: TXT, value: '"v=spf1 -all"', ttl: 300s }
      - { name: moved, type: A, value: 127.0.0.20, ttl: 300s }
      - { name: gone, type: A, value: 127.0.0.30 }
      - { name: maybe, type: A, value: 127.0.0.40, optional: true }
      - { name: placeholder, type: A, value: "<PRIMARY_IP>", ttl: 300s }
      - { name: secret, type: TXT, value: "\${VERIFY_TOKEN}" }
      - { name: unset, type: TXT, value: "\${UNSET_VALUE}" }
`;

describe('DNS probe against an in-process DNS server', () => {
  let server: DnsServerHandle;
  let results: Results;
  let offline: Results;

  beforeAll(async () => {
    server = await startDns([
      { name: 'app.example.test', type: 'A', ttl: 300, value: '127.0.0.10' },
      { name: 'app.example.test', type: 'A', ttl: 300, value: '127.0.0.11' },
      { name: 'www.example.test', type: 'CNAME', ttl: 300, value: 'app.example.test' },
      { name: 'v6.example.test', type: 'AAAA', ttl: 60, value: '::1' },
      { name: 'spf.example.test', type: 'TXT', ttl: 3600, value: 'v=spf1 -all' },
      { name: 'moved.example.test', type: 'A', ttl: 300, value: '127.0.0.21' },
      { name: 'placeholder.example.test', type: 'A', ttl: 300, value: '127.0.0.50' },
      { name: 'secret.example.test', type: 'TXT', ttl: 300, value: 'verify=dns-Secret-3Qw8' },
    ]);
    const env = { INFRASPEC_DNS_SERVER: server.address, VERIFY_TOKEN: 'verify=dns-Secret-3Qw8' };
    results = await probe(SPEC, { env, offline: true, timeoutMs: 1500 });
    offline = await probe(SPEC, { env: {}, offline: true, timeoutMs: 1500 });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('passes records whose values and TTLs match, in every record type it reads', () => {
    expect(results.get(null, 'dns.record:app.example.test/A')).toMatchObject({ status: 'pass', measured: 'A 127.0.0.10, 127.0.0.11, TTL 300 s (authoritative)', minimum: 'A 127.0.0.10, 127.0.0.11', recommended: 'TTL 300 s' });
    expect(results.get(null, 'dns.record:www.example.test/CNAME')).toMatchObject({ status: 'pass', measured: 'CNAME app.example.test, TTL 300 s (authoritative)' });
    expect(results.get(null, 'dns.record:v6.example.test/AAAA')).toMatchObject({ status: 'pass', measured: 'AAAA ::1, TTL 60 s (authoritative)' });
  });

  it('warns on a TTL that differs from the spec in an authoritative answer', () => {
    expect(results.get(null, 'dns.record:spf.example.test/TXT')).toMatchObject({ status: 'warn', message: 'spf.example.test TXT has TTL 3600 s, the spec says 300 s' });
  });

  it('fails a record with another value', () => {
    expect(results.get(null, 'dns.record:moved.example.test/A')).toMatchObject({ status: 'fail', message: 'moved.example.test A is 127.0.0.21, the spec says 127.0.0.20' });
  });

  it('fails a missing record and skips a missing optional one', () => {
    expect(results.get(null, 'dns.record:gone.example.test/A')).toMatchObject({ status: 'fail', measured: 'NXDOMAIN' });
    expect(results.get(null, 'dns.record:maybe.example.test/A')).toMatchObject({ status: 'skip', message: expect.stringContaining('optional record maybe.example.test A is not published') });
  });

  it('checks a placeholder value for existence only', () => {
    const placeholder = results.get(null, 'dns.record:placeholder.example.test/A');
    expect(placeholder.status).toBe('pass');
    expect(placeholder.message).toContain('`<PRIMARY_IP>` is a placeholder');
  });

  it('resolves a value from the environment and masks a secret-named one', () => {
    const secret = results.get(null, 'dns.record:secret.example.test/TXT');
    expect(secret.status).toBe('pass');
    expect(JSON.stringify(secret)).not.toContain('dns-Secret-3Qw8');
    expect(results.get(null, 'dns.record:unset.example.test/TXT')).toMatchObject({ status: 'skip', message: expect.stringContaining('`UNSET_VALUE`') });
  });

  it('asks the server it was pointed at, once per name and type', () => {
    expect(server.questions.filter((q) => q === 'app.example.test A')).toHaveLength(1);
  });

  it('skips every record offline when no loopback resolver is named', () => {
    expect(offline.get(null, 'dns.record:app.example.test/A').status).toBe('skip');
    expect(offline.get(null, 'dns.record:app.example.test/A').message).toMatch(/^offline: would ask .* for app\.example\.test A; point INFRASPEC_DNS_SERVER at a loopback resolver/);
  });

  it('qualifies names against the zone', () => {
    expect(qualifiedName('www', 'example.com.')).toBe('www.example.com');
    expect(qualifiedName('@', 'example.com')).toBe('example.com');
    expect(qualifiedName('api.example.com.', 'example.com')).toBe('api.example.com');
    expect(qualifiedName('db.internal', undefined)).toBe('db.internal');
  });
});
