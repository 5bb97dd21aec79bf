import { limitExceedsNodeMemory } from '../../../src/lint/rules/limit-exceeds-node-memory.js';
import { testRule } from '../rule-tester.js';

testRule(limitExceedsNodeMemory, {
  valid: [
    { name: 'limits exactly the size of the machine', spec: `roles:
  node:
    count: 1
    recommended: { cpu: 4 cores, memory: 16GB }
components:
  cache:
    kind: datastore
    resources:
      limits: { cpu: "4", memory: 16GB }
` },
    { name: 'a component no single role is named for is not judged', spec: `roles:
  a:
    count: 1
    recommended: { cpu: 4 cores, memory: 4GB }
  b:
    count: 1
    recommended: { cpu: 4 cores, memory: 64GB }
components:
  cache:
    kind: datastore
    resources:
      limits: { memory: 16GB }
` },
    { name: 'a role without a memory size', spec: `roles:
  node: { count: 1 }
components:
  cache:
    kind: datastore
    resources:
      limits: { memory: 64Gi }
` },
  ],
  invalid: [
    { name: 'a 16Gi limit on a 16 GB machine', spec: `roles:
  gateway:
    count: 3
    minimum: { cpu: 8 vCPU, memory: 16 GB }
components:
  gatewayd:
    kind: service
    replicas: 3
    resources:
      requests: { cpu: "4", memory: 8Gi }
      limits: { cpu: "8", memory: 16Gi }
    placement: { role: gateway }
`, findings: [{ messageId: 'memory', message: 'the memory limit 16Gi (17.18 GB) of `gatewayd` is more than one `gateway` machine can give it (16 GB): the limit can never be reached, the node runs out of memory first and the kernel kills processes at random', line: 11, column: 35 }] },
    { name: 'a CPU limit above the cores of the machine', spec: `roles:
  gateway:
    count: 3
    minimum: { cpu: 8 vCPU, memory: 16 GB }
components:
  gatewayd:
    kind: service
    replicas: 3
    resources:
      limits: { cpu: "16", memory: 8Gi }
    placement: { role: gateway }
`, findings: [{ messageId: 'cpu', message: 'the CPU limit 16 cores of `gatewayd` is more than one `gateway` machine can give it (8 vCPU): the limit can never be reached, so it caps nothing', line: 10, column: 23 }] },
    { name: 'the machine less what is reserved', spec: `roles:
  node:
    count: 1
    reserved: { memory: 1Gi }
    recommended: { cpu: 4 cores, memory: 16GB }
components:
  cache:
    kind: datastore
    resources:
      limits: { memory: 16GB }
`, findings: [{ messageId: 'memory', message: 'the memory limit 16GB of `cache` is more than one `node` machine can give it (14.93 GB: 16GB less 1Gi reserved): the limit can never be reached, the node runs out of memory first and the kernel kills processes at random', line: 10, column: 25 }] },
  ],
});
