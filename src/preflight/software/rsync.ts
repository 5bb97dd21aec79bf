import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `rsync  version 3.2.7  protocol version 31`: the first version, not the protocol's. */
export const rsync: SoftwareAdapter = {
  names: ['rsync'],
  binaries: ['rsync'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /rsync\s+version\s+v?(\d+(?:\.\d+)+)/) ?? versionAfter(stdout),
};
