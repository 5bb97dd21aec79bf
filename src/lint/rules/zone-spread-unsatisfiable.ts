import { machinesFor } from '../helpers/backup-availability.js';
import type { Rule } from '../types.js';

export const zoneSpreadUnsatisfiable: Rule<'oneMachine' | 'oneZone'> = {
  id: 'zone-spread-unsatisfiable',
  severity: 'warning',
  category: 'availability',
  summary: 'Spreading a component across zones needs at least two machines in at least two zones.',
  messages: {
    oneMachine: '`{component}` asks to spread across zones, but the phase has {machines} that may run it ({roles}): every replica lands in one zone',
    oneZone: '`{component}` asks to spread across zones, but the machines that may run it ({roles}) are in {zones}: every replica lands in one zone',
  },
  docs: {
    why: 'Zone spreading (`topologySpreadConstraints` on `topology.kubernetes.io/zone`) protects against the loss of a zone only when there are machines in more than one zone. With a single machine, or roles whose zones are all the same, the constraint is either unsatisfiable (pods stay Pending with `whenUnsatisfiable: DoNotSchedule`) or silently meaningless, and the page promises a zone-failure tolerance it does not have.',
    invalid: `components:
  api:
    kind: service
    replicas: 2
    placement: { role: node, spreadZones: true }
roles:
  node: { count: 1 }
`,
    valid: `components:
  api:
    kind: service
    replicas: 2
    placement: { role: node, spreadZones: true }
roles:
  node: { count: 3, zones: [eu-a, eu-b, eu-c] }
`,
    fix: 'Give the roles that may run it machines in at least two zones (`count` and `zones`), or drop `spreadZones` until they exist.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      for (const component of phase.components) {
        const placement = component.input.placement;
        if (placement?.spreadZones !== true || component.kind === 'external') continue;
        const machines = machinesFor(analysis, phase, component);
        if (!machines || machines.roles.length === 0) continue;
        const at = analysis.at(placement, 'spreadZones');
        const roles = machines.roles.map((r) => `\`${r.name}\``).join(', ');
        if (machines.max !== null && machines.max < 2) {
          report({ at, message: 'oneMachine', data: { component: component.name, machines: machines.max === 1 ? 'one machine' : 'no machine', roles }, phase: phase.name });
          continue;
        }
        // Zones are judged only when the page names them: on the placement, or on every role that may run it.
        const zones = new Set<string>(placement.zones ?? []);
        let named = zones.size > 0;
        if (!named && machines.roles.every((r) => r.input.zones !== undefined)) {
          named = true;
          for (const role of machines.roles) for (const zone of role.input.zones ?? []) zones.add(zone);
        }
        if (named && zones.size < 2) {
          report({ at, message: 'oneZone', data: { component: component.name, roles, zones: zones.size === 1 ? `one zone (\`${[...zones][0] ?? ''}\`)` : 'no zone' }, phase: phase.name });
        }
      }
    }
  },
};
