import type { RoleModel } from '../../spec/model.js';
import type { Rule } from '../types.js';

const SYSCTL = /net\.ipv4\.ip_unprivileged_port_start\s*[=:]?\s*(\d+)?/i;
const DOCKER_SOCKET = /^\/(var\/)?run\/docker\.sock$/;
// Linux default: ports below 1024 need CAP_NET_BIND_SERVICE in the host's user namespace.
const DEFAULT_UNPRIVILEGED_START = 1024;

/** The first port an unprivileged user may bind on machines of the role, from a sysctl it names. */
function unprivilegedPortStart(role: RoleModel): number {
  const texts = [...(role.input.minimum?.features ?? []), ...(role.input.recommended?.features ?? []), ...(role.input.capabilities ?? [])];
  let start = DEFAULT_UNPRIVILEGED_START;
  for (const text of texts) {
    const match = SYSCTL.exec(text);
    if (match) start = Math.min(start, match[1] === undefined ? 0 : Number(match[1]));
  }
  return start;
}

export const rootWhereRootless: Rule<'runAsRoot' | 'runAsNonRootFalse' | 'privileged' | 'lowPort' | 'dockerSocket'> = {
  id: 'root-where-rootless',
  severity: 'error',
  category: 'security',
  summary: 'A component placed only on rootless container hosts must not need root.',
  messages: {
    runAsRoot: '`{component}` runs as uid 0, but `{role}` runs containers rootless: uid 0 inside is the unprivileged user outside, and what needs real root fails',
    runAsNonRootFalse: '`{component}` asks to run as root (`runAsNonRoot: false`), but `{role}` runs containers rootless: it gets no real root there',
    privileged: '`{component}` is privileged, but `{role}` runs containers rootless: a rootless runtime cannot grant host privileges',
    lowPort: '`{component}` publishes port {port} from a rootless container: an unprivileged user cannot bind ports below {start} unless `net.ipv4.ip_unprivileged_port_start` is lowered to {port} on the host',
    dockerSocket: '`{component}` mounts the Docker socket `{path}`, but `{role}` runs containers rootless: the socket belongs to root, and reaching it is root on the host',
  },
  docs: {
    why: 'Rootless containers (rootless Podman or Docker) run under an unprivileged user: uid 0 inside maps to that user, privileged mode and host devices are out of reach, and ports below 1024 cannot be bound unless the host lowers `net.ipv4.ip_unprivileged_port_start`. A page that puts a component needing any of those on a rootless host describes a deployment that fails at start — typically a reverse proxy that cannot bind 80 and 443. State the sysctl in the role (`features: [net.ipv4.ip_unprivileged_port_start=80]`) when the page relies on it.',
    invalid: `roles:
  host:
    container: { engine: podman, rootless: true }
components:
  nginx:
    kind: service
    placement: { role: host }
    ports:
      - { port: 443, exposure: public }
`,
    valid: `roles:
  host:
    container: { engine: podman, rootless: true }
    minimum: { features: [net.ipv4.ip_unprivileged_port_start=80] }
components:
  nginx:
    kind: service
    placement: { role: host }
    ports:
      - { port: 443, exposure: public }
`,
  },
  check(model, report, analysis) {
    const starts = new Map<RoleModel, number>();
    const startOf = (role: RoleModel): number => {
      let start = starts.get(role);
      if (start === undefined) starts.set(role, (start = unprivilegedPortStart(role)));
      return start;
    };
    for (const phase of model.phases) {
      for (const component of phase.components) {
        if (component.kind === 'external' || component.input.managed !== undefined) continue;
        const roles = analysis.rolesOf(phase, component);
        if (roles.length === 0 || !roles.every((r) => r.input.container?.rootless === true)) continue;
        // Report against the role whose limit binds: the one whose sysctl allows the least.
        const role = roles.reduce((a, b) => (startOf(b) > startOf(a) ? b : a));
        const base = { component: component.name, role: role.name };
        const security = component.input.security;
        if (security?.runAsUser === 0) report({ at: analysis.at(security, 'runAsUser'), message: 'runAsRoot', data: base, phase: phase.name });
        if (security?.runAsNonRoot === false) report({ at: analysis.at(security, 'runAsNonRoot'), message: 'runAsNonRootFalse', data: base, phase: phase.name });
        if (security?.privileged === true) report({ at: analysis.at(security, 'privileged'), message: 'privileged', data: base, phase: phase.name });
        (security?.hostPaths ?? []).forEach((path, i) => {
          if (DOCKER_SOCKET.test(path.trim()) && security?.hostPaths) report({ at: analysis.at(security.hostPaths, i), message: 'dockerSocket', data: { ...base, path }, phase: phase.name });
        });
        const start = startOf(role);
        for (const port of component.input.ports ?? []) {
          // Only published ports bind on the host; `internal` ones stay on the container network.
          if (port.exposure !== 'public' && port.exposure !== 'restricted' && port.exposure !== 'localhost') continue;
          if (port.port < start) report({ at: analysis.at(port, 'port'), message: 'lowPort', data: { component: component.name, port: port.port, start }, phase: phase.name });
        }
      }
    }
  },
};
