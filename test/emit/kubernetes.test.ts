import { join } from 'node:path';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/emit/generate.js';
import { kubernetesEmitter } from '../../src/emit/kubernetes/index.js';
import type { GeneratedFile } from '../../src/emit/types.js';
import { compileText } from '../../src/lint/tester.js';
import { loadSpec } from '../../src/spec/files.js';
import type { Model } from '../../src/spec/model.js';
import { ROOT } from '../helpers.js';

/**
 * The Kubernetes emitter: behaviour on small specs, and every object it
 * writes for every example checked by the real consumers — the validators
 * `kubernetes-models` compiles from the official OpenAPI schemas (types,
 * required fields, formats such as quantities), and a walk with
 * `@kubernetes/client-node`'s type maps, which rejects the unknown fields
 * that `kubernetes-models` lets through.
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

type Obj = Record<string, unknown>;
interface Validatable {
  validate(): void;
}
type ModelClass = new (data: Obj) => Validatable;
interface AttributeType {
  name: string;
  baseName: string;
  type: string;
  format: string;
}
interface ClientClass {
  getAttributeTypeMap(): AttributeType[];
}

// apiVersion/kind → the kubernetes-models module and export, and the client-node class.
const KINDS: Record<string, { module: string; name: string; client: string }> = {
  'v1/Namespace': { module: 'kubernetes-models/v1/Namespace', name: 'Namespace', client: 'V1Namespace' },
  'v1/ResourceQuota': { module: 'kubernetes-models/v1/ResourceQuota', name: 'ResourceQuota', client: 'V1ResourceQuota' },
  'v1/LimitRange': { module: 'kubernetes-models/v1/LimitRange', name: 'LimitRange', client: 'V1LimitRange' },
  'v1/Service': { module: 'kubernetes-models/v1/Service', name: 'Service', client: 'V1Service' },
  'v1/PersistentVolumeClaim': { module: 'kubernetes-models/v1/PersistentVolumeClaim', name: 'PersistentVolumeClaim', client: 'V1PersistentVolumeClaim' },
  'apps/v1/Deployment': { module: 'kubernetes-models/apps/v1/Deployment', name: 'Deployment', client: 'V1Deployment' },
  'apps/v1/StatefulSet': { module: 'kubernetes-models/apps/v1/StatefulSet', name: 'StatefulSet', client: 'V1StatefulSet' },
  'apps/v1/DaemonSet': { module: 'kubernetes-models/apps/v1/DaemonSet', name: 'DaemonSet', client: 'V1DaemonSet' },
  'batch/v1/CronJob': { module: 'kubernetes-models/batch/v1/CronJob', name: 'CronJob', client: 'V1CronJob' },
  'autoscaling/v2/HorizontalPodAutoscaler': { module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', name: 'HorizontalPodAutoscaler', client: 'V2HorizontalPodAutoscaler' },
  'policy/v1/PodDisruptionBudget': { module: 'kubernetes-models/policy/v1/PodDisruptionBudget', name: 'PodDisruptionBudget', client: 'V1PodDisruptionBudget' },
  'networking.k8s.io/v1/NetworkPolicy': { module: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy', name: 'NetworkPolicy', client: 'V1NetworkPolicy' },
};

const models = new Map<string, ModelClass>();
let client: Record<string, unknown> = {};

beforeAll(async () => {
  for (const [key, kind] of Object.entries(KINDS)) {
    let module: Record<string, unknown>;
    try {
      module = (await import(kind.module)) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`kubernetes-models is missing (${kind.module}): it is an npm devDependency, install it with \`npm ci\` (${String(error)})`);
    }
    models.set(key, module[kind.name] as ModelClass);
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) throw new Error(`@kubernetes/client-node needs Node 22 (this is ${process.version}): run the tests with \`npx vitest\`, which uses the Node 22 that \`npm ci\` installs as the devDependency \`node\``);
  try {
    client = (await import('@kubernetes/client-node')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`@kubernetes/client-node is missing: it is an npm devDependency, install it with \`npm ci\` (${String(error)})`);
  }
});

/** Every field of `value` must be one the client's type map knows, with the right JSON type. */
function walk(value: unknown, type: string, format: string, path: string, problems: string[]): void {
  const array = /^Array<(.+)>$/.exec(type);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (type === 'any' || type === 'object') return;
  if (type === 'string' || type === 'Date') {
    if (typeof value !== 'string') problems.push(`${path}: ${JSON.stringify(value)} is not a string`);
  } else if (type === 'number') {
    if (typeof value !== 'number' || ((format === 'int32' || format === 'int64') && !Number.isInteger(value))) problems.push(`${path}: ${JSON.stringify(value)} is not a ${format || 'number'}`);
  } else if (type === 'boolean') {
    if (typeof value !== 'boolean') problems.push(`${path}: ${JSON.stringify(value)} is not a boolean`);
  } else if (type === 'IntOrString') {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) problems.push(`${path}: ${JSON.stringify(value)} is not an int or a string`);
  } else if (array) {
    if (!Array.isArray(value)) problems.push(`${path}: not a list`);
    else value.forEach((item, i) => walk(item, array[1] ?? 'any', '', `${path}[${i}]`, problems));
  } else if (map) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push(`${path}: not a mapping`);
    else for (const [k, v] of Object.entries(value)) walk(v, map[1] ?? 'any', '', `${path}.${k}`, problems);
  } else {
    const cls = client[type] as ClientClass | undefined;
    if (!cls || typeof cls.getAttributeTypeMap !== 'function') {
      problems.push(`${path}: no client-node type ${type}`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${path}: not an object of type ${type}`);
      return;
    }
    const attributes = cls.getAttributeTypeMap();
    for (const [key, v] of Object.entries(value)) {
      const attribute = attributes.find((a) => a.baseName === key);
      if (!attribute) problems.push(`${path}.${key}: unknown field of ${type}`);
      else walk(v, attribute.type, attribute.format, `${path}.${key}`, problems);
    }
  }
}

/** The problems the two validators find in one object (empty: valid). */
function validateObject(object: Obj): string[] {
  const key = `${String(object['apiVersion'])}/${String(object['kind'])}`;
  const kind = KINDS[key];
  const Model = models.get(key);
  if (!kind || !Model) return [`no validator for ${key}`];
  const problems: string[] = [];
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`kubernetes-models: ${(error as Error).message}`);
  }
  walk(object, kind.client, '', key, problems);
  return problems;
}

function objectsOf(files: readonly GeneratedFile[]): Array<{ path: string; object: Obj }> {
  return files.map((f) => ({ path: f.path, object: load(f.content) as Obj }));
}

function emit(model: Model, phase?: string) {
  return generate(model, { targets: [kubernetesEmitter], ...(phase ? { phase } : {}) });
}

function compile(text: string): Model {
  const { model, diagnostics } = compileText(text);
  if (!model) throw new Error(`the test spec does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
  return model;
}

/** The objects of a small spec, by `<kind>/<name>`. */
function objects(text: string): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const { object } of objectsOf(emit(compile(text)).files)) {
    const meta = object['metadata'] as Obj;
    out.set(`${String(object['kind'])}/${String(meta['name'])}`, object);
  }
  return out;
}

