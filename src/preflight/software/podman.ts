import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `podman version 4.3.1` */
export const podman: SoftwareAdapter = {
  names: ['podman'],
  binaries: ['podman'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /podman version v?(\S+)/i) ?? versionAfter(stdout),
};
