import type { Rule } from '../types.js';

// What each dangerous grant gives the process, in the words of the capabilities(7) man page.
const CAPABILITIES: Readonly<Record<string, string>> = {
  SYS_ADMIN: 'mount filesystems, use namespaces and bpf, and dozens of other operations — close to root on the node',
  NET_ADMIN: 'reconfigure interfaces, routes and firewall rules of its network namespace (the node\'s, on the host network)',
  ALL: 'every Linux capability — root on the node in all but name',
  SYS_PTRACE: 'trace and read the memory of other processes it can see',
  SYS_MODULE: 'load kernel modules — the kernel itself',
  DAC_READ_SEARCH: 'read any file it can reach, bypassing permissions',
};
const HOST_PATHS: ReadonlyArray<{ test: RegExp; gives: string }> = [
  { test: /^\/(var\/)?run\/docker\.sock$/, gives: 'control of the Docker daemon: it can start a privileged container, which is root on the host' },
  { test: /^\/(var\/)?run\/containerd\/containerd\.sock$/, gives: 'control of containerd: it can start any container, which is root on the host' },
  { test: /^\/+$/, gives: 'the whole host filesystem: every secret and binary of the node' },
];
const ROLE_DOCKER_SOCKET = /docker\s*(\.sock|socket)/i;

export const privilegedContainer: Rule<'privileged' | 'capability' | 'hostPath' | 'roleSocket'> = {
  id: 'privileged-container',
  severity: 'warning',
  category: 'security',
  summary: 'Privileged mode, broad capabilities and root-equivalent host paths make a container compromise a node compromise.',
  messages: {
    privileged: '`{component}` runs privileged: it gets every capability and every host device, so whoever compromises it owns the node',
    capability: '`{component}` adds {capability}, which lets it {gives}',
    hostPath: '`{component}` mounts `{path}`, which gives it {gives}',
    roleSocket: 'role `{role}` gives its workloads Docker socket access (`{text}`): that is control of the Docker daemon, root on the host',
  },
  docs: {
    why: 'A privileged container, `CAP_SYS_ADMIN`, or a mounted Docker socket turn a bug in one service into root on the machine — and on every machine its credentials reach. Sometimes the page needs it (a VM manager, a builder); then the risk should be a decision, written down with its mitigation, not a line copied from a manifest. The finding names what the component gets, so the decision can be made.',
    invalid: `components:
  builder:
    kind: service
    security:
      hostPaths: [/var/run/docker.sock]
`,
    valid: `components:
  builder:
    kind: service
    security:
      hostPaths: [/srv/builds]
`,
    fix: 'Drop the grant, use a narrower capability, or a rootless builder (BuildKit rootless, Kaniko); where it is needed, suppress the finding with the reason.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      for (const component of phase.components) {
        const security = component.input.security;
        if (!security) continue;
        const name = component.name;
        if (security.privileged === true) report({ at: analysis.at(security, 'privileged'), message: 'privileged', data: { component: name }, phase: phase.name });
        const added = security.capabilities?.add ?? [];
        added.forEach((capability, i) => {
          const key = capability.trim().toUpperCase().replace(/^CAP_/, '');
          const gives = CAPABILITIES[key];
          if (gives !== undefined && security.capabilities?.add) report({ at: analysis.at(security.capabilities.add, i), message: 'capability', data: { component: name, capability, gives }, phase: phase.name });
        });
        (security.hostPaths ?? []).forEach((path, i) => {
          const hit = HOST_PATHS.find((h) => h.test.test(path.trim()));
          if (hit && security.hostPaths) report({ at: analysis.at(security.hostPaths, i), message: 'hostPath', data: { component: name, path, gives: hit.gives }, phase: phase.name });
        });
      }
      for (const role of phase.roles) {
        const capabilities = role.input.capabilities;
        (capabilities ?? []).forEach((text, i) => {
          if (capabilities && ROLE_DOCKER_SOCKET.test(text)) report({ at: analysis.at(capabilities, i), message: 'roleSocket', data: { role: role.name, text }, phase: phase.name });
        });
      }
    }
  },
};
