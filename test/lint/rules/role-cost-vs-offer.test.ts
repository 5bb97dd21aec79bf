import { roleCostVsOffer } from '../../../src/lint/rules/role-cost-vs-offer.js';
import { testRule } from '../rule-tester.js';

testRule(roleCostVsOffer, {
  valid: [
    { name: "a role price within the ~ of the offer", spec: `roles:
  server: { count: 1, offer: CX41, cost: ~$14/month }
cost:
  offers:
    - { provider: Hetzner, offer: CX41, price: "€12/month (~$13)" }
` },
    { name: "an hourly offer read per month", spec: `roles:
  app: { count: 3, offer: t3.large, cost: $60.74/month }
cost:
  offers:
    - { provider: aws, offer: t3.large, price: $0.0832/hour }
` },
    { name: "a role without a price, or an offer without one", spec: `roles:
  a: { offer: CX41 }
  b: { offer: CX21, cost: €6/month }
cost:
  offers:
    - { provider: Hetzner, offer: CX41, price: €12/month }
    - { provider: Hetzner, offer: CX21 }
` },
  ],
  invalid: [
    { name: "a role priced far above its offer", spec: `roles:
  server: { count: 1, offer: Hetzner/CX41, cost: $40-50/month }
cost:
  offers:
    - { provider: Hetzner, offer: CX41, price: "€12/month (~$13)" }
`, findings: [{"messageId":"above","message":"role `server` is priced $40-50/month per machine, but its offer `Hetzner/CX41` costs €12/month (~$13), $27.00 a month less: the page's costs are built on a price the provider does not charge","line":2,"column":50}] },
    { name: "a role priced below its offer, in a phase", spec: `roles:
  db: { count: 2, offer: Dedicated 8GB }
phases:
  ha:
    roles:
      db: { cost: $50/month }
cost:
  offers:
    - { provider: Linode, offer: Dedicated 8GB, price: $60/month }
`, findings: [{"messageId":"below","message":"role `db` is priced $50/month per machine, but its offer `Linode/Dedicated 8GB` costs $60/month, $10.00 a month more: the page's costs understate the bill","line":6,"column":19,"phase":"ha"}] },
    { name: "prices in two currencies", spec: `roles:
  server: { count: 1, offer: CX41, cost: $40/month }
cost:
  offers:
    - { provider: Hetzner, offer: CX41, price: €12/month }
`, findings: [{"messageId":"currency","message":"role `server` is priced $40/month per machine and its offer `Hetzner/CX41` €12/month: they cannot be compared without an exchange rate, so the role's price is unchecked","line":2,"column":42}] },
  ],
});
