import { statedDensityMatch } from '../../../src/lint/rules/stated-density-match.js';
import { testRule } from '../rule-tester.js';

testRule(statedDensityMatch, {
  valid: [
    { name: "a range that holds the CPU-bound fit", spec: `roles:
  vm-host:
    recommended: { cpu: 128 vCPU, memory: 512 GB }
    density:
      - { name: medium, cpu: 2 vCPU, memory: 2GB, perHost: 60-64 }
` },
    { name: "a memory-bound fit in GiB", spec: `roles:
  vm-host:
    minimum: { cpu: 64 vCPU, memory: 64Gi }
    density:
      - { name: large, cpu: 2 vCPU, memory: 8Gi, perHost: 8 }
` },
  ],
  invalid: [
    { name: "more per host than the CPU holds", spec: `roles:
  vm-host:
    recommended: { cpu: 128 vCPU, memory: 512 GB }
    density:
      - { name: small, cpu: 1 vCPU, memory: 512MB, perHost: 150-180 }
`, findings: [{"messageId":"less","message":"the `small` density of role `vm-host` states 150-180, but one `vm-host` machine fits 128 `small` instances (limited by CPU), 22 less than stated: the stated density needs CPU or memory overcommit that the page does not state","line":5,"column":61}] },
    { name: "fewer per host than fit", spec: `roles:
  vm-host:
    recommended: { cpu: 128 vCPU, memory: 512 GB }
    density:
      - { name: large, cpu: 4 vCPU, memory: 8GB, perHost: 10-12 }
`, findings: [{"messageId":"more","message":"the `large` density of role `vm-host` states 10-12, but one `vm-host` machine fits 32 `large` instances (limited by CPU), 20 more than stated: the density leaves capacity unused, or assumes reservations the page does not state","line":5,"column":59}] },
    { name: "GiB instances on a GB host", spec: `roles:
  vm-host:
    minimum: { cpu: 64 vCPU, memory: 64GB }
    density:
      - { name: big, cpu: 1 vCPU, memory: 8GiB, perHost: 8 }
`, findings: [{"messageId":"less","message":"the `big` density of role `vm-host` states 8, but one `vm-host` machine fits 7 `big` instances (limited by memory), 1 less than stated: the stated density needs CPU or memory overcommit that the page does not state","line":5,"column":58}] },
  ],
});
