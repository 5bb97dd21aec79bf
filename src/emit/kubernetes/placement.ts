import type { ComponentModel } from '../../spec/model.js';
import { dnsLabel } from '../names.js';
import type { PhaseEnv } from './context.js';
import { selectorOf } from './labels.js';
import type { Affinity, Labels, LabelSelectorRequirement, NodeSelectorTerm, PodSpec, TopologySpreadConstraint } from './types.js';

/**
 * Where pods may run. A role is a node label: the role's own `labels` when
 * the spec gives them, else `node-role.infraspec.io/<role>: "true"` (the
 * nodes of each role must carry it). One role is a `nodeSelector`; several
 * are a required node affinity with one term per role (any of them).
 * `antiAffinity` keeps replicas on distinct nodes (required or preferred);
 * `spreadZones` spreads them over `topology.kubernetes.io/zone`, strictly
 * when the roles name two zones or more, best-effort otherwise (a strict
 * spread cannot schedule on nodes without the zone label).
 */

export const ROLE_LABEL_PREFIX = 'node-role.infraspec.io/';
const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

/** The node labels that mark a role's machines. */
export function roleNodeLabels(env: PhaseEnv, roleName: string): Labels {
  const own = env.roles.get(roleName)?.input.labels ?? env.model.roles.find((r) => r.name === roleName)?.input.labels;
  if (own && Object.keys(own).length) return { ...own };
  return { [`${ROLE_LABEL_PREFIX}${dnsLabel(roleName)}`]: 'true' };
}

function zonesOf(env: PhaseEnv, component: ComponentModel): string[] {
  const roles = component.roles.length ? component.roles : [...env.roles.keys()];
  const zones = new Set<string>();
  for (const name of roles) for (const zone of env.roles.get(name)?.input.zones ?? []) zones.add(zone);
  return [...zones];
}

type Placement = Pick<PodSpec, 'nodeSelector' | 'affinity' | 'topologySpreadConstraints'>;

export function placementOf(env: PhaseEnv, component: ComponentModel, replicated: boolean): Placement {
  const placement = component.input.placement ?? {};
  const out: Placement = {};
  const affinity: Affinity = {};
  const zones = placement.zones ?? [];
  const zoneRequirement: LabelSelectorRequirement[] = zones.length ? [{ key: ZONE, operator: 'In', values: [...zones] }] : [];

  if (component.roles.length === 1 && zoneRequirement.length === 0) {
    out.nodeSelector = roleNodeLabels(env, component.roles[0] ?? '');
  } else if (component.roles.length > 0 || zoneRequirement.length > 0) {
    const terms: NodeSelectorTerm[] = (component.roles.length ? component.roles : [null]).map((role) => ({
      matchExpressions: [
        ...(role === null ? [] : Object.entries(roleNodeLabels(env, role)).map(([key, value]): LabelSelectorRequirement => ({ key, operator: 'In', values: [value] }))),
        ...zoneRequirement,
      ],
    }));
    affinity.nodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } };
  }

  if (replicated && placement.antiAffinity !== undefined && placement.antiAffinity !== false) {
    const term = { labelSelector: selectorOf(env, component.name), topologyKey: HOSTNAME };
    affinity.podAntiAffinity =
      placement.antiAffinity === 'preferred'
        ? { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] }
        : { requiredDuringSchedulingIgnoredDuringExecution: [term] };
  }
  if (affinity.nodeAffinity || affinity.podAntiAffinity) out.affinity = affinity;

  if (replicated && placement.spreadZones === true) {
    const known = zones.length ? zones : zonesOf(env, component);
    const strict = known.length >= 2;
    if (!strict) {
      env.notes.inPhase(`\`${component.name}\` spreads over zones, but its roles name ${known.length === 0 ? 'no zone' : 'one zone'}: the spread is best-effort (ScheduleAnyway)`, env.phase.name, env.at(placement, 'spreadZones', component.at));
    }
    const constraint: TopologySpreadConstraint = { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: strict ? 'DoNotSchedule' : 'ScheduleAnyway', labelSelector: selectorOf(env, component.name) };
    out.topologySpreadConstraints = [constraint];
  }
  if (placement.colocateWith?.length) {
    env.notes.add(`\`${component.name}\` must run beside ${placement.colocateWith.map((c) => `\`${c}\``).join(', ')} (\`colocateWith\`): not written, since the pods already share the cluster and the spec does not say the same host (a pod affinity) is meant`, env.at(placement, 'colocateWith', component.at));
  }
  return out;
}