function get(map: Map<string, Obj>, key: string): Obj {
  const value = map.get(key);
  if (!value) throw new Error(`no ${key}; have ${[...map.keys()].join(', ')}`);
  return value;
}

/** A path into an object: `at(o, 'spec', 'template', 'spec', 'containers', 0)`. */
function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

// ─────────────────────── a NetworkPolicy evaluator, for the tests ───────────────────────

interface Pod {
  namespace: string;
  labels: Record<string, string>;
}

function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (selector === undefined || selector === null) return false;
  const s = selector as { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions ?? []) {
    const value = labels[e.key];
    if (e.operator === 'In' && (value === undefined || !(e.values ?? []).includes(value))) return false;
    if (e.operator === 'NotIn' && value !== undefined && (e.values ?? []).includes(value)) return false;
    if (e.operator === 'Exists' && value === undefined) return false;
    if (e.operator === 'DoesNotExist' && value !== undefined) return false;
  }
  return true;
}

type Endpoint = { pod: Pod } | { ip: string };

function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const toInt = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toInt(ip) / size) === Math.floor(toInt(base ?? '') / size);
}

function peerMatches(peer: Obj, other: Endpoint, policyNamespace: string): boolean {
  if ('ip' in other) {
    const block = peer['ipBlock'] as { cidr: string } | undefined;
    return block !== undefined && ipInCidr(other.ip, block.cidr);
  }
  if (peer['ipBlock']) return false;
  const namespaceOk = peer['namespaceSelector'] ? selects(peer['namespaceSelector'], { 'kubernetes.io/metadata.name': other.pod.namespace }) : other.pod.namespace === policyNamespace;
  const podOk = peer['podSelector'] ? selects(peer['podSelector'], other.pod.labels) : true;
  return namespaceOk && podOk;
}

/** Whether the policies let `pod` send (egress) to or receive (ingress) from `other` on port/protocol. */
function allowed(policies: readonly Obj[], pod: Pod, direction: 'Ingress' | 'Egress', other: Endpoint, port: number | null, protocol: string): boolean {
  const applying = policies.filter((p) => {
    const meta = p['metadata'] as Obj;
    const spec = p['spec'] as Obj;
    return meta['namespace'] === pod.namespace && selects(spec['podSelector'], pod.labels) && (spec['policyTypes'] as string[]).includes(direction);
  });
  if (applying.length === 0) return true;
  const rulesKey = direction === 'Ingress' ? 'ingress' : 'egress';
  const peersKey = direction === 'Ingress' ? 'from' : 'to';
  return applying.some((p) =>
    (((p['spec'] as Obj)[rulesKey] as Obj[] | undefined) ?? []).some((rule) => {
      const ports = rule['ports'] as Array<{ port: number; protocol: string }> | undefined;
      const portOk = !ports || ports.length === 0 || (port !== null && ports.some((q) => q.port === port && q.protocol === protocol));
      const peers = rule[peersKey] as Obj[] | undefined;
      const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, other, String((p['metadata'] as Obj)['namespace'])));
      return portOk && peerOk;
    }),
  );
}

