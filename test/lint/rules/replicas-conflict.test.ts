import { replicasConflict } from '../../../src/lint/rules/replicas-conflict.js';
import { testRule } from '../rule-tester.js';

testRule(replicasConflict, {
  valid: [
    { name: "replicas and a primary-replica HA block that agree", spec: `components:
  postgres:
    kind: datastore
    replicas: 3
    ha: { mode: primary-replica, replicas: 2, failover: automatic }
` },
    { name: "sharded replicas counted as ClickHouse does", spec: `components:
  clickhouse:
    kind: datastore
    replicas: 4
    ha: { mode: sharded, shards: 2, replicas: 2 }
` },
    { name: "read replicas and the HA block agree", spec: `components:
  postgres:
    kind: datastore
    ha: { mode: primary-replica, replicas: 2, multiAz: true }
    managed: { provider: aws, service: rds, readReplicas: { count: 2 } }
` },
    { name: "an autoscaled range that holds the HA count", spec: `components:
  api:
    kind: service
    replicas: { min: 2, max: 5 }
    autoscaling: { cpu: 70% }
    ha: { mode: active-active, replicas: 3 }
` },
  ],
  invalid: [
    {
      name: "cache clusters against replicas per node group",
      spec: `components:
  redis:
    kind: datastore
    replicas: 3
    ha: { mode: replicated, replicas: 1, failover: automatic, multiAz: true }
    managed:
      provider: aws
      service: elasticache
      nodes: 3
      settings: { replicasPerNodeGroup: 1 }
`,
      findings: [
        {messageId: "conflict",message: "`managed.settings.replicasPerNodeGroup: 1` (1 replica and a primary per node group) gives `redis` 2 copies in all, but `replicas: 3` gives it 3: the page states two replica counts, and a deployment can follow only one",line: 10,column: 41},
      ],
    },
    {
      name: "the HA block counts one replica too many",
      spec: `components:
  postgres:
    kind: datastore
    replicas: 2
    ha: { mode: primary-replica, replicas: 2 }
`,
      findings: [
        {messageId: "conflict",message: "`ha.replicas: 2` (mode `primary-replica`, and the primary) gives `postgres` 3 copies in all, but `replicas: 2` gives it 2: the page states two replica counts, and a deployment can follow only one",line: 5,column: 44},
      ],
    },
    {
      name: "a single-instance mode with three replicas",
      spec: `components:
  redis:
    kind: datastore
    replicas: 3
    ha: { mode: single }
`,
      findings: [
        {messageId: "conflict",message: "`ha.mode: single` gives `redis` 1 copy in all, but `replicas: 3` gives it 3: the page states two replica counts, and a deployment can follow only one",line: 5,column: 17},
      ],
    },
    {
      name: "autoscaling targets with a fixed count",
      spec: `components:
  api:
    kind: service
    replicas: 3
    autoscaling: { cpu: 70% }
`,
      findings: [
        {messageId: "autoscalingFixed",message: "`api` has autoscaling targets, but `replicas: 3` fixes its replicas: the autoscaler has no room to scale",line: 5,column: 5},
      ],
    },
    {
      name: "only the phase that changes the count",
      spec: `components:
  postgres:
    kind: datastore
    replicas: 3
    ha: { mode: primary-replica, replicas: 2 }
phases:
  base: {}
  small:
    components:
      postgres: { replicas: 2 }
`,
      findings: [
        {messageId: "conflict",message: "`ha.replicas: 2` (mode `primary-replica`, and the primary) gives `postgres` 3 copies in all, but `replicas: 2` gives it 2: the page states two replica counts, and a deployment can follow only one",line: 5,column: 44,phase: "small"},
      ],
    },
  ],
});
