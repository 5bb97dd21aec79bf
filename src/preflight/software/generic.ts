import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** Any other tool: `<name> --version`, and the first dotted number in what it prints. */
export function genericAdapter(name: string): SoftwareAdapter {
  return {
    names: [name.toLowerCase()],
    binaries: [name],
    args: ['--version'],
    parse: (stdout, stderr) => versionAfter(`${stdout}\n${stderr}`),
  };
}
