import { requestsAboveLimits } from '../../../src/lint/rules/requests-above-limits.js';
import { testRule } from '../rule-tester.js';

testRule(requestsAboveLimits, {
  valid: [
    { name: 'a request equal to the LimitRange default limit', spec: `kubernetes:
  limitRange:
    default: { cpu: 500m, memory: 1Gi }
components:
  worker:
    kind: worker
    resources:
      requests: { cpu: 500m, memory: 1Gi }
` },
    { name: 'a limit without a request: the request becomes the limit', spec: `kubernetes:
  limitRange:
    default: { cpu: 500m, memory: 512Mi }
components:
  worker:
    kind: worker
    resources:
      limits: { cpu: 2, memory: 2Gi }
` },
    { name: 'no LimitRange, no limit', spec: `components:
  worker:
    kind: worker
    resources:
      requests: { cpu: "4", memory: 8Gi }
` },
  ],
  invalid: [
    { name: 'an explicit memory request above its limit, GiB against GB', spec: `components:
  worker:
    kind: worker
    resources:
      requests: { cpu: 500m, memory: 1Gi }
      limits: { cpu: 500m, memory: 1G }
`, findings: [{ messageId: 'aboveLimit', message: 'the memory request 1Gi (1.07 GB) of `worker` is above its limit 1G (953.67 MiB): Kubernetes rejects the pod', line: 5, column: 38 }] },
    { name: 'the LimitRange max stands in for a missing default', spec: `kubernetes:
  limitRange:
    max: { cpu: "1" }
components:
  worker:
    kind: worker
    resources:
      requests: { cpu: 1500m, memory: 1Gi }
`, findings: [{ messageId: 'aboveDefaultLimit', message: '`worker` requests 1500m of CPU and sets no limit, so it gets the LimitRange’s maximum 1 core as its limit, below the request: Kubernetes rejects the pod', line: 8, column: 24 }] },
    { name: 'a 1G default below a 1Gi request, except in the phase that raises it', spec: `kubernetes:
  limitRange:
    default: { memory: 1G }
components:
  worker:
    kind: worker
    resources:
      requests: { memory: 1Gi }
phases:
  dev:
    kubernetes:
      limitRange:
        default: { memory: 2Gi }
  prod: {}
`, findings: [{ messageId: 'aboveDefaultLimit', message: '`worker` requests 1Gi (1.07 GB) of memory and sets no limit, so it gets the LimitRange’s default 1G (953.67 MiB) as its limit, below the request: Kubernetes rejects the pod', line: 8, column: 27, phase: 'prod' }] },
  ],
});
