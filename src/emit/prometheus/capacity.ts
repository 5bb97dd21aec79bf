import type { PhasePlan } from '../../plan/plan.js';
import type { ComponentModel, Model, PhaseModel, VolumeModel } from '../../spec/model.js';
import { formatBytesExact } from '../../units/bytes.js';
import { dnsLabel } from '../names.js';
import type { Notes } from '../notes.js';
import { componentPaths, listText, nameList, namespaceMatchers, oneOf, series, type Matcher, type Platform } from './promql.js';
import { labels, runbook, type AlertRule } from './rules.js';

/**
 * Capacity alerts from the figures the spec gives: volumes that will fill
 * before the planning horizon, containers near their memory limit, workloads
 * below their minimum replicas. One rule covers every component that shares
 * the figures it states (a limit, a minimum, a volume size and growth), so a
 * spec of 10,000 components gives a few dozen rules, and each container,
 * claim or workload still alerts on its own series.
 */

/** The trend `predict_linear` fits: a week smooths daily cycles (backups, compaction, log rotation) and fits Prometheus' default 15-day retention. */
export const DISK_TREND_WINDOW = '7d';
/** Share of the memory limit above which a container is near it: the kernel OOM-kills at the limit. */
export const MEMORY_NEAR_LIMIT = { ratio: '0.9', percent: '90%' } as const;

interface Keyed<T> {
  key: string;
  first: T;
  members: T[];
}

/** Group items by a key, in the order each key first appears. */
function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | null): Array<Keyed<T>> {
  const groups = new Map<string, Keyed<T>>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.members.push(item);
    else groups.set(key, { key, first: item, members: [item] });
  }
  return [...groups.values()];
}

/** Components that run as containers of the system: not third-party APIs, not managed services (their provider watches those). */
export function runningComponents(phase: PhaseModel): ComponentModel[] {
  return phase.components.filter((c) => c.kind !== 'external' && c.input.managed === undefined);
}

function memberNames(members: ReadonlyArray<{ component: ComponentModel }>): string[] {
  const names: string[] = [];
  for (const m of members) if (!names.includes(m.component.name)) names.push(m.component.name);
  return names;
}

// ───────────────────────────────── volumes ──────────────────────────────────

interface VolumeRef {
  component: ComponentModel;
  volume: VolumeModel;
  /** The volume as written (size, used and growth in the spec's own words). */
  input: { size: string; used: string | null; growth: string | null; retention: string | null; disk: string | null };
  monthsUntilFull: number | null;
}

function volumeRefs(phase: PhaseModel, plan: PhasePlan | undefined): VolumeRef[] {
  const refs: VolumeRef[] = [];
  // The plan lists the volumes of every component but third-party ones, in the phase's order: keep its position.
  let index = 0;
  for (const component of phase.components) {
    if (component.kind === 'external') continue;
    if (component.input.managed !== undefined) {
      index += component.volumes.length;
      continue;
    }
    const inputs = component.input.volumes ?? [];
    for (const volume of component.volumes) {
      const written = inputs.find((v) => v.name === volume.name);
      const storage = plan?.storage[index];
      index += 1;
      refs.push({
        component,
        volume,
        input: {
          size: written ? String(written.size) : formatBytesExact(volume.sizeBytes),
          used: written?.used === undefined ? null : String(written.used),
          growth: written?.growth === undefined ? null : String(written.growth),
          retention: written?.retention === undefined ? null : String(written.retention),
          disk: written?.disk ?? null,
        },
        monthsUntilFull: storage && storage.component === component.name && storage.volume === volume.name ? storage.monthsUntilFull : null,
      });
    }
  }
  return refs;
}

function figures(ref: VolumeRef): string {
  const parts = [ref.input.size];
  if (ref.input.used !== null) parts.push(`${ref.input.used} used`);
  parts.push(ref.input.growth === null ? 'no growth given' : `growing ${ref.input.growth}`);
  if (ref.input.retention !== null) parts.push(`retention ${ref.input.retention}`);
  return parts.join(', ');
}

function planSays(ref: VolumeRef, horizonMonths: number): string {
  if (ref.input.growth === null) return '';
  const m = ref.monthsUntilFull;
  if (m === null) return ' At the spec’s own figures it does not fill.';
  return ` At the spec’s own figures it fills in ${m === 0 ? 'less than a month' : m === 1 ? '1 month' : `${m} months`}${m < horizonMonths ? ', within the horizon' : ''}.`;
}

