import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/**
 * `postgres (PostgreSQL) 15.5 (Debian 15.5-0+deb12u1)`. Debian keeps the server outside
 * PATH (/usr/lib/postgresql/N/bin), so `pg_config`-free discovery is the PATH only: a
 * server that is installed but not on PATH reads as missing; psql and the service probe
 * still tell its version.
 */
export const postgres: SoftwareAdapter = {
  names: ['postgres', 'postgresql', 'postgresql-server', 'pg'],
  binaries: ['postgres'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /\(PostgreSQL\)\s+(\d+(?:\.\d+)*)/) ?? versionAfter(stdout),
};
