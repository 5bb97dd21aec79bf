import type { ComponentModel } from '../../spec/model.js';
import { dnsLabel } from '../names.js';
import { hpaOf } from './autoscaling.js';
import { codeList, type PhaseEnv } from './context.js';
import { pdbOf } from './disruption.js';
import { componentLabels, selectorOf } from './labels.js';
import { podTemplate } from './pod.js';
import { securityOf, withHostPaths, type Security } from './security.js';
import { plannedPorts, servicesOf, serviceName } from './services.js';
import { volumesOf } from './storage.js';
import type { KubeObject } from './types.js';

/**
 * The objects of one component: its workload (Deployment for services and
 * workers, StatefulSet for datastores and for anything with `perReplica`
 * volumes, DaemonSet for daemons, CronJob for jobs), its Services, claims,
 * autoscaler and disruption budget.
 */

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob';

export function workloadKind(component: ComponentModel): WorkloadKind {
  if (component.kind === 'daemon') return 'DaemonSet';
  if (component.kind === 'job') return 'CronJob';
  if (component.kind === 'datastore' || component.volumes.some((v) => v.perReplica)) return 'StatefulSet';
  return 'Deployment';
}

/** StatefulSet and CronJob names stay within 52 characters: the controllers append to them in 63-character labels. */
function workloadName(component: ComponentModel, kind: WorkloadKind): string {
  const name = dnsLabel(component.name);
  return kind === 'StatefulSet' || kind === 'CronJob' ? name.slice(0, 52).replace(/-+$/, '') : name;
}

export interface ComponentObjects {
  objects: KubeObject[];
  security: Security;
}

// Engine configuration the image must be given: the spec keeps it, Kubernetes objects cannot say it.
const ENGINE_FIELDS = ['settings', 'persistence', 'extensions'] as const;

function engineNotes(env: PhaseEnv, component: ComponentModel): void {
  const fields = ENGINE_FIELDS.filter((f) => component.input[f] !== undefined);
  if (fields.length) {
    env.notes.add(`\`${component.name}\`: ${fields.map((f) => `\`${f}\``).join(', ')} ${fields.length === 1 ? 'is' : 'are'} engine configuration, which the image or a ConfigMap must carry: not in the manifests`, env.at(component.input, fields[0] ?? 'settings', component.at));
  }
  const ha = component.input.ha;
  if (ha && ha.mode !== 'single' && component.replicas.max > 1) {
    env.notes.add(`\`${component.name}\` asks for ${ha.mode} high availability${ha.tool ? ` (${ha.tool})` : ''}: the manifests run its ${component.kind === 'datastore' ? 'StatefulSet' : 'replicas'}, while replication and failover come from the image or an operator, not from Kubernetes`, env.at(component.input, 'ha', component.at));
  }
  if (component.input.encryption?.atRest === true) {
    env.notes.add(`\`${component.name}\` is encrypted at rest: ${component.volumes.length ? 'its claims must use an encrypting storage class' : 'the image must do it'}; Kubernetes objects cannot say it`, env.at(component.input, 'encryption', component.at));
  }
  if ((component.input.flows ?? []).some((f) => f.retries !== undefined || f.timeout !== undefined || f.circuitBreaker !== undefined)) {
    env.notes.add(`\`${component.name}\`: flow timeouts, retries and circuit breakers need a service mesh (e.g. Istio VirtualService and DestinationRule): not generated`, env.at(component.input, 'flows', component.at));
  }
}

