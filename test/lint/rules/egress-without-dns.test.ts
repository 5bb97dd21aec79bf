import { egressWithoutDns } from '../../../src/lint/rules/egress-without-dns.js';
import { testRule } from '../rule-tester.js';

testRule(egressWithoutDns, {
  valid: [
    { name: 'DNS allowed to kube-system over UDP and TCP', spec: `components:
  api: { kind: service, flows: [{ to: db, port: 5432 }] }
  db: { kind: datastore }
network:
  policies:
    - { name: default-deny, selector: "*", types: [Egress] }
    - name: dns
      selector: "*"
      types: [Egress]
      egress: [{ peers: [{ namespace: kube-system }], ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }] }]
    - { name: api-out, selector: api, types: [Egress], egress: [{ peers: [{ component: db }], ports: [{ port: 5432 }] }] }
` },
    { name: 'an egress rule to every destination on every port covers DNS', spec: `components:
  api: { kind: service, flows: [{ to: stripe }] }
  stripe: { kind: external }
network:
  policies:
    - { name: api-out, selector: api, types: [Egress], egress: [{ peers: [{ all: true }] }] }
` },
    { name: 'a restricted component that calls nothing needs no DNS', spec: `components:
  worker: { kind: worker }
network:
  policies:
    - { name: default-deny, selector: "*", types: [Ingress, Egress] }
` },
  ],
  invalid: [
    { name: 'default-deny egress and no DNS rule', spec: `components:
  ingest:
    kind: worker
    flows: [{ to: feed }, { to: queue, port: 6379 }]
  feed: { kind: external }
  queue: { kind: datastore }
network:
  policies:
    - { name: default-deny, selector: "*", types: [Ingress, Egress] }
`, findings: [{ messageId: 'none', message: '`ingest` calls `feed` and `queue` by name, but `default-deny` restricts its egress and no egress rule allows DNS (port 53 over UDP and TCP): every lookup fails before a connection is tried', line: 4, column: 5 }] },
    { name: 'DNS over TCP only (the protocol defaults to TCP)', spec: `components:
  api: { kind: service, flows: [{ to: db, port: 5432 }] }
  db: { kind: datastore }
network:
  policies:
    - { name: api-out, selector: api, types: [Egress], egress: [{ peers: [{ component: db }] }, { ports: [{ port: 53 }] }] }
`, findings: [{ messageId: 'noUdp', message: '`api` calls `db` by name, but the egress rules that select it allow DNS over TCP only, not UDP port 53: resolvers ask over UDP first, so lookups time out', line: 2, column: 25 }] },
    { name: 'DNS over UDP only, to a DNS server the page models', spec: `components:
  api: { kind: service, flows: [{ to: db, port: 5432 }] }
  db: { kind: datastore }
  dns: { kind: service, engine: coredns }
network:
  policies:
    - name: api-out
      selector: api
      types: [Egress]
      egress:
        - { peers: [{ component: db }] }
        - { peers: [{ component: dns }], ports: [{ port: 53, protocol: UDP }] }
`, findings: [{ messageId: 'noTcp', message: '`api` calls `db` by name, but the egress rules that select it allow DNS over UDP only, not TCP port 53: answers too large for UDP are retried over TCP and fail', line: 2, column: 25 }] },
  ],
});