/** Claims a volume may have: `<component>-<volume>`, or `<volume>-<component>-<ordinal>` from a StatefulSet's volumeClaimTemplates. */
export function claimPattern(component: string, volume: string, label: (name: string) => string = dnsLabel): string {
  const c = label(component);
  const v = label(volume);
  return `${c}-${v}|${v}-${c}-[0-9]+`;
}

export function diskRules(model: Model, phase: PhaseModel, platform: Platform, plan: PhasePlan | undefined, horizon: { months: number; seconds: bigint }, notes: Notes): AlertRule[] {
  const refs = volumeRefs(phase, plan);
  const horizonText = `${horizon.months}-month planning horizon`;
  const rules: AlertRule[] = [];
  if (platform.kubernetes) {
    for (const group of groupBy(refs, (r) => [r.input.size, r.input.used, r.input.growth, r.input.retention].join('\u0000'))) {
      const claims = group.members.map((r) => claimPattern(r.component.name, r.volume.name, platform.label)).join('|');
      const matchers: Matcher[] = [...namespaceMatchers(platform), ['persistentvolumeclaim', '=~', claims]];
      const which = group.members.map((r) => `\`${r.component.name}\` volume \`${r.volume.name}\``);
      rules.push({
        alert: 'VolumeFullBeforeHorizon',
        expr: `predict_linear(${series('kubelet_volume_stats_available_bytes', matchers)}[${DISK_TREND_WINDOW}], ${horizon.seconds}) < 0`,
        for: '1h',
        labels: labels(platform, 'warning'),
        annotations: {
          summary: `Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} fills within the ${horizonText}`,
          description:
            `At the trend of the last ${DISK_TREND_WINDOW} (kubelet_volume_stats_available_bytes), claim {{ $labels.persistentvolumeclaim }} runs out of space within ${horizon.months} months. ` +
            `The spec sizes ${listText(which, 6)} at ${figures(group.first)}.${group.members.length === 1 ? planSays(group.first, horizon.months) : ''}`,
          runbook: runbook(model, componentPaths(memberNames(group.members), 'volumes'), group.members.map((m) => m.component)),
        },
      });
    }
    return rules;
  }
  // On hosts: node_exporter's filesystem of the role disk that holds each volume (`disk`).
  const withoutDisk = refs.filter((r) => r.input.disk === null);
  if (withoutDisk.length) {
    notes.add(
      `no disk-full alert for ${nameList(withoutDisk.map((r) => `${r.component.name}/${r.volume.name}`))}: on hosts the alert watches the filesystem of the volume's role disk, and the spec gives no \`disk\` (mount point) for ${withoutDisk.length === 1 ? 'it' : 'them'}`,
      withoutDisk[0]?.volume.at,
      phase.name,
    );
  }
  for (const group of groupBy(refs, (r) => r.input.disk)) {
    const mount = group.key;
    const which = group.members.map((r) => `\`${r.component.name}\` volume \`${r.volume.name}\` (${figures(r)})`);
    rules.push({
      alert: 'VolumeFullBeforeHorizon',
      expr: `predict_linear(${series('node_filesystem_avail_bytes', [['mountpoint', '=', mount]])}[${DISK_TREND_WINDOW}], ${horizon.seconds}) < 0`,
      for: '1h',
      labels: labels(platform, 'warning'),
      annotations: {
        summary: `Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} fills within the ${horizonText}`,
        description:
          `At the trend of the last ${DISK_TREND_WINDOW} (node_filesystem_avail_bytes), ${mount} on {{ $labels.instance }} runs out of space within ${horizon.months} months. ` +
          `It holds ${which.join('; ')}.${group.members.length === 1 ? planSays(group.first, horizon.months) : ''}`,
        runbook: runbook(model, componentPaths(memberNames(group.members), 'volumes'), group.members.map((m) => m.component)),
      },
    });
  }
  return rules;
}

// ────────────────────────────────── memory ──────────────────────────────────

