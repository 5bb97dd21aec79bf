import { statedCountMatch } from '../../../src/lint/rules/stated-count-match.js';
import { testRule } from '../rule-tester.js';

testRule(statedCountMatch, {
  valid: [
    { name: "counts that agree", spec: `roles:
  redis-server: { count: 3, stated: [{ figure: count, value: 3 }] }
  app: { count: 2 }
stated:
  - { figure: machines, value: 5 }
` },
    { name: "replicas at the top of an autoscaling range", spec: `components:
  api:
    kind: service
    replicas: { min: 2, max: 6 }
    stated:
      - { figure: replicas, value: 6, at: max }
` },
  ],
  invalid: [
    { name: "a role with fewer machines than stated", spec: `roles:
  redis-server: { count: 2, stated: [{ figure: count, value: 3, label: Redis Sentinel Cluster (3 instances) }] }
`, findings: [{"messageId":"less","message":"`Redis Sentinel Cluster (3 instances)` states 3, but role `redis-server` has 2 machines, 1 less than stated: the page and its own roles and components describe different deployments","line":2,"column":62}] },
    { name: "a phase with more machines than stated", spec: `roles:
  app: { count: 1 }
phases:
  mvp:
    stated:
      - { figure: machines, value: 1, label: Single Server MVP }
  ha:
    roles:
      app: { count: 3 }
    stated:
      - { figure: machines, value: 2, label: Two servers }
`, findings: [{"messageId":"more","message":"`Two servers` states 2, but the phase's roles have 3 machines, 1 more than stated: the page and its own roles and components describe different deployments","line":11,"column":36,"phase":"ha"}] },
    { name: "replicas below the stated figure", spec: `components:
  clickhouse:
    kind: datastore
    replicas: 2
    stated:
      - { figure: replicas, value: 4, label: "2 shards x 2 replicas" }
`, findings: [{"messageId":"less","message":"`2 shards x 2 replicas` states 4, but `clickhouse` runs 2 replicas, 2 less than stated: the page and its own roles and components describe different deployments","line":6,"column":36}] },
  ],
});
