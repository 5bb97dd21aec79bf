import { replicaRange } from '../../plan/plan.js';
import type { ComponentModel } from '../../spec/model.js';
import { parseCount } from '../../units/count.js';
import { cpuMillicores, memoryBytes } from '../../units/quantity.js';
import { bytesFigure, componentAt, cpuFigure, effectiveResources, phaseKubernetes, runsAsPods, systemOf, volumeInput, type EffectiveResources, type Resource } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

type Unit = 'cpu' | 'bytes' | 'count';

interface Need {
  unit: Unit;
  what: string;
  /** What admission turns away past the quota. */
  rejected: string;
  min: bigint;
  max: bigint;
}

/** What a quota key counts for one component, at its minimum and maximum replicas. */
type Measure = (c: ComponentModel, replicas: { min: bigint; max: bigint }, effective: EffectiveResources) => { min: bigint; max: bigint };

const resourceMeasure = (kind: 'request' | 'limit', resource: Resource): Measure => (_c, r, e) => {
  const value = (kind === 'request' ? e.request : e.limit)[resource] ?? 0n;
  return { min: value * r.min, max: value * r.max };
};
const pods: Measure = (_c, r) => r;
const claims: Measure = (c, r) => {
  let min = 0n, max = 0n;
  for (const v of c.volumes) {
    min += v.perReplica ? r.min : 1n;
    max += v.perReplica ? r.max : 1n;
  }
  return { min, max };
};
const storage = (storageClass: string | null): Measure => (c, r) => {
  let min = 0n, max = 0n;
  for (const v of c.volumes) {
    if (storageClass !== null && volumeInput(c, v.name)?.class !== storageClass) continue;
    min += v.sizeBytes * (v.perReplica ? r.min : 1n);
    max += v.sizeBytes * (v.perReplica ? r.max : 1n);
  }
  return { min, max };
};
const classClaims = (storageClass: string): Measure => (c, r) => {
  let min = 0n, max = 0n;
  for (const v of c.volumes) {
    if (volumeInput(c, v.name)?.class !== storageClass) continue;
    min += v.perReplica ? r.min : 1n;
    max += v.perReplica ? r.max : 1n;
  }
  return { min, max };
};
const objects = (test: (c: ComponentModel) => boolean): Measure => (c) => (test(c) ? { min: 1n, max: 1n } : { min: 0n, max: 0n });

const RESOURCE_KEYS: Record<string, { kind: 'request' | 'limit'; resource: Resource }> = {
  cpu: { kind: 'request', resource: 'cpuMillicores' },
  'requests.cpu': { kind: 'request', resource: 'cpuMillicores' },
  memory: { kind: 'request', resource: 'memoryBytes' },
  'requests.memory': { kind: 'request', resource: 'memoryBytes' },
  'limits.cpu': { kind: 'limit', resource: 'cpuMillicores' },
  'limits.memory': { kind: 'limit', resource: 'memoryBytes' },
};

/** How a ResourceQuota `hard` key is measured, in its unit. */
function measureOf(key: string): { unit: Unit; what: string; measure: Measure } | null {
  const resource = RESOURCE_KEYS[key];
  if (resource) return { unit: resource.resource === 'cpuMillicores' ? 'cpu' : 'bytes', what: resource.kind === 'request' ? `of requested ${resource.resource === 'cpuMillicores' ? 'CPU' : 'memory'}` : `of ${resource.resource === 'cpuMillicores' ? 'CPU' : 'memory'} limits`, measure: resourceMeasure(resource.kind, resource.resource) };
  if (key === 'pods' || key === 'count/pods') return { unit: 'count', what: 'pods', measure: pods };
  if (key === 'persistentvolumeclaims' || key === 'count/persistentvolumeclaims') return { unit: 'count', what: 'volume claims', measure: claims };
  if (key === 'requests.storage') return { unit: 'bytes', what: 'of volume claims', measure: storage(null) };
  const byClass = /^(.+)\.storageclass\.storage\.k8s\.io\/(requests\.storage|persistentvolumeclaims)$/.exec(key);
  if (byClass) {
    const storageClass = byClass[1] ?? '';
    return byClass[2] === 'requests.storage' ? { unit: 'bytes', what: `of \`${storageClass}\` volume claims`, measure: storage(storageClass) } : { unit: 'count', what: `\`${storageClass}\` volume claims`, measure: classClaims(storageClass) };
  }
  if (key === 'count/cronjobs.batch') return { unit: 'count', what: 'CronJobs', measure: objects((c) => c.kind === 'job') };
  if (key === 'count/daemonsets.apps') return { unit: 'count', what: 'DaemonSets', measure: objects((c) => c.kind === 'daemon') };
  if (key === 'services.nodeports') return { unit: 'count', what: 'NodePort Services', measure: objects((c) => (c.input.ports ?? []).some((p) => p.nodePort !== undefined || p.exposure === 'node')) };
  return null;
}

function parseHard(unit: Unit, value: string | number): bigint | null {
  const parsed = unit === 'cpu' ? cpuMillicores(value) : unit === 'bytes' ? memoryBytes(value) : null;
  if (parsed) return parsed.ok ? parsed.value : null;
  const count = parseCount(value);
  if (count.ok) return count.value.value;
  const quantity = memoryBytes(value);
  return quantity.ok ? quantity.value : null;
}

