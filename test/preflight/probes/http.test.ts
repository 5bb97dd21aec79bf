import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeCertificate, summarize, type Exchange } from '../../../src/preflight/probes/http.js';
import { freePort } from '../harness/processes.js';
import { makeCertificate, startHttp, startHttps, type Certificate, type Listener } from '../harness/web.js';
import { tempSpec } from '../../helpers.js';
import { probe, serialized, type Results } from './run-probes.js';

const TOKEN = 'http-Token-5Rt9y';

function spec(tlsMinimum: string | null): string {
  return `
components:
  api:
    kind: service
    endpoint: http://127.0.0.1:\${HTTP_PORT}
    health: { path: /healthz, latency: <500ms }
  slow:
    kind: service
    endpoint: http://127.0.0.1:\${HTTP_PORT}/slow
    health: { latency: <50ms }
  missing:
    kind: service
    endpoint: http://127.0.0.1:\${HTTP_PORT}/missing
  broken:
    kind: service
    endpoint: http://127.0.0.1:\${HTTP_PORT}/boom
  moved:
    kind: service
    endpoint: http://127.0.0.1:\${HTTP_PORT}/old
  refused:
    kind: service
    endpoint: http://127.0.0.1:\${CLOSED_PORT}/
    health: { latency: <100ms }
  secure:
    kind: service
    endpoint: https://127.0.0.1:\${GOOD_PORT}/?token=\${API_TOKEN}
  expiring:
    kind: external
    endpoint: https://localhost:\${EXPIRING_PORT}/
  expired:
    kind: external
    endpoint: https://127.0.0.1:\${EXPIRED_PORT}/
  old-tls:
    kind: external
    endpoint: https://127.0.0.1:\${TLS12_PORT}/
  remote:
    kind: external
    endpoint: https://api.example.com/
  unset:
    kind: external
    endpoint: \${UNSET_ENDPOINT}
${tlsMinimum === null ? '' : `network:\n  tls: { minVersion: '${tlsMinimum}' }\n`}`;
}

