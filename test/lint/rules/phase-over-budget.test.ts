import { phaseOverBudget } from '../../../src/lint/rules/phase-over-budget.js';
import { testRule } from '../rule-tester.js';

testRule(phaseOverBudget, {
  valid: [
    { name: "a cost exactly at the budget", spec: `roles:
  app: { count: 3, cost: $40/month }
phases:
  production:
    budget: $120/month
` },
    { name: "a yearly budget read per month", spec: `roles:
  app: { count: 3, cost: $40/month }
cost:
  budgets:
    - { name: Yearly, amount: "$1,440/year" }
` },
    { name: "a budget in another currency is not compared", spec: `roles:
  app: { count: 3, cost: $40/month }
phases:
  production:
    budget: €50/month
` },
    { name: "a budget named after a cost line budgets the line, not the phase", spec: `roles:
  app: { count: 3, cost: $40/month }
phases:
  production:
    costs:
      - { name: Backup storage, amount: $10/month }
cost:
  budgets:
    - { name: Backup storage, amount: $15/month }
` },
    { name: "no prices, no cost", spec: `roles:
  app: { count: 3 }
phases:
  production:
    budget: $10/month
` },
  ],
  invalid: [
    { name: "a phase over its own budget", spec: `roles:
  app: { count: 3, cost: $40/month }
phases:
  production:
    budget: $100/month
`, findings: [{"messageId":"over","message":"phase `production` costs $120.00/month by its own prices, $20.00 over its budget of $100/month: the page plans a deployment it has not budgeted for","line":5,"column":13}] },
    { name: "a price range whose top exceeds the budget", spec: `roles:
  server: { count: 1, cost: $40-50/month }
phases:
  mvp:
    costs:
      - { name: Backup storage, amount: $5-10/month }
    budget: $55/month
`, findings: [{"messageId":"mayExceed","message":"phase `mvp` costs $45.00–$60.00/month by its own prices, and the top of that range is $5.00 over its budget of $55/month: at the higher prices the phase exceeds its budget","line":7,"column":13}] },
    { name: "a system-wide budget exceeded by the larger phase only", spec: `roles:
  app: { count: 1, cost: $100/month }
phases:
  small: {}
  large:
    roles:
      app: { count: 4 }
cost:
  budgets:
    - { name: MonthlyBudget, amount: $300/month, alertAt: 80% }
`, findings: [{"messageId":"over","message":"phase `large` costs $400.00/month by its own prices, $100.00 over the `MonthlyBudget` budget of $300/month: the page plans a deployment it has not budgeted for","line":10,"column":38,"phase":"large"}] },
    { name: "a budget named after the phase, with an unpriced line", spec: `roles:
  app: { count: 2, cost: $80/month }
phases:
  production:
    costs:
      - { name: Object storage, amount: $0.02/GB/month }
cost:
  budgets:
    - { name: production, amount: $150/month }
`, findings: [{"messageId":"over","message":"phase `production` costs at least $160.00/month by its own prices, $10.00 over the `production` budget of $150/month: the page plans a deployment it has not budgeted for","line":9,"column":35}] },
  ],
});
