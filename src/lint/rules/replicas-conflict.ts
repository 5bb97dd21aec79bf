import type { ComponentModel } from '../../spec/model.js';
import type { SourceSpan } from '../../spec/source.js';
import { haMemberCounts } from '../helpers/backup-availability.js';
import type { LintAnalysis } from '../analysis.js';
import type { Rule } from '../types.js';

/** One place the page gives the number of copies of a component, with the totals it can mean. */
interface Statement {
  /** The words of the page, e.g. "`ha.replicas: 1` (mode `replicated`, plus the primary)". */
  words: string;
  /** Totals the statement can mean (several where the page's convention is ambiguous). */
  totals: number[];
  /** For `replicas` with a range: every total in it agrees. */
  range: { min: number; max: number } | null;
  at: SourceSpan;
}

type Settings = Record<string, string | number | boolean>;

// The spellings engine settings use for the node count of a replication group (ElastiCache `num_cache_clusters`) and replicas per shard.
const NODE_COUNT_KEYS = ['num_cache_clusters', 'numCacheClusters'];
const PER_GROUP_KEYS = ['replicas_per_node_group', 'replicasPerNodeGroup'];
const GROUP_COUNT_KEYS = ['num_node_groups', 'numNodeGroups'];

function setting(sources: Array<{ settings: Settings; path: string }>, keys: readonly string[]): { value: number; key: string; path: string; settings: Settings } | null {
  for (const source of sources) {
    for (const key of keys) {
      const raw = source.settings[key];
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : null;
      if (value !== null) return { value, key, path: source.path, settings: source.settings };
    }
  }
  return null;
}

function statements(component: ComponentModel, analysis: LintAnalysis): Statement[] {
  const input = component.input;
  const out: Statement[] = [];
  const replicas = input.replicas;
  if (replicas !== undefined) {
    const range = typeof replicas === 'number' ? { min: replicas, max: replicas } : { min: replicas.min, max: replicas.max };
    const words = typeof replicas === 'number' ? `\`replicas: ${replicas}\`` : `\`replicas: {min: ${replicas.min}, max: ${replicas.max}}\``;
    out.push({ words, totals: [range.min], range, at: analysis.at(input, 'replicas') });
  }
  const managed = input.managed;
  if (managed?.nodes !== undefined) out.push({ words: `\`managed.nodes: ${managed.nodes}\``, totals: [managed.nodes], range: null, at: analysis.at(managed, 'nodes') });
  const sources: Array<{ settings: Settings; path: string }> = [];
  if (managed?.settings) sources.push({ settings: managed.settings, path: 'managed.settings' });
  if (input.settings) sources.push({ settings: input.settings, path: 'settings' });
  const nodeCount = setting(sources, NODE_COUNT_KEYS);
  if (nodeCount) out.push({ words: `\`${nodeCount.path}.${nodeCount.key}: ${nodeCount.value}\``, totals: [nodeCount.value], range: null, at: analysis.at(nodeCount.settings, nodeCount.key) });
  const perGroup = setting(sources, PER_GROUP_KEYS);
  if (perGroup) {
    const groups = setting(sources, GROUP_COUNT_KEYS)?.value ?? input.ha?.shards ?? 1;
    const each = `${perGroup.value} replica${perGroup.value === 1 ? '' : 's'} and a primary per node group`;
    out.push({ words: `\`${perGroup.path}.${perGroup.key}: ${perGroup.value}\` (${groups === 1 ? each : `${groups} node groups of ${each}`})`, totals: [(perGroup.value + 1) * groups], range: null, at: analysis.at(perGroup.settings, perGroup.key) });
  }
  if (managed?.readReplicas) {
    out.push({ words: `\`managed.readReplicas.count: ${managed.readReplicas.count}\` (and the primary)`, totals: [managed.readReplicas.count + 1], range: null, at: analysis.at(managed.readReplicas, 'count') });
  }
  const ha = input.ha;
  const haTotals = haMemberCounts(ha);
  if (ha && haTotals) {
    const words =
      ha.mode === 'single'
        ? '`ha.mode: single`'
        : ha.mode === 'sharded'
          ? `\`ha.replicas: ${ha.replicas ?? 0}\` with \`shards: ${ha.shards ?? 1}\``
          : ha.mode === 'cluster' || ha.mode === 'active-active'
            ? `\`ha.replicas: ${ha.replicas ?? 0}\` (mode \`${ha.mode}\`)`
            : `\`ha.replicas: ${ha.replicas ?? 0}\` (mode \`${ha.mode}\`, and the primary)`;
    out.push({ words, totals: haTotals, range: null, at: ha.mode === 'single' ? analysis.at(ha, 'mode') : analysis.at(ha, 'replicas') });
  }
  return out;
}

