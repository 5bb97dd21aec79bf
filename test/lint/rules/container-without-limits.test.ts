import { containerWithoutLimits } from '../../../src/lint/rules/container-without-limits.js';
import { testRule } from '../rule-tester.js';

testRule(containerWithoutLimits, {
  valid: [
    { name: 'limits and requests given; external and managed services skipped', spec: `components:
  api:
    kind: service
    image: acme/api:1.2
    resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } }
  stripe: { kind: external }
  db: { kind: datastore, managed: { provider: aws, service: rds }, resources: { requests: { cpu: '2' } } }
  described: { kind: service, description: no container details on the page }
` },
    { name: 'a LimitRange that supplies the defaults', spec: `kubernetes:
  limitRange: { default: { memory: 512Mi, cpu: 500m } }
components:
  api: { kind: service, image: acme/api:1.2 }
` },
  ],
  invalid: [
    { name: 'requests without a memory limit', spec: `components:
  api:
    kind: service
    resources:
      requests: { cpu: 100m, memory: 128Mi }
`, findings: [
      { messageId: 'noMemoryLimit', message: '`api` runs without a memory limit: one leak or runaway request can take all the memory of its machine and get its neighbours killed', line: 4, column: 5 },
    ] },
    { name: 'an image with no resources at all', spec: `components:
  worker:
    kind: worker
    image: acme/worker:2.0
`, findings: [
      { messageId: 'noCpuRequest', message: '`worker` has no CPU request: the scheduler places it as if it needed no CPU, and it is the first to starve when its machine is busy', line: 4, column: 5 },
      { messageId: 'noMemoryLimit', message: '`worker` runs without a memory limit: one leak or runaway request can take all the memory of its machine and get its neighbours killed', line: 4, column: 5 },
    ] },
    { name: 'a phase that adds a component without limits', spec: `components:
  api:
    kind: service
    resources: { requests: { cpu: 100m }, limits: { memory: 256Mi } }
phases:
  ha:
    components:
      pgbouncer:
        kind: service
        resources: { limits: { cpu: 200m } }
`, findings: [
      { messageId: 'noMemoryLimit', message: '`pgbouncer` runs without a memory limit: one leak or runaway request can take all the memory of its machine and get its neighbours killed', line: 10, column: 22 },
    ] },
  ],
});
