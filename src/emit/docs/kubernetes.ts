import type { PhasePlan } from '../../plan/plan.js';
import { replicaRange } from '../../plan/plan.js';
import type { PhaseModel } from '../../spec/model.js';
import { parseCount } from '../../units/count.js';
import { cpuMillicores, memoryBytes } from '../../units/quantity.js';
import type { DocContext } from './context.js';
import { memorySystem, running } from './context.js';
import { bytes, cores, mark, systemOf, written } from './figures.js';
import { code, compactTable, facts, section, table, text, type Section } from './markdown.js';

type QuotaKind = 'cpu' | 'bytes' | 'count';

interface QuotaMeasure {
  kind: QuotaKind;
  label: string;
  /** The computed figure at maximum replicas. */
  compute(phase: PhaseModel, plan: PhasePlan): bigint;
}

function pvcs(phase: PhaseModel): { count: bigint; bytes: bigint } {
  let count = 0n;
  let size = 0n;
  for (const c of running(phase)) {
    const copies = replicaRange(phase, c).max;
    for (const v of c.volumes) {
      const n = v.perReplica ? copies : 1n;
      count += n;
      size += v.sizeBytes * n;
    }
  }
  return { count, bytes: size };
}

/** ResourceQuota keys infraspec can compute (Kubernetes counts requests and limits of every pod in the namespace). */
const MEASURES: Readonly<Record<string, QuotaMeasure>> = {
  'requests.cpu': { kind: 'cpu', label: 'CPU requests', compute: (_p, plan) => plan.totals.cpuRequestsMillicores.max },
  cpu: { kind: 'cpu', label: 'CPU requests', compute: (_p, plan) => plan.totals.cpuRequestsMillicores.max },
  'limits.cpu': { kind: 'cpu', label: 'CPU limits', compute: (_p, plan) => plan.totals.cpuLimitsMillicores.max },
  'requests.memory': { kind: 'bytes', label: 'memory requests', compute: (_p, plan) => plan.totals.memoryRequestsBytes.max },
  memory: { kind: 'bytes', label: 'memory requests', compute: (_p, plan) => plan.totals.memoryRequestsBytes.max },
  'limits.memory': { kind: 'bytes', label: 'memory limits', compute: (_p, plan) => plan.totals.memoryLimitsBytes.max },
  'requests.storage': { kind: 'bytes', label: 'volume claims', compute: (phase) => pvcs(phase).bytes },
  persistentvolumeclaims: { kind: 'count', label: 'persistent volume claims', compute: (phase) => pvcs(phase).count },
  pods: { kind: 'count', label: 'pods', compute: (_p, plan) => plan.totals.replicas.max },
  'count/pods': { kind: 'count', label: 'pods', compute: (_p, plan) => plan.totals.replicas.max },
};

function parseHard(kind: QuotaKind, value: string): bigint | null {
  const parsed = kind === 'cpu' ? cpuMillicores(value) : kind === 'bytes' ? memoryBytes(value) : parseCount(value);
  if (!parsed.ok) return null;
  return typeof parsed.value === 'bigint' ? parsed.value : parsed.value.value;
}

/** Kubernetes: distribution, version, namespace, add-ons, the ResourceQuota against what each phase needs, the LimitRange. */
export function kubernetesSection(ctx: DocContext): Section {
  const k8s = ctx.model.input.kubernetes;
  if (!k8s) return section('Kubernetes');
  const version = k8s.version;
  const versionText = version === undefined ? null : typeof version === 'object' ? [['minimum', written(ctx.model, version, 'minimum')], ['recommended', written(ctx.model, version, 'recommended')], ['pinned', written(ctx.model, version, 'pinned')]].filter(([, v]) => v !== null).map(([k, v]) => `${k} ${text(v ?? '')}`).join(', ') : text(written(ctx.model, k8s, 'version') ?? '');
  return section('Kubernetes', [
    facts([
      ['Distribution', k8s.distribution ?? null],
      ['Version', versionText],
      ['Namespace', k8s.namespace === undefined ? null : code(k8s.namespace)],
      ['Add-ons', k8s.addons?.length ? k8s.addons.map(code).join(', ') : null],
    ]),
  ], [quotaSection(ctx), limitRangeSection(ctx)]);
}

function quotaSection(ctx: DocContext): Section {
  const quota = ctx.model.input.kubernetes?.quota;
  if (!quota) return section('Resource quota');
  const phases = ctx.phases.filter((p) => ctx.plans.has(p.name));
  const unchecked: string[] = [];
  const rows = Object.keys(quota).map((key) => {
    const hardText = written(ctx.model, quota, key) ?? '';
    const measure = MEASURES[key];
    const hard = measure ? parseHard(measure.kind, hardText) : null;
    if (!measure || hard === null) unchecked.push(key);
    const cells = phases.map((phase) => {
      const plan = ctx.plans.get(phase.name);
      if (!measure || hard === null || !plan) return '';
      const value = measure.compute(phase, plan);
      const shown = measure.kind === 'cpu' ? cores(value) : measure.kind === 'bytes' ? bytes(value, systemOf([hardText]) ?? memorySystem(ctx, phase)) : value.toString();
      return `${shown} ${mark(value <= hard)}`;
    });
    return [code(key), text(hardText), measure ? measure.label : 'not computed', ...cells];
  });
  if (unchecked.length) {
    ctx.notes.push({ message: `the requirements document shows the quota ${unchecked.map((k) => `\`${k}\``).join(', ')} without a computed figure beside it (infraspec computes CPU, memory, storage, PVC and pod counts)` });
  }
  const header = ['Resource', 'Hard limit', 'Measures', ...phases.map((p) => (phases.length === 1 && p.name === 'default' ? 'Computed' : `${text(p.name)}`))];
  const namespace = ctx.model.input.kubernetes?.namespace;
  return section('Resource quota', [
    `The ResourceQuota${namespace ? ` of namespace ${code(namespace)}` : ''}, beside what each phase needs at its maximum replicas (✓ within the limit, ✗ over it):`,
    table(header, rows),
  ]);
}

function limitRangeSection(ctx: DocContext): Section {
  const lr = ctx.model.input.kubernetes?.limitRange;
  if (!lr) return section('Limit range');
  const row = (label: string, amounts: Record<string, unknown> | undefined) => (amounts ? [label, text(written(ctx.model, amounts, 'cpu') ?? ''), text(written(ctx.model, amounts, 'memory') ?? ''), text(written(ctx.model, amounts, 'ephemeralStorage') ?? '')] : null);
  const rows = [row('Default request', lr.defaultRequest), row('Default limit', lr.default), row('Maximum', lr.max)].filter((r): r is string[] => r !== null);
  return section('Limit range', [compactTable(['Per container', 'CPU', 'Memory', 'Ephemeral storage'], rows)]);
}
