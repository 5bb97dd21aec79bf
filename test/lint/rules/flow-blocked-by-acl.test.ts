import { flowBlockedByAcl } from '../../../src/lint/rules/flow-blocked-by-acl.js';
import { testRule } from '../rule-tester.js';

const COMPONENTS = `components:
  api:
    kind: service
    ports: [{ port: 8000, exposure: public }]
    flows:
      - { to: postgres, port: 5432 }
  postgres:
    kind: datastore
    ports: [{ port: 5432 }]
`;

testRule(flowBlockedByAcl, {
  valid: [
    { name: 'the flow is allowed out of its subnet and into the next, the public port from anywhere', spec: `${COMPONENTS}network:
  subnets:
    app: { cidr: 10.0.11.0/24, hosts: [api] }
    data: { cidr: 10.0.21.0/24, hosts: [postgres] }
  acls:
    app:
      subnets: [app]
      inbound:
        - { rule: 100, protocol: tcp, ports: 8000, action: allow, cidr: 0.0.0.0/0 }
      outbound:
        - { rule: 100, protocol: tcp, ports: 5432, action: allow, cidr: 10.0.16.0/20 }
    data:
      subnets: [data]
      inbound:
        - { rule: 50, protocol: all, ports: all, action: deny, cidr: 192.168.0.0/16 }
        - { rule: 100, protocol: "-1", ports: all, action: allow, cidr: 10.0.0.0/16 }
` },
    { name: 'traffic inside one subnet does not cross its ACL, and subnets without an ACL let everything through', spec: `${COMPONENTS}network:
  subnets:
    shared: { cidr: 10.0.11.0/24, hosts: [api, postgres] }
    other: { cidr: 10.0.12.0/24 }
  acls:
    strict:
      subnets: [shared]
      inbound:
        - { rule: 100, protocol: tcp, ports: 8000, action: allow, cidr: 0.0.0.0/0 }
` },
  ],
  invalid: [
    { name: 'no inbound rule admits the flow into the database subnet (the implicit deny)', spec: `${COMPONENTS}network:
  subnets:
    app: { cidr: 10.0.11.0/24, hosts: [api] }
    data: { cidr: 10.0.21.0/24, hosts: [postgres] }
  acls:
    data:
      subnets: [data]
      inbound:
        - { rule: 100, protocol: tcp, ports: 6379, action: allow, cidr: 10.0.11.0/24 }
`, findings: [{ messageId: 'inbound', message: '`api` cannot reach `postgres` on port 5432/TCP: ACL `data` of subnet `data` has no inbound rule that allows it from 10.0.11.0/24, and a network ACL ends in an implicit deny', line: 6, column: 15 }] },
    { name: 'a lower-numbered deny shadows the allow, outbound and inbound, and a public port is denied', spec: `${COMPONENTS}network:
  subnets:
    app: { cidr: 10.0.11.0/24, hosts: [api] }
    data: { cidr: 10.0.21.0/24, hosts: [postgres] }
  acls:
    app:
      subnets: [app]
      inbound:
        - { rule: 90, protocol: tcp, ports: "8000-8080", action: deny, cidr: 203.0.113.0/24 }
        - { rule: 100, protocol: tcp, ports: 8000, action: allow, cidr: 0.0.0.0/0 }
      outbound:
        - { rule: 90, protocol: tcp, ports: 5432, action: deny, cidr: 10.0.21.128/25 }
        - { rule: 100, protocol: all, ports: all, action: allow, cidr: 0.0.0.0/0 }
`, findings: [
      { messageId: 'publicPortDenied', message: '`api` exposes port 8000/TCP publicly, but inbound rule 90 of ACL `app` (subnet `app`) denies it from some of the internet before any rule allows it', line: 4, column: 37 },
      { messageId: 'outboundDenied', message: '`api` cannot reach `postgres` on port 5432/TCP: outbound rule 90 of ACL `app` (subnet `app`) denies it to 10.0.21.0/24 before any rule allows it', line: 6, column: 15 },
    ] },
  ],
});
