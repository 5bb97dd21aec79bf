import { statedMismatches } from '../helpers/stated.js';
import type { Rule } from '../types.js';

const FIGURES = new Set(['average', 'peak']);

export const statedTrafficMatch: Rule<'more' | 'less'> = {
  id: 'stated-traffic-match',
  severity: 'error',
  category: 'arithmetic',
  summary: 'Traffic totals the page states must equal the sum of the traffic items it lists.',
  messages: {
    more: '{subject} states {stated}, but {computation} {computed}{where}, {difference} more than stated: links and limits sized from the stated figure would be too small',
    less: '{subject} states {stated}, but {computation} {computed}{where}, {difference} less than stated: the total does not follow from the items it sums, so an item or the total is wrong',
  },
  docs: {
    why: 'A page lists its traffic by source (clients, webhooks, replication) and then a total that sizes the uplink, the load balancer and the egress bill. A total that no longer matches its items sizes all three wrong. infraspec sums the average and peak rates of each direction\'s items and checks the stated totals.',
    invalid: `network:
  traffic:
    ingress:
      items:
        api: { average: 5 Mbps, peak: 40 Mbps }
        webhooks: { average: 2 Mbps, peak: 10 Mbps }
      stated:
        - { figure: peak, value: 75 Mbps, label: "Peak: 75 Mbps" }
`,
    valid: `network:
  traffic:
    ingress:
      items:
        api: { average: 5 Mbps, peak: 40 Mbps }
        webhooks: { average: 2 Mbps, peak: 10 Mbps }
      stated:
        - { figure: peak, value: 50 Mbps, label: "Peak: 50 Mbps" }
`,
  },
  check(_model, report, analysis) {
    for (const m of statedMismatches(analysis, (figure) => FIGURES.has(figure))) {
      report({ at: m.source.at, message: m.direction, data: m.data, phase: m.phase.name });
    }
  },
};