/** Where a component outside the cluster sends from: an address of the subnet the spec places it in, else a public one. */
function outsideAddress(model: Model, name: string): Endpoint {
  const subnet = Object.values(model.input.network?.subnets ?? {}).find((s) => s.cidr !== undefined && (s.hosts ?? []).includes(name));
  const base = subnet?.cidr?.split('/')[0]?.split('.');
  if (!base) return { ip: '203.0.113.7' };
  return { ip: [...base.slice(0, 3), String(Number(base[3] ?? 0) + 10)].join('.') };
}

/** Every declared flow of every phase, checked against the policies generated for it: [] when all pass. */
function blockedFlows(model: Model): string[] {
  const problems: string[] = [];
  const { files } = emit(model);
  const byPhase = new Map<string, Obj[]>();
  for (const { path, object } of objectsOf(files)) {
    const phase = path.split('/')[0] ?? '';
    byPhase.set(phase, [...(byPhase.get(phase) ?? []), object]);
  }
  const dns: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
  for (const phase of model.phases) {
    const objects = byPhase.get(phase.name) ?? [];
    const policies = objects.filter((o) => o['kind'] === 'NetworkPolicy');
    const pods = new Map<string, Pod>();
    for (const o of objects) {
      const template = (at(o, 'spec', 'template') ?? at(o, 'spec', 'jobTemplate', 'spec', 'template')) as Obj | undefined;
      if (!template || !['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'].includes(String(o['kind']))) continue;
      const labels = at(template, 'metadata', 'labels') as Record<string, string>;
      pods.set(labels['app.kubernetes.io/name'] ?? '', { namespace: String(at(o, 'metadata', 'namespace')), labels });
    }
    const byName = new Map(phase.components.map((c) => [c.name, c]));
    for (const source of phase.components) {
      const from = pods.get(source.name);
      for (const flow of source.flows) {
        const target = byName.get(flow.to);
        if (!target || target === source) continue;
        const to = pods.get(target.name);
        const port = flow.port ?? target.input.ports?.[0]?.port ?? null;
        const protocol = source.input.flows?.find((f) => f.to === flow.to)?.protocol === 'UDP' ? 'UDP' : 'TCP';
        const name = `${phase.name}: ${source.name} → ${target.name}:${port ?? '*'}`;
        if (from && !allowed(policies, from, 'Egress', to ? { pod: to } : outsideAddress(model, target.name), port, protocol)) problems.push(`${name}: egress blocked`);
        if (to && !allowed(policies, to, 'Ingress', from ? { pod: from } : outsideAddress(model, source.name), port, protocol)) problems.push(`${name}: ingress blocked`);
        if (from && (!allowed(policies, from, 'Egress', { pod: dns }, 53, 'UDP') || !allowed(policies, from, 'Egress', { pod: dns }, 53, 'TCP'))) problems.push(`${name}: DNS blocked`);
      }
    }
  }
  return problems;
}

// ──────────────────────────────────── the examples ────────────────────────────────────

