/**
 * What the metric phrases of requirement pages mean in PromQL. Pages write the
 * metric of an alert in words ("node CPU utilization", "pod crash loop
 * detected") or as a CloudWatch name (`CPUUtilization`); each known phrase maps
 * to an expression over the standard exporters, in the unit its thresholds are
 * written in.
 *
 * Sources (checked 2026-11-23): node_exporter metric names (prometheus/node_exporter
 * README, collectors cpu, meminfo, filesystem); kube-state-metrics v2 docs
 * (docs/metrics/workload/pod-metrics.md: kube_pod_container_status_waiting_reason,
 * kube_pod_container_status_restarts_total, kube_pod_container_resource_limits);
 * cAdvisor's Prometheus metrics (docs/storage/prometheus.md:
 * container_cpu_usage_seconds_total, container_memory_working_set_bytes,
 * container_oom_events_total); kubelet volume stats (kubelet_volume_stats_*);
 * AWS/EC2 CloudWatch metrics (CPUUtilization is a percentage 0–100).
 */

export interface MetricContext {
  /** A metric with the workloads' namespace (when the spec gives one) and these matchers: `m{namespace="x",a="b"}`. */
  sel(metric: string, ...matchers: string[]): string;
  /** The rate window: the alert's `period`, else 5m. */
  window: string;
  kubernetes: boolean;
}

export interface KnownMetric {
  /** The values of the expression: `percent` (0–100, as the page's `80%`), or a `count`. */
  unit: 'percent' | 'count';
  /** Needs Kubernetes (kube-state-metrics, kubelet or cAdvisor container labels). */
  kubernetes: boolean;
  /** The exporter and metric, for the description. */
  source: string;
  expr(context: MetricContext): string;
}

const nodeCpu: KnownMetric = {
  unit: 'percent',
  kubernetes: false,
  source: 'node_exporter node_cpu_seconds_total, busy share of all CPUs per machine',
  expr: (c) => `100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[${c.window}])))`,
};

const nodeMemory: KnownMetric = {
  unit: 'percent',
  kubernetes: false,
  source: 'node_exporter node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes per machine',
  expr: () => '100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)',
};

const volumeUsage: KnownMetric = {
  unit: 'percent',
  kubernetes: true,
  source: 'kubelet kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes per claim',
  expr: (c) => `100 * (1 - ${c.sel('kubelet_volume_stats_available_bytes')} / ${c.sel('kubelet_volume_stats_capacity_bytes')})`,
};

const filesystemUsage: KnownMetric = {
  unit: 'percent',
  kubernetes: false,
  source: 'node_exporter node_filesystem_avail_bytes / node_filesystem_size_bytes per mount point',
  expr: () => '100 * (1 - node_filesystem_avail_bytes{fstype!~"tmpfs|ramfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|ramfs|overlay|squashfs"})',
};

const crashLoop: KnownMetric = {
  unit: 'count',
  kubernetes: true,
  source: 'kube-state-metrics kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"} per container',
  expr: (c) => `sum by (namespace, pod, container) (${c.sel('kube_pod_container_status_waiting_reason', 'reason="CrashLoopBackOff"')})`,
};

const imagePull: KnownMetric = {
  unit: 'count',
  kubernetes: true,
  source: 'kube-state-metrics kube_pod_container_status_waiting_reason{reason=~"ErrImagePull|ImagePullBackOff"} per container',
  expr: (c) => `sum by (namespace, pod, container) (${c.sel('kube_pod_container_status_waiting_reason', 'reason=~"ErrImagePull|ImagePullBackOff"')})`,
};

const cpuOfLimits: KnownMetric = {
  unit: 'percent',
  kubernetes: true,
  source: 'cAdvisor container_cpu_usage_seconds_total over kube-state-metrics kube_pod_container_resource_limits{resource="cpu"} per container',
  expr: (c) =>
    `100 * sum by (namespace, pod, container) (rate(${c.sel('container_cpu_usage_seconds_total', 'container!=""')}[${c.window}])) / sum by (namespace, pod, container) (${c.sel('kube_pod_container_resource_limits', 'resource="cpu"')})`,
};

const memoryOfLimits: KnownMetric = {
  unit: 'percent',
  kubernetes: true,
  source: 'cAdvisor container_memory_working_set_bytes over kube-state-metrics kube_pod_container_resource_limits{resource="memory"} per container',
  expr: (c) =>
    `100 * sum by (namespace, pod, container) (${c.sel('container_memory_working_set_bytes', 'container!=""')}) / sum by (namespace, pod, container) (${c.sel('kube_pod_container_resource_limits', 'resource="memory"')})`,
};

const oomKills: KnownMetric = {
  unit: 'count',
  kubernetes: true,
  source: 'cAdvisor container_oom_events_total, increase over the window per container',
  expr: (c) => `sum by (namespace, pod, container) (increase(${c.sel('container_oom_events_total', 'container!=""')}[${c.window}]))`,
};

const restarts: KnownMetric = {
  unit: 'count',
  kubernetes: true,
  source: 'kube-state-metrics kube_pod_container_status_restarts_total, increase over the window per container',
  expr: (c) => `sum by (namespace, pod, container) (increase(${c.sel('kube_pod_container_status_restarts_total')}[${c.window}]))`,
};

/** Phrases as pages write them, lower-cased with single spaces. */
const KNOWN: ReadonlyMap<string, KnownMetric> = new Map([
  ['node cpu utilization', nodeCpu],
  ['node cpu usage', nodeCpu],
  ['cpu utilization', nodeCpu],
  ['cpuutilization', nodeCpu],
  ['node memory utilization', nodeMemory],
  ['node memory usage', nodeMemory],
  ['memory utilization', nodeMemory],
  ['memoryutilization', nodeMemory],
  ['persistent volume usage', volumeUsage],
  ['pv usage', volumeUsage],
  ['volume usage', volumeUsage],
  ['disk usage', filesystemUsage],
  ['filesystem usage', filesystemUsage],
  ['pod crash loop detected', crashLoop],
  ['pod crash loop', crashLoop],
  ['crash loop', crashLoop],
  ['crashloopbackoff', crashLoop],
  ['image pull failures', imagePull],
  ['image pull failure', imagePull],
  ['cpu usage of limits', cpuOfLimits],
  ['cpu usage of limit', cpuOfLimits],
  ['memory usage of limits', memoryOfLimits],
  ['memory usage of limit', memoryOfLimits],
  ['oom kills', oomKills],
  ['oom kill', oomKills],
  ['pod restarts', restarts],
  ['pod restart counts', restarts],
  ['pod restart count', restarts],
]);

export function knownMetric(phrase: string): KnownMetric | undefined {
  return KNOWN.get(phrase.trim().toLowerCase().replace(/[\s_-]+/g, ' '));
}

/** A name PromQL accepts as a metric (a spec that names its metric this way is taken at its word). */
export function isMetricName(text: string): boolean {
  return /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(text);
}
