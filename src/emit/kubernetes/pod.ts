import type { ComponentModel } from '../../spec/model.js';
import { dnsLabel } from '../names.js';
import { codeList, type PhaseEnv } from './context.js';
import { envOf } from './env.js';
import { componentLabels, pageLabels } from './labels.js';
import { placementOf } from './placement.js';
import { probesOf } from './probes.js';
import { resourcesOf } from './resources.js';
import type { Security } from './security.js';
import { containerPorts, type PlannedPort } from './services.js';
import type { VolumePlan } from './storage.js';
import type { Container, PodSpec, PodTemplate } from './types.js';

/**
 * The pod template every workload kind shares: one container named after the
 * component, its image, ports, environment, exact resources, probes,
 * security context, volumes and placement.
 */

/**
 * A component without `image` still gets its workload (the spec is the source
 * of truth for everything else) with an image that cannot be pulled: the
 * `.invalid` top-level domain never resolves (RFC 2606), so the pod stops at
 * ErrImagePull instead of running whatever a public registry holds under a
 * guessed name.
 */
export function placeholderImage(env: PhaseEnv, component: ComponentModel): string {
  return `infraspec.invalid/${env.system}/${dnsLabel(component.name)}:unspecified`;
}

function imageOf(env: PhaseEnv, component: ComponentModel): string {
  if (component.input.image !== undefined && component.input.image.trim() !== '') return component.input.image;
  const image = placeholderImage(env, component);
  env.notes.group('image', component.name, (names) =>
    `${codeList(names)} ${names.length === 1 ? 'gives' : 'give'} no \`image\`: ${names.length === 1 ? 'its workload uses' : 'their workloads use'} the placeholder \`infraspec.invalid/${env.system}/<component>:unspecified\`, which cannot be pulled (\`.invalid\` never resolves, so no image of a guessed name is ever run); set \`image:\` in the spec`,
  );
  return image;
}

export interface PodInputs {
  ports: readonly PlannedPort[];
  volumes: VolumePlan;
  security: Security;
  /** More than one pod of it may run (anti-affinity and zone spread apply). */
  replicated: boolean;
  restartPolicy?: PodSpec['restartPolicy'];
}

export function podTemplate(env: PhaseEnv, component: ComponentModel, inputs: PodInputs): PodTemplate {
  const container: Container = { name: dnsLabel(component.name), image: imageOf(env, component) };
  const ports = containerPorts(inputs.ports);
  if (ports) container.ports = ports;
  const variables = envOf(env, component);
  if (variables) container.env = variables;
  const resources = resourcesOf(env, component);
  if (resources) container.resources = resources;
  Object.assign(container, probesOf(env, component));
  container.securityContext = inputs.security.container;
  if (inputs.volumes.mounts.length) container.volumeMounts = inputs.volumes.mounts;

  const spec: PodSpec = { containers: [container], securityContext: inputs.security.pod, ...placementOf(env, component, inputs.replicated) };
  if (inputs.restartPolicy) spec.restartPolicy = inputs.restartPolicy;
  if (inputs.volumes.podVolumes.length) spec.volumes = inputs.volumes.podVolumes;
  return { metadata: { labels: { ...pageLabels(env, component), ...componentLabels(env, component) } }, spec };
}
