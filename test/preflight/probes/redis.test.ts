import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/processes.js';
import { startRedis, type RedisServer } from '../harness/redis.js';
import { startSilent, type Listener } from '../harness/web.js';
import { probe, serialized, type Results } from './run-probes.js';

const PASSWORD = 'redis-Secret-4Lp8w';
const WRONG_PASSWORD = 'wrong-Secret-2Vb6';

const SPEC = `
components:
  cache:
    kind: datastore
    engine: redis
    version: { minimum: "6.2", recommended: "7.0" }
    connection: \${REDIS_URL}
    settings: { maxmemory: 1gb, maxmemory-policy: allkeys-lru, hz: 10 }
    persistence:
      aof: { enabled: true, fsync: 1s }
      snapshots: { every: hourly }
  cache-wrong:
    kind: datastore
    engine: redis
    version: "7.2"
    connection: \${REDIS_URL}
    settings: { maxmemory: 1g, maxmemory-policy: volatile-lru, hz: 50 }
    persistence:
      snapshots: { every: every 1 minute }
  sessions:
    kind: datastore
    engine: redis
    connection: redis://:\${SESSIONS_PASSWORD}@127.0.0.1:\${SESSIONS_PORT}
    persistence:
      aof: { enabled: true }
      snapshots: { every: daily }
  sessions-bad-password:
    kind: datastore
    image: redis:7
    connection: redis://:\${SESSIONS_BAD_PASSWORD}@127.0.0.1:\${SESSIONS_PORT}
    version: "7"
  sessions-no-password:
    kind: datastore
    connection: redis://127.0.0.1:\${SESSIONS_PORT}
  refused:
    kind: datastore
    connection: redis://127.0.0.1:\${CLOSED_PORT}
  silent:
    kind: datastore
    connection: redis://127.0.0.1:\${SILENT_PORT}
  remote:
    kind: datastore
    connection: rediss://:\${SESSIONS_PASSWORD}@cache.example.com:6380
`;

describe('Redis probe against real redis-server', () => {
  let cache: RedisServer;
  let sessions: RedisServer;
  let silent: Listener;
  let results: Results;

  beforeAll(async () => {
    cache = await startRedis({ maxmemory: '1gb', 'maxmemory-policy': 'allkeys-lru', appendonly: 'yes', appendfsync: 'everysec', save: '3600 1 300 100' });
    sessions = await startRedis({ requirepass: PASSWORD, save: '', appendonly: 'no' });
    silent = await startSilent();
    const env = {
      REDIS_URL: cache.url(),
      SESSIONS_PASSWORD: PASSWORD,
      SESSIONS_BAD_PASSWORD: WRONG_PASSWORD,
      SESSIONS_PORT: String(sessions.port),
      CLOSED_PORT: String(await freePort()),
      SILENT_PORT: String(silent.port),
    };
    results = await probe(SPEC, { env, offline: true, timeoutMs: 1500 });
  }, 60_000);

  afterAll(async () => {
    await silent?.close();
    await cache?.stop();
    await sessions?.stop();
  });

  it('answers PING', () => {
    expect(results.get('cache', 'redis.ping')).toMatchObject({ status: 'pass', measured: 'PONG' });
  });

  it('passes a version that meets the recommended one and fails one below the minimum', () => {
    expect(results.get('cache', 'redis.version')).toMatchObject({ status: 'pass', measured: expect.stringMatching(/^7\.0\.\d+$/) });
    const old = results.get('cache-wrong', 'redis.version');
    expect(old.status).toBe('fail');
    expect(old.message).toMatch(/^Redis 7\.0\.\d+ is below the minimum 7\.2/);
  });

  it('reads maxmemory in Redis units: 1gb is 2^30 bytes', () => {
    expect(results.get('cache', 'redis.maxmemory')).toMatchObject({ status: 'pass', measured: '1 GiB (1073741824 bytes)' });
  });

  it('fails maxmemory written as 1g, which Redis reads as 10^9 bytes', () => {
    const wrong = results.get('cache-wrong', 'redis.maxmemory');
    expect(wrong.status).toBe('fail');
    expect(wrong.message).toBe('maxmemory is 1 GiB (1073741824 bytes), the spec says 1g = 953.67 MiB (1000000000 bytes)');
  });

  it('compares the eviction policy', () => {
    expect(results.get('cache', 'redis.policy')).toMatchObject({ status: 'pass', measured: 'allkeys-lru' });
    expect(results.get('cache-wrong', 'redis.policy')).toMatchObject({ status: 'fail', measured: 'allkeys-lru', message: 'maxmemory-policy is allkeys-lru, the spec says volatile-lru' });
  });

  it('compares other settings through CONFIG GET', () => {
    expect(results.get('cache', 'redis.setting:hz')).toMatchObject({ status: 'pass', measured: '10' });
    expect(results.get('cache-wrong', 'redis.setting:hz')).toMatchObject({ status: 'fail', measured: '10' });
  });

  it('passes persistence that matches: AOF everysec and an hourly save rule', () => {
    expect(results.get('cache', 'redis.persistence')).toMatchObject({ status: 'pass', measured: 'AOF on (appendfsync everysec), RDB save 3600 1 300 100' });
  });

  it('fails snapshots rarer than the spec asks', () => {
    const rare = results.get('cache-wrong', 'redis.persistence');
    expect(rare.status).toBe('fail');
    expect(rare.message).toBe('the most frequent save rule waits 300 s, longer than every 1 minute');
  });

  it('fails AOF off and RDB off against a spec that wants both', () => {
    const off = results.get('sessions', 'redis.persistence');
    expect(off.status).toBe('fail');
    expect(off.measured).toBe('AOF off, RDB off');
    expect(off.message).toBe('AOF is off, the spec says on; RDB snapshots are off (save ""), the spec asks for daily');
  });

  it('fails a wrong password and a missing one as authentication failures', () => {
    const wrong = results.get('sessions-bad-password', 'redis.ping');
    expect(wrong.status).toBe('fail');
    expect(wrong.message).toMatch(/^authentication failed at 127\.0\.0\.1:\d+: WRONGPASS/);
    expect(results.get('sessions-bad-password', 'redis.version').status).toBe('error');
    const none = results.get('sessions-no-password', 'redis.ping');
    expect(none.status).toBe('fail');
    expect(none.message).toMatch(/NOAUTH/);
  });

  it('fails a refused connection and a server that never answers', () => {
    expect(results.get('refused', 'redis.ping')).toMatchObject({ status: 'fail', message: expect.stringMatching(/^connection refused at 127\.0\.0\.1:\d+/) });
    const quiet = results.get('silent', 'redis.ping');
    expect(quiet.status).toBe('fail');
    expect(quiet.message).toMatch(/no answer within/);
  });

  it('skips a non-loopback server when offline', () => {
    expect(results.get('remote', 'redis.ping')).toMatchObject({ status: 'skip', message: 'offline: would contact cache.example.com:6380, which is not loopback' });
  });

  it('never shows a password in any result', () => {
    const text = serialized(results);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(WRONG_PASSWORD);
  });
});
