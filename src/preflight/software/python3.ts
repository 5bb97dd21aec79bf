import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `Python 3.11.2`, on stdout since 3.4 and on stderr before. */
export const python3: SoftwareAdapter = {
  names: ['python3', 'python'],
  binaries: ['python3', 'python'],
  args: ['--version'],
  parse: (stdout, stderr) => versionAfter(`${stdout}\n${stderr}`, /Python\s+(\d+(?:\.\d+)*(?:[abc]\d+|rc\d+)?)/) ?? versionAfter(`${stdout}\n${stderr}`),
};
