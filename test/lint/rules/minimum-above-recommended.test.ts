import { minimumAboveRecommended } from '../../../src/lint/rules/minimum-above-recommended.js';
import { testRule } from '../rule-tester.js';

testRule(minimumAboveRecommended, {
  valid: [
    { name: 'ranges that overlap, a pinned version inside the minimum', spec: `kubernetes:
  version: { minimum: 1.28+, recommended: 1.30+ }
components:
  pg: { kind: datastore, engine: postgresql, version: { minimum: 13+, recommended: 16+, pinned: '16.4' } }
roles:
  host:
    minimum: { software: { podman: { version: { minimum: 4.4+, recommended: 5.0+ } } }, gpu: { count: 1, memory: 24GB } }
    recommended: { software: { podman: 5.2+ }, gpu: { count: 2, memory: 24GiB } }
` },
    { name: 'the exact boundary: minimum equal to recommended', spec: `components:
  redis: { kind: datastore, engine: redis, version: { minimum: '7.2', recommended: '7.2' } }
roles:
  host:
    minimum: { network: 1 Gbps }
    recommended: { network: 1000Mbps }
` },
  ],
  invalid: [
    { name: 'a minimum memory in GiB above a recommended memory in GB', spec: `roles:
  db:
    minimum: { cpu: 4 cores, memory: 16GiB }
    recommended: { cpu: 4 cores, memory: 16GB }
`, findings: [{ messageId: 'size', message: 'role `db` needs at least 16GiB of memory but recommends 16GB: the recommended machine fails the minimum', line: 3, column: 38 }] },
    { name: 'a minimum disk above the recommended disk', spec: `roles:
  db:
    minimum: { disk: 200GB }
    recommended: { disk: 100GB }
`, findings: [{ messageId: 'size', message: 'role `db` needs at least 200GB of disk but recommends 100GB: the recommended machine fails the minimum', line: 3, column: 22 }] },
    { name: 'a component whose ranges share no version, and a pin below the minimum', spec: `components:
  pg:
    kind: datastore
    engine: postgresql
    version: { minimum: 15+, recommended: '13' }
  redis:
    kind: datastore
    engine: redis
    version: { minimum: 7+, pinned: '6.2.14' }
`, findings: [
      { messageId: 'disjoint', message: '`pg` has minimum 15+ and recommended 13: no version meets both, so following the recommendation breaks the minimum', line: 5, column: 25 },
      { messageId: 'pinnedOutside', message: '`redis` pins 6.2.14, which its minimum 7+ does not admit: the deployed version fails the page\'s own requirement', line: 9, column: 38 },
    ] },
    { name: 'software levels in the wrong order on a role', spec: `roles:
  host:
    minimum:
      software:
        python3: { version: { minimum: 3.12+, recommended: 3.11+ } }
    recommended:
      software:
        python3: 3.11+
`, findings: [
      { messageId: 'startsAbove', message: '`python3` of role `host` has minimum 3.12+ above recommended 3.11+: a recommended 3.11 fails the page\'s own minimum', line: 5, column: 40 },
    ] },
    { name: 'GPU memory in GiB against GB, and GPU count', spec: `roles:
  gpu:
    minimum: { gpu: { count: 2, memory: 24GiB } }
    recommended: { gpu: { count: 1, memory: 25GB } }
`, findings: [
      { messageId: 'gpuCount', message: 'role `gpu` needs at least 2 GPUs but recommends 1: the recommended machine fails the minimum', line: 3, column: 30 },
      { messageId: 'gpuMemory', message: 'role `gpu` needs at least 24GiB of GPU memory but recommends 25GB: the recommended GPU fails the minimum', line: 3, column: 41 },
    ] },
    { name: 'a phase that lowers the recommended Kubernetes', spec: `kubernetes:
  version: { minimum: 1.28+, recommended: 1.30+ }
phases:
  dev: {}
  legacy:
    kubernetes: { version: { minimum: 1.28+, recommended: '1.26' } }
`, findings: [
      { messageId: 'disjoint', message: '`kubernetes.version` has minimum 1.28+ and recommended 1.26: no version meets both, so following the recommendation breaks the minimum', line: 6, column: 39 },
    ] },
  ],
});