export function memoryRules(model: Model, running: readonly ComponentModel[], platform: Platform): AlertRule[] {
  const rules: AlertRule[] = [];
  const limited = running.filter((c) => c.limits.memoryBytes !== null);
  for (const group of groupBy(limited, (c) => String(c.limits.memoryBytes))) {
    const bytes = group.first.limits.memoryBytes ?? 0n;
    const written = String(group.first.input.resources?.limits?.memory ?? formatBytesExact(bytes));
    const names = group.members.map((c) => platform.label(c.name));
    const matchers: Matcher[] = platform.kubernetes ? [...namespaceMatchers(platform), oneOf('container', names)] : [oneOf('name', names)];
    const who = platform.kubernetes ? 'container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }}' : 'container {{ $labels.name }} on {{ $labels.instance }}';
    rules.push({
      alert: 'ContainerMemoryNearLimit',
      expr: `${series('container_memory_working_set_bytes', matchers)} / ${bytes} > ${MEMORY_NEAR_LIMIT.ratio}`,
      for: '15m',
      labels: labels(platform, 'warning'),
      annotations: {
        summary: `The ${who} is near its ${written} memory limit`,
        description:
          `The ${who} uses {{ $value | humanizePercentage }} of its memory limit (working set, cAdvisor), above ${MEMORY_NEAR_LIMIT.percent} for 15 minutes. ` +
          `The spec limits ${nameList(group.members.map((c) => c.name))} to ${written} (${bytes} bytes); the kernel OOM-kills the container at the limit.`,
        runbook: runbook(model, componentPaths(group.members.map((c) => c.name), 'resources.limits.memory'), group.members),
      },
    });
  }
  return rules;
}

// ───────────────────────────────── replicas ─────────────────────────────────

export function replicaRules(model: Model, phase: PhaseModel, running: readonly ComponentModel[], platform: Platform, notes: Notes): AlertRule[] {
  // The minimum the spec gives: `replicas` as written (a component without it has no stated minimum), or one per node for a daemon.
  const candidates = running.filter((c) => c.kind !== 'job' && (c.perNode || (c.input.replicas !== undefined && c.replicas.min > 0)));
  if (!candidates.length) return [];
  if (!platform.kubernetes) {
    notes.add('no replicas-below-minimum alerts: they read kube-state-metrics, and the spec does not run on Kubernetes', undefined, phase.name);
    return [];
  }
  const ns = namespaceMatchers(platform);
  const rules: AlertRule[] = [];
  const daemons = candidates.filter((c) => c.perNode);
  for (const group of groupBy(candidates.filter((c) => !c.perNode), (c) => String(c.replicas.min))) {
    const min = group.first.replicas.min;
    const names = group.members.map((c) => platform.label(c.name));
    const available = series('kube_deployment_status_replicas_available', [...ns, oneOf('deployment', names)]);
    const ready = series('kube_statefulset_status_replicas_ready', [...ns, oneOf('statefulset', names)]);
    rules.push({
      alert: 'ReplicasBelowMinimum',
      expr: `(${available} or ${ready}) < ${min}`,
      for: '15m',
      labels: labels(platform, 'warning'),
      annotations: {
        summary: `{{ $labels.namespace }}/{{ $labels.deployment }}{{ $labels.statefulset }} has ${min === 1 ? 'no available replica' : `fewer than ${min} available replicas`}`,
        description: `{{ $labels.deployment }}{{ $labels.statefulset }} has {{ $value }} available replicas (kube-state-metrics) for 15 minutes; the spec asks for at least ${min} for ${nameList(group.members.map((c) => c.name))}.`,
        runbook: runbook(model, componentPaths(group.members.map((c) => c.name), 'replicas'), group.members),
      },
    });
  }
  if (daemons.length) {
    const names = daemons.map((c) => platform.label(c.name));
    const matchers = [...ns, oneOf('daemonset', names)];
    rules.push({
      alert: 'DaemonSetBelowNodes',
      expr: `${series('kube_daemonset_status_number_available', matchers)} < ${series('kube_daemonset_status_desired_number_scheduled', matchers)}`,
      for: '15m',
      labels: labels(platform, 'warning'),
      annotations: {
        summary: `DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} is not available on every node it should run on`,
        description: `{{ $labels.daemonset }} has {{ $value }} available pods, fewer than the nodes it is scheduled on, for 15 minutes; the spec runs ${nameList(daemons.map((c) => c.name))} on every machine of ${daemons.length === 1 ? 'its roles' : 'their roles'}.`,
        runbook: runbook(model, componentPaths(daemons.map((c) => c.name), 'placement'), daemons),
      },
    });
  }
  return rules;
}
