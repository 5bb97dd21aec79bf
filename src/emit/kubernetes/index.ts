import type { ComponentModel } from '../../spec/model.js';
import { dnsLabel } from '../names.js';
import { generatedHeader } from '../serialize.js';
import type { Emitter, EmitContext, EmitResult, GeneratedFile } from '../types.js';
import { Notes, phaseEnv, runsInCluster, type NoteCall, type PhaseEnv } from './context.js';
import { limitRangeObject, namespaceObject, quotaObject, quotaRefusals, versionNote } from './namespace.js';
import { networkPolicies, PolicyCache } from './network.js';
import { ROLE_LABEL_PREFIX } from './placement.js';
import { Renderer, type RenderedObject } from './render.js';
import type { PodSecurityLevel } from './security.js';
import type { KubeObject } from './types.js';
import { componentObjects, type ComponentObjects } from './workloads.js';

/**
 * Kubernetes manifests, per phase under `<phase>/`, one file per object (see
 * render.ts for the names and the apply order): the Namespace, its
 * ResourceQuota and LimitRange, NetworkPolicies, and for every component that
 * runs in the cluster its workload, Services, claims, autoscaler and
 * disruption budget. Third-party APIs (`external`) and managed cloud services
 * (`managed`) are not deployed; flows to them leave the cluster.
 */

const LEVELS: readonly PodSecurityLevel[] = ['restricted', 'baseline', 'privileged'];

/**
 * What a component's objects depend on besides the component: the namespace
 * and the roles it is placed by (their labels, zones and GPU vendor). Phases
 * repeat most components unchanged (the same model object), so their objects
 * are built once and reused while this key holds.
 */
function contextKey(env: PhaseEnv, component: ComponentModel, known: Map<string, string>): string {
  // Components placed on the same roles share the key: it is worked out once per phase for each list of roles.
  const names = component.roles.length ? component.roles : [...env.roles.keys()];
  const list = JSON.stringify(names);
  let key = known.get(list);
  if (key === undefined) {
    const roles = names.map((name) => {
      const input = env.roles.get(name)?.input;
      return [name, input?.labels, input?.zones, input?.minimum?.gpu?.vendor, input?.recommended?.gpu?.vendor];
    });
    key = `${env.namespace}\u0000${JSON.stringify(roles)}`;
    known.set(list, key);
  }
  return key;
}

/**
 * A component's objects as text. They are rendered as soon as they are built and the
 * objects let go: 40,000 object trees kept to the end of the run (10k components)
 * would all be copied out of the young generation and marked by every full collection.
 */
interface Built {
  key: string;
  rendered: RenderedObject[];
  security: ComponentObjects['security'];
  /** It has a LoadBalancer Service. */
  loadBalancer: boolean;
  calls: NoteCall[];
}

function renderComponent(env: PhaseEnv, component: ComponentModel, key: string, renderer: Renderer): Built {
  const { value, calls } = env.notes.record(() => componentObjects(env, component));
  const loadBalancer = value.objects.some((o) => o.kind === 'Service' && (o.spec as { type?: string } | undefined)?.type === 'LoadBalancer');
  return { key, rendered: value.objects.map((o) => renderer.renderedOnce(o)), security: value.security, loadBalancer, calls };
}

