import { statedUsageMatch } from '../../../src/lint/rules/stated-usage-match.js';
import { testRule } from '../rule-tester.js';

testRule(statedUsageMatch, {
  valid: [
    { name: "per-user parts and a phase product within ~", spec: `usage:
  bandwidth:
    per: users
    parts: { http: ~50MB/user/month, static: ~15MB/user/month }
    stated:
      - { figure: rate, value: ~65MB/user/month }
phases:
  mvp:
    targets: { users: 1000 }
    stated:
      - { figure: usage.bandwidth, value: ~65GB/month }
` },
    { name: "a TB figure at the upper end of ±10 %", spec: `usage:
  bandwidth: { per: users, rate: 65MB/user/month }
phases:
  ha:
    targets: { users: 20000 }
    stated:
      - { figure: usage.bandwidth, value: ~1.2TB/month }
` },
  ],
  invalid: [
    { name: "a per-user total below its parts", spec: `usage:
  bandwidth:
    per: users
    parts: { http: 50MB/user/month, websocket: 10MB/user/month, static: 5MB/user/month }
    stated:
      - { figure: rate, value: ~50MB/user/month, label: "Total: ~50MB/user/month" }
`, findings: [{"messageId":"more","message":"`Total: ~50MB/user/month` states ~50MB/user/month, but the parts of usage driver `bandwidth` add up to 65 MB/user/month, 15 MB/user/month more than stated: an allowance sized from the stated figure would be too small","line":6,"column":32}] },
    { name: "a phase product not redone for the new target", spec: `usage:
  bandwidth: { per: users, rate: 65MB/user/month }
phases:
  growth:
    targets: { users: 5000 }
    stated:
      - { figure: usage.bandwidth, value: ~65GB/month, label: "5,000 users: ~65GB/month" }
`, findings: [{"messageId":"more","message":"`5,000 users: ~65GB/month` states ~65GB/month, but usage driver `bandwidth` at 5000 users comes to 325 GB/month, 260 GB/month more than stated: an allowance sized from the stated figure would be too small","line":7,"column":43}] },
    { name: "a GiB figure against GB per user", spec: `usage:
  storage: { per: users, rate: 1GB/user/month }
phases:
  mvp:
    targets: { users: 100 }
    stated:
      - { figure: usage.storage, value: 100GiB/month }
`, findings: [{"messageId":"less","message":"the `usage.storage` figure of phase `mvp` states 100GiB/month, but usage driver `storage` at 100 users comes to 93.13 GiB/month, 6.87 GiB/month less than stated: the figure does not follow from the per-unit rate and the target, so one of them is wrong","line":7,"column":41}] },
  ],
});
