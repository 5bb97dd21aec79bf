import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `psql (PostgreSQL) 15.5 (Debian 15.5-0+deb12u1)`: the client's version, not the server's. */
export const psql: SoftwareAdapter = {
  names: ['psql', 'postgresql-client', 'postgres-client'],
  binaries: ['psql'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /\(PostgreSQL\)\s+(\d+(?:\.\d+)*)/) ?? versionAfter(stdout),
};
