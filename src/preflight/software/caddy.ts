import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `caddy version` → `v2.7.6 h1:4/Pl…` (the `--version` flag does not exist). */
export const caddy: SoftwareAdapter = {
  names: ['caddy'],
  binaries: ['caddy'],
  args: ['version'],
  parse: (stdout) => versionAfter(stdout),
};
