import { allocatableOf, allocatablePhrase, machineFigure, resourceInput, RESOURCES, RESOURCE_WORD, runsAsPods, shownAsWritten, systemOf, writtenBytesFigure, type MachineFigure } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

export const replicaFitsNoMachine: Rule<'oneRole' | 'anyRole' | 'daemon'> = {
  id: 'replica-fits-no-machine',
  severity: 'error',
  category: 'capacity',
  summary: 'One replica’s CPU and memory requests must fit on one machine of a role that may run it.',
  messages: {
    oneRole: 'one replica of `{component}` requests {request} of {resource}, more than one `{role}` machine can allocate ({allocatable}): it can never be scheduled',
    anyRole: 'one replica of `{component}` requests {request} of {resource}, more than any machine of {roles} can allocate (at most `{role}`’s {allocatable}): it can never be scheduled',
    daemon: '`{component}` runs on every `{role}` machine and requests {request} of {resource}, more than one can allocate ({allocatable}): it can never be scheduled there',
  },
  docs: {
    why: 'A pod runs on one node: its requests must fit in one machine’s allocatable CPU and memory, whatever the total of the role. A replica that asks for more than the largest machine it may be placed on stays `Pending` forever, however many machines are added; it usually means a GB/GiB slip or a request copied from a larger deployment. A daemon runs on every machine of its roles, so it must fit on each of them.',
    invalid: `roles:
  db:
    count: 3
    recommended: { cpu: 8 cores, memory: 16GB }
components:
  postgres:
    kind: datastore
    resources:
      requests: { cpu: "2", memory: 16Gi }
    placement: { role: db }
`,
    valid: `roles:
  db:
    count: 3
    recommended: { cpu: 8 cores, memory: 16GB }
components:
  postgres:
    kind: datastore
    resources:
      requests: { cpu: "2", memory: 14Gi }
    placement: { role: db }
`,
    fix: 'Lower the request to what one machine can allocate, or size the role’s machines for the largest replica.',
  },
  check(_model, report, analysis) {
    for (const { phase, component } of analysis.phaseComponents()) {
      if (!runsAsPods(component)) continue;
      const roles = analysis.rolesOf(phase, component);
      if (roles.length === 0) continue;
      for (const resource of RESOURCES) {
        const request = component.requests[resource];
        if (request === null) continue;
        const machines: Array<{ role: string; machine: MachineFigure }> = [];
        for (const role of roles) {
          const machine = machineFigure(role, resource, analysis);
          if (machine) machines.push({ role: role.name, machine });
        }
        // A role of unknown size may hold it.
        if (machines.length < roles.length) continue;
        const input = resourceInput(component, 'requests', resource, analysis);
        const show = (m: MachineFigure) => ({
          request: resource === 'memoryBytes' ? writtenBytesFigure(input.written, request, systemOf(m.written)) : shownAsWritten(resource, input.written, request),
          allocatable: allocatablePhrase(resource, m),
        });
        if (component.perNode) {
          const tooSmall = machines.filter((m) => allocatableOf(m.machine) < request).sort((a, b) => (allocatableOf(a.machine) < allocatableOf(b.machine) ? -1 : 1))[0];
          if (tooSmall) report({ at: input.at, message: 'daemon', data: { component: component.name, resource: RESOURCE_WORD[resource], role: tooSmall.role, ...show(tooSmall.machine) }, phase: phase.name });
          continue;
        }
        const largest = machines.reduce((a, b) => (allocatableOf(b.machine) > allocatableOf(a.machine) ? b : a));
        if (request <= allocatableOf(largest.machine)) continue;
        const data = { component: component.name, resource: RESOURCE_WORD[resource], role: largest.role, ...show(largest.machine) };
        if (machines.length === 1) report({ at: input.at, message: 'oneRole', data, phase: phase.name });
        else report({ at: input.at, message: 'anyRole', data: { ...data, roles: machines.map((m) => `\`${m.role}\``).join(', ') }, phase: phase.name });
      }
    }
  },
};