describe('HTTP(S) probe against in-process servers', () => {
  let plain: Listener;
  const secure: Listener[] = [];
  const certificates: Certificate[] = [];
  let trusted: Results;
  let untrusted: Results;
  let strict: Results;
  let seenPaths: string[];
  let bundleDir: string | undefined;

  beforeAll(async () => {
    seenPaths = [];
    plain = await startHttp((req, res) => {
      seenPaths.push(req.url ?? '');
      if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 120);
        return;
      }
      if (req.url === '/missing') res.statusCode = 404;
      if (req.url === '/boom') res.statusCode = 500;
      if (req.url === '/old') {
        res.statusCode = 301;
        res.setHeader('location', '/new');
      }
      res.end('ok');
    });
    const good = makeCertificate(90);
    const soon = makeCertificate(5);
    const past = makeCertificate(-1);
    certificates.push(good, soon, past);
    const ok = (_req: unknown, res: { end(body: string): void }) => res.end('ok');
    for (const [certificate, tls] of [[good, {}], [soon, {}], [past, {}], [good, { maxVersion: 'TLSv1.2' as const }]] as const) {
      secure.push(await startHttps(ok, certificate, tls));
    }
    bundleDir = tempSpec({});
    const bundle = join(bundleDir, 'ca.pem');
    writeFileSync(bundle, certificates.map((c) => c.cert).join(''));
    const env = {
      HTTP_PORT: String(plain.port),
      CLOSED_PORT: String(await freePort()),
      GOOD_PORT: String(secure[0]!.port),
      EXPIRING_PORT: String(secure[1]!.port),
      EXPIRED_PORT: String(secure[2]!.port),
      TLS12_PORT: String(secure[3]!.port),
      API_TOKEN: TOKEN,
      INFRASPEC_HTTP_SAMPLES: '3',
    };
    trusted = await probe(spec(null), { env: { ...env, INFRASPEC_CA_FILE: bundle }, offline: true, timeoutMs: 3000 });
    untrusted = await probe(spec(null), { env, offline: true, timeoutMs: 3000 });
    strict = await probe(spec('1.3'), { env: { ...env, INFRASPEC_CA_FILE: bundle }, offline: true, timeoutMs: 3000 });
  }, 60_000);

  afterAll(async () => {
    await plain?.close();
    for (const listener of secure) await listener.close();
    for (const certificate of certificates) certificate.dispose();
    if (bundleDir !== undefined) rmSync(bundleDir, { recursive: true, force: true });
  });

  it('passes a 200 from the health path of an endpoint that names only a host', () => {
    expect(trusted.get('api', 'http.status')).toMatchObject({ status: 'pass', measured: '200' });
    expect(seenPaths).toContain('/healthz');
  });

  it('passes latency within the bound, with median and p95 over the samples', () => {
    const latency = trusted.get('api', 'http.latency');
    expect(latency.status).toBe('pass');
    expect(latency.measured).toMatch(/^median \d+\.\d ms, p95 \d+\.\d ms over 3 requests$/);
    expect(latency.minimum).toBe('<500ms');
  });

  it('fails a slow responder whose p95 exceeds the bound', () => {
    const slow = trusted.get('slow', 'http.latency');
    expect(slow.status).toBe('fail');
    expect(slow.message).toMatch(/^median \d+\.\d ms and p95 \d+\.\d ms exceed <50ms$/);
    expect(Number(/median (\S+)/.exec(slow.measured ?? '')?.[1])).toBeGreaterThanOrEqual(100);
  });

  it('warns on 4xx, fails on 5xx, passes a redirect without following it', () => {
    expect(trusted.get('missing', 'http.status')).toMatchObject({ status: 'warn', measured: '404' });
    expect(trusted.get('broken', 'http.status')).toMatchObject({ status: 'fail', measured: '500' });
    const moved = trusted.get('moved', 'http.status');
    expect(moved).toMatchObject({ status: 'pass', measured: '301' });
    expect(moved.message).toContain('redirecting to /new (not followed)');
    expect(seenPaths).not.toContain('/new');
  });

  it('fails a refused connection for status and latency', () => {
    expect(trusted.get('refused', 'http.status').status).toBe('fail');
    expect(trusted.get('refused', 'http.status').message).toMatch(/connection refused at 127\.0\.0\.1:\d+/);
    expect(trusted.get('refused', 'http.latency').message).toMatch(/^request 1 of 3: GET http:\/\/127\.0\.0\.1:\d+\/: connection refused/);
  });

  it('plans no TLS checks for plain http', () => {
    expect(trusted.all.filter((r) => r.component === 'api').map((r) => r.check)).toEqual(['http.status', 'http.latency']);
  });

  it('reports the negotiated TLS version against the default floor of 1.2', () => {
    expect(trusted.get('secure', 'http.tls')).toMatchObject({ status: 'pass', measured: 'TLS 1.3', minimum: 'TLS 1.2' });
    expect(trusted.get('old-tls', 'http.tls')).toMatchObject({ status: 'pass', measured: 'TLS 1.2' });
  });

  it('fails TLS 1.2 when network.tls.minVersion is 1.3', () => {
    expect(strict.get('old-tls', 'http.tls')).toMatchObject({ status: 'fail', minimum: 'TLS 1.3', message: 'negotiated TLS 1.2, below TLS 1.3 from network.tls.minVersion' });
    expect(strict.get('secure', 'http.tls').status).toBe('pass');
  });

  it('passes a trusted certificate with months left', () => {
    const certificate = trusted.get('secure', 'http.certificate');
    expect(certificate.status).toBe('pass');
    expect(certificate.measured).toMatch(/^expires \d{4}-\d\d-\d\d \(8\d days\)$/);
  });

  it('warns on a certificate that expires within 14 days', () => {
    const expiring = trusted.get('expiring', 'http.certificate');
    expect(expiring.status).toBe('warn');
    expect(expiring.message).toMatch(/expires on \d{4}-\d\d-\d\d, in [45] days: renew it/);
  });

  it('fails an expired certificate', () => {
    const expired = trusted.get('expired', 'http.certificate');
    expect(expired.status).toBe('fail');
    expect(expired.message).toMatch(/^the certificate for localhost expired on \d{4}-\d\d-\d\d/);
  });

  it('fails a certificate the host does not trust, with the reason', () => {
    const self = untrusted.get('secure', 'http.certificate');
    expect(self.status).toBe('fail');
    expect(self.message).toContain('is not trusted: it is self-signed');
    expect(self.message).toContain('INFRASPEC_CA_FILE');
  });

  it('skips non-loopback endpoints offline and endpoints whose variable is unset', () => {
    expect(trusted.get('remote', 'http.status')).toMatchObject({ status: 'skip', message: 'offline: would contact api.example.com, which is not loopback' });
    expect(trusted.get('unset', 'http.status')).toMatchObject({ status: 'skip', message: expect.stringContaining('`UNSET_ENDPOINT`') });
  });

  it('masks a token in the query string in every result', () => {
    expect(serialized(trusted)).not.toContain(TOKEN);
    expect(serialized(untrusted)).not.toContain(TOKEN);
  });
});

describe('HTTP judgements', () => {
  it('takes the median of an even count as the mean of the middle two, and p95 by nearest rank', () => {
    expect(summarize([40, 10, 30, 20])).toEqual({ median: 25, p95: 40 });
    expect(summarize(Array.from({ length: 20 }, (_, i) => i + 1))).toEqual({ median: 10.5, p95: 19 });
  });

  it('judges certificate dates against the clock it is given', () => {
    const exchange: Exchange = {
      status: 200,
      location: null,
      protocol: 'TLSv1.3',
      certificate: { valid_from: 'Jan  1 00:00:00 2026 GMT', valid_to: 'Dec 31 00:00:00 2026 GMT', subject: { CN: 'example.test' }, issuer: { O: 'Test CA' } } as Exchange['certificate'],
      authorized: true,
      authorizationError: null,
      elapsedMs: 1,
    };
    expect(judgeCertificate(exchange, 'example.test', new Date('2026-12-20T00:00:00Z'))).toMatchObject({ status: 'warn', measured: 'expires 2026-12-31 (11 days)' });
    expect(judgeCertificate(exchange, 'example.test', new Date('2026-12-01T00:00:00Z'))).toMatchObject({ status: 'pass', measured: 'expires 2026-12-31 (30 days)' });
    expect(judgeCertificate(exchange, 'example.test', new Date('2027-01-02T00:00:00Z'))).toMatchObject({ status: 'fail', measured: 'expired 2026-12-31' });
  });
});
