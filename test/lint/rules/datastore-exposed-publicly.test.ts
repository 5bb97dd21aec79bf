import { datastoreExposedPublicly } from '../../../src/lint/rules/datastore-exposed-publicly.js';
import { testRule } from '../rule-tester.js';

testRule(datastoreExposedPublicly, {
  valid: [
    { name: 'internal datastore, firewall rules open only web ports or name the sources', spec: `components:
  pg: { kind: datastore, engine: postgresql, ports: [{ port: 5432, exposure: internal }] }
  web: { kind: service, ports: [{ port: 9000, exposure: public }] }
network:
  firewall:
    - { port: 443, scope: external }
    - { port: 9000, scope: external }
    - { port: 5432, scope: external, from: [known-ips] }
    - { port: 5432, scope: inter-server }
` },
    { name: 'security groups admit the application group and the VPC only', spec: `components:
  pg: { kind: datastore, engine: postgresql }
network:
  securityGroups:
    app: { appliesTo: [] }
    db:
      appliesTo: [pg]
      ingress:
        - { protocol: tcp, port: 5432, from: app }
        - { protocol: tcp, port: 5432, cidr: [10.0.0.0/16] }
    web:
      ingress: [{ protocol: tcp, port: "0-65535", cidr: [0.0.0.0/0] }]
` },
  ],
  invalid: [
    { name: 'a public datastore port, and a Redis port opened by a service', spec: `components:
  clickhouse:
    kind: datastore
    ports: [{ port: 8123, exposure: public }]
  cache-proxy:
    kind: service
    ports: [{ port: 6380, appProtocol: redis, exposure: public }]
`, findings: [
      { messageId: 'public', message: '`clickhouse` publishes its datastore port 8123 with `exposure: public`: anyone on the internet can reach it and try its credentials', line: 4, column: 37 },
      { messageId: 'public', message: '`cache-proxy` publishes a Redis port 6380 with `exposure: public`: anyone on the internet can reach it and try its credentials', line: 7, column: 57 },
    ] },
    { name: 'external firewall rules on a datastore of the phase and on a well-known port', spec: `components:
  search: { kind: datastore, engine: typesense }
network:
  firewall:
    - { port: "8000-8200", scope: external, phases: [prod] }
    - { port: 3306, scope: external }
phases:
  dev: { components: { search: { enabled: false } } }
  prod: {}
`, findings: [
      { messageId: 'firewall', message: 'this external firewall rule opens ports 8000–8200/tcp to any address, and `search` listens on port 8108: the datastore is reachable from the whole internet', line: 5, column: 35, phase: 'prod' },
      { messageId: 'firewallPort', message: 'this external firewall rule opens port 3306/tcp, the port of MySQL, to any address: a datastore there is reachable from the whole internet', line: 6, column: 28, phase: 'dev' },
    ] },
    { name: 'security groups open to the internet on a datastore and on a well-known port', spec: `components:
  cache: { kind: datastore, engine: redis }
network:
  securityGroups:
    cache:
      appliesTo: [cache]
      ingress: [{ protocol: "-1", cidr: [10.0.0.0/8, "::/0"] }]
    legacy:
      ingress: [{ protocol: tcp, port: 27017, cidr: [0.0.0.0/0] }]
`, findings: [
      { messageId: 'securityGroup', message: 'security group `cache` admits ::/0 on all ports, and `cache` listens on port 6379: the datastore is reachable from the whole internet', line: 7, column: 55 },
      { messageId: 'securityGroupPort', message: 'security group `legacy` admits 0.0.0.0/0 on port 27017, the port of MongoDB: a datastore there is reachable from the whole internet', line: 9, column: 54 },
    ] },
  ],
});
