import { statedMismatches } from '../helpers/stated.js';
import type { Rule } from '../types.js';

const FIGURES = new Set(['cpuRequests', 'cpuLimits', 'memoryRequests', 'memoryLimits', 'cpu', 'memory']);

export const statedResourcesMatch: Rule<'more' | 'less'> = {
  id: 'stated-resources-match',
  severity: 'error',
  category: 'arithmetic',
  summary: 'CPU and memory totals the page states must equal what its components and machines add up to.',
  messages: {
    more: '{subject} states {stated}, but {computation} {computed}{where}, {difference} more than stated: machines sized from the stated figure would be too small',
    less: '{subject} states {stated}, but {computation} {computed}{where}, {difference} less than stated: the total does not follow from the figures it sums, so one of them is wrong',
  },
  docs: {
    why: 'Requirement pages repeat their per-service requests and limits as a "Total" line, and the machines are bought from the total. When a service is added, resized or scaled, the total is rarely updated: the cluster is then sized for a workload that no longer exists, and pods stay Pending, or are OOM-killed under limits that were never budgeted. infraspec sums the requests and limits (replicas included, a daemon once per machine) and the machines\' CPU and memory, and compares them with the figure the page states, within the tolerance the page wrote (`~` is ±10 %, a plain `34GB` is its written precision).',
    invalid: `components:
  api:
    kind: service
    replicas: 3
    resources: { requests: { cpu: 500m, memory: 512Mi } }
stated:
  - { figure: cpuRequests, value: 1.0 cores, label: Total CPU requests }
`,
    valid: `components:
  api:
    kind: service
    replicas: 3
    resources: { requests: { cpu: 500m, memory: 512Mi } }
stated:
  - { figure: cpuRequests, value: 1.5 cores, label: Total CPU requests }
`,
    fix: 'Correct the stated total, or the per-component figure that is wrong; `of:` restricts a total to the components it sums, `at: max` compares against the maximum replicas.',
  },
  check(_model, report, analysis) {
    for (const m of statedMismatches(analysis, (figure) => FIGURES.has(figure))) {
      report({ at: m.source.at, message: m.direction, data: m.data, phase: m.phase.name });
    }
  },
};