function phaseObjects(env: PhaseEnv, cache: Map<object, Built>, policies: PolicyCache, renderer: Renderer): { rendered: RenderedObject[]; loadBalancer: boolean } {
  const inCluster: ComponentModel[] = [];
  const objects: RenderedObject[] = [];
  let loadBalancer = false;
  let level: PodSecurityLevel = 'restricted';
  const below: string[] = [];
  const keys = new Map<string, string>();
  for (const component of env.list) {
    if (component.kind === 'external') {
      env.notes.add(`\`${component.name}\` is external (a third-party service): nothing is deployed for it; its flows cross the cluster's edge, and the policies allow them by address`, component.at);
      continue;
    }
    const managed = component.input.managed;
    if (managed) {
      env.notes.add(`\`${component.name}\` is a managed service (${managed.provider} ${managed.service}): it is not deployed in the cluster; its flows cross the cluster's edge, and the policies allow them by address`, env.at(component.input, 'managed', component.at));
      continue;
    }
    inCluster.push(component);
    const key = contextKey(env, component, keys);
    let built = cache.get(component.input);
    if (built && built.key === key) {
      env.notes.replay(built.calls, env.phase.name);
    } else {
      built = renderComponent(env, component, key, renderer);
      cache.set(component.input, built);
    }
    for (const object of built.rendered) objects.push(object);
    loadBalancer ||= built.loadBalancer;
    if (LEVELS.indexOf(built.security.level) > LEVELS.indexOf(level)) level = built.security.level;
    if (built.security.level !== 'restricted') below.push(`\`${component.name}\` (${built.security.reasons.join(', ')})`);
  }
  quotaRefusals(env, inCluster);
  versionNote(env);
  if (below.length) {
    env.notes.inPhase(`namespace \`${env.namespace}\` enforces the Pod Security level \`${level}\` rather than \`restricted\`, for ${below.join('; ')}`, env.phase.name);
  }
  const head: KubeObject[] = [namespaceObject(env, level)];
  const quota = quotaObject(env);
  if (quota) head.push(quota);
  const limits = limitRangeObject(env);
  if (limits) head.push(limits);
  const rendered = [...head, ...networkPolicies(env, inCluster, policies)].map((o) => renderer.rendered(o));
  for (const object of objects) rendered.push(object);
  return { rendered, loadBalancer };
}

/** Phase directories: the phase name, made safe as a path segment. */
function phaseDirectory(name: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) ? name : dnsLabel(name);
}

export const kubernetesEmitter: Emitter = {
  id: 'kubernetes',
  summary: 'Kubernetes manifests per phase: namespace, quota, limits, network policies, workloads, services, claims, autoscalers and disruption budgets, one file per object',
  emit(context: EmitContext): EmitResult {
    const { model } = context;
    const notes = new Notes(context.phases.length);
    if (model.input.kubernetes === undefined && !context.phases.some((p) => p.input?.kubernetes !== undefined)) {
      notes.add('the spec has no `kubernetes` section (its page does not describe a cluster): the manifests are generated from the components it declares', model.system.at);
    }
    const renderer = new Renderer(generatedHeader(context.source));
    const files: GeneratedFile[] = [];
    const usedRoles = new Set<string>();
    // Maps, here and in the other caches of one run: they live only as long as the call, so weak keys gain
    // nothing, and a WeakMap's entries are ephemerons, which the garbage collector treats specially.
    const cache = new Map<object, Built>();
    const policies = new PolicyCache();
    let publicServices = false;
    for (const phase of context.phases) {
      const env = phaseEnv(model, phase, notes);
      const { rendered, loadBalancer } = phaseObjects(env, cache, policies, renderer);
      for (const component of phase.components) {
        if (!runsInCluster(component)) continue;
        for (const role of component.roles) {
          const own = env.roles.get(role)?.input.labels;
          if (!own || Object.keys(own).length === 0) usedRoles.add(role);
        }
      }
      publicServices ||= loadBalancer;
      for (const file of renderer.files(phaseDirectory(phase.name), env.namespace, rendered)) files.push(file);
    }
    if (usedRoles.size) {
      notes.add(`pods are placed on roles by node label: label the nodes of each role \`${ROLE_LABEL_PREFIX}<role>=true\` (${[...usedRoles].map((r) => `\`${ROLE_LABEL_PREFIX}${dnsLabel(r)}\``).join(', ')})`);
    }
    if (publicServices) {
      notes.add('ports with `exposure: public` get a LoadBalancer Service `<component>-public`; on a cluster without a load-balancer controller it stays pending while its node ports answer');
    }
    notes.add('pods run as non-root, without privilege escalation, with every capability dropped and the runtime\'s default seccomp profile, unless `security` says otherwise: an image that starts as root needs `security.runAsUser` (or `runAsNonRoot: false`) in the spec');
    notes.add('apply a phase with `kubectl apply -f <phase>/`: its files are numbered in the order they must be applied (namespace first)');
    return { files, notes: notes.list };
  },
};
