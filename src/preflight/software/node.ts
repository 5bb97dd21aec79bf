import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `v20.20.2` */
export const node: SoftwareAdapter = {
  names: ['node', 'nodejs', 'node.js'],
  binaries: ['node', 'nodejs'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout),
};
