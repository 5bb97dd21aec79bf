import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../harness/postgres.js';
import { freePort } from '../harness/processes.js';
import { startSilent, type Listener } from '../harness/web.js';
import { probe, serialized, type Results } from './run-probes.js';

const PASSWORD = 'pg-Secret-7Hq2z';
const WRONG_PASSWORD = 'wrong-Secret-9Kd1';

const SPEC = `
components:
  db:
    kind: datastore
    engine: postgresql
    version: { minimum: "14", recommended: "15" }
    connection: \${PG_URL}
    settings:
      max_connections: 50
      shared_buffers: 16MB
      work_mem: 4MB
      random_page_cost: 1.1
      jit: on
      default_transaction_isolation: serializable
      max_conections: 100
    extensions: [pgcrypto, hstore, no_such_extension]
  db-new:
    kind: datastore
    engine: postgresql
    version: "16"
    connection: \${PG_URL}
    settings: { shared_buffers: 128MB }
  db-recommended:
    kind: datastore
    engine: postgresql
    version: { minimum: "14", recommended: "16" }
    connection: \${PG_URL}
  db-bad-password:
    kind: datastore
    engine: postgresql
    version: "15"
    connection: postgres://app:\${PG_BAD_PASSWORD}@127.0.0.1:\${PG_PORT}/app
    settings: { max_connections: 50 }
  db-refused:
    kind: datastore
    engine: postgresql
    connection: postgres://app:\${PG_PASSWORD}@127.0.0.1:\${CLOSED_PORT}/app
  db-silent:
    kind: datastore
    engine: postgresql
    connection: postgres://app:\${PG_PASSWORD}@127.0.0.1:\${SILENT_PORT}/app
  db-unset:
    kind: datastore
    engine: postgresql
    connection: \${PG_UNSET_URL}
  db-remote:
    kind: datastore
    engine: postgresql
    connection: postgres://app:\${PG_PASSWORD}@db.example.com:5432/app
`;