describe('kubernetes: every object of every example', () => {
  for (const example of EXAMPLES) {
    it(`${example}: every object validates with kubernetes-models and has only fields @kubernetes/client-node knows`, () => {
      const { model } = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!model) throw new Error(`examples/${example} does not compile`);
      const { files } = emit(model);
      expect(files.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const { path, object } of objectsOf(files)) for (const p of validateObject(object)) problems.push(`${path}: ${p}`);
      expect(problems).toEqual([]);
    });

    it(`${example}: the NetworkPolicies admit every declared flow and its DNS lookups, in every phase`, () => {
      const { model } = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!model) throw new Error(`examples/${example} does not compile`);
      expect(blockedFlows(model)).toEqual([]);
    });
  }

  it('battlescope: every phase holds all its workloads, the API HorizontalPodAutoscaler and the page\'s own policies', () => {
    const { model } = loadSpec(join(ROOT, 'examples', 'battlescope'), ROOT);
    if (!model) throw new Error('examples/battlescope does not compile');
    const { files } = emit(model);
    for (const phase of model.phases) {
      const paths = files.filter((f) => f.path.startsWith(`${phase.name}/`)).map((f) => f.path.slice(phase.name.length + 1));
      for (const c of phase.components) {
        if (c.kind === 'external') continue;
        const kind = { service: 'deployment', worker: 'deployment', datastore: 'statefulset', job: 'cronjob', daemon: 'daemonset' }[c.kind];
        expect(paths, `${phase.name}: ${c.name}`).toContain(`05-${kind}-${c.name}.yaml`);
      }
      expect(paths).toContain('06-horizontalpodautoscaler-api.yaml');
      expect(paths).toContain('02-networkpolicy-default-deny.yaml');
      expect(paths).toContain('02-networkpolicy-api-to-database.yaml');
    }
    const hpa = load(files.find((f) => f.path === 'current/06-horizontalpodautoscaler-api.yaml')?.content ?? '') as Obj;
    expect(hpa['spec']).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 1,
      maxReplicas: 3,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
      behavior: { scaleUp: { stabilizationWindowSeconds: 120 }, scaleDown: { stabilizationWindowSeconds: 300 } },
    });
  });

  it('the checks bite: an unknown field, a malformed quantity and a flow a policy blocks are all caught', () => {
    const deployment = (container: Obj): Obj => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'x', image: 'y', ...container }] } } },
    });
    expect(validateObject(deployment({}))).toEqual([]);
    // kubernetes-models lets the unknown field through; the client-node walk does not.
    expect(validateObject(deployment({ resources: { limit: { cpu: '1' } } }))).toEqual(['apps/v1/Deployment.spec.template.spec.containers[0].resources.limit: unknown field of V1ResourceRequirements']);
    expect(validateObject(deployment({ resources: { limits: { cpu: '1 core' } } }))[0]).toMatch(/^kubernetes-models: .*must match format "quantity"/);
    const api: Pod = { namespace: 'ns', labels: { app: 'api' } };
    const denyAll = { metadata: { name: 'deny', namespace: 'ns' }, spec: { podSelector: {}, policyTypes: ['Egress'] } };
    expect(allowed([denyAll], api, 'Egress', { pod: { namespace: 'ns', labels: { app: 'db' } } }, 5432, 'TCP')).toBe(false);
    expect(allowed([], api, 'Egress', { pod: { namespace: 'ns', labels: { app: 'db' } } }, 5432, 'TCP')).toBe(true);
  });

  it('generates byte-identical files twice, each starting with the generated header', () => {
    for (const example of EXAMPLES) {
      const first = loadSpec(join(ROOT, 'examples', example), ROOT).model;
      const second = loadSpec(join(ROOT, 'examples', example), ROOT).model;
      if (!first || !second) throw new Error(example);
      const a = emit(first);
      expect(emit(second)).toEqual(a);
      for (const f of a.files) expect(f.content.startsWith('# Generated by infraspec from the spec of')).toBe(true);
    }
  });
});

// ─────────────────────────────────── behaviour ───────────────────────────────────

