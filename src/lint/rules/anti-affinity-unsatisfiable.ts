import { machinesFor } from '../helpers/backup-availability.js';
import type { Rule } from '../types.js';

export const antiAffinityUnsatisfiable: Rule<'minimum' | 'maximum'> = {
  id: 'anti-affinity-unsatisfiable',
  severity: 'error',
  category: 'availability',
  summary: 'Required anti-affinity needs at least as many machines as replicas.',
  messages: {
    minimum: '`{component}` requires its {replicas} replicas on distinct machines, but the phase has at most {machines} that may run it ({roles}): {pending} Pending',
    maximum: '`{component}` may scale to {replicas} replicas on distinct machines, but the phase has at most {machines} that may run it ({roles}): scaling past {machines} leaves replicas Pending',
  },
  docs: {
    why: 'Required anti-affinity (`requiredDuringSchedulingIgnoredDuringExecution` on the hostname) places each replica on its own machine. With more replicas than machines, the scheduler leaves the extra replicas Pending forever: a rollout never completes and the availability the anti-affinity was meant to give is not there. The maximum machine count of the roles that may run the component is the most the phase can offer; a replica maximum above it means the autoscaler will hit the wall.',
    invalid: `components:
  gateway:
    kind: service
    replicas: 3
    placement: { role: edge, antiAffinity: required }
roles:
  edge: { count: 2 }
`,
    valid: `components:
  gateway:
    kind: service
    replicas: 3
    placement: { role: edge, antiAffinity: required }
roles:
  edge: { count: 3 }
`,
    fix: 'Add machines to the roles that may run the component, lower its replicas, or make the anti-affinity `preferred`.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      for (const component of phase.components) {
        if (!component.antiAffinity || component.perNode || component.kind === 'job' || component.kind === 'external') continue;
        const machines = machinesFor(analysis, phase, component);
        if (!machines || machines.max === null || machines.roles.length === 0) continue;
        const { min, max } = component.replicas;
        const placement = component.input.placement;
        const at = component.input.replicas !== undefined ? analysis.at(component.input, 'replicas') : placement ? analysis.at(placement, 'antiAffinity') : component.at;
        const roles = machines.roles.map((r) => `\`${r.name}\``).join(', ');
        if (min > machines.max) {
          const pending = min - machines.max;
          report({ at, message: 'minimum', data: { component: component.name, replicas: min, machines: machines.max, roles, pending: pending === 1 ? '1 replica stays' : `${pending} replicas stay` }, phase: phase.name });
        } else if (max > machines.max) {
          report({ at, message: 'maximum', data: { component: component.name, replicas: max, machines: machines.max, roles }, phase: phase.name });
        }
      }
    }
  },
};
