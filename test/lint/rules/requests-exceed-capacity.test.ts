import { requestsExceedCapacity } from '../../../src/lint/rules/requests-exceed-capacity.js';
import { testRule } from '../rule-tester.js';

testRule(requestsExceedCapacity, {
  valid: [
    { name: 'requests exactly equal to what the machine holds', spec: `roles:
  node:
    count: 1
    recommended: { cpu: 4 cores, memory: 8GB }
components:
  api:
    kind: service
    replicas: 2
    resources:
      requests: { cpu: "2", memory: 4GB }
    placement: { role: node }
` },
    { name: 'a role without an upper bound on its count is not judged', spec: `roles:
  node:
    count: { min: 1 }
    recommended: { cpu: 4 cores, memory: 8GB }
components:
  api:
    kind: service
    replicas: 10
    resources:
      requests: { cpu: "2", memory: 4GB }
` },
    { name: 'the maximum replicas fit exactly on the maximum machines', spec: `roles:
  node:
    count: { min: 1, max: 3 }
    recommended: { cpu: 4 cores, memory: 8GB }
components:
  api:
    kind: service
    replicas: { min: 2, max: 6 }
    resources:
      requests: { cpu: "2", memory: 4GB }
` },
    { name: 'a role of unknown size is not judged', spec: `roles:
  node: { count: 1 }
components:
  api:
    kind: service
    replicas: 10
    resources:
      requests: { cpu: "2", memory: 4GB }
` },
  ],
  invalid: [
    { name: 'GiB requests on a GB machine', spec: `roles:
  node:
    count: 1
    recommended: { cpu: 4 cores, memory: 8GB }
components:
  api:
    kind: service
    replicas: 2
    resources:
      requests: { cpu: "2", memory: 4Gi }
    placement: { role: node }
`, findings: [{ messageId: 'atMin', message: 'at their minimum replicas the components on `node` request 8 GiB (8.59 GB) of memory, more than the 8GB of the one `node` machine: some pods stay Pending', line: 4, column: 42 }] },
    { name: 'the HPA maximum does not fit the most machines', spec: `roles:
  node:
    count: 2
    recommended: { cpu: 4 cores, memory: 8GB }
components:
  api:
    kind: service
    replicas: { min: 1, max: 6 }
    resources:
      requests: { cpu: 500m, memory: 3Gi }
    placement: { role: node }
`, findings: [{ messageId: 'atMax', message: 'at their maximum replicas the components on `node` request 18 GiB (19.33 GB) of memory, more than the 16 GB of 2 `node` machines (8GB each): autoscaling stops short and the extra pods stay Pending', line: 4, column: 42 }] },
    { name: 'what reserved keeps back is not allocatable', spec: `roles:
  node:
    count: 1
    reserved: { cpu: 500m, memory: 512Mi }
    minimum: { cpu: 4 cores, memory: 16GB }
components:
  worker:
    kind: worker
    replicas: 4
    resources:
      requests: { cpu: "1", memory: 1Gi }
`, findings: [{ messageId: 'atMin', message: 'at their minimum replicas the components on `node` request 4 cores of CPU, more than the 3.5 cores the one `node` machine can allocate (4 cores, less 500m reserved): some pods stay Pending', line: 5, column: 21 }] },
    { name: 'only the phase that scales out overflows', spec: `roles:
  node:
    count: 1
    recommended: { cpu: 4 cores, memory: 8GB }
components:
  api:
    kind: service
    replicas: 2
    resources:
      requests: { cpu: "1", memory: 2GB }
    placement: { role: node }
phases:
  small: {}
  big:
    components:
      api: { replicas: 5 }
`, findings: [
      { messageId: 'atMin', message: 'at their minimum replicas the components on `node` request 5 cores of CPU, more than the 4 cores of the one `node` machine: some pods stay Pending', line: 4, column: 25, phase: 'big' },
      { messageId: 'atMin', message: 'at their minimum replicas the components on `node` request 10 GB of memory, more than the 8GB of the one `node` machine: some pods stay Pending', line: 4, column: 42, phase: 'big' },
    ] },
    { name: 'unplaced components against the room the placed ones leave', spec: `roles:
  a:
    count: 1
    recommended: { cpu: 4 cores, memory: 4GB }
  b:
    count: 1
    recommended: { cpu: 4 cores, memory: 4GB }
components:
  x:
    kind: service
    resources:
      requests: { cpu: 100m, memory: 3GB }
    placement: { role: a }
  y:
    kind: worker
    replicas: 3
    resources:
      requests: { cpu: 100m, memory: 2GB }
`, findings: [{ messageId: 'unplaced', message: 'the components placed on no role request 6 GB of memory at their minimum replicas, more than the 5 GB the phase’s machines have left after the placed ones: some pods stay Pending', line: 18, column: 38 }] },
  ],
});