export const quotaBelowRequests: Rule<'belowAtMin' | 'belowAtMax' | 'unspecified'> = {
  id: 'quota-below-requests',
  severity: 'error',
  category: 'capacity',
  summary: 'The namespace’s ResourceQuota must hold what the phase’s pods request, at their minimum and at their maximum replicas.',
  messages: {
    belowAtMin: 'the quota `{key}: {quota}` is below the {needed} {what} the components need at their minimum replicas: Kubernetes rejects the {rejected} beyond it',
    belowAtMax: 'the quota `{key}: {quota}` is below the {needed} {what} the components need at their maximum replicas: scaling out stops at the quota and the extra {rejected} are rejected',
    unspecified: '`{component}` sets no {missing}, and no LimitRange gives a default, but the quota limits {them}: Kubernetes rejects its pods',
  },
  docs: {
    why: 'A ResourceQuota caps what all the pods of a namespace may request and limit, and how many pods and volume claims it may hold; a pod that would cross a cap is rejected at admission. A quota below what the deployment needs at its minimum replicas means the deployment cannot start as written; below what it needs at the autoscaler’s maximum, scaling out stops at the quota when load needs it. A quota on CPU or memory also makes every pod state that figure: a component without it (and without a LimitRange default) is rejected outright. Phase `kubernetes` overrides apply.',
    invalid: `kubernetes:
  quota:
    requests.cpu: "1"
    requests.memory: 2Gi
components:
  api:
    kind: service
    replicas: 3
    resources:
      requests: { cpu: 250m, memory: 1Gi }
`,
    valid: `kubernetes:
  quota:
    requests.cpu: "1"
    requests.memory: 4Gi
components:
  api:
    kind: service
    replicas: 3
    resources:
      requests: { cpu: 250m, memory: 1Gi }
`,
    fix: 'Raise the quota to what the phase needs at its maximum replicas, or lower the requests or replicas.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      const { quota, limitRange } = phaseKubernetes(model, phase);
      if (quota.length === 0) continue;
      const running = phase.components.filter(runsAsPods);
      const effective = new Map(running.map((c) => [c, effectiveResources(c, limitRange)]));
      const replicas = new Map(running.map((c) => [c, replicaRange(phase, c)]));
      const needs: Array<{ entry: (typeof quota)[number]; need: Need; hard: bigint }> = [];
      for (const entry of quota) {
        const measured = measureOf(entry.key);
        if (!measured) continue;
        const hard = parseHard(measured.unit, entry.value);
        if (hard === null) continue;
        const need: Need = { unit: measured.unit, what: measured.what, rejected: /claims/.test(measured.what) ? 'volume claims' : measured.what === 'CronJobs' || measured.what === 'DaemonSets' || measured.what === 'NodePort Services' ? measured.what : 'pods', min: 0n, max: 0n };
        for (const c of running) {
          const m = measured.measure(c, replicas.get(c) ?? { min: 0n, max: 0n }, effective.get(c) ?? effectiveResources(c, limitRange));
          need.min += m.min;
          need.max += m.max;
        }
        needs.push({ entry, need, hard });
      }
      for (const { entry, need, hard } of needs) {
        const message = need.min > hard ? 'belowAtMin' : need.max > hard ? 'belowAtMax' : null;
        if (message === null) continue;
        const value = message === 'belowAtMin' ? need.min : need.max;
        const needed = need.unit === 'cpu' ? cpuFigure(value) : need.unit === 'bytes' ? bytesFigure(value, systemOf(entry.written, 'iec')) : value.toString();
        report({ at: analysis.at(entry.container, entry.key), message, data: { key: entry.key, quota: entry.written, needed, what: need.what, rejected: need.rejected }, phase: phase.name });
      }
      // A quota on a compute resource makes every pod state it.
      const capped = new Set(quota.map((q) => q.key).filter((k) => k in RESOURCE_KEYS));
      if (capped.size === 0) continue;
      for (const c of running) {
        const e = effective.get(c);
        if (!e) continue;
        const missing: string[] = [];
        for (const key of ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']) {
          const spec = RESOURCE_KEYS[key];
          if (!spec) continue;
          const alias = key.startsWith('requests.') ? key.slice('requests.'.length) : null;
          if (!capped.has(key) && !(alias !== null && capped.has(alias))) continue;
          if ((spec.kind === 'request' ? e.request : e.limit)[spec.resource] === null) missing.push(`${spec.resource === 'cpuMillicores' ? 'CPU' : 'memory'} ${spec.kind}`);
        }
        if (missing.length === 0) continue;
        const list = missing.length === 1 ? (missing[0] ?? '') : `${missing.slice(0, -1).join(', ')} or ${missing[missing.length - 1] ?? ''}`;
        report({ at: componentAt(phase, c, analysis), message: 'unspecified', data: { component: c.name, missing: list, them: missing.length === 1 ? 'it' : 'them' }, phase: phase.name });
      }
    }
  },
};