export function componentObjects(env: PhaseEnv, component: ComponentModel): ComponentObjects {
  const kind = workloadKind(component);
  const name = workloadName(component, kind);
  const labels = componentLabels(env, component);
  const ports = plannedPorts(env, component);
  const replicas = component.replicas.min;
  const replicated = component.replicas.max > 1 && kind !== 'DaemonSet';
  const volumes = volumesOf(env, component, kind === 'StatefulSet', component.replicas.max);
  const own = securityOf(env, component);
  const security = volumes.podVolumes.some((v) => v.hostPath) ? withHostPaths(own) : own;
  if (security.pod.runAsNonRoot && security.pod.fsGroup === undefined && (volumes.templates.length || volumes.podVolumes.some((v) => v.persistentVolumeClaim))) {
    env.notes.group('fs-group', component.name, (names) => `${codeList(names)} ${names.length === 1 ? 'runs' : 'run'} as non-root and ${names.length === 1 ? 'mounts claims' : 'mount claims'} without \`security.fsGroup\`: a new volume is owned by root, so ${names.length === 1 ? 'its' : 'their'} data directories may not be writable; set \`security.fsGroup\` to the image's group`);
  }
  const objects: KubeObject[] = [...volumes.claims, ...servicesOf(env, component, ports, kind === 'StatefulSet')];
  engineNotes(env, component);
  if (component.input.optional === true) env.notes.add(`\`${component.name}\` is optional on the page: it is generated; leave its files out to go without it`, component.at);
  const meta = { name, namespace: env.namespace, labels };
  const selector = selectorOf(env, component.name);

  if (kind === 'CronJob') {
    const template = podTemplate(env, component, { ports, volumes, security, replicated: false, restartPolicy: 'OnFailure' });
    const concurrency = component.input.concurrency ?? 1;
    if (concurrency > 1) env.notes.add(`\`${component.name}\` may run ${concurrency} times at once: a CronJob can forbid overlapping runs or allow any number, not cap them, so it allows them`, env.at(component.input, 'concurrency', component.at));
    const schedule = component.input.schedule;
    if (schedule === undefined) env.notes.add(`\`${component.name}\` gives no \`schedule\`: its CronJob is written suspended, with the placeholder schedule \`@daily\`; set \`schedule:\` in the spec`, component.at);
    objects.push({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta,
      spec: {
        schedule: schedule ?? '@daily',
        ...(schedule === undefined ? { suspend: true } : {}),
        concurrencyPolicy: concurrency > 1 ? 'Allow' : 'Forbid',
        jobTemplate: { metadata: { labels }, spec: { template } },
      },
    });
    return { objects, security };
  }

  const template = podTemplate(env, component, { ports, volumes, security, replicated });
  if (kind === 'DaemonSet') {
    objects.push({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta, spec: { selector, template } });
  } else if (kind === 'StatefulSet') {
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta,
      spec: { serviceName: serviceName(component.name, 'headless'), replicas, selector, template, ...(volumes.templates.length ? { volumeClaimTemplates: volumes.templates } : {}) },
    });
  } else {
    // A claim one node mounts at a time would hold the new pod of a rolling update: replace instead.
    if (volumes.singleNodeClaim) env.notes.add(`\`${component.name}\` mounts a single-node claim: its Deployment replaces pods (strategy Recreate) rather than rolling, so the new pod can mount it`, component.at);
    objects.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { replicas, selector, template, ...(volumes.singleNodeClaim ? { strategy: { type: 'Recreate' } } : {}) } });
  }
  const hpa = kind === 'Deployment' || kind === 'StatefulSet' ? hpaOf(env, component, { kind, name }) : null;
  if (hpa) {
    objects.push(hpa);
    env.notes.group('hpa-replicas', component.name, (names) =>
      `the ${names.length === 1 ? 'workload' : 'workloads'} of ${codeList(names)} ${names.length === 1 ? 'starts' : 'start'} at the minimum of ${names.length === 1 ? 'its' : 'their'} replica range, and ${names.length === 1 ? 'its' : 'their'} HorizontalPodAutoscaler scales from there; each later \`kubectl apply\` resets the count to that minimum until the autoscaler acts again, so once it runs, apply without \`spec.replicas\``,
    );
  }
  else if (component.input.autoscaling) {
    env.notes.add(`\`${component.name}\` gives autoscaling targets but ${kind === 'DaemonSet' ? 'runs one pod per node' : `a fixed ${replicas} replicas`}: no HorizontalPodAutoscaler`, env.at(component.input, 'autoscaling', component.at));
  }
  const pdb = pdbOf(env, component, name);
  if (pdb) objects.push(pdb);
  return { objects, security };
}
