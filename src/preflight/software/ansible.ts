import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `ansible [core 2.14.3]` (ansible-core) or `ansible 2.9.27` (before the split). */
export const ansible: SoftwareAdapter = {
  names: ['ansible', 'ansible-core'],
  binaries: ['ansible'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /^ansible (?:\[core )?(\d+(?:\.\d+)+)/m) ?? versionAfter(stdout),
};
