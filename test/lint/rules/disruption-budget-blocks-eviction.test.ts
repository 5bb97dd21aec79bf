import { disruptionBudgetBlocksEviction } from '../../../src/lint/rules/disruption-budget-blocks-eviction.js';
import { testRule } from '../rule-tester.js';

testRule(disruptionBudgetBlocksEviction, {
  valid: [
    { name: "one eviction allowed", spec: `components:
  api:
    kind: service
    replicas: 2
    disruption: { minAvailable: 1 }
` },
    { name: "a percentage of maxUnavailable rounds up to one pod", spec: `components:
  api:
    kind: service
    replicas: 3
    disruption: { maxUnavailable: 10% }
` },
    { name: "minAvailable 50% of three replicas is two", spec: `components:
  api:
    kind: service
    replicas: { min: 3, max: 6 }
    disruption: { minAvailable: 50% }
` },
  ],
  invalid: [
    {
      name: "minAvailable equal to the replicas",
      spec: `components:
  api:
    kind: service
    replicas: 2
    disruption: { minAvailable: 2 }
`,
      findings: [
        {messageId: "minAvailable",message: "`api` requires `minAvailable: 2`, which is 2 of its minimum 2 replicas: no pod may ever be evicted, so node drains and cluster upgrades hang",line: 5,column: 33},
      ],
    },
    {
      name: "50% of one replica rounds up to one",
      spec: `components:
  api:
    kind: service
    replicas: { min: 1, max: 4 }
    disruption: { minAvailable: 50% }
`,
      findings: [
        {messageId: "minAvailable",message: "`api` requires `minAvailable: 50%`, which is 1 of its minimum 1 replica: no pod may ever be evicted, so node drains and cluster upgrades hang",line: 5,column: 33},
      ],
    },
    {
      name: "maxUnavailable of zero percent",
      spec: `components:
  api:
    kind: service
    replicas: 3
    disruption: { maxUnavailable: 0% }
`,
      findings: [
        {messageId: "maxUnavailable",message: "`api` allows `maxUnavailable: 0%`: no pod may ever be evicted, so node drains and cluster upgrades hang",line: 5,column: 35},
      ],
    },
    {
      name: "both fields set",
      spec: `components:
  api:
    kind: service
    replicas: 3
    disruption: { minAvailable: 1, maxUnavailable: 1 }
`,
      findings: [
        {messageId: "both",message: "`api` sets both `minAvailable` and `maxUnavailable`: a PodDisruptionBudget takes only one, and the API server rejects it",line: 5,column: 36},
      ],
    },
  ],
});
