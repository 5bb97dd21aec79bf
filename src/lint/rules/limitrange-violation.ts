import { phaseKubernetes, resourceInput, shownAsWritten, RESOURCES, RESOURCE_WORD, runsAsPods, systemOf, writtenBytesFigure, type Entry, type Resource } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

export const limitrangeViolation: Rule<'aboveMax' | 'defaultRequestAboveDefault' | 'defaultAboveMax'> = {
  id: 'limitrange-violation',
  severity: 'error',
  category: 'capacity',
  summary: 'Components’ requests and limits must lie within the LimitRange’s maximum, and the LimitRange must be consistent.',
  messages: {
    aboveMax: 'the {resource} {what} {value} of `{component}` is above the LimitRange maximum {max}: Kubernetes rejects the pod',
    defaultRequestAboveDefault: 'the LimitRange’s default {resource} request {request} is above its default limit {limit}: the API server rejects the LimitRange',
    defaultAboveMax: 'the LimitRange’s default {resource} {what} {value} is above its maximum {max}: the API server rejects the LimitRange',
  },
  docs: {
    why: 'A LimitRange’s `max` is enforced at admission: a container whose request or limit is above it is rejected, and its Deployment never gets a pod. The LimitRange must also agree with itself — a `defaultRequest` above the `default` limit, or a default above `max`, is refused by the API server, so none of its defaults apply.',
    invalid: `kubernetes:
  limitRange:
    max: { cpu: "2", memory: 4Gi }
components:
  clickhouse:
    kind: datastore
    resources:
      requests: { cpu: "1", memory: 4Gi }
      limits: { cpu: "2", memory: 8Gi }
`,
    valid: `kubernetes:
  limitRange:
    max: { cpu: "2", memory: 8Gi }
components:
  clickhouse:
    kind: datastore
    resources:
      requests: { cpu: "1", memory: 4Gi }
      limits: { cpu: "2", memory: 8Gi }
`,
    fix: 'Raise the LimitRange’s `max` for the namespace, or lower the component’s figures; keep `defaultRequest` ≤ `default` ≤ `max`.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      const { limitRange } = phaseKubernetes(model, phase);
      const show = (resource: Resource, entry: Entry<bigint>, other?: string) =>
        resource === 'memoryBytes' ? writtenBytesFigure(entry.written, entry.value, other === undefined ? undefined : systemOf(other, systemOf(entry.written, 'iec'))) : shownAsWritten(resource, entry.written, entry.value);
      for (const resource of RESOURCES) {
        const def = limitRange.default[resource];
        const defaultRequest = limitRange.defaultRequest[resource];
        const max = limitRange.max[resource];
        const word = RESOURCE_WORD[resource];
        if (def && defaultRequest && defaultRequest.value > def.value) {
          report({ at: analysis.at(defaultRequest.container, defaultRequest.key), message: 'defaultRequestAboveDefault', data: { resource: word, request: show(resource, defaultRequest, def.written), limit: show(resource, def, defaultRequest.written) }, phase: phase.name });
        }
        for (const [entry, what] of [[def, 'limit'], [defaultRequest, 'request']] as const) {
          if (entry && max && entry.value > max.value) {
            report({ at: analysis.at(entry.container, entry.key), message: 'defaultAboveMax', data: { resource: word, what, value: show(resource, entry, max.written), max: show(resource, max, entry.written) }, phase: phase.name });
          }
        }
      }
      if (!limitRange.max.cpuMillicores && !limitRange.max.memoryBytes) continue;
      for (const component of phase.components) {
        if (!runsAsPods(component)) continue;
        for (const resource of RESOURCES) {
          const max = limitRange.max[resource];
          if (!max) continue;
          // The limit first: it is the figure `max` bounds, and a request above max has a limit above it too.
          for (const section of ['limits', 'requests'] as const) {
            const value = component[section][resource];
            if (value === null || value <= max.value) continue;
            const input = resourceInput(component, section, resource, analysis);
            const shown = resource === 'memoryBytes' ? writtenBytesFigure(input.written, value, systemOf(max.written, 'iec')) : shownAsWritten(resource, input.written, value);
            report({ at: input.at, message: 'aboveMax', data: { resource: RESOURCE_WORD[resource], what: section === 'limits' ? 'limit' : 'request', value: shown, component: component.name, max: show(resource, max, input.written) }, phase: phase.name });
            break;
          }
        }
      }
    }
  },
};
