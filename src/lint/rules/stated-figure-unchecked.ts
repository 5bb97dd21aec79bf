import { statedUnchecked } from '../helpers/stated.js';
import type { Rule } from '../types.js';

export const statedFigureUnchecked: Rule<'unchecked'> = {
  id: 'stated-figure-unchecked',
  severity: 'info',
  category: 'arithmetic',
  summary: 'A figure the page states that infraspec cannot compute is reported, so that it is known to be unverified.',
  messages: {
    unchecked: '{subject} states {stated}, which infraspec cannot check{where}: {reason}, so nothing verifies it',
  },
  docs: {
    why: 'Every other stated-figure rule is silent when it cannot compute a figure: a cost stated in dollars against prices in euros, a backup retained "indefinitely", a machine count that is `variable`. Silence there would read as "checked and correct". This rule lists those figures with the reason, so that the reader knows which of the page\'s numbers still rest on trust, and what to add to the spec (a price, a retention, a target) to have them checked.',
    invalid: `roles:
  server: { count: 1, cost: €12/month }
stated:
  - { figure: monthlyCost, value: $13/month, label: "Total: $13/month" }
`,
    valid: `roles:
  server: { count: 1, cost: €12/month }
stated:
  - { figure: monthlyCost, value: €12/month, label: "Total: €12/month" }
`,
  },
  check(_model, report, analysis) {
    for (const u of statedUnchecked(analysis)) {
      report({ at: u.source.at, message: 'unchecked', data: u.data, phase: u.phase.name });
    }
  },
};
