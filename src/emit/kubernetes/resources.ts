import type { ComponentModel } from '../../spec/model.js';
import type { PhaseEnv } from './context.js';
import { bytesQuantity, cpuQuantity, sizeQuantity } from './quantities.js';
import type { ResourceList, ResourceRequirements } from './types.js';

type Amounts = NonNullable<NonNullable<ComponentModel['input']['resources']>['requests']>;

/** The extended resource a GPU count asks for, by the vendor of the roles the component runs on. */
export function gpuResource(env: PhaseEnv, component: ComponentModel): string {
  const vendors = new Set<string>();
  for (const name of component.roles) {
    const role = env.roles.get(name);
    const vendor = role?.input.minimum?.gpu?.vendor ?? role?.input.recommended?.gpu?.vendor;
    if (vendor) vendors.add(vendor);
  }
  // The device plugins' resource names: NVIDIA's and AMD's plugins, Intel's GPU plugin (i915).
  if (vendors.size === 1 && vendors.has('amd')) return 'amd.com/gpu';
  if (vendors.size === 1 && vendors.has('intel')) return 'gpu.intel.com/i915';
  return 'nvidia.com/gpu';
}

function list(env: PhaseEnv, component: ComponentModel, which: 'requests' | 'limits'): ResourceList {
  const model = component[which];
  const input: Amounts | undefined = component.input.resources?.[which];
  const out: ResourceList = {};
  if (model.cpuMillicores !== null) out.cpu = cpuQuantity(model.cpuMillicores);
  if (model.memoryBytes !== null && input?.memory !== undefined) {
    const raw = env.model.positions.rawText(input, 'memory') ?? String(input.memory);
    out.memory = bytesQuantity(model.memoryBytes, raw);
  }
  if (input?.ephemeralStorage !== undefined) {
    const raw = env.model.positions.rawText(input, 'ephemeralStorage') ?? String(input.ephemeralStorage);
    const quantity = sizeQuantity(raw);
    if (quantity === null) env.notes.add(`\`${component.name}\`: ephemeral storage \`${raw}\` is not a size: left out`, env.at(input, 'ephemeralStorage', component.at));
    else out['ephemeral-storage'] = quantity;
  }
  return out;
}

/**
 * Requests and limits, exact. A GPU count is an extended resource, which
 * Kubernetes takes from limits (requests, when given, must equal them).
 */
export function resourcesOf(env: PhaseEnv, component: ComponentModel): ResourceRequirements | undefined {
  const requests = list(env, component, 'requests');
  const limits = list(env, component, 'limits');
  const gpuRequest = component.input.resources?.requests?.gpu;
  const gpuLimit = component.input.resources?.limits?.gpu;
  const gpu = gpuLimit ?? gpuRequest;
  if (gpu !== undefined && gpu > 0) {
    const resource = gpuResource(env, component);
    limits[resource] = String(gpu);
    if (gpuRequest !== undefined && gpuLimit !== undefined && gpuRequest !== gpuLimit) {
      env.notes.add(`\`${component.name}\` requests ${gpuRequest} GPU with a limit of ${gpuLimit}: Kubernetes cannot overcommit GPUs, so it asks for the limit, ${gpuLimit}`, env.at(component.input.resources, 'requests', component.at));
    } else if (gpuRequest !== undefined) {
      requests[resource] = String(gpu);
    }
  }
  const out: ResourceRequirements = {};
  if (Object.keys(requests).length) out.requests = requests;
  if (Object.keys(limits).length) out.limits = limits;
  return out.requests || out.limits ? out : undefined;
}
