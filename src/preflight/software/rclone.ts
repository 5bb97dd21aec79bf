import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `rclone v1.60.1-DEV` (Debian's build carries `-DEV`, read as a prerelease of 1.60.1). */
export const rclone: SoftwareAdapter = {
  names: ['rclone'],
  binaries: ['rclone'],
  args: ['version'],
  parse: (stdout) => versionAfter(stdout, /rclone v?(\d+(?:\.\d+)+(?:-[0-9A-Za-z.]+)?)/) ?? versionAfter(stdout),
};
