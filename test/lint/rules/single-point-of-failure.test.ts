import { singlePointOfFailure } from '../../../src/lint/rules/single-point-of-failure.js';
import { testRule } from '../rule-tester.js';

testRule(singlePointOfFailure, {
  valid: [
    { name: "a single database outside production phases", spec: `components:
  postgres: { kind: datastore, replicas: 1 }
phases:
  development: {}
` },
    { name: "a managed multi-AZ database", spec: `components:
  postgres:
    kind: datastore
    managed: { provider: aws, service: rds, multiAz: true }
phases:
  production: { production: true }
` },
    { name: "a stateless service and a cache volume", spec: `components:
  api: { kind: service, replicas: 1 }
  worker: { kind: worker, volumes: [{ name: images, size: 50Gi, purpose: local image cache }] }
phases:
  production: { production: true }
` },
    { name: "replicas on two machines", spec: `components:
  redis:
    kind: datastore
    replicas: 3
    ha: { mode: sentinel, replicas: 2, failover: automatic }
    placement: { role: cache }
roles:
  cache: { count: 3 }
phases:
  production: { production: true }
` },
  ],
  invalid: [
    {
      name: "a single database in a production phase",
      spec: `components:
  postgres:
    kind: datastore
    replicas: 1
phases:
  production: { production: true }
`,
      findings: [
        {messageId: "singleReplica",message: "`postgres` keeps state with one replica and no HA mode in a production phase: when it or its machine fails, its data is unreachable until it is restarted or restored",line: 4,column: 15},
      ],
    },
    {
      name: "a service with a volume and no replicas written",
      spec: `components:
  grafana:
    kind: service
    volumes: [{ name: data, size: 5Gi }]
phases:
  production: { production: true }
`,
      findings: [
        {messageId: "singleReplica",message: "`grafana` keeps state with one replica and no HA mode in a production phase: when it or its machine fails, its data is unreachable until it is restarted or restored",line: 2,column: 3},
      ],
    },
    {
      name: "replicas on the phase's only machine",
      spec: `components:
  postgres:
    kind: datastore
    replicas: 3
    ha: { mode: primary-replica, replicas: 2, failover: automatic }
    placement: { role: node }
roles:
  node: { count: 3 }
phases:
  staging:
    production: true
    roles:
      node: { count: 1 }
  live: { production: true }
`,
      findings: [
        {messageId: "oneMachine",message: "the 3 replicas of `postgres` all run on `node`, the only machine of the phase that may run it: losing that machine loses every copy",line: 6,column: 24,phase: "staging"},
      ],
    },
  ],
});
