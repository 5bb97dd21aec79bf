import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `nginx version: nginx/1.22.1`, printed on stderr. */
export const nginx: SoftwareAdapter = {
  names: ['nginx'],
  binaries: ['nginx'],
  args: ['-v'],
  parse: (stdout, stderr) => versionAfter(`${stderr}\n${stdout}`, /nginx\/(\d+(?:\.\d+)+)/) ?? versionAfter(`${stderr}\n${stdout}`),
};
