import { portCollision } from '../../../src/lint/rules/port-collision.js';
import { testRule } from '../rule-tester.js';

testRule(portCollision, {
  valid: [
    { name: 'internal ports and different protocols never collide; other roles are other machines', spec: `roles:
  app: { count: 1 }
  db: { count: 1 }
components:
  web: { kind: service, placement: { role: app }, ports: [{ port: 8000, exposure: internal }, { port: 53, protocol: UDP, exposure: public }] }
  api: { kind: service, placement: { role: app }, ports: [{ port: 8000, exposure: internal }, { port: 53, protocol: TCP, exposure: public }] }
  pg: { kind: datastore, placement: { role: db }, ports: [{ port: 53, protocol: UDP, exposure: public }] }
` },
    { name: 'on Kubernetes each pod has its own address', spec: `kubernetes: { namespace: shop }
roles:
  node: { count: 1 }
components:
  web: { kind: service, placement: { role: node }, ports: [{ port: 443, exposure: public }] }
  api: { kind: service, placement: { role: node }, ports: [{ port: 443, exposure: public }] }
` },
    { name: 'two phases put the components on one machine at different times', spec: `roles:
  server: { count: 1 }
components:
  nginx: { kind: service, placement: { role: server }, ports: [{ port: 80, exposure: public }] }
  caddy: { kind: service, enabled: false, placement: { role: server }, ports: [{ port: 80, exposure: public }] }
phases:
  one: {}
  two:
    components:
      nginx: { enabled: false }
      caddy: { enabled: true }
` },
  ],
  invalid: [
    { name: 'Podman on a Kubernetes page binds host ports; a localhost port is a host port too', spec: `kubernetes: { namespace: shop }
roles:
  edge: { count: 1, container: { engine: podman } }
components:
  grafana: { kind: service, placement: { role: edge }, ports: [{ port: 3000, exposure: localhost }] }
  gitea: { kind: service, placement: { role: edge }, ports: [{ port: 3000, exposure: restricted }] }
`, findings: [{ messageId: 'host', message: '`gitea` publishes port 3000/TCP on `edge`, where `grafana` already publishes it: the second container cannot bind the port and fails to start', line: 6, column: 70 }] },
    { name: 'the single machine of a phase, and a port listed twice', spec: `components:
  nginx: { kind: service, ports: [{ port: 443, exposure: public }] }
  api:
    kind: service
    ports:
      - { port: 8080, exposure: internal }
      - { port: 8080, protocol: TCP, exposure: internal }
phases:
  mvp:
    roles:
      server: { count: 1 }
    components:
      proxy: { kind: service, ports: [{ port: 443, exposure: public }] }
`, findings: [
      { messageId: 'duplicate', message: '`api` lists port 8080/TCP twice: a Service or a container with two entries for one port is rejected', line: 7, column: 17, phase: 'mvp' },
      { messageId: 'host', message: '`proxy` publishes port 443/TCP on `server`, where `nginx` already publishes it: the second container cannot bind the port and fails to start', line: 13, column: 47, phase: 'mvp' },
    ] },
  ],
});
