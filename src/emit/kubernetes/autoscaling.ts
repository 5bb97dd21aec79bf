import type { ComponentModel } from '../../spec/model.js';
import { parseDuration } from '../../units/duration.js';
import { parsePercent } from '../../units/percent.js';
import type { PhaseEnv } from './context.js';
import { componentLabels } from './labels.js';
import { anyQuantity } from './quantities.js';
import type { KubeObject } from './types.js';

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) for a replica range: min and max
 * from the range, one Resource metric per `autoscaling` target (average
 * utilization of the requests), a Pods metric for `autoscaling.metric`, and
 * the `for` of `scaleUp` / `scaleDown` as the stabilization windows. Without
 * any target the HPA would use Kubernetes' default, 80 % average CPU
 * utilization; it is written out so the manifest says what runs.
 */

type AutoscalingInput = NonNullable<ComponentModel['input']['autoscaling']>;
type TriggerInput = NonNullable<AutoscalingInput['scaleUp']>;

interface Metric {
  type: 'Resource' | 'Pods';
  resource?: { name: 'cpu' | 'memory'; target: { type: 'Utilization'; averageUtilization: number } };
  pods?: { metric: { name: string }; target: { type: 'AverageValue'; averageValue: string } };
}

// The longest stabilization window the apiserver accepts (one hour).
const MAX_WINDOW_SECONDS = 3600;

function utilization(env: PhaseEnv, component: ComponentModel, autoscaling: AutoscalingInput, key: 'cpu' | 'memory'): number | null {
  const value = autoscaling[key];
  if (value === undefined) return null;
  const parsed = parsePercent(typeof value === 'number' ? (env.model.positions.rawText(autoscaling, key) ?? value) : value, { allowAbove100: true });
  if (!parsed.ok) return null;
  const { units, scale } = parsed.value;
  const divisor = 10n ** BigInt(scale);
  const whole = units / divisor + (units % divisor === 0n ? 0n : 1n);
  if (units % divisor !== 0n) env.notes.add(`\`${component.name}\`: the ${key} target ${String(value)} is written as ${whole}% (the HPA takes whole percents)`, env.at(autoscaling, key, component.at));
  return Number(whole < 1n ? 1n : whole);
}

function window(env: PhaseEnv, component: ComponentModel, trigger: TriggerInput | undefined, direction: 'scaleUp' | 'scaleDown'): { stabilizationWindowSeconds: number } | null {
  if (!trigger) return null;
  const at = env.at(trigger, 'when', component.at);
  env.notes.add(`\`${component.name}\` ${direction === 'scaleUp' ? 'scales up' : 'scales down'} "${trigger.when}": an HPA scales toward its targets and has no separate ${direction === 'scaleUp' ? 'scale-up' : 'scale-down'} thresholds; ${trigger.for === undefined ? 'nothing of it is written' : 'its `for` is the stabilization window'}`, at);
  if (trigger.cooldown !== undefined) env.notes.add(`\`${component.name}\`: the ${direction} cooldown \`${String(trigger.cooldown)}\` has no HPA field (the stabilization window is the nearest): not written`, env.at(trigger, 'cooldown', component.at));
  if (trigger.for === undefined) return null;
  const parsed = parseDuration(trigger.for);
  if (!parsed.ok) return null;
  let seconds = Number((parsed.value + 999n) / 1000n);
  if (seconds > MAX_WINDOW_SECONDS) {
    env.notes.add(`\`${component.name}\`: the ${direction} window \`${String(trigger.for)}\` is longer than the HPA's maximum: written as ${MAX_WINDOW_SECONDS}s`, env.at(trigger, 'for', component.at));
    seconds = MAX_WINDOW_SECONDS;
  }
  return { stabilizationWindowSeconds: seconds };
}

export function hpaOf(env: PhaseEnv, component: ComponentModel, target: { kind: 'Deployment' | 'StatefulSet'; name: string }): KubeObject | null {
  const { min, max } = component.replicas;
  if (min >= max) return null;
  const autoscaling: AutoscalingInput = component.input.autoscaling ?? {};
  const at = env.at(component.input, 'autoscaling', component.at);
  const metrics: Metric[] = [];
  const cpu = utilization(env, component, autoscaling, 'cpu');
  const memory = utilization(env, component, autoscaling, 'memory');
  if (cpu !== null) metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } });
  if (memory !== null) metrics.push({ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: memory } } });
  if (autoscaling.metric) {
    const quantity = anyQuantity(String(autoscaling.metric.target));
    if (quantity === null) env.notes.add(`\`${component.name}\`: the target \`${String(autoscaling.metric.target)}\` of metric \`${autoscaling.metric.name}\` is not a quantity: the metric is left out`, env.at(autoscaling.metric, 'target', component.at));
    else metrics.push({ type: 'Pods', pods: { metric: { name: autoscaling.metric.name }, target: { type: 'AverageValue', averageValue: quantity } } });
  }
  if (metrics.length === 0) {
    env.notes.add(`\`${component.name}\` scales ${min}–${max} replicas without a target: the HPA gets Kubernetes' default, 80% average CPU utilization, written out`, env.at(component.input, 'replicas', component.at));
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } });
  }
  for (const metric of metrics) {
    const name = metric.resource?.name;
    if (name === 'cpu' && component.requests.cpuMillicores === null) env.notes.add(`\`${component.name}\` scales on CPU utilization but requests no CPU: the HPA cannot compute it until \`resources.requests.cpu\` is set`, at);
    if (name === 'memory' && component.requests.memoryBytes === null) env.notes.add(`\`${component.name}\` scales on memory utilization but requests no memory: the HPA cannot compute it until \`resources.requests.memory\` is set`, at);
  }
  let minReplicas = min;
  if (minReplicas < 1) {
    env.notes.add(`\`${component.name}\` scales from 0 replicas: an HPA cannot (scale to zero is an alpha feature), so it keeps at least 1`, env.at(component.input, 'replicas', component.at));
    minReplicas = 1;
  }
  const behavior: Record<string, { stabilizationWindowSeconds: number }> = {};
  const up = window(env, component, autoscaling.scaleUp, 'scaleUp');
  const down = window(env, component, autoscaling.scaleDown, 'scaleDown');
  if (up) behavior['scaleUp'] = up;
  if (down) behavior['scaleDown'] = down;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: target.name, namespace: env.namespace, labels: componentLabels(env, component) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: target.kind, name: target.name },
      minReplicas,
      maxReplicas: max,
      metrics,
      ...(Object.keys(behavior).length ? { behavior } : {}),
    },
  };
}
