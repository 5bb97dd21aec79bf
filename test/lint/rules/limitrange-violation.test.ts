import { limitrangeViolation } from '../../../src/lint/rules/limitrange-violation.js';
import { testRule } from '../rule-tester.js';

testRule(limitrangeViolation, {
  valid: [
    { name: 'figures exactly at the maximum', spec: `kubernetes:
  limitRange:
    max: { cpu: "2", memory: 4Gi }
components:
  worker:
    kind: worker
    resources:
      requests: { cpu: "2", memory: 4Gi }
      limits: { cpu: "2", memory: 4Gi }
  ext:
    kind: external
` },
    { name: 'a consistent LimitRange', spec: `kubernetes:
  limitRange:
    defaultRequest: { cpu: 250m, memory: 256Mi }
    default: { cpu: 500m, memory: 512Mi }
    max: { cpu: "1", memory: 512Mi }
` },
  ],
  invalid: [
    { name: 'a LimitRange the API server refuses', spec: `kubernetes:
  limitRange:
    defaultRequest: { cpu: "1", memory: 1Gi }
    default: { cpu: 500m, memory: 2Gi }
    max: { cpu: "2", memory: 1G }
`, findings: [
      { messageId: 'defaultRequestAboveDefault', message: 'the LimitRange’s default CPU request 1 core is above its default limit 500m: the API server rejects the LimitRange', line: 3, column: 29 },
      { messageId: 'defaultAboveMax', message: 'the LimitRange’s default memory request 1Gi (1.07 GB) is above its maximum 1G (953.67 MiB): the API server rejects the LimitRange', line: 3, column: 41 },
      { messageId: 'defaultAboveMax', message: 'the LimitRange’s default memory limit 2Gi (2.15 GB) is above its maximum 1G (953.67 MiB): the API server rejects the LimitRange', line: 4, column: 35 },
    ] },
    { name: 'a request above the maximum, except in the phase that raises it', spec: `kubernetes:
  limitRange:
    max: { cpu: "2", memory: 4Gi }
components:
  worker:
    kind: worker
    resources:
      requests: { cpu: "3" }
phases:
  small: {}
  large:
    kubernetes:
      limitRange:
        max: { cpu: "4" }
`, findings: [{ messageId: 'aboveMax', message: 'the CPU request 3 cores of `worker` is above the LimitRange maximum 2 cores: Kubernetes rejects the pod', line: 8, column: 25, phase: 'small' }] },
    { name: 'a GiB limit above a GB maximum', spec: `kubernetes:
  limitRange:
    max: { memory: 8G }
components:
  clickhouse:
    kind: datastore
    resources:
      limits: { memory: 8Gi }
`, findings: [{ messageId: 'aboveMax', message: 'the memory limit 8Gi (8.59 GB) of `clickhouse` is above the LimitRange maximum 8G (7.45 GiB): Kubernetes rejects the pod', line: 8, column: 25 }] },
  ],
});
