import type { ComponentModel, RoleModel } from '../../spec/model.js';
import { capacityPhrase, exceedingBytes, machineFigure, resourceFigure, RESOURCES, RESOURCE_KEY, RESOURCE_WORD, systemOf, type ByteSystem, type Resource } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

/** The unit system the components' own figures are written in (the first one written decides). */
function requestSystem(components: readonly ComponentModel[]): ByteSystem {
  for (const c of components) {
    const written = c.input.resources?.requests?.memory;
    if (written !== undefined) return systemOf(written, 'iec');
  }
  return 'iec';
}

export const requestsExceedCapacity: Rule<'atMin' | 'atMax' | 'unplaced'> = {
  id: 'requests-exceed-capacity',
  severity: 'error',
  category: 'capacity',
  summary: 'The requests of the components a role runs must fit in what its machines can allocate.',
  messages: {
    atMin: 'at their minimum replicas the components on `{role}` request {requested} of {resource}, more than {capacity}: some pods stay Pending',
    atMax: 'at their maximum replicas the components on `{role}` request {requested} of {resource}, more than {capacity}: autoscaling stops short and the extra pods stay Pending',
    unplaced: 'the components placed on no role request {requested} of {resource} at their {which} replicas, more than the {free} the phase’s machines have left after the placed ones: some pods stay Pending',
  },
  docs: {
    why: 'The scheduler places a pod only on a node whose allocatable CPU and memory (its capacity less what `reserved` keeps for the kubelet and the OS) still covers the pod’s requests. When the requests of everything a role runs add up to more than its machines can allocate, the deployment as written cannot start: pods stay `Pending`, and with an autoscaler the extra replicas never arrive when load needs them. The check counts each component at its minimum replicas (it can never fit) and at its maximum (the HPA cannot reach it), against the most machines the role may have; a role whose count has no upper bound is not judged.',
    invalid: `roles:
  node:
    count: 1
    recommended: { cpu: 4 cores, memory: 8GB }
components:
  api:
    kind: service
    replicas: 3
    resources:
      requests: { cpu: 500m, memory: 3Gi }
    placement: { role: node }
`,
    valid: `roles:
  node:
    count: 2
    recommended: { cpu: 4 cores, memory: 8GB }
components:
  api:
    kind: service
    replicas: 3
    resources:
      requests: { cpu: 500m, memory: 3Gi }
    placement: { role: node }
`,
    fix: 'Add machines to the role (or raise its `count.max`), choose larger machines, or lower the requests or the replicas.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      const plan = analysis.phasePlan(phase);
      const roles = new Map<string, RoleModel>(phase.roles.map((r) => [r.name, r]));
      const components = new Map<string, ComponentModel>(phase.components.map((c) => [c.name, c]));
      // Room the named roles leave, for components placed on none (null: some role's size or count is unknown).
      const free: Record<Resource, { min: bigint; max: bigint } | null> = { cpuMillicores: { min: 0n, max: 0n }, memoryBytes: { min: 0n, max: 0n } };
      let roleSystem: ByteSystem = 'si';
      for (const rolePlan of plan.roles) {
        const role = roles.get(rolePlan.name);
        if (!role) continue;
        for (const resource of RESOURCES) {
          const allocatable = rolePlan.allocatable[resource];
          const machine = machineFigure(role, resource, analysis);
          const bounded = role.count !== null && role.count.max !== null;
          const room = free[resource];
          if (!allocatable || !machine || !bounded || role.count === null) {
            free[resource] = null;
            continue;
          }
          if (resource === 'memoryBytes') roleSystem = systemOf(machine.written);
          const requested = rolePlan.requests[resource];
          if (room) {
            const left = (a: bigint, r: bigint) => (a > r ? a - r : 0n);
            free[resource] = { min: room.min + left(allocatable.max, requested.min), max: room.max + left(allocatable.max, requested.max) };
          }
          const message = requested.min > allocatable.max ? 'atMin' : requested.max > allocatable.max ? 'atMax' : null;
          if (message === null) continue;
          const system = systemOf(machine.written);
          report({
            at: machine.at,
            message,
            data: {
              role: role.name,
              resource: RESOURCE_WORD[resource],
              requested: resource === 'memoryBytes' ? exceedingBytes(message === 'atMin' ? requested.min : requested.max, allocatable.max, requestSystem(rolePlan.components.flatMap((name) => components.get(name) ?? [])), system) : resourceFigure(resource, message === 'atMin' ? requested.min : requested.max),
              capacity: capacityPhrase(resourceFigure(resource, allocatable.max, system), role.name, role.count.max ?? role.count.min, machine),
            },
            phase: phase.name,
          });
        }
      }
      if (plan.unplaced.components.length === 0 || plan.roles.length === 0) continue;
      const unplaced = plan.unplaced.components.flatMap((name) => components.get(name) ?? []);
      for (const resource of RESOURCES) {
        const room = free[resource];
        if (!room) continue;
        const requested = resource === 'cpuMillicores' ? plan.unplaced.cpuMillicores : plan.unplaced.memoryBytes;
        const which = requested.min > room.min ? 'minimum' : requested.max > room.max ? 'maximum' : null;
        if (which === null) continue;
        // The phase, or (in a spec without phases) the first unplaced request.
        const first = unplaced.find((c) => c.requests[resource] !== null);
        report({
          at: phase.at ?? (first ? analysis.at(first.input.resources?.requests, RESOURCE_KEY[resource]) : analysis.atPath(['components'], 'key')),
          message: 'unplaced',
          data: {
            resource: RESOURCE_WORD[resource],
            which,
            requested: resourceFigure(resource, which === 'minimum' ? requested.min : requested.max, requestSystem(unplaced), roleSystem),
            free: resourceFigure(resource, which === 'minimum' ? room.min : room.max, roleSystem),
          },
          phase: phase.name,
        });
      }
    }
  },
};
