import { effectiveResources, phaseKubernetes, resourceInput, RESOURCES, RESOURCE_WORD, runsAsPods, shownAsWritten, systemOf, writtenBytesFigure } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

export const requestsAboveLimits: Rule<'aboveLimit' | 'aboveDefaultLimit'> = {
  id: 'requests-above-limits',
  severity: 'error',
  category: 'capacity',
  summary: 'A component’s CPU and memory requests must not be above its limits, including the limits a LimitRange gives it.',
  messages: {
    aboveLimit: 'the {resource} request {request} of `{component}` is above its limit {limit}: Kubernetes rejects the pod',
    aboveDefaultLimit: '`{component}` requests {request} of {resource} and sets no limit, so it gets the LimitRange’s {source} {limit} as its limit, below the request: Kubernetes rejects the pod',
  },
  docs: {
    why: 'Kubernetes refuses a container whose request is above its limit (`must be less than or equal to memory limit`). An explicit pair is easy to spot; the trap is the LimitRange: a container that sets a request but no limit gets the LimitRange’s `default` limit (its `max` when no default is given), and when that default is below the request the pod is rejected at admission, although the component’s own figures look fine.',
    invalid: `kubernetes:
  limitRange:
    default: { cpu: 500m, memory: 512Mi }
components:
  worker:
    kind: worker
    resources:
      requests: { cpu: 250m, memory: 1Gi }
`,
    valid: `kubernetes:
  limitRange:
    default: { cpu: 500m, memory: 512Mi }
components:
  worker:
    kind: worker
    resources:
      requests: { cpu: 250m, memory: 1Gi }
      limits: { cpu: 500m, memory: 2Gi }
`,
    fix: 'Give the component its own limit at or above its request, or raise the LimitRange’s `default`.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      const { limitRange } = phaseKubernetes(model, phase);
      for (const component of phase.components) {
        if (!runsAsPods(component)) continue;
        const effective = effectiveResources(component, limitRange);
        for (const resource of RESOURCES) {
          const request = component.requests[resource];
          const limit = effective.limit[resource];
          if (request === null || limit === null || request <= limit) continue;
          const requested = resourceInput(component, 'requests', resource, analysis);
          const fromLimitRange = effective.limitFromLimitRange[resource];
          const limitWritten = fromLimitRange ? fromLimitRange.written : resourceInput(component, 'limits', resource, analysis).written;
          const show = (written: string | undefined, value: bigint, other: string | undefined) =>
            resource === 'memoryBytes' ? writtenBytesFigure(written, value, systemOf(other ?? written, 'iec')) : shownAsWritten(resource, written, value);
          report({
            at: requested.at,
            message: fromLimitRange ? 'aboveDefaultLimit' : 'aboveLimit',
            data: { resource: RESOURCE_WORD[resource], request: show(requested.written, request, limitWritten), limit: show(limitWritten, limit, requested.written), component: component.name, source: fromLimitRange && fromLimitRange === limitRange.max[resource] ? 'maximum' : 'default' },
            phase: phase.name,
          });
        }
      }
    }
  },
};