describe('PostgreSQL probe against a real PostgreSQL 15', () => {
  let server: PostgresServer;
  let silent: Listener;
  let results: Results;

  beforeAll(async () => {
    server = await startPostgres({ settings: { max_connections: '50', shared_buffers: '16MB' } });
    silent = await startSilent();
    await server.sql(`CREATE ROLE app LOGIN PASSWORD '${PASSWORD}'`);
    await server.sql('CREATE DATABASE app OWNER app');
    await server.sql('CREATE EXTENSION pgcrypto', 'app');
    const env = {
      PG_URL: server.url('app', PASSWORD, 'app'),
      PG_PASSWORD: PASSWORD,
      PG_BAD_PASSWORD: WRONG_PASSWORD,
      PG_PORT: String(server.port),
      CLOSED_PORT: String(await freePort()),
      SILENT_PORT: String(silent.port),
    };
    results = await probe(SPEC, { env, offline: true, timeoutMs: 1500 });
  }, 120_000);

  afterAll(async () => {
    await silent?.close();
    await server?.stop();
  });

  it('connects and reports the server version', () => {
    const connect = results.get('db', 'postgres.connect');
    expect(connect.status).toBe('pass');
    expect(connect.measured).toMatch(/^PostgreSQL 15\.\d+/);
    expect(connect.message).toContain(`postgres://app:***@127.0.0.1:${server.port}/app`);
  });

  it('passes a version that meets the recommended one', () => {
    expect(results.get('db', 'postgres.version')).toMatchObject({ status: 'pass', minimum: '14', recommended: '15' });
  });

  it('fails a server below the minimum version', () => {
    const version = results.get('db-new', 'postgres.version');
    expect(version.status).toBe('fail');
    expect(version.message).toMatch(/^PostgreSQL 15\.\d+ is below the minimum 16/);
  });

  it('warns when the version meets the minimum but not the recommended one', () => {
    expect(results.get('db-recommended', 'postgres.version').status).toBe('warn');
  });

  it('compares an integer setting exactly', () => {
    expect(results.get('db', 'postgres.setting:max_connections')).toMatchObject({ status: 'pass', measured: '50' });
  });

  it('compares shared_buffers in PostgreSQL units: 16MB is 2048 pages of 8 kB', () => {
    expect(results.get('db', 'postgres.setting:shared_buffers')).toMatchObject({ status: 'pass', measured: '16 MiB (2048 × 8kB)' });
  });

  it('fails shared_buffers that differ from the spec, naming both sizes', () => {
    const wrong = results.get('db-new', 'postgres.setting:shared_buffers');
    expect(wrong.status).toBe('fail');
    expect(wrong.message).toBe('shared_buffers is 16 MiB (2048 × 8kB), the spec says 128MB = 128 MiB');
  });

  it('compares a kB setting given in MB', () => {
    expect(results.get('db', 'postgres.setting:work_mem')).toMatchObject({ status: 'pass', measured: '4 MiB (4096 × kB)' });
  });

  it('fails a real setting whose value differs', () => {
    expect(results.get('db', 'postgres.setting:random_page_cost')).toMatchObject({ status: 'fail', measured: '4', message: 'random_page_cost is 4, the spec says 1.1' });
  });

  it('reads a boolean setting', () => {
    expect(results.get('db', 'postgres.setting:jit').status).toBe('pass');
  });

  it('fails an enum setting with another value', () => {
    expect(results.get('db', 'postgres.setting:default_transaction_isolation')).toMatchObject({ status: 'fail', measured: 'read committed' });
  });

  it('reports an unknown setting as an error with a suggestion', () => {
    const typo = results.get('db', 'postgres.setting:max_conections');
    expect(typo.status).toBe('error');
    expect(typo.message).toContain('did you mean `max_connections`?');
  });

  it('passes a created extension, warns on one only available, fails a missing one', () => {
    expect(results.get('db', 'postgres.extension:pgcrypto').status).toBe('pass');
    const hstore = results.get('db', 'postgres.extension:hstore');
    expect(hstore.status).toBe('warn');
    expect(hstore.message).toContain('CREATE EXTENSION hstore');
    const missing = results.get('db', 'postgres.extension:no_such_extension');
    expect(missing.status).toBe('fail');
    expect(missing.message).toContain('not installed on the server');
  });

  it('fails bad credentials with the server’s reason, and does not measure the rest', () => {
    const connect = results.get('db-bad-password', 'postgres.connect');
    expect(connect.status).toBe('fail');
    expect(connect.message).toContain('authentication failed');
    expect(connect.message).toContain('password authentication failed for user "app"');
    expect(results.get('db-bad-password', 'postgres.version').status).toBe('error');
    expect(results.get('db-bad-password', 'postgres.setting:max_connections').message).toMatch(/^not measured: authentication failed/);
  });

  it('fails a refused connection', () => {
    const refused = results.get('db-refused', 'postgres.connect');
    expect(refused.status).toBe('fail');
    expect(refused.message).toMatch(/^connection refused at 127\.0\.0\.1:\d+/);
  });

  it('fails a server that never answers within the timeout', () => {
    const silentResult = results.get('db-silent', 'postgres.connect');
    expect(silentResult.status).toBe('fail');
    expect(silentResult.message).toMatch(/no answer within/);
    expect(silentResult.durationMs).toBeLessThan(5000);
  });

  it('skips a component whose variable is not set, naming the variable', () => {
    const unset = results.get('db-unset', 'postgres.connect');
    expect(unset.status).toBe('skip');
    expect(unset.message).toBe('set the environment variable `PG_UNSET_URL`: the connection of component `db-unset` is `${PG_UNSET_URL}`');
  });

  it('skips a non-loopback server when offline', () => {
    expect(results.get('db-remote', 'postgres.connect')).toMatchObject({ status: 'skip', message: 'offline: would contact db.example.com:5432, which is not loopback' });
  });

  it('never shows a password in any result', () => {
    const text = serialized(results);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(WRONG_PASSWORD);
    expect(text).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('points each check at the spec line it came from', () => {
    const at = results.get('db', 'postgres.setting:shared_buffers').at;
    expect(at).not.toBeNull();
    expect(at!.file.text.slice(at!.start, at!.end)).toBe('16MB');
  });
});
