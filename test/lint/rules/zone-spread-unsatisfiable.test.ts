import { zoneSpreadUnsatisfiable } from '../../../src/lint/rules/zone-spread-unsatisfiable.js';
import { testRule } from '../rule-tester.js';

testRule(zoneSpreadUnsatisfiable, {
  valid: [
    { name: "machines in three zones", spec: `components:
  api:
    kind: service
    replicas: 3
    placement: { role: node, spreadZones: true }
roles:
  node: { count: 3, zones: [eu-a, eu-b, eu-c] }
` },
    { name: "zones not named and several machines", spec: `components:
  api:
    kind: service
    replicas: 3
    placement: { role: node, spreadZones: true }
roles:
  node: { count: 3 }
` },
    { name: "zones named on the placement", spec: `components:
  api:
    kind: service
    replicas: 2
    placement: { role: node, spreadZones: true, zones: [a, b] }
roles:
  node: { count: 2, zones: [a] }
` },
  ],
  invalid: [
    {
      name: "spread on one node",
      spec: `components:
  api:
    kind: service
    replicas: 2
    placement: { role: node, spreadZones: true }
roles:
  node: { count: 1 }
`,
      findings: [
        {messageId: "oneMachine",message: "`api` asks to spread across zones, but the phase has one machine that may run it (`node`): every replica lands in one zone",line: 5,column: 43},
      ],
    },
    {
      name: "every machine in the same zone",
      spec: `components:
  api:
    kind: service
    replicas: 2
    placement: { role: [a, b], spreadZones: true }
roles:
  a: { count: 2, zones: [us-east-1a] }
  b: { count: 2, zones: [us-east-1a] }
`,
      findings: [
        {messageId: "oneZone",message: "`api` asks to spread across zones, but the machines that may run it (`a`, `b`) are in one zone (`us-east-1a`): every replica lands in one zone",line: 5,column: 45},
      ],
    },
    {
      name: "the phase with a single machine",
      spec: `components:
  api:
    kind: service
    replicas: 2
    placement: { role: node, spreadZones: true }
roles:
  node: { count: 3, zones: [a, b, c] }
phases:
  mvp:
    roles:
      node: { count: 1 }
  scale: {}
`,
      findings: [
        {messageId: "oneMachine",message: "`api` asks to spread across zones, but the phase has one machine that may run it (`node`): every replica lands in one zone",line: 5,column: 43,phase: "mvp"},
      ],
    },
  ],
});
