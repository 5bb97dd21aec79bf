import { phaseBandwidthBelowUsage } from '../../../src/lint/rules/phase-bandwidth-below-usage.js';
import { testRule } from '../rule-tester.js';

testRule(phaseBandwidthBelowUsage, {
  valid: [
    { name: "an allowance exactly at the usage", spec: `usage:
  bandwidth: { per: users, kind: bandwidth, rate: 50MB/user/month }
phases:
  ha:
    targets: { users: 20000 }
    bandwidth: { minimum: 1TB/month }
` },
    { name: "storage drivers do not use transfer", spec: `usage:
  uploads: { per: users, kind: storage, rate: 65MB/user/month }
phases:
  ha:
    targets: { users: 20000 }
    bandwidth: { minimum: 1TB/month }
` },
    { name: "a role without an allowance may include any amount", spec: `usage:
  egress: { per: users, kind: egress, rate: 65MB/user/month }
roles:
  app: { count: 1, recommended: { bandwidth: 1TB/month } }
  db: { count: 1 }
phases:
  ha:
    targets: { users: 20000 }
` },
    { name: "no target in the phase, nothing computed", spec: `usage:
  bandwidth: { per: users, kind: bandwidth, rate: 65MB/user/month }
phases:
  mvp:
    bandwidth: { minimum: 1GB/month }
` },
  ],
  invalid: [
    { name: "a minimum and a recommended allowance below the usage", spec: `usage:
  bandwidth: { per: users, kind: bandwidth, rate: 65MB/user/month }
phases:
  ha:
    targets: { users: 20000 }
    bandwidth: { minimum: 1TB/month, recommended: 1.2TB/month }
`, findings: [{"messageId":"phaseMinimum","message":"phase `ha` asks for at least 1TB/month of transfer, but its usage comes to 1.3 TB/month (`bandwidth` at 20000 users), 300 GB/month more: on the minimum allowance the phase pays overage or is throttled","line":6,"column":27},{"messageId":"phaseRecommended","message":"phase `ha` recommends 1.2TB/month of transfer, but its usage comes to 1.3 TB/month (`bandwidth` at 20000 users), 100 GB/month more: even the recommended allowance is too small","line":6,"column":51}] },
    { name: "a daily allowance in GiB against GB usage", spec: `usage:
  api: { per: users, kind: egress, rate: 1GB/user/month }
phases:
  growth:
    targets: { users: 2000 }
    bandwidth: { minimum: 50GiB/day }
`, findings: [{"messageId":"phaseMinimum","message":"phase `growth` asks for at least 50GiB/day of transfer, but its usage comes to 1.82 TiB/month (`api` at 2000 users), 340.8 GiB/month more: on the minimum allowance the phase pays overage or is throttled","line":6,"column":27}] },
    { name: "machines whose included transfer is too small", spec: `usage:
  bandwidth: { per: users, kind: bandwidth, rate: 65MB/user/month }
roles:
  app: { count: 2, recommended: { bandwidth: 500GB/month } }
  lb: { count: 1, minimum: { bandwidth: 100GB/month } }
phases:
  ha:
    targets: { users: 20000 }
`, findings: [{"messageId":"roles","message":"the machines of phase `ha` include 1.1 TB/month of transfer (2 × 500GB/month for `app`, 1 × 100GB/month for `lb`), but its usage comes to 1.3 TB/month (`bandwidth` at 20000 users), 200 GB/month more: the machines pay overage or are throttled","line":4,"column":46}] },
  ],
});
