import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=…` */
export const redisServer: SoftwareAdapter = {
  names: ['redis-server', 'redis'],
  binaries: ['redis-server'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /\bv=(\d+(?:\.\d+)*)/) ?? versionAfter(stdout),
};
