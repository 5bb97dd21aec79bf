import { limitsOvercommitAtMax } from '../../../src/lint/rules/limits-overcommit-at-max.js';
import { testRule } from '../rule-tester.js';

testRule(limitsOvercommitAtMax, {
  valid: [
    { name: 'limits at the maximum replicas exactly fill the machine (a daemon counts once per machine)', spec: `roles:
  node:
    count: 1
    recommended: { cpu: 4 vCPU, memory: 16GB }
components:
  api:
    kind: service
    replicas: { min: 1, max: 3 }
    resources:
      limits: { cpu: 500m, memory: 5GB }
    placement: { role: node }
  agent:
    kind: daemon
    resources:
      limits: { memory: 1GB }
` },
    { name: 'a role whose count has no upper bound is not judged', spec: `roles:
  node:
    count: { min: 2 }
    recommended: { cpu: 4 vCPU, memory: 8GB }
components:
  api:
    kind: service
    replicas: { min: 2, max: 80 }
    resources:
      limits: { memory: 4GB }
    placement: { role: node }
` },
  ],
  invalid: [
    { name: 'one megabyte over the machine', spec: `roles:
  node:
    count: 1
    recommended: { cpu: 4 vCPU, memory: 16GB }
components:
  api:
    kind: service
    replicas: { min: 1, max: 3 }
    resources:
      limits: { cpu: 500m, memory: 5GB }
    placement: { role: node }
  agent:
    kind: daemon
    resources:
      limits: { memory: 1001MB }
`, findings: [{ messageId: 'overcommit', message: 'at their maximum replicas the memory limits of the components on `node` add up to 16.001 GB, more than the 16GB of the one `node` machine: under load the machines run out of memory and pods are OOM-killed', line: 4, column: 41 }] },
    { name: 'against the most machines, less what is reserved', spec: `roles:
  node:
    count: { min: 2, max: 4 }
    reserved: { memory: 1GB }
    recommended: { cpu: 4 vCPU, memory: 8GB }
components:
  api:
    kind: service
    replicas: { min: 2, max: 8 }
    resources:
      limits: { memory: 4GB }
    placement: { role: node }
`, findings: [{ messageId: 'overcommit', message: 'at their maximum replicas the memory limits of the components on `node` add up to 32 GB, more than the 28 GB of 4 `node` machines (8GB each, less 1GB reserved): under load the machines run out of memory and pods are OOM-killed', line: 5, column: 41 }] },
    { name: 'GiB limits on GB machines, in the phase that raises the HPA maximum', spec: `roles:
  node:
    count: 2
    recommended: { cpu: 4 vCPU, memory: 8GB }
components:
  api:
    kind: service
    replicas: { min: 1, max: 3 }
    resources:
      limits: { memory: 4Gi }
    placement: { role: node }
phases:
  calm: {}
  busy:
    components:
      api: { replicas: { min: 2, max: 4 } }
`, findings: [{ messageId: 'overcommit', message: 'at their maximum replicas the memory limits of the components on `node` add up to 17.18 GB (16 GiB), more than the 16 GB of 2 `node` machines (8GB each): under load the machines run out of memory and pods are OOM-killed', line: 4, column: 41, phase: 'busy' }] },
  ],
});
