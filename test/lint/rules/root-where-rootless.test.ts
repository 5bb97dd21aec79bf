import { rootWhereRootless } from '../../../src/lint/rules/root-where-rootless.js';
import { testRule } from '../rule-tester.js';

testRule(rootWhereRootless, {
  valid: [
    { name: 'high ports and a non-root user on a rootless host', spec: `roles:
  host: { container: { engine: podman, rootless: true } }
components:
  app:
    kind: service
    placement: { role: host }
    security: { runAsNonRoot: true, runAsUser: 1000 }
    ports:
      - { port: 8080, exposure: public }
      - { port: 5432, exposure: internal }
` },
    { name: 'the sysctl stated on the role', spec: `roles:
  host:
    container: { engine: podman, rootless: true }
    minimum: { features: ['net.ipv4.ip_unprivileged_port_start=80'] }
components:
  proxy:
    kind: service
    placement: { role: host }
    ports: [{ port: 80, exposure: public }, { port: 443, exposure: public }]
` },
    { name: 'a component that may also run on a rootful role', spec: `roles:
  rootless: { container: { engine: podman, rootless: true } }
  rootful: { container: { engine: docker } }
components:
  proxy:
    kind: service
    security: { privileged: true }
    ports: [{ port: 443, exposure: public }]
` },
  ],
  invalid: [
    { name: 'a proxy on ports 80 and 443 from a rootless container', spec: `roles:
  host: { container: { engine: podman, rootless: true } }
components:
  proxy:
    kind: service
    placement: { role: host }
    ports:
      - { port: 80, exposure: public }
      - { port: 443, exposure: public }
`, findings: [
      { messageId: 'lowPort', message: '`proxy` publishes port 80 from a rootless container: an unprivileged user cannot bind ports below 1024 unless `net.ipv4.ip_unprivileged_port_start` is lowered to 80 on the host', line: 8, column: 17 },
      { messageId: 'lowPort', message: '`proxy` publishes port 443 from a rootless container: an unprivileged user cannot bind ports below 1024 unless `net.ipv4.ip_unprivileged_port_start` is lowered to 443 on the host', line: 9, column: 17 },
    ] },
    { name: 'root, privileged and the Docker socket on a rootless host', spec: `roles:
  host: { container: { engine: podman, rootless: true } }
components:
  agent:
    kind: daemon
    placement: { role: host }
    security:
      runAsUser: 0
      runAsNonRoot: false
      privileged: true
      hostPaths: [/var/run/docker.sock]
`, findings: [
      { messageId: 'runAsRoot', message: '`agent` runs as uid 0, but `host` runs containers rootless: uid 0 inside is the unprivileged user outside, and what needs real root fails', line: 8, column: 18 },
      { messageId: 'runAsNonRootFalse', message: '`agent` asks to run as root (`runAsNonRoot: false`), but `host` runs containers rootless: it gets no real root there', line: 9, column: 21 },
      { messageId: 'privileged', message: '`agent` is privileged, but `host` runs containers rootless: a rootless runtime cannot grant host privileges', line: 10, column: 19 },
      { messageId: 'dockerSocket', message: '`agent` mounts the Docker socket `/var/run/docker.sock`, but `host` runs containers rootless: the socket belongs to root, and reaching it is root on the host', line: 11, column: 19 },
    ] },
    { name: 'a sysctl that opens ports from 443 only', spec: `roles:
  host:
    container: { engine: podman, rootless: true }
    minimum: { features: ['net.ipv4.ip_unprivileged_port_start=443'] }
components:
  proxy:
    kind: service
    placement: { role: host }
    ports: [{ port: 80, exposure: public }, { port: 443, exposure: public }]
`, findings: [
      { messageId: 'lowPort', message: '`proxy` publishes port 80 from a rootless container: an unprivileged user cannot bind ports below 443 unless `net.ipv4.ip_unprivileged_port_start` is lowered to 80 on the host', line: 9, column: 21 },
    ] },
  ],
});