function agrees(reference: Statement, other: Statement): boolean {
  if (reference.range) {
    const { min, max } = reference.range;
    return other.totals.some((t) => t >= min && t <= max);
  }
  return other.totals.some((t) => reference.totals.includes(t));
}

function countText(statement: Statement): string {
  if (statement.range && statement.range.min !== statement.range.max) return `${statement.range.min}–${statement.range.max}`;
  return statement.totals.join(' or ');
}

export const replicasConflict: Rule<'conflict' | 'autoscalingFixed'> = {
  id: 'replicas-conflict',
  severity: 'error',
  category: 'availability',
  summary: 'The number of copies of a component must be the same everywhere the page gives it.',
  messages: {
    conflict: '{statement} gives `{component}` {count} in all, but {reference} gives it {referenceCount}: the page states two replica counts, and a deployment can follow only one',
    autoscalingFixed: '`{component}` has autoscaling targets, but {reference} fixes its replicas: the autoscaler has no room to scale',
  },
  docs: {
    why: 'Documents give the size of a replicated service in several places: a replica count, an HA block ("primary + 2 replicas"), a managed service\'s node count or read replicas, engine settings such as ElastiCache\'s `num_cache_clusters` and `replicas_per_node_group`. When they disagree, the deployment follows whichever one its author happened to read, and the capacity, cost and failure tolerance the page computes are for another system. An autoscaler whose replica range is a single number cannot scale either.',
    invalid: `components:
  redis:
    kind: datastore
    replicas: 3
    ha: { mode: primary-replica, replicas: 1, failover: automatic }
`,
    valid: `components:
  redis:
    kind: datastore
    replicas: 3
    ha: { mode: primary-replica, replicas: 2, failover: automatic }
`,
    fix: 'Decide how many copies there are and write the same number everywhere (`replicas` counts them all; `ha.replicas` counts those besides the primary).',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      for (const component of phase.components) {
        if (component.kind === 'external' || component.kind === 'job' || component.perNode) continue;
        const input = component.input;
        const replicas = input.replicas;
        if (input.autoscaling !== undefined && replicas !== undefined && (typeof replicas === 'number' || replicas.min === replicas.max)) {
          const fixed = typeof replicas === 'number' ? replicas : replicas.min;
          report({ at: analysis.at(input, 'autoscaling', 'key'), message: 'autoscalingFixed', data: { component: component.name, reference: `\`replicas: ${typeof replicas === 'number' ? fixed : `{min: ${fixed}, max: ${fixed}}`}\`` }, phase: phase.name });
        }
        const found = statements(component, analysis);
        const reference = found[0];
        if (!reference) continue;
        const reported = new Set<number>();
        for (const other of found.slice(1)) {
          if (agrees(reference, other) || other.totals.every((t) => reported.has(t))) continue;
          for (const t of other.totals) reported.add(t);
          report({ at: other.at, message: 'conflict', data: { statement: other.words, component: component.name, count: `${other.totals.join(' or ')} ${other.totals.length === 1 && other.totals[0] === 1 ? 'copy' : 'copies'}`, reference: reference.words, referenceCount: countText(reference) }, phase: phase.name });
        }
      }
    }
  },
};
