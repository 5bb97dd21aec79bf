import { replicaRange } from '../../plan/plan.js';
import type { ComponentModel, RoleModel } from '../../spec/model.js';
import { bytesFigure, capacityPhrase, exceedingBytes, machineFigure, runsAsPods, systemOf, type ByteSystem } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

export const limitsOvercommitAtMax: Rule<'overcommit'> = {
  id: 'limits-overcommit-at-max',
  severity: 'warning',
  category: 'capacity',
  summary: 'At the maximum replicas, the memory limits of what a role runs should fit in its machines’ memory.',
  messages: {
    overcommit: 'at their maximum replicas the memory limits of the components on `{role}` add up to {limits}, more than {capacity}: under load the machines run out of memory and pods are OOM-killed',
  },
  docs: {
    why: 'Requests decide where pods are scheduled; limits decide how much they may really use. When the memory limits of everything a role runs, at the replica counts the autoscaler may reach, add up to more than the machines have, the deployment is overcommitted: it works while pods stay near their requests, and under the very load that scales it out the nodes run out of memory and the kernel OOM-kills pods. CPU is not judged here: CPU over its share is throttled, not killed.',
    invalid: `roles:
  node:
    count: 1
    recommended: { cpu: 4 vCPU, memory: 16GB }
components:
  api:
    kind: service
    replicas: { min: 1, max: 3 }
    resources:
      requests: { cpu: 100m, memory: 1Gi }
      limits: { cpu: 500m, memory: 6Gi }
    placement: { role: node }
`,
    valid: `roles:
  node:
    count: 1
    recommended: { cpu: 4 vCPU, memory: 16GB }
components:
  api:
    kind: service
    replicas: { min: 1, max: 3 }
    resources:
      requests: { cpu: 100m, memory: 1Gi }
      limits: { cpu: 500m, memory: 4Gi }
    placement: { role: node }
`,
    fix: 'Add machines or memory to the role, lower the limits, or lower the HPA maximum.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      const plan = analysis.phasePlan(phase);
      const roles = new Map<string, RoleModel>(phase.roles.map((r) => [r.name, r]));
      const components = new Map<string, ComponentModel>(phase.components.map((c) => [c.name, c]));
      for (const rolePlan of plan.roles) {
        const role = roles.get(rolePlan.name);
        const capacity = rolePlan.allocatable.memoryBytes;
        if (!role || !capacity || role.count === null || role.count.max === null) continue;
        const machine = machineFigure(role, 'memoryBytes', analysis);
        if (!machine) continue;
        let limits = 0n;
        let limitSystem: ByteSystem | null = null;
        for (const name of rolePlan.components) {
          const component = components.get(name);
          if (!component || !runsAsPods(component) || component.limits.memoryBytes === null) continue;
          limits += component.limits.memoryBytes * replicaRange(phase, component).max;
          limitSystem ??= systemOf(component.input.resources?.limits?.memory, 'iec');
        }
        if (limits <= capacity.max) continue;
        const system = systemOf(machine.written);
        report({
          at: machine.at,
          message: 'overcommit',
          data: {
            role: role.name,
            // In the machines' units first, so the two figures compare at a glance.
            limits: exceedingBytes(limits, capacity.max, system, limitSystem ?? system),
            capacity: capacityPhrase(bytesFigure(capacity.max, system), role.name, role.count.max, machine),
          },
          phase: phase.name,
        });
      }
    }
  },
};
