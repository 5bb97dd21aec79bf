import { statedMismatches } from '../helpers/stated.js';
import type { Rule } from '../types.js';

export const statedDensityMatch: Rule<'more' | 'less'> = {
  id: 'stated-density-match',
  severity: 'error',
  category: 'capacity',
  summary: 'The instances per host the page states must be what the host\'s CPU and memory hold.',
  messages: {
    more: '{subject} states {stated}, but {computation} {computed}{where}, {difference} more than stated: the density leaves capacity unused, or assumes reservations the page does not state',
    less: '{subject} states {stated}, but {computation} {computed}{where}, {difference} less than stated: the stated density needs CPU or memory overcommit that the page does not state',
  },
  docs: {
    why: 'VM and pod density ("Small VMs (1 vCPU, 512MB): 150-180 per host") decides how many hosts a fleet needs and what each instance costs. Without overcommit, a host holds the smaller of its CPU ÷ the instance\'s CPU and its memory ÷ the instance\'s memory; a stated density above that silently assumes overcommit (and the noisy neighbours that come with it), one below it buys hosts that are never filled. infraspec computes the fit on the role\'s machine (recommended level, else minimum) and checks the stated range.',
    invalid: `roles:
  vm-host:
    recommended: { cpu: 128 vCPU, memory: 512 GB }
    density:
      - { name: small, cpu: 1 vCPU, memory: 512MB, perHost: 150-180 }
`,
    valid: `roles:
  vm-host:
    recommended: { cpu: 128 vCPU, memory: 512 GB }
    density:
      - { name: small, cpu: 1 vCPU, memory: 512MB, perHost: 120-128 }
`,
    fix: 'State the density that fits without overcommit, or size the host for the density the page wants.',
  },
  check(_model, report, analysis) {
    for (const m of statedMismatches(analysis, (figure) => figure === 'perHost')) {
      report({ at: m.source.at, message: m.direction, data: m.data, phase: m.phase.name });
    }
  },
};
