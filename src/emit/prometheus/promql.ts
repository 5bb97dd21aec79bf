import type { Model, PhaseModel } from '../../spec/model.js';
import { decimal, decimalToString, type Decimal } from '../../units/decimal.js';
import { dnsLabel } from '../names.js';

/**
 * Small pieces of PromQL, written the same way everywhere: label matchers with
 * escaped values, name alternations for one rule that covers many components,
 * Prometheus durations, exact decimals.
 */

export type Matcher = readonly [label: string, op: '=' | '=~' | '!=' | '!~', value: string];

/** A PromQL string literal (double-quoted, backslash escapes). */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `metric{a="b",c=~"d"}`; the metric alone when there is no matcher. */
export function series(metric: string, matchers: readonly Matcher[]): string {
  return matchers.length ? `${metric}{${matchers.map(([l, op, v]) => `${l}${op}${quoted(v)}`).join(',')}}` : metric;
}

/** A matcher for one name, or a fully anchored alternation for several (names are DNS labels: no regex metacharacter but `-`). */
export function oneOf(label: string, names: readonly string[]): Matcher {
  return names.length === 1 ? [label, '=', names[0] ?? ''] : [label, '=~', names.join('|')];
}

const DURATION_UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ['d', 86_400_000n],
  ['h', 3_600_000n],
  ['m', 60_000n],
  ['s', 1000n],
];

/** A Prometheus duration in the largest unit that divides it exactly (`15m`, `1h`, `7d`, `1500ms`). */
export function promDuration(ms: bigint): string {
  if (ms === 0n) return '0s';
  for (const [unit, size] of DURATION_UNITS) if (ms % size === 0n) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/** Seconds as an exact decimal number (`0.1`, `120`), from milliseconds. */
export function seconds(ms: bigint): string {
  return decimalToString(decimal(ms, 3));
}

export function decimalText(d: Decimal): string {
  return decimalToString(d);
}

/** An alert name from a spec id: `node-cpu-high` → `NodeCpuHigh` (alert names follow metric-name syntax). */
export function alertName(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(name) ? name : `Alert${name}`;
}

/** How the spec's components show up in metrics: on Kubernetes (kubelet, cAdvisor, kube-state-metrics) or on hosts (node_exporter, cAdvisor). */
export interface Platform {
  kubernetes: boolean;
  /** The workloads' namespace, when the spec gives one (matchers leave it out otherwise). */
  namespace: string | null;
  /** The system's name as a label value. */
  system: string;
  /** A component's name as its workloads, containers and scrape jobs carry it (`dnsLabel`, remembered: a big spec asks often). */
  label(name: string): string;
}

/** `dnsLabel`, remembered for one run of the emitter. */
export function labelCache(): (name: string) => string {
  const known = new Map<string, string>();
  return (name) => {
    let label = known.get(name);
    if (label === undefined) {
      label = dnsLabel(name);
      known.set(name, label);
    }
    return label;
  };
}

export function platformOf(model: Model, phase: PhaseModel, label: (name: string) => string = labelCache()): Platform {
  const kubernetes = model.input.kubernetes !== undefined || phase.input?.kubernetes !== undefined;
  const namespace = phase.input?.kubernetes?.namespace ?? model.input.kubernetes?.namespace ?? null;
  return { kubernetes, namespace: kubernetes ? namespace : null, system: dnsLabel(model.system.name), label };
}

export function namespaceMatchers(platform: Platform): Matcher[] {
  return platform.namespace === null ? [] : [['namespace', '=', platform.namespace]];
}

/** At most `max` items in prose, then how many more. */
export function listText(items: readonly string[], max = 8): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** Names in backquotes, at most `max`, then how many more. */
export function nameList(names: readonly string[], max = 8): string {
  return listText(names.map((n) => `\`${n}\``), max);
}

/** Where figures sit in the spec: `components.web.resources.limits.memory`, for at most `max` components. */
export function componentPaths(names: readonly string[], suffix: string, max = 6): string {
  return listText(names.map((n) => `components.${n}.${suffix}`), max);
}
