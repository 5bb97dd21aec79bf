import { antiAffinityUnsatisfiable } from '../../../src/lint/rules/anti-affinity-unsatisfiable.js';
import { testRule } from '../rule-tester.js';

testRule(antiAffinityUnsatisfiable, {
  valid: [
    { name: "as many machines as replicas", spec: `components:
  gateway:
    kind: service
    replicas: 3
    placement: { role: edge, antiAffinity: required }
roles:
  edge: { count: 3 }
` },
    { name: "preferred anti-affinity is not judged", spec: `components:
  gateway:
    kind: service
    replicas: 5
    placement: { role: edge, antiAffinity: preferred }
roles:
  edge: { count: 2 }
` },
    { name: "a role with no upper bound", spec: `components:
  gateway:
    kind: service
    replicas: 3
    placement: { role: edge, antiAffinity: true }
roles:
  edge: { count: { min: 3 } }
` },
    { name: "replicas spread over two roles", spec: `components:
  gateway:
    kind: service
    replicas: 4
    placement: { role: [a, b], antiAffinity: true }
roles:
  a: { count: 2 }
  b: { count: 2 }
` },
  ],
  invalid: [
    {
      name: "more replicas than machines",
      spec: `components:
  gateway:
    kind: service
    replicas: 3
    placement: { role: edge, antiAffinity: required }
roles:
  edge: { count: 2 }
`,
      findings: [
        {messageId: "minimum",message: "`gateway` requires its 3 replicas on distinct machines, but the phase has at most 2 that may run it (`edge`): 1 replica stays Pending",line: 4,column: 15},
      ],
    },
    {
      name: "an autoscaling maximum above the machines",
      spec: `components:
  api:
    kind: service
    replicas: { min: 2, max: 6 }
    placement: { role: node, antiAffinity: true }
roles:
  node: { count: { min: 2, max: 4 } }
`,
      findings: [
        {messageId: "maximum",message: "`api` may scale to 6 replicas on distinct machines, but the phase has at most 4 that may run it (`node`): scaling past 4 leaves replicas Pending",line: 4,column: 15},
      ],
    },
    {
      name: "only the phase with fewer machines",
      spec: `components:
  gateway:
    kind: service
    replicas: 3
    placement: { role: edge, antiAffinity: required }
roles:
  edge: { count: 3 }
phases:
  small:
    roles:
      edge: { count: 1 }
  full: {}
`,
      findings: [
        {messageId: "minimum",message: "`gateway` requires its 3 replicas on distinct machines, but the phase has at most 1 that may run it (`edge`): 2 replicas stay Pending",line: 4,column: 15,phase: "small"},
      ],
    },
  ],
});
