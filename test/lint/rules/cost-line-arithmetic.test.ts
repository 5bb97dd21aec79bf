import { costLineArithmetic } from '../../../src/lint/rules/cost-line-arithmetic.js';
import { testRule } from '../rule-tester.js';

testRule(costLineArithmetic, {
  valid: [
    { name: "a budget within the ±10 % of an approximate price", spec: `cost:
  lines:
    - { name: Backup storage, amount: ~$0.005/GB/month, quantity: 160GB }
phases:
  production:
    costs:
      - { name: Backup storage, amount: $0.85/month }
` },
    { name: "a per-TB offer named by the line, priced in the budget currency", spec: `phases:
  production:
    costs:
      - { name: Hetzner Storage Box, amount: €4/month, quantity: 1TB }
cost:
  offers:
    - { provider: Hetzner, offer: Storage Box, price: €3.81/1TB, disk: 1TB }
` },
    { name: "a flat line without a quantity or a per-unit price to check it against", spec: `phases:
  production:
    costs:
      - { name: Backup storage, amount: $15/month, category: backup }
` },
    { name: "a per-unit price in another currency is not compared", spec: `phases:
  production:
    costs:
      - { name: Storage Box, amount: $15/month, quantity: 1TB }
cost:
  offers:
    - { provider: Hetzner, offer: Storage Box, price: €3.81/1TB }
` },
  ],
  invalid: [
    { name: "phase budgets far above price × quantity", spec: `cost:
  lines:
    - { name: Backup storage, amount: ~$0.005/GB/month, quantity: 160GB }
phases:
  mvp:
    costs:
      - { name: Backup storage, amount: $5-10/month }
  production:
    costs:
      - { name: backup storage, amount: $15/month }
`, findings: [{"messageId":"less","message":"`Backup storage` is budgeted at $5-10/month, but 160GB at ~$0.005/GB/month (the `Backup storage` line of `cost.lines`) comes to $0.80/month, $4.20 less than budgeted: the budget does not follow from the page's own price and quantity, so one of the three is wrong","line":7,"column":41},{"messageId":"less","message":"`backup storage` is budgeted at $15/month, but 160GB at ~$0.005/GB/month (the `Backup storage` line of `cost.lines`) comes to $0.80/month, $14.20 less than budgeted: the budget does not follow from the page's own price and quantity, so one of the three is wrong","line":10,"column":41}] },
    { name: "a backup line priced by the bucket its backups go to", spec: `components:
  redis: { kind: datastore }
backups:
  snapshots: { of: redis, type: snapshot, frequency: daily, size: 1GB, retention: 7d, target: offsite }
buckets:
  offsite: { price: ~$0.005/GB/month }
phases:
  production:
    costs:
      - { name: Backup storage, amount: $15/month, quantity: 160GB, category: backup }
`, findings: [{"messageId":"less","message":"`Backup storage` is budgeted at $15/month, but 160GB at ~$0.005/GB/month (the price of bucket `offsite`) comes to $0.80/month, $14.20 less than budgeted: the budget does not follow from the page's own price and quantity, so one of the three is wrong","line":10,"column":41}] },
    { name: "a budget below the product, per hour prices", spec: `phases:
  production:
    costs:
      - { name: GPU hours, amount: $0.50/GPU/hour, quantity: 2 }
cost:
  budgets:
    - { name: GPU hours, amount: $500/month }
`, findings: [{"messageId":"more","message":"`GPU hours` is budgeted at $500/month, but 2 at $0.50/GPU/hour (the `GPU hours` line of phase `production`) comes to $730.00/month, $230.00 more than budgeted: the line will cost more than the page plans for","line":7,"column":34}] },
    { name: "an offer the line names, GB against GiB", spec: `phases:
  production:
    costs:
      - { name: Backblaze B2 archive, amount: $12/month, quantity: 2000GiB }
cost:
  offers:
    - { provider: Backblaze, offer: B2, price: $0.006/GB/month }
`, findings: [{"messageId":"more","message":"`Backblaze B2 archive` is budgeted at $12/month, but 2000GiB at $0.006/GB/month (the price of `Backblaze/B2`) comes to $12.88/month, $0.88 more than budgeted: the line will cost more than the page plans for","line":4,"column":47}] },
  ],
});
