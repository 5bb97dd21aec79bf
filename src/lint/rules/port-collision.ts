import type { Model, PhaseModel, RoleModel } from '../../spec/model.js';
import { placedRoles } from '../../spec/network.js';
import type { Rule } from '../types.js';

// Exposures that bind a port on the machine itself when containers run on the host (compose, Podman):
// `internal` stays on the container network, the others are published on the host's addresses.
const HOST_BOUND = new Set(['public', 'node', 'restricted', 'localhost']);

/**
 * Whether components on the role's machines publish ports on the host. On
 * Kubernetes every pod has its own address, so only NodePorts can collide
 * (`nodeport-out-of-range` covers them); a role that runs Podman or Docker
 * itself, or any role of a page with no Kubernetes, binds host ports.
 */
function bindsHostPorts(model: Model, phase: PhaseModel, role: RoleModel): boolean {
  const engine = role.input.container?.engine;
  if (engine === 'podman' || engine === 'docker') return true;
  if (engine === 'containerd' || engine === 'cri-o') return false;
  return model.input.kubernetes === undefined && phase.input?.kubernetes === undefined;
}

export const portCollision: Rule<'host' | 'duplicate'> = {
  id: 'port-collision',
  severity: 'error',
  category: 'network',
  summary: 'Two components on the same machines must not publish the same host port, and no component may list a port twice.',
  messages: {
    host: '`{component}` publishes port {port}/{protocol} on `{role}`, where `{other}` already publishes it: the second container cannot bind the port and fails to start',
    duplicate: '`{component}` lists port {port}/{protocol} twice: a Service or a container with two entries for one port is rejected',
  },
  docs: {
    why: 'With compose or Podman on a host, a published port is bound on the machine\'s address, and only one process can hold it: the second container fails with "address already in use" and the page\'s deployment never comes up on that machine. On Kubernetes pods have their own addresses and only NodePorts are shared (see `nodeport-out-of-range`), so host ports are judged where a role runs Podman or Docker itself, or where the page has no Kubernetes. Internal ports stay on the container network and never collide. A port listed twice for one component is rejected everywhere (a Service\'s ports must be unique).',
    invalid: `roles:
  server: { count: 1 }
components:
  nginx:
    kind: service
    placement: { role: server }
    ports: [{ port: 443, exposure: public }]
  traefik:
    kind: service
    placement: { role: server }
    ports: [{ port: 443, exposure: public }]
`,
    valid: `roles:
  server: { count: 1 }
components:
  nginx:
    kind: service
    placement: { role: server }
    ports: [{ port: 443, exposure: public }]
  traefik:
    kind: service
    placement: { role: server }
    ports: [{ port: 8443, exposure: public }]
`,
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      const hostRoles = new Map(phase.roles.map((r) => [r.name, bindsHostPorts(model, phase, r)]));
      // role \0 protocol \0 port → the component that publishes it first
      const taken = new Map<string, string>();
      for (const component of phase.components) {
        if (component.kind === 'external') continue;
        const own = new Set<string>();
        // Only a component surely on one role surely shares its machines; one that may run on several is not judged.
        const placed = placedRoles(phase, component);
        const roles = placed && placed.length === 1 ? placed : [];
        for (const port of component.input.ports ?? []) {
          const protocol = port.protocol ?? 'TCP';
          const data = { component: component.name, port: port.port, protocol };
          const key = `${protocol}\u0000${port.port}`;
          if (own.has(key)) {
            report({ at: analysis.at(port, 'port'), message: 'duplicate', data, phase: phase.name });
            continue;
          }
          own.add(key);
          if (!HOST_BOUND.has(port.exposure ?? 'internal')) continue;
          for (const role of roles) {
            if (!hostRoles.get(role)) continue;
            const slot = `${role}\u0000${key}`;
            const other = taken.get(slot);
            if (other === undefined) taken.set(slot, component.name);
            else if (other !== component.name) {
              report({ at: analysis.at(port, 'port'), message: 'host', data: { ...data, role, other }, phase: phase.name });
              break;
            }
          }
        }
      }
    }
  },
};
