import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/** The NVIDIA driver's version, as the CSV query answers it: one line per GPU, all the same. */
export const nvidiaSmi: SoftwareAdapter = {
  names: ['nvidia-smi', 'nvidia-driver', 'nvidia'],
  binaries: ['nvidia-smi'],
  args: ['--query-gpu=driver_version', '--format=csv,noheader'],
  parse: (stdout) => versionAfter(stdout.split('\n')[0] ?? '', /(\d+(?:\.\d+)+)/),
};
