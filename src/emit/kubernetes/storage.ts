import type { ComponentModel, VolumeModel } from '../../spec/model.js';
import type { VolumeInput } from '../../spec/schema.js';
import { dnsLabel } from '../names.js';
import { codeList, type PhaseEnv } from './context.js';
import { componentLabels } from './labels.js';
import { bytesQuantity } from './quantities.js';
import type { KubeObject, PersistentVolumeClaimSpec, Volume, VolumeMount } from './types.js';

/**
 * Volumes. A `perReplica` volume is a StatefulSet volumeClaimTemplate (one
 * claim per pod); any other volume is one PersistentVolumeClaim
 * `<component>-<volume>` that every pod of the component mounts. The size is
 * exact (`20Gi`, `60G` for 60GB); `class` is the storageClassName (the
 * cluster's default class when absent); the access mode defaults to
 * ReadWriteOnce. A volume without `mount` is mounted at `/data/<volume>`.
 * Host paths from `security.hostPaths` are hostPath volumes at the same path.
 */

export interface ClaimTemplate {
  metadata: { name: string; labels: Record<string, string> };
  spec: PersistentVolumeClaimSpec;
}

export interface VolumePlan {
  claims: KubeObject[];
  templates: ClaimTemplate[];
  podVolumes: Volume[];
  mounts: VolumeMount[];
  /** A claim only one node can mount at a time: a Deployment must replace its pod, not surge. */
  singleNodeClaim: boolean;
}

export function claimName(component: ComponentModel, volume: string): string {
  return dnsLabel(`${dnsLabel(component.name)}-${dnsLabel(volume)}`);
}

function claimSpec(env: PhaseEnv, component: ComponentModel, volume: VolumeModel, input: VolumeInput): PersistentVolumeClaimSpec {
  if (input.accessMode === undefined) env.notes.add('volumes without `accessMode` are claimed ReadWriteOnce (mounted read-write by one node at a time)');
  const raw = env.model.positions.rawText(input, 'size') ?? String(input.size);
  const spec: PersistentVolumeClaimSpec = {
    accessModes: [input.accessMode ?? 'ReadWriteOnce'],
    resources: { requests: { storage: bytesQuantity(volume.sizeBytes, raw.replace(/^[~≈]\s*/, '').replace(/\+\s*$/, '')) } },
  };
  if (input.class !== undefined) spec.storageClassName = input.class;
  if (/\+\s*$/.test(raw)) env.notes.add(`\`${component.name}/${volume.name}\` is \`${raw}\` (at least): the claim asks for the floor, ${spec.resources.requests.storage}`, volume.at);
  return spec;
}

export function volumesOf(env: PhaseEnv, component: ComponentModel, statefulSet: boolean, replicas: number): VolumePlan {
  const plan: VolumePlan = { claims: [], templates: [], podVolumes: [], mounts: [], singleNodeClaim: false };
  const inputs = new Map((component.input.volumes ?? []).map((v) => [v.name, v]));
  const mountPaths = new Map<string, string>();
  const mount = (name: string, path: string, what: string, at: VolumeModel['at']): boolean => {
    const taken = mountPaths.get(path);
    if (taken !== undefined) {
      env.notes.add(`\`${component.name}\`: ${what} would be mounted at \`${path}\`, where \`${taken}\` already is: left out`, at);
      return false;
    }
    mountPaths.set(path, name);
    plan.mounts.push({ name, mountPath: path });
    return true;
  };
  for (const volume of component.volumes) {
    const input = inputs.get(volume.name);
    if (!input) continue;
    const name = dnsLabel(volume.name);
    let path = input.mount;
    if (path === undefined) {
      path = `/data/${name}`;
      env.notes.group('mount', `${component.name}/${volume.name}`, (volumes) =>
        `${volumes.length === 1 ? 'volume' : 'volumes'} ${codeList(volumes)} ${volumes.length === 1 ? 'gives' : 'give'} no \`mount\`: ${volumes.length === 1 ? 'it is' : 'each is'} mounted at \`/data/<volume>\`; set \`mount:\` to where the image keeps its data`,
      );
    }
    if (!mount(name, path, `volume \`${volume.name}\``, volume.at)) continue;
    const spec = claimSpec(env, component, volume, input);
    if (volume.perReplica && statefulSet) {
      plan.templates.push({ metadata: { name, labels: componentLabels(env, component) }, spec });
      continue;
    }
    if (volume.perReplica) {
      env.notes.add(`\`${component.name}/${volume.name}\` is one volume per replica, which only a StatefulSet gives: a ${component.kind} gets one claim its pods share`, volume.at);
    }
    const claim = claimName(component, volume.name);
    plan.claims.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claim, namespace: env.namespace, labels: componentLabels(env, component) }, spec });
    plan.podVolumes.push({ name, persistentVolumeClaim: { claimName: claim } });
    const mode = spec.accessModes[0];
    if (mode === 'ReadWriteOnce' || mode === 'ReadWriteOncePod') {
      plan.singleNodeClaim = true;
      if (replicas > 1 || component.kind === 'daemon') {
        env.notes.add(`\`${component.name}\`: its ${component.kind === 'daemon' ? 'pods on every node' : `${replicas} replicas`} share the ${mode} claim \`${claim}\`${mode === 'ReadWriteOncePod' ? ', which one pod only can mount' : ', which one node only can mount'}; make the volume \`perReplica\` or \`ReadWriteMany\``, volume.at);
      }
    }
  }
  for (const hostPath of component.input.security?.hostPaths ?? []) {
    const at = env.at(component.input.security, 'hostPaths', component.at);
    const name = dnsLabel(`host-${hostPath}`);
    if (!hostPath.startsWith('/')) {
      env.notes.add(`\`${component.name}\`: host path \`${hostPath}\` is not absolute: left out`, at);
      continue;
    }
    if (!mount(name, hostPath, `host path \`${hostPath}\``, at)) continue;
    plan.podVolumes.push({ name, hostPath: { path: hostPath } });
  }
  return plan;
}
