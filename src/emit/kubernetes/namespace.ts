import type { ComponentModel } from '../../spec/model.js';
import { compareVersions, parseVersion, parseVersionRange, rangeMinimum } from '../../units/version.js';
import type { PhaseEnv } from './context.js';
import { systemLabels } from './labels.js';
import { anyQuantity, cpuText, sizeQuantity } from './quantities.js';
import type { PodSecurityLevel } from './security.js';
import type { KubeObject, ResourceList } from './types.js';

/**
 * The namespace and what applies to all of it: the Namespace (with the Pod
 * Security admission level every pod of the phase meets, so that the
 * apiserver refuses anything less secure than what the spec asks for), the
 * ResourceQuota from `kubernetes.quota` and the LimitRange from
 * `kubernetes.limitRange`, a phase's own `kubernetes` settings over the base.
 */

export function namespaceObject(env: PhaseEnv, level: PodSecurityLevel): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: env.namespace, labels: { ...systemLabels(env, 'namespace'), 'pod-security.kubernetes.io/enforce': level } },
  };
}

type AmountsInput = NonNullable<NonNullable<PhaseEnv['kubernetes']['limitRange']>['max']>;

function amounts(env: PhaseEnv, input: AmountsInput | undefined, where: string): ResourceList | null {
  if (!input) return null;
  const out: ResourceList = {};
  const raw = (key: keyof AmountsInput) => {
    const value = input[key];
    return value === undefined ? undefined : (env.model.positions.rawText(input, key) ?? String(value));
  };
  const cpu = raw('cpu');
  const memory = raw('memory');
  const ephemeral = raw('ephemeralStorage');
  const at = env.model.positions.containerSpan(input) ?? env.model.system.at;
  if (cpu !== undefined) {
    const q = cpuText(cpu);
    if (q === null) env.notes.add(`\`${where}.cpu\` \`${cpu}\` is not a CPU amount: left out`, at);
    else out.cpu = q;
  }
  if (memory !== undefined) {
    const q = sizeQuantity(memory);
    if (q === null) env.notes.add(`\`${where}.memory\` \`${memory}\` is not a size: left out`, at);
    else out.memory = q;
  }
  if (ephemeral !== undefined) {
    const q = sizeQuantity(ephemeral);
    if (q === null) env.notes.add(`\`${where}.ephemeralStorage\` \`${ephemeral}\` is not a size: left out`, at);
    else out['ephemeral-storage'] = q;
  }
  if (input.gpu !== undefined) out['nvidia.com/gpu'] = String(input.gpu);
  return Object.keys(out).length ? out : null;
}

export function limitRangeObject(env: PhaseEnv): KubeObject | null {
  const input = env.kubernetes.limitRange;
  if (!input) return null;
  const limit: Record<string, unknown> = { type: 'Container' };
  const defaults = amounts(env, input.default, 'kubernetes.limitRange.default');
  const defaultRequest = amounts(env, input.defaultRequest, 'kubernetes.limitRange.defaultRequest');
  const max = amounts(env, input.max, 'kubernetes.limitRange.max');
  if (defaults) limit['default'] = defaults;
  if (defaultRequest) limit['defaultRequest'] = defaultRequest;
  if (max) limit['max'] = max;
  if (!defaults && !defaultRequest && !max) return null;
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: `${env.namespace.slice(0, 56).replace(/-+$/, '')}-limits`, namespace: env.namespace, labels: systemLabels(env, 'limit-range') },
    spec: { limits: [limit] },
  };
}

/** A `hard` value: any quantity, in its canonical form; a size or CPU amount written as documents do is converted. */
function hardValue(key: string, text: string): string | null {
  const quantity = anyQuantity(text);
  if (quantity !== null) return quantity;
  if (/memory|storage/.test(key)) return sizeQuantity(text);
  if (/cpu/.test(key)) return cpuText(text);
  return null;
}

export function quotaObject(env: PhaseEnv): KubeObject | null {
  const quota = env.kubernetes.quota;
  if (!quota || Object.keys(quota).length === 0) return null;
  const hard: Record<string, string> = {};
  for (const [key, value] of Object.entries(quota)) {
    const text = typeof value === 'number' ? (env.model.positions.rawText(quota, key) ?? String(value)) : value;
    const written = hardValue(key, text);
    if (written === null) env.notes.add(`\`kubernetes.quota\` \`${key}: ${text}\` is not a Kubernetes quantity: left out`, env.model.positions.entrySpan(quota, key) ?? env.model.system.at);
    else hard[key] = written;
  }
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: `${env.namespace.slice(0, 57).replace(/-+$/, '')}-quota`, namespace: env.namespace, labels: systemLabels(env, 'quota') },
    spec: { hard },
  };
}

/**
 * Pods the quota refuses: once a ResourceQuota caps requests or limits of CPU
 * or memory, the apiserver rejects a pod that does not set them, unless a
 * LimitRange gives defaults.
 */
export function quotaRefusals(env: PhaseEnv, components: readonly ComponentModel[]): void {
  const quota = env.kubernetes.quota;
  if (!quota) return;
  const limitRange = env.kubernetes.limitRange;
  const capped = (which: 'requests' | 'limits', resource: 'cpu' | 'memory') => {
    const keys = which === 'requests' ? [`requests.${resource}`, resource] : [`limits.${resource}`];
    const defaulted = which === 'requests' ? (limitRange?.defaultRequest?.[resource] ?? limitRange?.default?.[resource]) : limitRange?.default?.[resource];
    return keys.some((k) => quota[k] !== undefined) && defaulted === undefined;
  };
  for (const component of components) {
    const missing: string[] = [];
    for (const which of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory'] as const) {
        const set = resource === 'cpu' ? component[which].cpuMillicores !== null : component[which].memoryBytes !== null;
        if (!set && capped(which, resource)) missing.push(`${which}.${resource}`);
      }
    }
    if (missing.length) {
      env.notes.inPhase(`\`${component.name}\` sets no ${missing.map((m) => `\`${m}\``).join(', ')} while the ResourceQuota caps ${missing.length === 1 ? 'it' : 'them'} and no LimitRange gives a default: the apiserver refuses its pods`, env.phase.name, env.at(component.input, 'resources', component.at));
    }
  }
}

// The newest API the manifests use: Pod Security admission labels, GA in Kubernetes 1.25
// (also autoscaling/v2 from 1.23, policy/v1 and batch/v1 CronJob from 1.21).
const OLDEST_SUPPORTED = '1.25';

/** A note when the spec accepts a Kubernetes older than the APIs the manifests use. */
export function versionNote(env: PhaseEnv): void {
  const version = env.kubernetes.version;
  if (version === undefined) return;
  const text = typeof version === 'object' ? (version.minimum ?? version.pinned ?? version.recommended) : version;
  if (text === undefined) return;
  const range = parseVersionRange(text);
  const oldest = parseVersion(OLDEST_SUPPORTED);
  if (!range.ok || !oldest.ok) return;
  const minimum = rangeMinimum(range.value);
  if (minimum && compareVersions(minimum, oldest.value) < 0) {
    env.notes.add(`the spec accepts Kubernetes \`${String(text)}\`, but the manifests need ${OLDEST_SUPPORTED} or later (Pod Security admission labels; autoscaling/v2 needs 1.23, policy/v1 1.21)`, env.model.positions.entrySpan(env.model.input.kubernetes ?? {}, 'version') ?? null);
  }
}
