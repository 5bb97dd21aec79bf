import { statedFigureUnchecked } from '../../../src/lint/rules/stated-figure-unchecked.js';
import { testRule } from '../rule-tester.js';

testRule(statedFigureUnchecked, {
  valid: [
    { name: "a cost figure in the prices' currency", spec: `roles:
  server: { count: 1, cost: €12/month }
stated:
  - { figure: monthlyCost, value: €12/month }
` },
    { name: "a wrong figure is a mismatch, not unchecked", spec: `roles:
  server: { count: 2 }
stated:
  - { figure: machines, value: 3 }
` },
  ],
  invalid: [
    { name: "a dollar total over euro prices", spec: `roles:
  server: { count: 1, cost: €12/month }
stated:
  - { figure: monthlyCost, value: $13/month, label: "Total: $13/month" }
`, findings: [{"messageId":"unchecked","message":"`Total: $13/month` states $13/month, which infraspec cannot check: prices are in EUR, the figure in USD, so nothing verifies it","line":4,"column":35}] },
    { name: "a retained size of a backup kept indefinitely", spec: `components:
  app: { kind: service }
backups:
  media:
    of: app
    type: files
    rate: 1GB/day
    retention: indefinite
    stated:
      - { figure: retained, value: 5GB }
`, findings: [{"messageId":"unchecked","message":"the retained size figure of backup `media` states 5GB, which infraspec cannot check: kept indefinitely, grows without bound, so nothing verifies it","line":10,"column":36}] },
    { name: "a machine count with a variable role", spec: `roles:
  vm-host: { count: variable }
stated:
  - { figure: machines, value: 10 }
`, findings: [{"messageId":"unchecked","message":"the machine count figure states 10, which infraspec cannot check: a role has a variable count, so nothing verifies it","line":4,"column":32}] },
    { name: "a system usage figure checked in one phase, not in the other", spec: `usage:
  bandwidth: { per: users, rate: 65MB/user/month }
stated:
  - { figure: usage.bandwidth, value: ~65GB/month }
phases:
  mvp:
    targets: { users: 1000 }
  lab: {}
`, findings: [{"messageId":"unchecked","message":"the `usage.bandwidth` figure states ~65GB/month, which infraspec cannot check in phase `lab`: the phase has no `users` target, so nothing verifies it","line":4,"column":39,"phase":"lab"}] },
    { name: "a usage figure in a phase without the target", spec: `usage:
  bandwidth: { per: users, rate: 65MB/user/month }
phases:
  mvp:
    stated:
      - { figure: usage.bandwidth, value: ~65GB/month }
`, findings: [{"messageId":"unchecked","message":"the `usage.bandwidth` figure of phase `mvp` states ~65GB/month, which infraspec cannot check: the phase has no `users` target, so nothing verifies it","line":6,"column":43}] },
  ],
});
