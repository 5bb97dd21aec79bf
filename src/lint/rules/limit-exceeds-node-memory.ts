import { allocatableOf, allocatablePhrase, hostRoles, machineFigure, resourceInput, RESOURCES, runsAsPods, shownAsWritten, systemOf, writtenBytesFigure, type MachineFigure } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

export const limitExceedsNodeMemory: Rule<'memory' | 'cpu'> = {
  id: 'limit-exceeds-node-memory',
  severity: 'warning',
  category: 'capacity',
  summary: 'A replica’s memory or CPU limit should not be larger than one machine of its role.',
  messages: {
    memory: 'the memory limit {limit} of `{component}` is more than one `{role}` machine can give it ({allocatable}): the limit can never be reached, the node runs out of memory first and the kernel kills processes at random',
    cpu: 'the CPU limit {limit} of `{component}` is more than one `{role}` machine can give it ({allocatable}): the limit can never be reached, so it caps nothing',
  },
  docs: {
    why: 'A limit is the most a container may use before it is throttled (CPU) or OOM-killed (memory). A memory limit larger than the machine it runs on can never be reached: the node runs out of memory first, and then the kernel’s OOM killer or the kubelet’s eviction picks victims across the node instead of the container that overran its limit. It is typically a GB/GiB slip: a `16Gi` limit is 17.18 GB, more than a 16 GB node. A CPU limit above the machine’s cores caps nothing.',
    invalid: `roles:
  gateway:
    count: 3
    minimum: { cpu: 8 vCPU, memory: 16 GB }
components:
  gatewayd:
    kind: service
    replicas: 3
    resources:
      requests: { cpu: "4", memory: 8Gi }
      limits: { cpu: "8", memory: 16Gi }
    placement: { role: gateway }
`,
    valid: `roles:
  gateway:
    count: 3
    minimum: { cpu: 8 vCPU, memory: 16 GB }
components:
  gatewayd:
    kind: service
    replicas: 3
    resources:
      requests: { cpu: "4", memory: 8Gi }
      limits: { cpu: "8", memory: 14Gi }
    placement: { role: gateway }
`,
    fix: 'Lower the limit below what one machine can give a pod (its memory less `reserved`), or choose larger machines. Write both in the same units to see the gap.',
  },
  check(_model, report, analysis) {
    for (const { phase, component } of analysis.phaseComponents()) {
      if (!runsAsPods(component)) continue;
      const roles = hostRoles(phase, component, analysis);
      for (const resource of RESOURCES) {
        const limit = component.limits[resource];
        if (limit === null) continue;
        // The smallest machine it may land on that cannot give it its limit.
        let smallest: { role: string; machine: MachineFigure } | null = null;
        for (const role of roles) {
          const machine = machineFigure(role, resource, analysis);
          if (!machine || limit <= allocatableOf(machine)) continue;
          if (!smallest || allocatableOf(machine) < allocatableOf(smallest.machine)) smallest = { role: role.name, machine };
        }
        if (!smallest) continue;
        const input = resourceInput(component, 'limits', resource, analysis);
        const m = smallest.machine;
        const system = systemOf(m.written);
        report({
          at: input.at,
          message: resource === 'memoryBytes' ? 'memory' : 'cpu',
          data: {
            limit: resource === 'memoryBytes' ? writtenBytesFigure(input.written, limit, system) : shownAsWritten(resource, input.written, limit),
            component: component.name,
            role: smallest.role,
            allocatable: allocatablePhrase(resource, m),
          },
          phase: phase.name,
        });
      }
    }
  },
};
