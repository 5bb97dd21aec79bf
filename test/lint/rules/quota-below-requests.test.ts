import { quotaBelowRequests } from '../../../src/lint/rules/quota-below-requests.js';
import { testRule } from '../rule-tester.js';

testRule(quotaBelowRequests, {
  valid: [
    { name: 'a quota met exactly; jobs count, managed and external services do not', spec: `kubernetes:
  quota:
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.memory: 2Gi
    pods: 4
    count/cronjobs.batch: 1
components:
  api:
    kind: service
    replicas: { min: 2, max: 2 }
    resources:
      requests: { cpu: 250m, memory: 256Mi }
      limits: { memory: 512Mi }
  backup:
    kind: job
    resources:
      requests: { cpu: 500m, memory: 512Mi }
      limits: { memory: 1Gi }
  rds:
    kind: datastore
    managed: { provider: aws, service: rds }
  stripe:
    kind: external
` },
    { name: 'a LimitRange default gives the missing request', spec: `kubernetes:
  quota:
    requests.memory: 1Gi
  limitRange:
    defaultRequest: { memory: 64Mi }
components:
  pgbouncer:
    kind: service
` },
  ],
  invalid: [
    { name: 'quotas below the minimum and the maximum replicas', spec: `kubernetes:
  quota:
    requests.cpu: "1"
    limits.memory: 4Gi
    pods: "4"
    persistentvolumeclaims: 3
    requests.storage: 100Gi
components:
  api:
    kind: service
    replicas: { min: 2, max: 5 }
    resources:
      requests: { cpu: 250m, memory: 256Mi }
      limits: { cpu: 500m, memory: 1Gi }
  db:
    kind: datastore
    replicas: 2
    resources:
      requests: { cpu: 250m, memory: 1Gi }
      limits: { cpu: "1", memory: 2Gi }
    volumes:
      - { name: data, size: 60GB, perReplica: true }
`, findings: [
      { messageId: 'belowAtMax', message: 'the quota `requests.cpu: 1` is below the 1.75 cores of requested CPU the components need at their maximum replicas: scaling out stops at the quota and the extra pods are rejected', line: 3, column: 20 },
      { messageId: 'belowAtMin', message: 'the quota `limits.memory: 4Gi` is below the 6 GiB of memory limits the components need at their minimum replicas: Kubernetes rejects the pods beyond it', line: 4, column: 20 },
      { messageId: 'belowAtMax', message: 'the quota `pods: 4` is below the 7 pods the components need at their maximum replicas: scaling out stops at the quota and the extra pods are rejected', line: 5, column: 12 },
      { messageId: 'belowAtMin', message: 'the quota `requests.storage: 100Gi` is below the 111.76 GiB of volume claims the components need at their minimum replicas: Kubernetes rejects the volume claims beyond it', line: 7, column: 23 },
    ] },
    { name: 'a pod without the figure the quota caps, in the phase without a LimitRange', spec: `kubernetes:
  quota:
    requests.memory: 2Gi
components:
  api:
    kind: service
    resources:
      requests: { cpu: 250m, memory: 256Mi }
  pgbouncer:
    kind: service
phases:
  one: {}
  two:
    kubernetes:
      limitRange:
        defaultRequest: { memory: 64Mi }
`, findings: [{ messageId: 'unspecified', message: '`pgbouncer` sets no memory request, and no LimitRange gives a default, but the quota limits it: Kubernetes rejects its pods', line: 9, column: 3, phase: 'one' }] },
    { name: 'a phase override of the quota', spec: `kubernetes:
  quota:
    requests.memory: 4Gi
components:
  api:
    kind: service
    replicas: 3
    resources:
      requests: { cpu: 250m, memory: 1Gi }
phases:
  dev:
    kubernetes:
      quota:
        requests.memory: 2Gi
  prod: {}
`, findings: [{ messageId: 'belowAtMin', message: 'the quota `requests.memory: 2Gi` is below the 3 GiB of requested memory the components need at their minimum replicas: Kubernetes rejects the pods beyond it', line: 14, column: 26, phase: 'dev' }] },
  ],
});
