import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `ClickHouse server version 24.3.2.23 (official build).` from the single binary or the server one. */
export const clickhouse: SoftwareAdapter = {
  names: ['clickhouse', 'clickhouse-server'],
  binaries: ['clickhouse-server', 'clickhouse'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /version\s+(\d+(?:\.\d+)+)/i) ?? versionAfter(stdout),
};
