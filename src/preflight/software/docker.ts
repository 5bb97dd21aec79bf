import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** `Docker version 24.0.7, build afdd53b` */
export const docker: SoftwareAdapter = {
  names: ['docker', 'docker-ce', 'docker engine'],
  binaries: ['docker'],
  args: ['--version'],
  parse: (stdout) => versionAfter(stdout, /Docker version v?([0-9][0-9A-Za-z.+-]*?)(?:,|\s|$)/i) ?? versionAfter(stdout),
};
