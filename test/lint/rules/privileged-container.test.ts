import { privilegedContainer } from '../../../src/lint/rules/privileged-container.js';
import { testRule } from '../rule-tester.js';

testRule(privilegedContainer, {
  valid: [
    { name: 'narrow capabilities and ordinary host paths', spec: `components:
  vmm:
    kind: service
    security:
      capabilities: { add: [NET_BIND_SERVICE], drop: [ALL] }
      hostPaths: [/srv/jailer, /var/lib/app]
` },
    { name: 'a role capability that is not the Docker socket', spec: `roles:
  metal: { capabilities: [High IOPS for image operations] }
` },
  ],
  invalid: [
    { name: 'privileged with SYS_ADMIN', spec: `components:
  vmm:
    kind: service
    security:
      privileged: true
      capabilities: { add: [CAP_SYS_ADMIN, NET_ADMIN, CAP_DAC_OVERRIDE] }
`, findings: [
      { messageId: 'privileged', message: '`vmm` runs privileged: it gets every capability and every host device, so whoever compromises it owns the node', line: 5, column: 19 },
      { messageId: 'capability', message: '`vmm` adds CAP_SYS_ADMIN, which lets it mount filesystems, use namespaces and bpf, and dozens of other operations — close to root on the node', line: 6, column: 29 },
      { messageId: 'capability', message: '`vmm` adds NET_ADMIN, which lets it reconfigure interfaces, routes and firewall rules of its network namespace (the node\'s, on the host network)', line: 6, column: 44 },
    ] },
    { name: 'the Docker socket and the host root, and a role that grants the socket', spec: `roles:
  builder: { capabilities: [Docker socket access] }
components:
  builder:
    kind: service
    security: { hostPaths: [/var/run/docker.sock, /] }
`, findings: [
      { messageId: 'roleSocket', message: 'role `builder` gives its workloads Docker socket access (`Docker socket access`): that is control of the Docker daemon, root on the host', line: 2, column: 29 },
      { messageId: 'hostPath', message: '`builder` mounts `/var/run/docker.sock`, which gives it control of the Docker daemon: it can start a privileged container, which is root on the host', line: 6, column: 29 },
      { messageId: 'hostPath', message: '`builder` mounts `/`, which gives it the whole host filesystem: every secret and binary of the node', line: 6, column: 51 },
    ] },
  ],
});
