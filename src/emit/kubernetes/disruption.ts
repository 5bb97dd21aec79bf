import type { ComponentModel } from '../../spec/model.js';
import type { PhaseEnv } from './context.js';
import { componentLabels, selectorOf } from './labels.js';
import type { KubeObject } from './types.js';

/**
 * A PodDisruptionBudget (policy/v1) from `disruption`, as written. A
 * component that can run more than one replica and gives none gets
 * `maxUnavailable: 1`: a drain evicts its pods one at a time, and the budget
 * never blocks a drain outright (a `minAvailable` equal to the replicas
 * would). A single-replica component gets none: its only choice is between
 * blocking drains and allowing the outage. DaemonSet pods are not evicted by
 * a drain, and a CronJob's pods finish on their own: neither gets one.
 */
export function pdbOf(env: PhaseEnv, component: ComponentModel, name: string): KubeObject | null {
  const disruption = component.input.disruption;
  const at = env.at(component.input, 'disruption', component.at);
  if (component.kind === 'daemon' || component.kind === 'job') {
    if (disruption) env.notes.add(`\`${component.name}\` is a ${component.kind}: a PodDisruptionBudget does not apply to it (node drains skip DaemonSet pods; jobs run to completion), so \`disruption\` is not written`, at);
    return null;
  }
  let budget: { minAvailable: number | string } | { maxUnavailable: number | string } | null = null;
  if (disruption?.minAvailable !== undefined && disruption.maxUnavailable !== undefined) {
    env.notes.add(`\`${component.name}\` gives both \`minAvailable\` and \`maxUnavailable\`; a PodDisruptionBudget takes one: \`maxUnavailable\` is written`, at);
    budget = { maxUnavailable: disruption.maxUnavailable };
  } else if (disruption?.minAvailable !== undefined) {
    budget = { minAvailable: disruption.minAvailable };
  } else if (disruption?.maxUnavailable !== undefined) {
    budget = { maxUnavailable: disruption.maxUnavailable };
  } else if (component.replicas.max >= 2) {
    env.notes.add('components that can run more than one replica and give no `disruption` get a PodDisruptionBudget of `maxUnavailable: 1`');
    budget = { maxUnavailable: 1 };
  }
  if (!budget) return null;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: env.namespace, labels: componentLabels(env, component) },
    spec: { ...budget, selector: selectorOf(env, component.name) },
  };
}
