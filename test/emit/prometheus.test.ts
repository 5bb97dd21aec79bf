import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/emit/generate.js';
import { prometheusEmitter } from '../../src/emit/prometheus/index.js';
import { compileText } from '../../src/lint/tester.js';
import { loadSpec } from '../../src/spec/files.js';
import { ROOT } from '../helpers.js';

/**
 * The prometheus target: every generated rule file passes `promtool check
 * rules`, and `promtool test rules` shows the generated alerts firing on the
 * series they are meant for (and staying quiet otherwise): memory near a 512Mi
 * limit, a volume that fills before the horizon, replicas below the minimum,
 * an availability budget burning, a latency bound missed, the spec's alerts.
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

function requirePromtool(): void {
  const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`\`promtool\` is missing (${probe.error?.message ?? probe.stderr.trim()}): install the Debian package \`prometheus\` (apt-get install prometheus)`);
  }
}

function promtool(args: string[], cwd: string): { status: number; output: string } {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run promtool (${result.error.message}): install the Debian package \`prometheus\``);
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

function rulesOf(spec: string, phase?: string): { text: string; notes: string[] } {
  const compiled = compileText(spec);
  if (!compiled.model) throw new Error(`the test spec does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const result = generate(compiled.model, { targets: [prometheusEmitter], phase });
  const file = result.files[0];
  if (!file || result.files.length !== 1) throw new Error(`expected one rule file, got ${result.files.map((f) => f.path).join(', ')}`);
  return { text: file.content, notes: result.notes.map((n) => n.message) };
}

interface RuleShape {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

function parsedRules(text: string): RuleShape[] {
  const doc = load(text) as { groups: Array<{ name: string; rules: RuleShape[] }> };
  return doc.groups.flatMap((g) => g.rules);
}

/** Rules without annotations, so a unit test compares labels only (annotations are checked by `check rules` and one test below). */
function withoutAnnotations(text: string): string {
  const doc = load(text) as { groups: Array<{ name: string; rules: RuleShape[] }> };
  for (const g of doc.groups) for (const r of g.rules) delete r.annotations;
  return dump(doc);
}

/** Run `promtool test rules` on the rules with these tests (promtool's unit-test format). */
function unitTest(rules: string, tests: unknown[]): void {
  requirePromtool();
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-promtool-'));
  writeFileSync(join(dir, 'rules.yml'), rules);
  writeFileSync(join(dir, 'test.yml'), dump({ rule_files: ['rules.yml'], evaluation_interval: '1m', tests }));
  const result = promtool(['test', 'rules', 'test.yml'], dir);
  expect(result.status, result.output).toBe(0);
}

const K8S = `
kubernetes: { namespace: shop }
roles:
  node: { count: 3 }
components:
  web:
    kind: service
    replicas: { min: 3, max: 6 }
    resources: { limits: { memory: 512Mi } }
    ports: [{ port: 8080, appProtocol: http }]
  worker:
    kind: worker
    replicas: 2
    resources: { limits: { memory: 512Mi } }
  postgres:
    kind: datastore
    replicas: 3
    resources: { limits: { memory: 4Gi } }
    ports: [{ port: 5432 }]
    volumes: [{ name: data, size: 100Gi, used: 20Gi, growth: +2Gi/month, perReplica: true }]
objectives:
  availability: 99.9%
  latency:
    - { name: web-p95, bound: <100ms, percentile: p95, of: web }
alerts:
  - { name: node-cpu-high, metric: node CPU utilization, above: 80%, period: 300s, evaluationPeriods: 3, severity: critical }
  - { name: crash-loop, metric: pod crash loop detected, above: 0, severity: warning, for: 5m }
`;

const GiB = 1024 ** 3;
const base = { severity: 'warning', system: 'example' };

describe('prometheus: the tool', () => {
  it('finds promtool', () => {
    requirePromtool();
  });
});

