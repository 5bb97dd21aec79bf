import { nodeportOutOfRange } from '../../../src/lint/rules/nodeport-out-of-range.js';
import { testRule } from '../rule-tester.js';

testRule(nodeportOutOfRange, {
  valid: [
    { name: 'ports at both ends of the range', spec: `components:
  a: { kind: service, ports: [{ port: 80, exposure: node, nodePort: 30000 }] }
  b: { kind: service, ports: [{ port: 80, exposure: node, nodePort: 32767 }] }
` },
    { name: 'the same NodePort in two different phases', spec: `components:
  a: { kind: service, ports: [{ port: 80, exposure: node, nodePort: 30080 }] }
  b: { kind: service, enabled: false, ports: [{ port: 80, exposure: node, nodePort: 30080 }] }
phases:
  one: {}
  two:
    components:
      a: { enabled: false }
      b: { enabled: true }
` },
  ],
  invalid: [
    { name: 'a NodePort just below the range', spec: `components:
  a: { kind: service, ports: [{ port: 80, exposure: node, nodePort: 29999 }] }
`, findings: [{ messageId: 'outside', message: 'nodePort 29999 of `a` is outside the NodePort range 30000–32767: the API server will reject the Service', line: 2, column: 69 }] },
    { name: 'two components asking for one NodePort', spec: `components:
  a: { kind: service, ports: [{ port: 80, exposure: node, nodePort: 30080 }] }
  b: { kind: service, ports: [{ port: 81, exposure: node, nodePort: 30080 }] }
`, findings: [{ messageId: 'duplicate', message: 'nodePort 30080 of `b` is already taken by `a`: two Services cannot share a NodePort', line: 3, column: 69 }] },
    { name: 'one component listing a NodePort twice', spec: `components:
  a:
    kind: service
    ports:
      - { port: 80, exposure: node, nodePort: 30080 }
      - { port: 81, exposure: node, nodePort: 30080 }
`, findings: [{ messageId: 'duplicate', message: 'nodePort 30080 of `a` is already taken by `a`: two Services cannot share a NodePort', line: 6, column: 47 }] },
  ],
});
