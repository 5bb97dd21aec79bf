import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/spec/files.js';
import { locate } from '../../../src/spec/source.js';
import { tempSpec } from '../../helpers.js';
import { startDns, type DnsServerHandle } from '../harness/dns.js';
import { startPostgres, type PostgresServer } from '../harness/postgres.js';
import { startRedis, type RedisServer } from '../harness/redis.js';
import { startHttp, type Listener } from '../harness/web.js';
import { planProbes, runPlanned, serialized, type Results } from './run-probes.js';

/** Client and accepted sockets (TCP and UDP) alive in this process; listeners are not counted. */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap' || name === 'UDPWrap').length;
}

const PG_PASSWORD = 'spec-Pg-Secret-6Nm3';
const REDIS_PASSWORD = 'spec-Redis-Secret-8Jc5';

const SPEC = `infraspec: 1
system: { name: shop }
components:
  postgres:
    kind: datastore
    engine: postgresql
    version: { minimum: "14", recommended: "15" }
    connection: \${PG_URL}
    settings: { max_connections: 40, shared_buffers: 32MB }
    extensions: [pgcrypto]
  redis:
    kind: datastore
    engine: redis
    version: "7"
    connection: redis://:\${REDIS_PASSWORD}@127.0.0.1:\${REDIS_PORT}
    settings: { maxmemory: 64mb, maxmemory-policy: allkeys-lru }
    persistence: { aof: { enabled: true } }
  web:
    kind: service
    endpoint: http://127.0.0.1:\${WEB_PORT}
    health: { path: /healthz, latency: <1s }
  payments:
    kind: external
    endpoint: https://api.payments.example/v1
network:
  dns:
    zone: shop.test.
    records:
      - { name: www, type: A, value: 127.0.0.1, ttl: 300s }
`;

describe('probes planned from a spec file and run with createRunContext', () => {
  let postgres: PostgresServer;
  let redis: RedisServer;
  let web: Listener;
  let dns: DnsServerHandle;
  let results: Results;
  let specPath: string;
  let socketsBefore: number;

  beforeAll(async () => {
    [postgres, redis, web, dns] = await Promise.all([
      startPostgres({ settings: { max_connections: '40', shared_buffers: '32MB' } }),
      startRedis({ requirepass: REDIS_PASSWORD, maxmemory: '64mb', 'maxmemory-policy': 'allkeys-lru', appendonly: 'no' }),
      startHttp((_req, res) => res.end('ok')),
      startDns([{ name: 'www.shop.test', type: 'A', ttl: 300, value: '127.0.0.1' }]),
    ]);
    await postgres.sql(`CREATE ROLE shop LOGIN PASSWORD '${PG_PASSWORD}'`);
    await postgres.sql('CREATE DATABASE shop OWNER shop');
    await postgres.sql('CREATE EXTENSION pgcrypto', 'shop');
    const dir = tempSpec({ 'infraspec.yaml': SPEC });
    const compiled = loadSpec(dir);
    if (compiled.model === null) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
    specPath = compiled.model.files[0]!.path;
    const env = {
      PG_URL: postgres.url('shop', PG_PASSWORD, 'shop'),
      REDIS_PASSWORD,
      REDIS_PORT: String(redis.port),
      WEB_PORT: String(web.port),
      INFRASPEC_DNS_SERVER: dns.address,
    };
    socketsBefore = openSockets();
    results = await runPlanned(planProbes(compiled.model), { env, offline: true, timeoutMs: 3000 });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop(), web?.close(), dns?.close()]);
    if (specPath !== undefined) rmSync(dirname(specPath), { recursive: true, force: true });
  });

  it('plans every probe the spec asks for, in a stable order', () => {
    expect(results.all.map((r) => `${r.component ?? '-'} ${r.check}`)).toEqual([
      'postgres postgres.connect',
      'postgres postgres.version',
      'postgres postgres.setting:max_connections',
      'postgres postgres.setting:shared_buffers',
      'postgres postgres.extension:pgcrypto',
      'redis redis.ping',
      'redis redis.version',
      'redis redis.maxmemory',
      'redis redis.policy',
      'redis redis.persistence',
      'web http.status',
      'web http.latency',
      'payments http.status',
      'payments http.tls',
      'payments http.certificate',
      '- dns.record:www.shop.test/A',
    ]);
  });

  it('gives honest statuses: the live servers pass, AOF off fails, the remote API is skipped offline', () => {
    const statuses = Object.fromEntries(results.all.map((r) => [`${r.component ?? '-'} ${r.check}`, r.status]));
    expect(statuses).toEqual({
      'postgres postgres.connect': 'pass',
      'postgres postgres.version': 'pass',
      'postgres postgres.setting:max_connections': 'pass',
      'postgres postgres.setting:shared_buffers': 'pass',
      'postgres postgres.extension:pgcrypto': 'pass',
      'redis redis.ping': 'pass',
      'redis redis.version': 'pass',
      'redis redis.maxmemory': 'pass',
      'redis redis.policy': 'pass',
      'redis redis.persistence': 'fail',
      'web http.status': 'pass',
      'web http.latency': 'pass',
      'payments http.status': 'skip',
      'payments http.tls': 'skip',
      'payments http.certificate': 'skip',
      '- dns.record:www.shop.test/A': 'pass',
    });
  });

  it('points each result at its place in the spec file', () => {
    const at = results.get('postgres', 'postgres.setting:shared_buffers').at;
    expect(at === null ? null : locate(at)).toMatchObject({ file: specPath, line: 9, column: 54 });
    expect(locate(results.get(null, 'dns.record:www.shop.test/A').at!)).toMatchObject({ line: 29 });
  });

  it('closes every connection it opened: no socket outlives the run', async () => {
    // Closing is asynchronous on the server side of in-process listeners; give it a moment.
    for (let i = 0; i < 40 && openSockets() > socketsBefore; i++) await new Promise((r) => setTimeout(r, 25));
    expect(openSockets()).toBe(socketsBefore);
  });

  it('shows no password in any message or measured value', () => {
    const text = serialized(results);
    expect(text).not.toContain(PG_PASSWORD);
    expect(text).not.toContain(REDIS_PASSWORD);
    expect(results.get('postgres', 'postgres.connect').message).toContain('postgres://shop:***@127.0.0.1:');
  });
});