describe('prometheus: every example', () => {
  for (const example of EXAMPLES) {
    it(`${example}: every rule file passes promtool check rules`, () => {
      requirePromtool();
      const loaded = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!loaded.model) throw new Error(`examples/${example} does not compile`);
      const { files } = generate(loaded.model, { targets: [prometheusEmitter] });
      expect(files.map((f) => f.path)).toEqual(loaded.model.phases.map((p) => `${p.name}/alerts.rules.yml`).sort());
      const dir = mkdtempSync(join(tmpdir(), 'infraspec-rules-'));
      for (const f of files) {
        const path = join(dir, f.path.replace(/\//g, '__'));
        writeFileSync(path, f.content);
        const result = promtool(['check', 'rules', path], dir);
        expect(result.status, `${example}/${f.path}:\n${result.output}`).toBe(0);
        for (const rule of parsedRules(f.content)) {
          expect(Object.keys(rule.annotations ?? {}).sort(), `${example}/${f.path} ${rule.alert}`).toEqual(['description', 'runbook', 'summary']);
          expect(rule.annotations?.['runbook'], rule.alert).not.toMatch(/https?:/);
          expect(['critical', 'warning', 'info']).toContain(rule.labels['severity']);
        }
      }
    });
  }
});

describe('prometheus: capacity alerts', () => {
  it('fires memory near limit at 95 % of a 512Mi limit, per container, with its figures; not at 85 %', () => {
    const { text } = rulesOf(K8S);
    const memory = parsedRules(text).filter((r) => r.alert === 'ContainerMemoryNearLimit');
    // One rule per limit: web and worker share 512Mi, each container still alerts on its own series.
    expect(memory.map((r) => r.expr)).toEqual([
      'container_memory_working_set_bytes{namespace="shop",container=~"web|worker"} / 536870912 > 0.9',
      'container_memory_working_set_bytes{namespace="shop",container="postgres"} / 4294967296 > 0.9',
    ]);
    unitTest(text, [
      {
        interval: '1m',
        input_series: [
          { series: 'container_memory_working_set_bytes{namespace="shop",container="web",pod="web-1"}', values: `${Math.ceil(0.95 * 512 * 1024 * 1024)}x30` },
          { series: 'container_memory_working_set_bytes{namespace="shop",container="worker",pod="worker-1"}', values: `${Math.floor(0.85 * 512 * 1024 * 1024)}x30` },
          { series: 'container_memory_working_set_bytes{namespace="other",container="web",pod="web-1"}', values: `${512 * 1024 * 1024}x30` },
        ],
        alert_rule_test: [
          { eval_time: '10m', alertname: 'ContainerMemoryNearLimit', exp_alerts: [] },
          {
            eval_time: '20m',
            alertname: 'ContainerMemoryNearLimit',
            exp_alerts: [
              {
                exp_labels: { ...base, namespace: 'shop', container: 'web', pod: 'web-1' },
                exp_annotations: {
                  summary: 'The container web of pod shop/web-1 is near its 512Mi memory limit',
                  description:
                    'The container web of pod shop/web-1 uses 95% of its memory limit (working set, cAdvisor), above 90% for 15 minutes. The spec limits `web`, `worker` to 512Mi (536870912 bytes); the kernel OOM-kills the container at the limit.',
                  runbook: 'the infraspec spec of `example`: components.web.resources.limits.memory, components.worker.resources.limits.memory',
                },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('predicts a volume full before the planning horizon from its trend, for either claim naming', () => {
    const { text } = rulesOf(K8S);
    const disk = parsedRules(text).filter((r) => r.alert === 'VolumeFullBeforeHorizon');
    expect(disk.map((r) => r.expr)).toEqual(['predict_linear(kubelet_volume_stats_available_bytes{namespace="shop",persistentvolumeclaim=~"postgres-data|data-postgres-[0-9]+"}[7d], 31556952) < 0']);
    const claim = (name: string) => `kubelet_volume_stats_available_bytes{namespace="shop",persistentvolumeclaim="${name}"}`;
    unitTest(withoutAnnotations(text), [
      {
        interval: '1h',
        input_series: [
          // Loses 1Gi an hour from 80Gi free: empty in 80 hours.
          { series: claim('data-postgres-0'), values: `${80 * GiB}-${GiB}x200` },
          // Loses 1MiB an hour: 8.5Gi a year, far from the 80Gi it has.
          { series: claim('data-postgres-1'), values: `${80 * GiB}-${1024 * 1024}x200` },
          { series: claim('postgres-data'), values: `${80 * GiB}x200` },
          // Another claim of the namespace, filling just as fast: not one of the spec's volumes.
          { series: claim('scratch'), values: `${80 * GiB}-${GiB}x200` },
        ],
        alert_rule_test: [
          { eval_time: '30m', alertname: 'VolumeFullBeforeHorizon', exp_alerts: [] },
          { eval_time: '10h', alertname: 'VolumeFullBeforeHorizon', exp_alerts: [{ exp_labels: { ...base, namespace: 'shop', persistentvolumeclaim: 'data-postgres-0' } }] },
        ],
      },
    ]);
  });

  it('predicts a host filesystem full from the disk that holds the volume, where the spec runs on hosts', () => {
    const { text } = rulesOf(`
roles:
  db: { recommended: { disks: [{ mount: /var/lib/postgresql, size: 60GB }] } }
components:
  postgresql:
    kind: datastore
    placement: { role: db }
    volumes: [{ name: data, size: 60GB, used: 5GB, growth: +100MB/day, disk: /var/lib/postgresql }]
`);
    expect(parsedRules(text).map((r) => r.expr)).toEqual(['predict_linear(node_filesystem_avail_bytes{mountpoint="/var/lib/postgresql"}[7d], 31556952) < 0']);
    unitTest(withoutAnnotations(text), [
      {
        interval: '1h',
        input_series: [
          { series: 'node_filesystem_avail_bytes{instance="db1:9100",mountpoint="/var/lib/postgresql"}', values: '55000000000-100000000x200' },
          { series: 'node_filesystem_avail_bytes{instance="db1:9100",mountpoint="/"}', values: '20000000000-100000000x200' },
        ],
        alert_rule_test: [{ eval_time: '10h', alertname: 'VolumeFullBeforeHorizon', exp_alerts: [{ exp_labels: { ...base, instance: 'db1:9100', mountpoint: '/var/lib/postgresql' } }] }],
      },
    ]);
  });

  it('looks as far ahead as the spec’s planning horizon', () => {
    const { text } = rulesOf(`${K8S}\nlint: { horizon: 24 months }\n`);
    expect(parsedRules(text).find((r) => r.alert === 'VolumeFullBeforeHorizon')?.expr).toContain('[7d], 63113904) < 0');
  });

  it('fires replicas below minimum for a Deployment or a StatefulSet under the spec’s minimum', () => {
    const { text } = rulesOf(K8S);
    unitTest(withoutAnnotations(text), [
      {
        interval: '1m',
        input_series: [
          { series: 'kube_deployment_status_replicas_available{namespace="shop",deployment="web"}', values: '2x30' },
          { series: 'kube_deployment_status_replicas_available{namespace="shop",deployment="worker"}', values: '2x30' },
          { series: 'kube_statefulset_status_replicas_ready{namespace="shop",statefulset="postgres"}', values: '3 3 3 3 3 2x25' },
        ],
        alert_rule_test: [
          { eval_time: '10m', alertname: 'ReplicasBelowMinimum', exp_alerts: [] },
          {
            eval_time: '25m',
            alertname: 'ReplicasBelowMinimum',
            exp_alerts: [
              { exp_labels: { ...base, namespace: 'shop', deployment: 'web' } },
              { exp_labels: { ...base, namespace: 'shop', statefulset: 'postgres' } },
            ],
          },
        ],
      },
    ]);
  });

  it('writes no replica alert where the spec does not run on Kubernetes, and says so', () => {
    const { text, notes } = rulesOf('components:\n  web: { kind: service, replicas: 2 }\n');
    expect(parsedRules(text)).toEqual([]);
    expect(notes).toContain('phase `default`: no replicas-below-minimum alerts: they read kube-state-metrics, and the spec does not run on Kubernetes');
  });
});

describe('prometheus: objectives', () => {
  it('burns the 99.9 % error budget fast when a serving component is down, slowly when it flaps', () => {
    const { text } = rulesOf(K8S);
    const fast = parsedRules(text).find((r) => r.alert === 'AvailabilityErrorBudgetBurnFast');
    expect(fast?.labels).toEqual({ severity: 'critical', system: 'example' });
    expect(fast?.expr).toContain('up{namespace="shop",job=~"web|postgres"}[1h]');
    expect(fast?.expr).toContain('> (14.4 * 0.001)');
    unitTest(withoutAnnotations(text), [
      {
        interval: '1m',
        input_series: [
          { series: 'up{namespace="shop",job="web",instance="10.0.0.1:8080"}', values: '0x120' },
          { series: 'up{namespace="shop",job="web",instance="10.0.0.2:8080"}', values: '0x120' },
          { series: 'up{namespace="shop",job="postgres",instance="10.0.0.3:9187"}', values: '1x120' },
          // worker has no port: not a serving component, not measured.
          { series: 'up{namespace="shop",job="worker",instance="10.0.0.4:9100"}', values: '0x120' },
        ],
        alert_rule_test: [
          { eval_time: '30m', alertname: 'AvailabilityErrorBudgetBurnFast', exp_alerts: [{ exp_labels: { severity: 'critical', system: 'example', job: 'web' } }] },
          { eval_time: '30m', alertname: 'AvailabilityErrorBudgetBurnSlow', exp_alerts: [{ exp_labels: { severity: 'warning', system: 'example', job: 'web' } }] },
        ],
      },
      {
        // Down one minute in ten: 10 % of the time, 100× the budget over an hour, not 14.4× over 5 minutes at every instant.
        interval: '1m',
        input_series: [{ series: 'up{namespace="shop",job="web",instance="10.0.0.1:8080"}', values: '1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 0 1 1' }],
        alert_rule_test: [{ eval_time: '61m', alertname: 'AvailabilityErrorBudgetBurnSlow', exp_alerts: [{ exp_labels: { severity: 'warning', system: 'example', job: 'web' } }] }],
      },
    ]);
  });

  it('fires when the p95 latency of the named component crosses its bound', () => {
    const { text } = rulesOf(K8S);
    const latency = parsedRules(text).find((r) => r.alert === 'LatencyObjectiveMissed');
    expect(latency?.expr).toBe('histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket{namespace="shop",job="web"}[5m]))) >= 0.1');
    const bucket = (le: string) => `http_request_duration_seconds_bucket{namespace="shop",job="web",instance="a",le="${le}"}`;
    unitTest(withoutAnnotations(text), [
      {
        interval: '1m',
        input_series: [
          // Every request takes between 100ms and 500ms.
          { series: bucket('0.05'), values: '0x40' },
          { series: bucket('0.1'), values: '0x40' },
          { series: bucket('0.5'), values: '0+100x40' },
          { series: bucket('+Inf'), values: '0+100x40' },
        ],
        alert_rule_test: [
          { eval_time: '8m', alertname: 'LatencyObjectiveMissed', exp_alerts: [] },
          { eval_time: '20m', alertname: 'LatencyObjectiveMissed', exp_alerts: [{ exp_labels: { ...base, objective: 'web-p95', job: 'web' } }] },
        ],
      },
      {
        interval: '1m',
        input_series: [
          // Every request under 50ms.
          { series: bucket('0.05'), values: '0+100x40' },
          { series: bucket('0.1'), values: '0+100x40' },
          { series: bucket('0.5'), values: '0+100x40' },
          { series: bucket('+Inf'), values: '0+100x40' },
        ],
        alert_rule_test: [{ eval_time: '30m', alertname: 'LatencyObjectiveMissed', exp_alerts: [] }],
      },
    ]);
  });

  it('names the objectives it cannot measure', () => {
    const { notes } = rulesOf(`${K8S.replace('    - { name: web-p95, bound: <100ms, percentile: p95, of: web }', '    - { name: report, bound: < 2 minutes }\n    - { name: health, bound: <100ms, of: web }')}`);
    expect(notes).toContain('no alert for latency objective `report`: it names no component (`of`), so no metric measures it');
    expect(notes.some((n) => n.startsWith('latency objective `health` gives no percentile: the alert watches the 99th'))).toBe(true);
  });
});

describe('prometheus: the spec’s alerts', () => {
  it('translates metric, threshold, period × evaluation periods and severity', () => {
    const { text } = rulesOf(K8S);
    const rules = parsedRules(text);
    const cpu = rules.find((r) => r.alert === 'NodeCpuHigh');
    expect(cpu).toMatchObject({ expr: '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))) > 80', for: '15m', labels: { severity: 'critical', system: 'example' } });
    expect(rules.find((r) => r.alert === 'CrashLoop')).toMatchObject({ expr: 'sum by (namespace, pod, container) (kube_pod_container_status_waiting_reason{namespace="shop",reason="CrashLoopBackOff"}) > 0', for: '5m' });
    const idle = (cpuNumber: string, perMinute: number) => ({ series: `node_cpu_seconds_total{instance="n1:9100",cpu="${cpuNumber}",mode="idle"}`, values: `0+${perMinute}x60` });
    unitTest(withoutAnnotations(text), [
      {
        interval: '1m',
        // Two CPUs idle 6 s a minute each: 90 % busy.
        input_series: [idle('0', 6), idle('1', 6)],
        alert_rule_test: [
          { eval_time: '12m', alertname: 'NodeCpuHigh', exp_alerts: [] },
          { eval_time: '25m', alertname: 'NodeCpuHigh', exp_alerts: [{ exp_labels: { severity: 'critical', system: 'example', instance: 'n1:9100' } }] },
        ],
      },
      {
        interval: '1m',
        // Idle 30 s a minute: 50 % busy.
        input_series: [idle('0', 30)],
        alert_rule_test: [{ eval_time: '40m', alertname: 'NodeCpuHigh', exp_alerts: [] }],
      },
      {
        interval: '1m',
        input_series: [{ series: 'kube_pod_container_status_waiting_reason{namespace="shop",pod="web-1",container="web",reason="CrashLoopBackOff"}', values: '1x20' }],
        alert_rule_test: [{ eval_time: '10m', alertname: 'CrashLoop', exp_alerts: [{ exp_labels: { ...base, namespace: 'shop', pod: 'web-1', container: 'web' } }] }],
      },
    ]);
  });

  it('leaves out what it cannot translate, with a note, and takes a metric name at its word', () => {
    const { text, notes } = rulesOf(`
alerts:
  - { name: oom, metric: OOM kills, notes: no threshold }
  - { name: db-timeouts, metric: database query timeouts, above: 5 }
  - { name: errors, metric: http_errors_ratio, above: 0.05, for: 10m, severity: critical }
  - { name: band, metric: queue_depth, above: 1000, below: 10, comparison: outside }
`);
    expect(notes).toContain('alert `oom` gives no threshold (`above` or `below`); no rule');
    expect(notes).toContain('alert `db-timeouts`: the metric `database query timeouts` is neither a known phrase nor a metric name; no rule (write the metric name, e.g. `node_load1`)');
    const rules = parsedRules(text);
    expect(rules.map((r) => [r.alert, r.expr, r.for ?? null])).toEqual([
      ['Errors', 'http_errors_ratio > 0.05', '10m'],
      ['Band', '(queue_depth > 1000) or (queue_depth < 10)', null],
    ]);
    unitTest(withoutAnnotations(text), [
      {
        interval: '1m',
        input_series: [
          { series: 'queue_depth{queue="a"}', values: '5x5' },
          { series: 'queue_depth{queue="b"}', values: '500x5' },
        ],
        alert_rule_test: [{ eval_time: '2m', alertname: 'Band', exp_alerts: [{ exp_labels: { severity: 'warning', system: 'example', queue: 'a' } }] }],
      },
    ]);
  });
});

describe('prometheus: backups', () => {
  it('says that backup freshness cannot be watched without a metric', () => {
    const { notes } = rulesOf(`
components:
  db: { kind: datastore }
backups:
  db-daily: { of: db, type: full, frequency: daily, retention: 7d }
`);
    expect(notes.some((n) => n.startsWith('no backup-freshness alert for `db-daily (daily)`: the spec names no metric'))).toBe(true);
  });
});
