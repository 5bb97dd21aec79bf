import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `k3s version v1.28.5+k3s1 (5b2d1271)`: the build part (`+k3s1`) is kept, specs pin it. */
export const k3s: SoftwareAdapter = {
  names: ['k3s'],
  binaries: ['k3s'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /k3s version (v?\S+)/i) ?? versionAfter(stdout),
};
