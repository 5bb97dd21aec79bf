import { statedMismatches } from '../helpers/stated.js';
import type { Rule } from '../types.js';

const isUsage = (figure: string) => figure === 'rate' || figure.startsWith('usage.');

export const statedUsageMatch: Rule<'more' | 'less'> = {
  id: 'stated-usage-match',
  severity: 'error',
  category: 'arithmetic',
  summary: 'Usage totals the page states must equal its per-unit rates times the phase\'s targets.',
  messages: {
    more: '{subject} states {stated}, but {computation} {computed}{where}, {difference} more than stated: an allowance sized from the stated figure would be too small',
    less: '{subject} states {stated}, but {computation} {computed}{where}, {difference} less than stated: the figure does not follow from the per-unit rate and the target, so one of them is wrong',
  },
  docs: {
    why: 'Per-user figures ("~65MB/user/month") are multiplied by each phase\'s target ("5,000 users: ~325GB/month") to size bandwidth and storage, and their parts are summed into the per-user total. A target raised without redoing the product leaves the phase\'s allowance sized for fewer users: traffic beyond a VPS\'s included transfer is billed per GB, or throttled. infraspec recomputes each `usage.<driver>` figure (the driver\'s rate × the phase\'s target, per month) and each driver\'s `rate` (the sum of its parts).',
    invalid: `usage:
  bandwidth:
    per: users
    parts: { http: 50MB/user/month, websocket: 10MB/user/month, static: 5MB/user/month }
    stated:
      - { figure: rate, value: ~50MB/user/month, label: "Total: ~50MB/user/month" }
`,
    valid: `usage:
  bandwidth:
    per: users
    parts: { http: 50MB/user/month, websocket: 10MB/user/month, static: 5MB/user/month }
    stated:
      - { figure: rate, value: ~65MB/user/month, label: "Total: ~65MB/user/month" }
`,
  },
  check(_model, report, analysis) {
    for (const m of statedMismatches(analysis, isUsage)) {
      report({ at: m.source.at, message: m.direction, data: m.data, phase: m.phase.name });
    }
  },
};