describe('kubernetes: workloads', () => {
  it('a replica range becomes a HorizontalPodAutoscaler, and the Deployment starts at its minimum', () => {
    const o = objects(`components:
  api:
    kind: service
    image: example/api:1.0
    resources: { requests: { cpu: 100m, memory: 128Mi } }
    replicas: { min: 2, max: 5 }
    autoscaling:
      cpu: 60%
      scaleDown: { when: "CPU < 30%", for: 5 minutes }
`);
    expect(at(get(o, 'Deployment/api'), 'spec', 'replicas')).toBe(2);
    expect(get(o, 'HorizontalPodAutoscaler/api')['spec']).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    });
  });

  it('a range without targets gets the HPA default written out, a fixed count no HPA', () => {
    const o = objects(`components:
  worker: { kind: worker, image: example/w:1, replicas: { min: 1, max: 4 } }
  fixed: { kind: worker, image: example/f:1, replicas: 3 }
`);
    expect(at(get(o, 'HorizontalPodAutoscaler/worker'), 'spec', 'metrics')).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(o.has('HorizontalPodAutoscaler/fixed')).toBe(false);
    expect(at(get(o, 'Deployment/fixed'), 'spec', 'replicas')).toBe(3);
  });

  it('a datastore with a perReplica volume is a StatefulSet with a claim template and a headless Service', () => {
    const o = objects(`components:
  db:
    kind: datastore
    image: postgres:17.6
    replicas: 3
    ports: [{ port: 5432, exposure: internal }]
    volumes:
      - { name: data, size: 100Gi, perReplica: true, accessMode: ReadWriteOnce, class: fast-ssd, mount: /var/lib/postgresql/data }
`);
    const sts = get(o, 'StatefulSet/db');
    expect(at(sts, 'spec', 'serviceName')).toBe('db-headless');
    expect(at(sts, 'spec', 'replicas')).toBe(3);
    expect(at(sts, 'spec', 'volumeClaimTemplates')).toEqual([
      {
        metadata: { name: 'data', labels: expect.objectContaining({ 'app.kubernetes.io/name': 'db' }) as unknown },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '100Gi' } } },
      },
    ]);
    expect(at(sts, 'spec', 'template', 'spec', 'containers', 0, 'volumeMounts')).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data' }]);
    expect(at(get(o, 'Service/db-headless'), 'spec')).toEqual({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'example' },
      ports: [{ name: 'tcp-5432', port: 5432, targetPort: 5432, protocol: 'TCP' }],
    });
    expect(at(get(o, 'Service/db'), 'spec', 'type')).toBe('ClusterIP');
    expect([...o.keys()].some((k) => k.startsWith('PersistentVolumeClaim/'))).toBe(false);
  });

  it('a volume shared by the pods is one PersistentVolumeClaim, and a Deployment that mounts it replaces its pod', () => {
    const o = objects(`components:
  grafana:
    kind: service
    image: grafana/grafana:12.0.0
    volumes: [{ name: data, size: 5Gi, mount: /var/lib/grafana }]
`);
    expect(get(o, 'PersistentVolumeClaim/grafana-data')['spec']).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
    expect(at(get(o, 'Deployment/grafana'), 'spec', 'strategy')).toEqual({ type: 'Recreate' });
    expect(at(get(o, 'Deployment/grafana'), 'spec', 'template', 'spec', 'volumes')).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'grafana-data' } }]);
  });

  it('a daemon is a DaemonSet on its roles, a job a CronJob whose concurrency is its concurrencyPolicy', () => {
    const o = objects(`roles:
  node: { count: 2 }
  gpu: { count: 1, labels: { accelerator: nvidia } }
components:
  agent: { kind: daemon, image: example/agent:1, placement: { role: [node, gpu] } }
  backup: { kind: job, image: example/backup:1, schedule: "0 3 * * *" }
  report: { kind: job, image: example/report:1, schedule: "*/5 * * * *", concurrency: 2 }
`);
    expect(at(get(o, 'DaemonSet/agent'), 'spec', 'template', 'spec', 'affinity')).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'node-role.infraspec.io/node', operator: 'In', values: ['true'] }] },
            { matchExpressions: [{ key: 'accelerator', operator: 'In', values: ['nvidia'] }] },
          ],
        },
      },
    });
    const backup = get(o, 'CronJob/backup');
    expect(at(backup, 'spec', 'schedule')).toBe('0 3 * * *');
    expect(at(backup, 'spec', 'concurrencyPolicy')).toBe('Forbid');
    expect(at(backup, 'spec', 'suspend')).toBeUndefined();
    expect(at(backup, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'restartPolicy')).toBe('OnFailure');
    expect(at(get(o, 'CronJob/report'), 'spec', 'concurrencyPolicy')).toBe('Allow');
  });

  it('a job without a schedule is written suspended, with a note', () => {
    const model = compile('components:\n  sync: { kind: job, image: example/sync:1 }\n');
    const { files, notes } = emit(model);
    const cron = load(files.find((f) => f.path.endsWith('05-cronjob-sync.yaml'))?.content ?? '') as Obj;
    expect(at(cron, 'spec', 'suspend')).toBe(true);
    expect(at(cron, 'spec', 'schedule')).toBe('@daily');
    expect(notes.map((n) => n.message)).toContain('`sync` gives no `schedule`: its CronJob is written suspended, with the placeholder schedule `@daily`; set `schedule:` in the spec');
  });

  it('external and managed components are not deployed', () => {
    const o = objects(`components:
  api: { kind: service, image: example/api:1, flows: [{ to: stripe, port: 443 }, { to: rds, port: 5432 }] }
  stripe: { kind: external, endpoint: https://api.stripe.com }
  rds: { kind: datastore, engine: postgresql, managed: { provider: aws, service: rds } }
`);
    expect([...o.keys()].filter((k) => /stripe|rds/.test(k) && !k.startsWith('NetworkPolicy/'))).toEqual([]);
  });

  it('spreads replicas over zones and keeps them on distinct nodes as placement asks', () => {
    const o = objects(`roles:
  node: { count: 3, zones: [a, b, c] }
components:
  web:
    kind: service
    image: example/web:1
    replicas: 3
    placement: { role: node, antiAffinity: required, spreadZones: true }
`);
    const spec = at(get(o, 'Deployment/web'), 'spec', 'template', 'spec') as Obj;
    const selector = { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'example' } };
    expect(spec['nodeSelector']).toEqual({ 'node-role.infraspec.io/node': 'true' });
    expect(spec['affinity']).toEqual({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector, topologyKey: 'kubernetes.io/hostname' }] } });
    expect(spec['topologySpreadConstraints']).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: selector }]);
  });

  it('probes come from health: path, port, interval, timeout, initial delay and thresholds', () => {
    const o = objects(`components:
  api:
    kind: service
    image: example/api:1
    ports: [{ name: http, port: 8000 }]
    health:
      path: /health
      port: 8000
      interval: 30s
      timeout: 5s
      initialDelay: 10s
      healthyThreshold: 2
      unhealthyThreshold: 3
      readiness: { path: /ready, interval: 5s }
`);
    const container = at(get(o, 'Deployment/api'), 'spec', 'template', 'spec', 'containers', 0) as Obj;
    expect(container['livenessProbe']).toEqual({ httpGet: { path: '/health', port: 8000 }, initialDelaySeconds: 10, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3 });
    expect(container['readinessProbe']).toEqual({ httpGet: { path: '/ready', port: 8000 }, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 5, successThreshold: 2, failureThreshold: 3 });
  });
});

