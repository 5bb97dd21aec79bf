import { flowBlockedByPolicy } from '../../../src/lint/rules/flow-blocked-by-policy.js';
import { testRule } from '../rule-tester.js';

testRule(flowBlockedByPolicy, {
  valid: [
    { name: 'no policy selects either end', spec: `components:
  api: { kind: service, flows: [{ to: db, port: 5432 }] }
  db: { kind: datastore }
  web: { kind: service }
network:
  policies:
    - { name: web-only, selector: web, types: [Ingress, Egress] }
` },
    { name: 'default-deny with egress and ingress allows on both sides, by port', spec: `components:
  api: { kind: service, flows: [{ to: db, port: 5432 }, { to: stripe, port: 443 }] }
  db: { kind: datastore }
  stripe: { kind: external }
network:
  policies:
    - { name: default-deny, selector: "*", types: [Ingress, Egress] }
    - name: api-out
      selector: api
      types: [Egress]
      egress:
        - { peers: [{ component: db }], ports: [{ port: 5432 }] }
        - { peers: [{ cidr: 0.0.0.0/0 }], ports: [{ port: 443 }] }
    - { name: db-in, selector: db, types: [Ingress], ingress: [{ peers: [{ component: api }], ports: [{ port: 5432, protocol: TCP }] }] }
` },
    { name: 'a flow without a port is judged on the ports its target declares', spec: `components:
  api: { kind: service, flows: [{ to: cache }] }
  cache: { kind: datastore, ports: [{ port: 6379 }] }
network:
  policies:
    - { name: cache-in, selector: cache, types: [Ingress], ingress: [{ peers: [{ component: api }], ports: [{ port: 6379 }] }] }
` },
    { name: 'a policy in another namespace than the workloads selects none of them', spec: `kubernetes: { namespace: shop }
components:
  api: { kind: service, flows: [{ to: db, port: 5432 }] }
  db: { kind: datastore }
network:
  policies:
    - { name: default-deny, namespace: other, selector: "*", types: [Ingress, Egress] }
` },
  ],
  invalid: [
    { name: 'default-deny egress with only the ingress side opened', spec: `components:
  api:
    kind: service
    flows:
      - { to: db, port: 5432 }
  db: { kind: datastore }
network:
  policies:
    - { name: default-deny, selector: "*", types: [Ingress, Egress] }
    - { name: db-in, selector: db, types: [Ingress], ingress: [{ peers: [{ component: api }], ports: [{ port: 5432 }] }] }
`, findings: [{ messageId: 'egress', message: '`api` cannot reach `db` on port 5432/TCP: `default-deny` makes the egress of `api` default-deny and no egress rule allows this flow', line: 5, column: 15 }] },
    { name: 'an ingress rule on another port, and a third-party API behind a private CIDR only', spec: `components:
  api:
    kind: service
    flows:
      - { to: db, port: 5432 }
      - { to: stripe, port: 443 }
  db: { kind: datastore }
  stripe: { kind: external }
network:
  policies:
    - { name: db-in, selector: db, types: [Ingress], ingress: [{ peers: [{ component: api }], ports: [{ port: 5433 }] }] }
    - { name: api-out, selector: api, types: [Egress], egress: [{ peers: [{ component: db }] }, { peers: [{ cidr: 10.0.0.0/8 }], ports: [{ port: 443 }] }] }
`, findings: [
      { messageId: 'ingress', message: '`api` cannot reach `db` on port 5432/TCP: `db-in` makes the ingress of `db` default-deny and no ingress rule admits `api`', line: 5, column: 15 },
      { messageId: 'egress', message: '`api` cannot reach `stripe` on port 443/TCP: `api-out` makes the egress of `api` default-deny and no egress rule allows this flow', line: 6, column: 15 },
    ] },
    { name: 'both sides closed, in the phase that adds the flow', spec: `components:
  db: { kind: datastore }
network:
  policies:
    - { name: default-deny, selector: "*", types: [Ingress, Egress] }
phases:
  small: {}
  pooled:
    components:
      pooler: { kind: service, flows: [{ to: db, protocol: UDP }] }
`, findings: [{ messageId: 'both', message: '`pooler` cannot reach `db` on any port: under `default-deny` the egress of `pooler` and the ingress of `db` are default-deny, and no rule on either side allows this flow', line: 10, column: 46, phase: 'pooled' }] },
  ],
});
