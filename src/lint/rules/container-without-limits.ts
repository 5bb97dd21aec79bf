import { kubernetesSettingsOf } from '../helpers/security-versions.js';
import type { Rule } from '../types.js';

export const containerWithoutLimits: Rule<'noMemoryLimit' | 'noCpuRequest'> = {
  id: 'container-without-limits',
  severity: 'warning',
  category: 'security',
  summary: 'A container the page sizes or names an image for needs a memory limit (and a CPU request).',
  messages: {
    noMemoryLimit: '`{component}` runs without a memory limit: one leak or runaway request can take all the memory of its machine and get its neighbours killed',
    noCpuRequest: '`{component}` has no CPU request: the scheduler places it as if it needed no CPU, and it is the first to starve when its machine is busy',
  },
  docs: {
    why: 'Without a memory limit a container may use all the memory of its machine: a leak or one oversized request pushes the node into the OOM killer, which also kills the neighbours that stayed within their figures. Without a CPU request the scheduler counts the container as free and packs it next to anything. The rule applies to components the page describes as containers — with `resources` or an `image` — and not to external or managed services; a Kubernetes `limitRange` default counts as the limit or request it supplies.',
    invalid: `components:
  api:
    kind: service
    image: ghcr.io/acme/api:1.4
    resources:
      requests: { cpu: 100m, memory: 128Mi }
`,
    valid: `components:
  api:
    kind: service
    image: ghcr.io/acme/api:1.4
    resources:
      requests: { cpu: 100m, memory: 128Mi }
      limits: { memory: 256Mi }
`,
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      const limitRange = kubernetesSettingsOf(analysis, phase).limitRange;
      const hasDefault = (section: string, what: string): boolean => {
        const amounts = limitRange?.[section];
        return typeof amounts === 'object' && amounts !== null && (amounts as Record<string, unknown>)[what] !== undefined;
      };
      const defaultMemoryLimit = hasDefault('default', 'memory');
      const defaultCpuRequest = hasDefault('defaultRequest', 'cpu') || hasDefault('default', 'cpu');
      for (const component of phase.components) {
        const input = component.input;
        if (component.kind === 'external' || input.managed !== undefined) continue;
        if (input.resources === undefined && input.image === undefined) continue;
        const resources = input.resources;
        const at = resources ? analysis.at(input, 'resources', 'key') : analysis.at(input, 'image', 'key');
        if (component.limits.memoryBytes === null && !defaultMemoryLimit) {
          report({ at: resources?.limits ? analysis.at(resources, 'limits', 'key') : at, message: 'noMemoryLimit', data: { component: component.name }, phase: phase.name });
        }
        if (component.requests.cpuMillicores === null && component.limits.cpuMillicores === null && !defaultCpuRequest) {
          report({ at: resources?.requests ? analysis.at(resources, 'requests', 'key') : at, message: 'noCpuRequest', data: { component: component.name }, phase: phase.name });
        }
      }
    }
  },
};
