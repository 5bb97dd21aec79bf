import type { Version } from '../../units/version.js';

/** How to ask one tool for its version: which program, which arguments, how to read the answer. */
export interface SoftwareAdapter {
  /** Names a spec may use for the tool, lower case; the first is the one shown. */
  names: readonly string[];
  /** Programs to try in order; the first one found answers. */
  binaries: readonly string[];
  args: readonly string[];
  /** The version in the program's output, or null when the output holds none. */
  parse(stdout: string, stderr: string): Version | null;
}
