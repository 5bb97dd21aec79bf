import type { Rule } from '../types.js';

// Kubernetes' default `--service-node-port-range`; an API server started with another range is the exception the page should name.
const LOW = 30000;
const HIGH = 32767;

export const nodeportOutOfRange: Rule<'outside' | 'duplicate'> = {
  id: 'nodeport-out-of-range',
  severity: 'error',
  category: 'network',
  summary: 'NodePorts must lie in 30000–32767 and be unique in the cluster.',
  messages: {
    outside: 'nodePort {port} of `{component}` is outside the NodePort range {low}–{high}: the API server will reject the Service',
    duplicate: 'nodePort {port} of `{component}` is already taken by `{other}`: two Services cannot share a NodePort',
  },
  docs: {
    why: 'The API server allocates NodePorts from `--service-node-port-range` (30000–32767 unless changed) and rejects a Service that asks for a port outside it, or one another Service already holds. A page that lists `nodePort: 8080` describes a deployment that cannot be applied.',
    invalid: `components:
  api:
    kind: service
    ports:
      - { port: 8080, exposure: node, nodePort: 8080 }
`,
    valid: `components:
  api:
    kind: service
    ports:
      - { port: 8080, exposure: node, nodePort: 30080 }
`,
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      const taken = new Map<number, string>();
      for (const component of phase.components) {
        for (const port of component.input.ports ?? []) {
          if (port.nodePort === undefined) continue;
          const at = analysis.at(port, 'nodePort');
          const data = { port: port.nodePort, component: component.name, low: LOW, high: HIGH };
          if (port.nodePort < LOW || port.nodePort > HIGH) {
            report({ at, message: 'outside', data, phase: phase.name });
            continue;
          }
          const other = taken.get(port.nodePort);
          if (other !== undefined) report({ at, message: 'duplicate', data: { ...data, other }, phase: phase.name });
          else taken.set(port.nodePort, component.name);
        }
      }
    }
  },
};
