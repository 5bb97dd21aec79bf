import { flowBlockedByFirewall } from '../../../src/lint/rules/flow-blocked-by-firewall.js';
import { testRule } from '../rule-tester.js';

testRule(flowBlockedByFirewall, {
  valid: [
    { name: 'a page without any firewall says nothing', spec: `roles:
  app: { count: 1 }
  db: { count: 1 }
components:
  web: { kind: service, placement: { role: app }, flows: [{ to: pg, port: 5432 }], ports: [{ port: 443, exposure: public }] }
  pg: { kind: datastore, placement: { role: db } }
` },
    { name: 'components on the same role talk over the container network', spec: `roles:
  server: { count: 1 }
components:
  web: { kind: service, placement: { role: server }, flows: [{ to: pg, port: 5432 }], ports: [{ port: 443, exposure: public }] }
  pg: { kind: datastore, placement: { role: server } }
network:
  firewall:
    - { port: 443, scope: external }
    - { port: 5432, scope: internal }
` },
    { name: 'the inter-server rule holds in the phase that separates the machines', spec: `roles:
  server: { count: 1 }
components:
  web: { kind: service, placement: { role: server }, flows: [{ to: pg, port: 5432 }] }
  pg: { kind: datastore, placement: { role: server } }
network:
  firewall:
    - { port: 5432, scope: internal }
    - { port: 5432, scope: inter-server, from: [server], to: [db-server], phases: [separated] }
phases:
  single: {}
  separated:
    roles:
      db-server: { count: 1 }
    components:
      pg: { placement: { role: db-server } }
` },
    { name: 'security groups that admit the source group and egress anywhere', spec: `components:
  lb: { kind: service, ports: [{ port: 443, exposure: public }], flows: [{ to: app, port: 8000 }] }
  app: { kind: service }
network:
  securityGroups:
    edge:
      appliesTo: [lb]
      ingress: [{ protocol: tcp, port: 443, cidr: [0.0.0.0/0] }]
      egress: [{ protocol: "-1", cidr: [0.0.0.0/0] }]
    app:
      appliesTo: [app]
      ingress: [{ protocol: tcp, port: "8000-8001", from: edge }]
` },
    { name: 'a flow within one segment, and one along a declared path', spec: `components:
  lb: { kind: service, flows: [{ to: api }] }
  api: { kind: service, flows: [{ to: worker }] }
  worker: { kind: worker }
network:
  subnets:
    public: { tier: public, hosts: [lb] }
    app-a: { tier: app, hosts: [api] }
    app-b: { tier: app, hosts: [worker] }
  paths:
    - { from: public, to: app }
` },
  ],
  invalid: [
    { name: 'the port is open between machines only for another role', spec: `roles:
  app-server: { count: 1 }
  db-server: { count: 2 }
components:
  web:
    kind: service
    placement: { role: app-server }
    flows: [{ to: pg }]
  pg:
    kind: datastore
    placement: { role: db-server }
    ports: [{ port: 5432 }]
network:
  firewall:
    - { port: 5432, protocol: tcp, scope: inter-server, from: [db-server], to: [db-server] }
`, findings: [{ messageId: 'firewallFrom', message: '`web` on `app-server` cannot reach `pg` on `db-server` on port 5432/TCP: the firewall opens it only to `db-server`, so the connection is dropped', line: 8, column: 19 }] },
    { name: 'a rule of another phase, and a public port no external rule opens', spec: `roles:
  lb: { count: 1 }
  app: { count: 2 }
components:
  nginx:
    kind: service
    placement: { role: lb }
    ports: [{ port: 443, exposure: public }]
    flows: [{ to: django, port: 8000 }]
  django: { kind: service, placement: { role: app } }
network:
  firewall:
    - { port: 80, scope: external }
    - { port: "8000:8001", scope: inter-server, phases: [later] }
phases:
  first: {}
  later: {}
`, findings: [
      { messageId: 'publicPort', message: '`nginx` publishes port 443/TCP with `exposure: public`, but no external firewall rule opens it: clients outside the machines cannot connect', line: 8, column: 36, phase: 'first' },
      { messageId: 'firewall', message: '`nginx` on `lb` cannot reach `django` on `app` on port 8000/TCP: no firewall rule opens it between the machines, so the connection is dropped', line: 9, column: 19, phase: 'first' },
    ] },
    { name: 'a security group that admits only the load balancer, and one whose egress stops at the VPC', spec: `components:
  lb: { kind: service, flows: [{ to: app, port: 8000 }] }
  app: { kind: service, flows: [{ to: payments, port: 443 }] }
  payments: { kind: external }
  worker: { kind: worker, flows: [{ to: app, port: 8000 }] }
network:
  vpc: { cidr: 10.0.0.0/16 }
  securityGroups:
    edge: { appliesTo: [lb] }
    app:
      appliesTo: [app]
      ingress: [{ protocol: tcp, port: 8000, from: edge }]
      egress: [{ protocol: tcp, port: 443, cidr: [10.0.0.0/16] }]
`, findings: [
      { messageId: 'securityGroupEgress', message: '`app` cannot reach `payments` on port 443/TCP: no egress rule of security group `app` lets it out', line: 3, column: 39 },
      { messageId: 'securityGroup', message: '`worker` cannot reach `app` on port 8000/TCP: no ingress rule of security group `app` admits `worker`', line: 5, column: 41 },
    ] },
    { name: 'a flow between segments no path joins', spec: `components:
  lb: { kind: service, flows: [{ to: db }] }
  db: { kind: datastore }
network:
  subnets:
    public: { tier: public, hosts: [lb] }
    app: { tier: app }
    data: { tier: data, hosts: [db] }
  paths:
    - { from: public, to: app }
`, findings: [{ messageId: 'segment', message: '`lb` in subnet `public` cannot reach `db` in subnet `data`: no network path leads from `public` to `data`', line: 2, column: 38 }] },
  ],
});
