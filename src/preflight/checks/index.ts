import type { CheckModule } from '../types.js';
import { archCheck } from './arch.js';
import { cgroupCheck } from './cgroup.js';
import { cpuCheck } from './cpu.js';
import { directoriesCheck } from './directories.js';
import { diskCheck } from './disk.js';
import { gpuCheck } from './gpu.js';
import { kernelCheck } from './kernel.js';
import { memoryCheck } from './memory.js';
import { osCheck } from './os.js';
import { packagesCheck } from './packages.js';
import { portsCheck } from './ports.js';
import { reachCheck } from './reach.js';
import { rootlessCheck } from './rootless.js';
import { softwareCheck } from './software.js';
import { sysctlCheck } from './sysctl.js';
import { timeCheck } from './time.js';
import { ulimitCheck } from './ulimit.js';
import { groupsCheck } from './groups.js';
import { usersCheck } from './users.js';
import { virtualizationCheck } from './virtualization.js';

/** Host checks in the order their results are listed for each role. */
export const HOST_CHECKS: CheckModule[] = [
  cpuCheck,
  memoryCheck,
  diskCheck,
  osCheck,
  kernelCheck,
  archCheck,
  cgroupCheck,
  virtualizationCheck,
  timeCheck,
  gpuCheck,
  softwareCheck,
  packagesCheck,
  portsCheck,
  usersCheck,
  groupsCheck,
  directoriesCheck,
  sysctlCheck,
  ulimitCheck,
  rootlessCheck,
  reachCheck,
];
