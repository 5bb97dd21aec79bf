import { statedResourcesMatch } from '../../../src/lint/rules/stated-resources-match.js';
import { testRule } from '../rule-tester.js';

testRule(statedResourcesMatch, {
  valid: [
    { name: "a ~ figure at the upper end of its ±10 %", spec: `components:
  api:
    kind: service
    replicas: 2
    resources: { requests: { cpu: 1100m } }
stated:
  - { figure: cpuRequests, value: ~2.0 cores }
` },
    { name: "an IEC total that is exact in GiB", spec: `components:
  api:
    kind: service
    replicas: 3
    resources: { requests: { memory: 512Mi } }
stated:
  - { figure: memoryRequests, value: 1.5Gi }
` },
    { name: "at: max compares against the top of the replica range", spec: `components:
  api:
    kind: service
    replicas: { min: 1, max: 4 }
    resources: { limits: { cpu: 500m } }
stated:
  - { figure: cpuLimits, value: 2 cores, at: max }
` },
    { name: "a per-machine role figure", spec: `roles:
  app:
    count: 3
    recommended: { cpu: 4 cores, memory: 8GB }
    stated:
      - { figure: memory, per: machine, value: 8GB }
      - { figure: cpu, value: 12 cores }
` },
  ],
  invalid: [
    { name: "a GB total against GiB requests", spec: `components:
  api:
    kind: service
    replicas: 3
    resources: { requests: { memory: 512Mi } }
stated:
  - { figure: memoryRequests, value: 1.5GB, label: "Total memory: 1.5GB" }
`, findings: [{"messageId":"more","message":"`Total memory: 1.5GB` states 1.5GB, but the components' memory requests add up to 1.61 GB, 110.61 MB more than stated: machines sized from the stated figure would be too small","line":7,"column":38}] },
    { name: "a role total below its machines", spec: `roles:
  app:
    count: 2
    recommended: { cpu: 4 cores, memory: 8GB }
    stated:
      - { figure: cpu, value: 6 cores }
`, findings: [{"messageId":"more","message":"the CPU figure of role `app` states 6 cores, but the 2 `app` machines have 8 cores, 2 cores more than stated: machines sized from the stated figure would be too small","line":6,"column":31}] },
    { name: "a total larger than its parts", spec: `components:
  api:
    kind: service
    replicas: 2
    resources: { limits: { memory: 2Gi } }
stated:
  - { figure: memoryLimits, value: ~16Gi, label: "Total limits: ~16Gi" }
`, findings: [{"messageId":"less","message":"`Total limits: ~16Gi` states ~16Gi, but the components' memory limits add up to 4 GiB, 12 GiB less than stated: the total does not follow from the figures it sums, so one of them is wrong","line":7,"column":36}] },
    { name: "limits in millicores", spec: `components:
  worker:
    kind: worker
    replicas: 4
    resources: { limits: { cpu: 500m } }
stated:
  - { figure: cpuLimits, value: 1500m }
`, findings: [{"messageId":"more","message":"the CPU limits figure states 1500m, but the components' CPU limits add up to 2000m, 500m more than stated: machines sized from the stated figure would be too small","line":7,"column":33}] },
    { name: "a system figure wrong in two phases by different amounts", spec: `components:
  api:
    kind: service
    replicas: 1
    resources: { requests: { cpu: 1 } }
stated:
  - { figure: cpuRequests, value: 1.0 cores, label: Total requests }
phases:
  small: {}
  medium:
    components: { api: { replicas: 2 } }
  large:
    components: { api: { replicas: 3 } }
`, findings: [{"messageId":"more","message":"`Total requests` states 1.0 cores, but the components' CPU requests add up to 2 cores in phase `medium`, 1 core more than stated: machines sized from the stated figure would be too small","line":7,"column":35,"phase":"medium"},{"messageId":"more","message":"`Total requests` states 1.0 cores, but the components' CPU requests add up to 3 cores in phase `large`, 2 cores more than stated: machines sized from the stated figure would be too small","line":7,"column":35,"phase":"large"}] },
  ],
});
