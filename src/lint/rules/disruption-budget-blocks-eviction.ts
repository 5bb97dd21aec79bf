import type { Rule } from '../types.js';

type Budget = number | string;

/**
 * A budget figure in pods at `replicas` pods. The disruption controller scales a
 * percentage with rounding up, for `minAvailable` and `maxUnavailable` alike
 * (`intstr.GetScaledValueFromIntOrPercent(…, roundUp=true)` in
 * pkg/controller/disruption/disruption.go): 10% of 3 pods is 1, 50% of 3 is 2.
 */
function podsOf(value: Budget, replicas: number): number {
  if (typeof value === 'number') return value;
  const percent = Number(value.slice(0, -1));
  return Math.ceil((percent * replicas) / 100);
}

export const disruptionBudgetBlocksEviction: Rule<'minAvailable' | 'maxUnavailable' | 'both'> = {
  id: 'disruption-budget-blocks-eviction',
  severity: 'error',
  category: 'availability',
  summary: 'A disruption budget must allow at least one voluntary eviction at the minimum replica count.',
  messages: {
    minAvailable: '`{component}` requires `minAvailable: {value}`, which is {pods} of its minimum {replicas} replica{s}: no pod may ever be evicted, so node drains and cluster upgrades hang',
    maxUnavailable: '`{component}` allows `maxUnavailable: {value}`: no pod may ever be evicted, so node drains and cluster upgrades hang',
    both: '`{component}` sets both `minAvailable` and `maxUnavailable`: a PodDisruptionBudget takes only one, and the API server rejects it',
  },
  docs: {
    why: 'A PodDisruptionBudget limits voluntary evictions: `kubectl drain`, node upgrades, the cluster autoscaler. When it requires every replica to stay up (`minAvailable` equal to the replicas, `100%`, or `maxUnavailable: 0`), the eviction API refuses every eviction and the drain waits forever: the node cannot be patched or removed until someone deletes the budget by hand. It is judged at the minimum replica count, where the autoscaler may leave the component; percentages are rounded up as Kubernetes does (50% of 1 replica is 1).',
    invalid: `components:
  api:
    kind: service
    replicas: 2
    disruption: { minAvailable: 2 }
`,
    valid: `components:
  api:
    kind: service
    replicas: 2
    disruption: { minAvailable: 1 }
`,
    fix: 'Leave room for one eviction: `maxUnavailable: 1`, or a `minAvailable` below the minimum replicas (and run at least two replicas).',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      for (const component of phase.components) {
        const disruption = component.input.disruption;
        if (!disruption || component.perNode || component.kind === 'external' || component.kind === 'job') continue;
        const replicas = component.replicas.min;
        const { minAvailable, maxUnavailable } = disruption;
        if (minAvailable !== undefined && maxUnavailable !== undefined) {
          report({ at: analysis.at(disruption, 'maxUnavailable', 'key'), message: 'both', data: { component: component.name }, phase: phase.name });
          continue;
        }
        if (replicas === 0) continue;
        if (minAvailable !== undefined) {
          const pods = podsOf(minAvailable, replicas);
          if (pods >= replicas) report({ at: analysis.at(disruption, 'minAvailable'), message: 'minAvailable', data: { component: component.name, value: minAvailable, pods, replicas, s: replicas === 1 ? '' : 's' }, phase: phase.name });
        } else if (maxUnavailable !== undefined && podsOf(maxUnavailable, replicas) === 0) {
          report({ at: analysis.at(disruption, 'maxUnavailable'), message: 'maxUnavailable', data: { component: component.name, value: maxUnavailable }, phase: phase.name });
        }
      }
    }
  },
};