describe('kubernetes: quantities', () => {
  it('writes requests and limits exactly, in the canonical form the apiserver prints', () => {
    const o = objects(`components:
  a:
    kind: service
    image: example/a:1
    resources:
      requests: { cpu: 0.25, memory: 1.5Gi }
      limits: { cpu: 2 cores, memory: 16GB, ephemeralStorage: 2Gi }
  b:
    kind: worker
    image: example/b:1
    resources:
      requests: { cpu: 250m, memory: 128Mi }
      limits: { cpu: 1000m, memory: 0.5Gi }
`);
    expect(at(get(o, 'Deployment/a'), 'spec', 'template', 'spec', 'containers', 0, 'resources')).toEqual({
      requests: { cpu: '250m', memory: '1536Mi' },
      limits: { cpu: '2', memory: '16G', 'ephemeral-storage': '2Gi' },
    });
    expect(at(get(o, 'Deployment/b'), 'spec', 'template', 'spec', 'containers', 0, 'resources')).toEqual({
      requests: { cpu: '250m', memory: '128Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    });
  });

  it('sizes claims in the unit family they were written in, and writes the quota in canonical form', () => {
    const o = objects(`kubernetes:
  namespace: shop
  quota: { requests.cpu: "4", requests.memory: 8Gi, limits.cpu: 12000m, persistentvolumeclaims: "10" }
  limitRange:
    defaultRequest: { cpu: 100m, memory: 128Mi }
    default: { cpu: 0.5, memory: 0.5Gi }
components:
  db:
    kind: worker
    image: example/db:1
    volumes:
      - { name: a, size: 60GB, mount: /a }
      - { name: b, size: 1.5Ti, mount: /b }
`);
    expect(at(get(o, 'PersistentVolumeClaim/db-a'), 'spec', 'resources', 'requests', 'storage')).toBe('60G');
    expect(at(get(o, 'PersistentVolumeClaim/db-b'), 'spec', 'resources', 'requests', 'storage')).toBe('1536Gi');
    expect(at(get(o, 'ResourceQuota/shop-quota'), 'spec', 'hard')).toEqual({ 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '12', persistentvolumeclaims: '10' });
    expect(at(get(o, 'LimitRange/shop-limits'), 'spec', 'limits')).toEqual([{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } }]);
  });
});

describe('kubernetes: services', () => {
  it('a node port is a NodePort Service with the spec\'s nodePort; internal ports stay ClusterIP only', () => {
    const o = objects(`components:
  s3:
    kind: service
    image: example/s3:1
    ports:
      - { name: s3, port: 4566, exposure: node, nodePort: 31566 }
      - { name: admin, port: 9000, exposure: internal }
`);
    expect(at(get(o, 'Service/s3-nodeport'), 'spec')).toEqual({
      type: 'NodePort',
      selector: { 'app.kubernetes.io/name': 's3', 'app.kubernetes.io/instance': 'example' },
      ports: [{ name: 's3', port: 4566, targetPort: 4566, protocol: 'TCP', nodePort: 31566 }],
    });
    expect(at(get(o, 'Service/s3'), 'spec', 'ports')).toEqual([
      { name: 's3', port: 4566, targetPort: 4566, protocol: 'TCP' },
      { name: 'admin', port: 9000, targetPort: 9000, protocol: 'TCP' },
    ]);
    expect(o.has('Service/s3-public')).toBe(false);
  });

  it('a public port is a LoadBalancer Service', () => {
    const o = objects(`components:
  gateway:
    kind: service
    image: example/gw:1
    ports: [{ name: grpc, port: 1993, appProtocol: grpc, exposure: public, nodePort: 31993 }]
`);
    expect(at(get(o, 'Service/gateway-public'), 'spec')).toEqual({
      type: 'LoadBalancer',
      selector: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'example' },
      ports: [{ name: 'grpc', port: 1993, targetPort: 1993, protocol: 'TCP', appProtocol: 'grpc', nodePort: 31993 }],
    });
  });
});

describe('kubernetes: disruption budgets', () => {
  it('writes `disruption` as given, maxUnavailable 1 for other replicated components, none for one replica', () => {
    const o = objects(`components:
  a: { kind: service, image: example/a:1, replicas: 3, disruption: { minAvailable: 2 } }
  b: { kind: service, image: example/b:1, replicas: { min: 1, max: 4 } }
  c: { kind: service, image: example/c:1, replicas: 1 }
  d: { kind: service, image: example/d:1, replicas: 4, disruption: { maxUnavailable: 50% } }
`);
    expect(at(get(o, 'PodDisruptionBudget/a'), 'spec')).toEqual({ minAvailable: 2, selector: { matchLabels: { 'app.kubernetes.io/name': 'a', 'app.kubernetes.io/instance': 'example' } } });
    expect(at(get(o, 'PodDisruptionBudget/b'), 'spec', 'maxUnavailable')).toBe(1);
    expect(o.has('PodDisruptionBudget/c')).toBe(false);
    expect(at(get(o, 'PodDisruptionBudget/d'), 'spec', 'maxUnavailable')).toBe('50%');
  });
});

describe('kubernetes: security', () => {
  it('pods are non-root, without escalation, with every capability dropped and the default seccomp profile', () => {
    const o = objects('components:\n  api: { kind: service, image: example/api:1 }\n');
    const spec = at(get(o, 'Deployment/api'), 'spec', 'template', 'spec') as Obj;
    expect(spec['securityContext']).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(at(spec, 'containers', 0, 'securityContext')).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(at(get(o, 'Namespace/example'), 'metadata', 'labels', 'pod-security.kubernetes.io/enforce')).toBe('restricted');
  });

  it('`security` relaxes the defaults where it says, and the namespace enforces what the pods need', () => {
    const o = objects(`components:
  web: { kind: service, image: example/web:1, security: { readOnlyRootFilesystem: true, runAsUser: 1000 } }
  vmm:
    kind: service
    image: example/vmm:1
    security: { fsGroup: 1000, capabilities: { add: [CAP_SYS_ADMIN, NET_ADMIN] }, hostPaths: [/srv/jailer] }
  root: { kind: worker, image: example/root:1, security: { runAsUser: 0, privileged: true } }
`);
    expect(at(get(o, 'Deployment/web'), 'spec', 'template', 'spec', 'containers', 0, 'securityContext')).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
    expect(at(get(o, 'Deployment/web'), 'spec', 'template', 'spec', 'securityContext')).toEqual({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    const vmm = at(get(o, 'Deployment/vmm'), 'spec', 'template', 'spec') as Obj;
    expect(at(vmm, 'containers', 0, 'securityContext')).toEqual({ capabilities: { add: ['SYS_ADMIN', 'NET_ADMIN'], drop: ['ALL'] } });
    expect(at(vmm, 'securityContext', 'fsGroup')).toBe(1000);
    expect(vmm['volumes']).toEqual([{ name: 'host-srv-jailer', hostPath: { path: '/srv/jailer' } }]);
    expect(at(vmm, 'containers', 0, 'volumeMounts')).toEqual([{ name: 'host-srv-jailer', mountPath: '/srv/jailer' }]);
    expect(at(get(o, 'Deployment/root'), 'spec', 'template', 'spec', 'securityContext')).toEqual({ runAsNonRoot: false, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } });
    expect(at(get(o, 'Deployment/root'), 'spec', 'template', 'spec', 'containers', 0, 'securityContext')).toEqual({ privileged: true, capabilities: { drop: ['ALL'] } });
    expect(at(get(o, 'Namespace/example'), 'metadata', 'labels', 'pod-security.kubernetes.io/enforce')).toBe('privileged');
  });

  it('never writes a secret: `${VAR}` and literal secrets are read from the component\'s Secret', () => {
    const o = objects(`components:
  api:
    kind: service
    image: example/api:1
    env:
      LOG_LEVEL: info
      DB_PASSWORD: \${DB_PASSWORD}
      DATABASE_URL: postgres://app:\${PG_PASSWORD}@db:5432/app
      API_TOKEN: hunter2
`);
    expect(at(get(o, 'Deployment/api'), 'spec', 'template', 'spec', 'containers', 0, 'env')).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'api-secrets', key: 'DB_PASSWORD' } } },
      { name: 'PG_PASSWORD', valueFrom: { secretKeyRef: { name: 'api-secrets', key: 'PG_PASSWORD' } } },
      { name: 'DATABASE_URL', value: 'postgres://app:$(PG_PASSWORD)@db:5432/app' },
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api-secrets', key: 'API_TOKEN' } } },
    ]);
  });
});

