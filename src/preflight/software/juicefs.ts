import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `juicefs version 1.1.2+2024-02-04.8dbd89a`: the build date after `+` is metadata. */
export const juicefs: SoftwareAdapter = {
  names: ['juicefs'],
  binaries: ['juicefs'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /juicefs version (\d+(?:\.\d+)*(?:-[0-9A-Za-z.]+)?)/i) ?? versionAfter(stdout),
};
