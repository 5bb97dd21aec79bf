import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `git version 2.39.2` (Apple's adds ` (Apple Git-143)`). */
export const git: SoftwareAdapter = {
  names: ['git'],
  binaries: ['git'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /git version (\d+(?:\.\d+)+)/) ?? versionAfter(stdout),
};
