import { quorumSize } from '../../../src/lint/rules/quorum-size.js';
import { testRule } from '../rule-tester.js';

testRule(quorumSize, {
  valid: [
    { name: 'two Redis instances watched by three Sentinels the page counts', spec: `components:
  redis:
    kind: datastore
    engine: redis
    replicas: 2
    ha: { mode: sentinel, replicas: 1, sentinels: 3, quorum: 2, failover: automatic }
` },
    { name: "three Sentinel instances", spec: `components:
  redis:
    kind: datastore
    replicas: 3
    ha: { mode: sentinel, replicas: 2, failover: automatic }
` },
    { name: "an etcd cluster of five with a majority quorum", spec: `components:
  etcd:
    kind: datastore
    engine: etcd
    replicas: 5
    ha: { mode: cluster, replicas: 5, quorum: 3 }
` },
    { name: "a Sentinel quorum below a majority only detects failure", spec: `components:
  redis:
    kind: datastore
    replicas: 5
    ha: { mode: sentinel, replicas: 4, quorum: 2 }
` },
    { name: "primary-replica without a vote", spec: `components:
  postgres:
    kind: datastore
    replicas: 2
    ha: { mode: primary-replica, replicas: 1 }
` },
  ],
  invalid: [
    { name: 'four Sentinels the page counts', spec: `components:
  redis:
    kind: datastore
    engine: redis
    replicas: 3
    ha: { mode: sentinel, replicas: 2, sentinels: 4, failover: automatic }
`, findings: [{ messageId: 'even', message: '`redis` runs Sentinel with 4 voting members: an even count tolerates 1 failed, no more than 3 members would, and a network split in halves leaves no majority', line: 6, column: 51 }] },
    {
      name: "two Sentinel instances",
      spec: `components:
  redis:
    kind: datastore
    engine: redis
    replicas: 2
    ha: { mode: sentinel, replicas: 1, failover: automatic }
`,
      findings: [
        {messageId: "tooFew",message: "`redis` runs Sentinel with 2 voting members (a Sentinel beside each instance): a majority of 2 cannot survive the loss of one member, so failover stops working at the first failure",line: 5,column: 15},
      ],
    },
    {
      name: "an even etcd cluster",
      spec: `components:
  etcd:
    kind: datastore
    engine: etcd
    ha: { mode: cluster, replicas: 4 }
`,
      findings: [
        {messageId: "even",message: "`etcd` runs `cluster` with 4 voting members: an even count tolerates 1 failed, no more than 3 members would, and a network split in halves leaves no majority",line: 5,column: 36},
      ],
    },
    {
      name: "a quorum larger than the members",
      spec: `components:
  consul:
    kind: datastore
    replicas: 3
    ha: { mode: cluster, replicas: 3, quorum: 4 }
`,
      findings: [
        {messageId: "quorumAboveMembers",message: "`consul` asks for a quorum of 4 among 3 members: the vote can never succeed, so no failover ever happens",line: 5,column: 47},
      ],
    },
    {
      name: "a quorum that is not a majority",
      spec: `components:
  zk:
    kind: datastore
    ha: { mode: leader-follower, replicas: 4, quorum: 2 }
`,
      findings: [
        {messageId: "notMajority",message: "`zk` asks for a quorum of 2 among 5 members, not a majority (3): both sides of a network split can elect a leader",line: 4,column: 55},
      ],
    },
  ],
});