describe('kubernetes: network policies', () => {
  const FLOWS = `components:
  web:
    kind: service
    image: example/web:1
    ports: [{ name: http, port: 8080, exposure: public }]
    flows:
      - { to: db, port: 5432 }
      - { to: payments, port: 443 }
  db:
    kind: datastore
    image: postgres:17
    ports: [{ port: 5432 }]
  payments: { kind: external }
`;

  it('without policies in the spec: default-deny, DNS, and each declared flow allowed at both ends', () => {
    const o = objects(FLOWS);
    expect(at(get(o, 'NetworkPolicy/default-deny'), 'spec')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(at(get(o, 'NetworkPolicy/allow-dns'), 'spec')).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
      ],
    });
    const selector = (name: string) => ({ matchLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': 'example' } });
    expect(at(get(o, 'NetworkPolicy/web-allow'), 'spec')).toEqual({
      podSelector: selector('web'),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [{ port: 8080, protocol: 'TCP' }] }],
      egress: [
        { to: [{ podSelector: selector('db') }], ports: [{ port: 5432, protocol: 'TCP' }] },
        { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443, protocol: 'TCP' }] },
      ],
    });
    expect(at(get(o, 'NetworkPolicy/db-allow'), 'spec')).toEqual({
      podSelector: selector('db'),
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: selector('web') }], ports: [{ port: 5432, protocol: 'TCP' }] }],
    });
    expect(blockedFlows(compile(FLOWS))).toEqual([]);
  });

  it('with the page\'s policies blocking flows: they are kept as written, and allow policies admit every flow', () => {
    const spec = `kubernetes: { namespace: shop }
components:
  api:
    kind: service
    image: example/api:1
    flows: [{ to: postgres, port: 5432 }, { to: redis, port: 6379 }]
  postgres: { kind: datastore, image: postgres:17, ports: [{ port: 5432 }] }
  redis: { kind: datastore, image: redis:8, ports: [{ port: 6379 }] }
network:
  policies:
    - { name: default-deny, namespace: shop, selector: "*", types: [Ingress, Egress] }
    - name: api-to-database
      selector: postgres
      types: [Ingress]
      ingress: [{ peers: [{ component: api }], ports: [{ port: 5432, protocol: TCP }] }]
`;
    const model = compile(spec);
    const o = objects(spec);
    expect(at(get(o, 'NetworkPolicy/default-deny'), 'spec')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(at(get(o, 'NetworkPolicy/api-to-database'), 'metadata', 'namespace')).toBe('shop');
    expect(o.has('NetworkPolicy/api-allow')).toBe(true);
    expect(o.has('NetworkPolicy/allow-dns')).toBe(true);
    expect(blockedFlows(model)).toEqual([]);
  });

  it('a page policy that restricts only ingress leaves egress open: no egress rules are added', () => {
    const o = objects(`components:
  api: { kind: service, image: example/api:1, flows: [{ to: db, port: 5432 }] }
  db: { kind: datastore, image: postgres:17, ports: [{ port: 5432 }] }
network:
  policies:
    - { name: db-ingress, selector: db, types: [Ingress] }
`);
    expect(o.has('NetworkPolicy/api-allow')).toBe(false);
    expect(o.has('NetworkPolicy/allow-dns')).toBe(false);
    expect(o.has('NetworkPolicy/default-deny')).toBe(false);
    expect(at(get(o, 'NetworkPolicy/db-allow'), 'spec', 'policyTypes')).toEqual(['Ingress']);
  });
});

