/**
 * A real PostgreSQL 15 on 127.0.0.1 in a temporary directory. PostgreSQL refuses
 * to run as root, so as root the cluster belongs to the `postgres` user and the
 * programs run under `setpriv` (which execs, so the child pid is the postmaster).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, requireBinary, startProcess, stopProcess, waitUntil, type Started } from './processes.js';

const BIN = '/usr/lib/postgresql/15/bin';
const SUPERUSER_PASSWORD = 'harness-superuser-pw';

export interface PostgresServer {
  port: number;
  /** `postgres://user:password@127.0.0.1:port/database` */
  url(user: string, password: string, database: string): string;
  /** Run SQL as the superuser (setting up roles, databases, extensions). */
  sql(statement: string, database?: string): Promise<void>;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** `-c name=value` at start, e.g. `{ max_connections: '50', shared_buffers: '16MB' }`. */
  settings?: Record<string, string>;
}

function runAs(): { prefix: string[]; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { prefix: ['/usr/bin/setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--'], uid, gid };
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  requireBinary(`${BIN}/initdb`, 'postgresql-15');
  requireBinary(`${BIN}/postgres`, 'postgresql-15');
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-pg-'));
  const user = runAs();
  const own = (path: string) => {
    if (user !== null) chownSync(path, user.uid, user.gid);
  };
  own(dir);
  const passwordFile = join(dir, 'pwfile');
  writeFileSync(passwordFile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
  own(passwordFile);
  const command = (program: string, args: string[]): [string, string[]] =>
    user === null ? [program, args] : [user.prefix[0]!, [...user.prefix.slice(1), program, ...args]];

  const [initdb, initArgs] = command(`${BIN}/initdb`, [
    '-D', join(dir, 'data'), '-U', 'postgres', `--pwfile=${passwordFile}`,
    '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'pipe' });

  const port = await freePort();
  const settings = { fsync: 'off', full_page_writes: 'off', ...options.settings };
  const [postgres, args] = command(`${BIN}/postgres`, [
    '-D', join(dir, 'data'), '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ]);
  const started: Started = startProcess(postgres, args);
  const superuserUrl = (database: string) => `postgres://postgres:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/${database}`;

  const sql = async (statement: string, database = 'postgres') => {
    const client = new pg.Client({ connectionString: superuserUrl(database) });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  const stop = async () => {
    // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the cluster stops cleanly.
    await stopProcess(started.child, 'SIGINT');
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntil(async () => {
      await sql('SELECT 1');
      return true;
    }, started, `PostgreSQL on port ${port}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    url: (name, password, database) => `postgres://${encodeURIComponent(name)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    sql,
    stop,
  };
}
