import { statedCostMatch } from '../../../src/lint/rules/stated-cost-match.js';
import { testRule } from '../rule-tester.js';

testRule(statedCostMatch, {
  valid: [
    { name: "a range that holds the sum of ranged prices", spec: `roles:
  server: { count: 1, cost: $40-50/month }
phases:
  mvp:
    costs:
      - { name: Backup storage, amount: $5-10/month }
    stated:
      - { figure: monthlyCost, value: $45-60/month }
` },
    { name: "a role cost of machines × price, yearly prices per month", spec: `roles:
  app: { count: 2, cost: $360/year, stated: [{ figure: cost, value: $60/month }] }
` },
  ],
  invalid: [
    { name: "a headline above the breakdown", spec: `roles:
  app: { count: 2, cost: $30/month }
  db: { count: 1, cost: $40/month }
phases:
  production:
    costs:
      - { name: Backup storage, amount: $15/month }
    stated:
      - { figure: monthlyCost, value: $150-180/month, label: "Phase 2: Production ($150-180/month)" }
`, findings: [{"messageId":"less","message":"`Phase 2: Production ($150-180/month)` states $150-180/month, but the phase's machine prices and cost lines come to $115.00/month, $35.00 less than stated: the total does not follow from the prices it sums, so a price or the total is wrong","line":9,"column":39}] },
    { name: "a role cost below count × price", spec: `roles:
  redis: { count: 3, cost: $20/month, stated: [{ figure: cost, value: $40/month, label: "Redis: $40/month (2x $20)" }] }
`, findings: [{"messageId":"more","message":"`Redis: $40/month (2x $20)` states $40/month, but 3 `redis` machines at $20/month each come to $60.00/month, $20.00 more than stated: the deployment costs more than the page says","line":2,"column":71}] },
    { name: "a stated range that is not the sum of the price ranges", spec: `roles:
  server: { count: 1, cost: $40-50/month }
phases:
  mvp:
    costs:
      - { name: Backup storage, amount: $5-10/month }
      - { name: Domain, amount: $1/month }
    stated:
      - { figure: monthlyCost, value: $50-60/month, label: "Phase 1: MVP ($50-60/month)" }
`, findings: [{"messageId":"rangeDiffers","message":"`Phase 1: MVP ($50-60/month)` states $50-60/month, but the phase's machine prices and cost lines come to $46.00–$61.00/month: the stated range is not the sum of the page's own price ranges, so the bill may fall outside it","line":9,"column":39}] },
    { name: "a figure above the whole range of a role price", spec: `roles:
  server: { count: 2, cost: $40-50/month, stated: [{ figure: cost, value: $120/month }] }
`, findings: [{"messageId":"less","message":"the cost figure of role `server` states $120/month, but 2 `server` machines at $40-50/month each come to $80.00–$100.00/month, $20.00 less than stated: the total does not follow from the prices it sums, so a price or the total is wrong","line":2,"column":75}] },
    { name: "the total of some roles only, in euros", spec: `roles:
  app: { count: 2, cost: €12/month }
  db: { count: 1, cost: €30/month }
stated:
  - { figure: monthlyCost, of: [app], value: €12/month }
`, findings: [{"messageId":"more","message":"the monthly cost figure states €12/month, but the prices of `app` come to €24.00/month, €12.00 more than stated: the deployment costs more than the page says","line":5,"column":46}] },
  ],
});