describe('kubernetes: notes', () => {
  const messages = (text: string) => emit(compile(text)).notes.map((n) => n.message);

  it('says what it chose where the spec gives no value: the image, the namespace, the mount', () => {
    const notes = messages('components:\n  api: { kind: service, volumes: [{ name: data, size: 1Gi }] }\n');
    expect(notes).toContain('`api` gives no `image`: its workload uses the placeholder `infraspec.invalid/example/<component>:unspecified`, which cannot be pulled (`.invalid` never resolves, so no image of a guessed name is ever run); set `image:` in the spec');
    expect(notes).toContain("`kubernetes.namespace` is unset: the objects go in the namespace `example`, the system's name");
    expect(notes).toContain('volume `api/data` gives no `mount`: it is mounted at `/data/<volume>`; set `mount:` to where the image keeps its data');
  });

  it('says when the spec accepts a Kubernetes older than the APIs the manifests use', () => {
    expect(messages('kubernetes: { version: 1.20+ }\ncomponents:\n  api: { kind: service, image: example/api:1 }\n')).toContain(
      'the spec accepts Kubernetes `1.20+`, but the manifests need 1.25 or later (Pod Security admission labels; autoscaling/v2 needs 1.23, policy/v1 1.21)',
    );
    expect(messages('kubernetes: { version: 1.28+ }\ncomponents:\n  api: { kind: service, image: example/api:1 }\n').some((n) => n.includes('manifests need'))).toBe(false);
  });

  it('names the phases a phase-dependent note holds in, once', () => {
    const notes = messages(`kubernetes: { quota: { requests.cpu: "4" } }
components:
  api: { kind: service, image: example/api:1 }
phases:
  one: {}
  two: { components: { api: { resources: { requests: { cpu: 100m } } } } }
  three: {}
`);
    expect(notes.filter((n) => n.includes('the apiserver refuses its pods'))).toEqual([
      '`api` sets no `requests.cpu` while the ResourceQuota caps it and no LimitRange gives a default: the apiserver refuses its pods (phases `one`, `three`)',
    ]);
  });
});
