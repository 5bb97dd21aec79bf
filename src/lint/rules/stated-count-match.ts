import { statedMismatches } from '../helpers/stated.js';
import type { Rule } from '../types.js';

const FIGURES = new Set(['machines', 'count', 'replicas']);

export const statedCountMatch: Rule<'more' | 'less'> = {
  id: 'stated-count-match',
  severity: 'error',
  category: 'arithmetic',
  summary: 'Machine and replica counts the page states must equal the roles\' counts and the components\' replicas.',
  messages: {
    more: '{subject} states {stated}, but {computation} {computed}{where}, {difference} more than stated: the page and its own roles and components describe different deployments',
    less: '{subject} states {stated}, but {computation} {computed}{where}, {difference} less than stated: the page and its own roles and components describe different deployments',
  },
  docs: {
    why: 'Counts are repeated across a page: "3 instances" in a heading, `count: 2` in the role table, "2 shards x 2 replicas" in a topology. When they disagree, the operator provisions one number and configures another — a quorum of two, a replica with no machine to run on, a load balancer pointing at a node that was never bought. infraspec compares each stated count with the roles\' machine counts and the components\' replicas (`at: max` for the top of a replica range).',
    invalid: `roles:
  redis-server: { count: 2, stated: [{ figure: count, value: 3, label: Redis Sentinel Cluster (3 instances) }] }
`,
    valid: `roles:
  redis-server: { count: 3, stated: [{ figure: count, value: 3, label: Redis Sentinel Cluster (3 instances) }] }
`,
  },
  check(_model, report, analysis) {
    for (const m of statedMismatches(analysis, (figure) => FIGURES.has(figure))) {
      report({ at: m.source.at, message: m.direction, data: m.data, phase: m.phase.name });
    }
  },
};
