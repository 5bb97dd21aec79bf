import type { ComponentModel, Model, PhaseModel } from '../../spec/model.js';
import { decimal, subDecimal, type Decimal } from '../../units/decimal.js';
import { parseDurationBound } from '../../units/duration.js';
import { parsePercent } from '../../units/percent.js';
import type { Notes } from '../notes.js';
import { decimalText, nameList, namespaceMatchers, oneOf, seconds, series, type Platform } from './promql.js';
import { labels, runbook, type AlertRule } from './rules.js';

/**
 * Alerts from `objectives`: the availability SLO as multiwindow, multi-burn-rate
 * alerts on the error budget (Google SRE Workbook, "Alerting on SLOs", table
 * 5-8, for a 30-day SLO window), and latency bounds as `histogram_quantile`
 * alerts on the components they name.
 *
 * Metrics (the spec names none, so these are the choices):
 * - availability: `up` of the scrape job named after each serving component
 *   (a component with ports; a ServiceMonitor's job is its Service's name);
 * - latency: `http_request_duration_seconds` (the Prometheus client libraries'
 *   HTTP histogram), `grpc_server_handling_seconds` for gRPC-only components.
 */

/** Burn-rate windows: [long, short, factor, share of a 30-day budget spent when it fires]. */
const FAST = [
  ['1h', '5m', '14.4', '2% in 1 hour'],
  ['6h', '30m', '6', '5% in 6 hours'],
] as const;
const SLOW = [
  ['1d', '2h', '3', '10% in 1 day'],
  ['3d', '6h', '1', '10% in 3 days'],
] as const;

const HUNDRED: Decimal = { units: 100n, scale: 0 };

/** The phase's availability objective (`targets.uptime` or `targets.availability`, else `objectives.availability`), as written. */
function availabilityObjective(model: Model, phase: PhaseModel): { text: string; where: string } | null {
  for (const target of phase.targets) {
    if (target.name === 'uptime' || target.name === 'availability') return { text: target.text, where: `phases.${phase.name}.targets.${target.name}` };
  }
  const base = model.input.objectives?.availability;
  return base === undefined ? null : { text: String(base), where: 'objectives.availability' };
}

function serving(phase: PhaseModel): ComponentModel[] {
  return phase.components.filter((c) => c.kind !== 'external' && c.kind !== 'job' && c.input.managed === undefined && (c.input.ports ?? []).length > 0);
}

export function availabilityRules(model: Model, phase: PhaseModel, platform: Platform, notes: Notes): AlertRule[] {
  const objective = availabilityObjective(model, phase);
  if (!objective) return [];
  const parsed = parsePercent(objective.text);
  if (!parsed.ok || parsed.value.units <= 0n) {
    notes.add(`the availability objective \`${objective.text}\` is not a percentage above 0: no error-budget alert`, undefined, phase.name);
    return [];
  }
  const slo = parsed.value;
  // The error budget: (100 − SLO) / 100, exact (99.9 % → 0.001).
  const missing = subDecimal(HUNDRED, slo);
  if (missing.units <= 0n) {
    notes.add(`the availability objective \`${objective.text}\` leaves no error budget: no burn-rate alert`, undefined, phase.name);
    return [];
  }
  const budget = decimalText(decimal(missing.units, missing.scale + 2));
  const components = serving(phase);
  if (!components.length) {
    notes.add(`the availability objective \`${objective.text}\` has no component to measure it on (none of the phase's components has a port)`, undefined, phase.name);
    return [];
  }
  const jobs = components.map((c) => platform.label(c.name));
  const up = series('up', [...namespaceMatchers(platform), oneOf('job', jobs)]);
  const burn = (window: string) => `(1 - avg by (job) (avg_over_time(${up}[${window}])))`;
  const condition = (rows: ReadonlyArray<readonly [string, string, string, string]>) =>
    rows.map(([long, short, factor]) => `(\n  ${burn(long)} > (${factor} * ${budget})\n  and\n  ${burn(short)} > (${factor} * ${budget})\n)`).join('\nor\n');
  const where = runbook(model, `${objective.where} (${objective.text}), measured on ${nameList(components.map((c) => c.name))}`, components);
  const describe = (rows: ReadonlyArray<readonly [string, string, string, string]>) => rows.map(([long, short, factor, spent]) => `${factor}× over ${long} and ${short} (${spent})`).join(', or ');
  return [
    {
      alert: 'AvailabilityErrorBudgetBurnFast',
      expr: condition(FAST),
      labels: labels(platform, 'critical'),
      annotations: {
        summary: `{{ $labels.job }} burns the error budget of its ${objective.text} availability objective fast`,
        description: `{{ $labels.job }} is down (up == 0) at a rate that spends its error budget (${budget} of a 30-day window, from the spec's ${objective.text}) ${describe(FAST)}: at this pace the budget is gone within days.`,
        runbook: where,
      },
    },
    {
      alert: 'AvailabilityErrorBudgetBurnSlow',
      expr: condition(SLOW),
      labels: labels(platform, 'warning'),
      annotations: {
        summary: `{{ $labels.job }} burns the error budget of its ${objective.text} availability objective`,
        description: `{{ $labels.job }} is down (up == 0) at a rate that spends its error budget (${budget} of a 30-day window, from the spec's ${objective.text}) ${describe(SLOW)}: the objective will be missed if it goes on.`,
        runbook: where,
      },
    },
  ];
}

/** `p95`, `95`, `95th`, `99.9` → the quantile as an exact decimal (`0.95`) and its name (`p95`); null when unreadable. */
function quantileOf(text: string): { quantile: string; name: string } | null {
  const match = /^\s*p?(\d{1,2}(?:\.\d+)?)(?:th)?\s*%?\s*$/i.exec(text);
  if (!match?.[1]) return null;
  const parsed = parsePercent(match[1]);
  if (!parsed.ok || parsed.value.units <= 0n) return null;
  return { quantile: decimalText(decimal(parsed.value.units, parsed.value.scale + 2)), name: `p${decimalText(parsed.value)}` };
}

export function latencyRules(model: Model, phase: PhaseModel, platform: Platform, notes: Notes): AlertRule[] {
  const rules: AlertRule[] = [];
  const objectives = model.input.objectives?.latency ?? [];
  if (!objectives.length) return rules;
  const components = new Map(phase.components.map((c) => [c.name, c]));
  const unnamed: string[] = [];
  objectives.forEach((objective, index) => {
    const at = model.positions.containerSpan(objective) ?? undefined;
    if (objective.of === undefined) {
      unnamed.push(objective.name);
      return;
    }
    const component = components.get(objective.of);
    if (!component || component.kind === 'external') {
      notes.add(`latency objective \`${objective.name}\`: \`${objective.of}\` does not run in this phase; no alert`, at, phase.name);
      return;
    }
    const bound = parseDurationBound(String(objective.bound));
    if (!bound.ok || (bound.value.op !== '<' && bound.value.op !== '<=')) {
      notes.add(`latency objective \`${objective.name}\`: \`${String(objective.bound)}\` is not an upper bound (\`<\` or \`<=\` a duration); no alert`, at, phase.name);
      return;
    }
    let percentile = objective.percentile === undefined ? null : quantileOf(objective.percentile);
    if (objective.percentile !== undefined && percentile === null) {
      notes.add(`latency objective \`${objective.name}\`: percentile \`${objective.percentile}\` is unreadable; no alert`, at);
      return;
    }
    if (percentile === null) {
      percentile = { quantile: '0.99', name: 'p99' };
      notes.add(`latency objective \`${objective.name}\` gives no percentile: the alert watches the 99th`, at);
    }
    const grpcOnly = (component.input.ports ?? []).length > 0 && (component.input.ports ?? []).every((p) => p.appProtocol === 'grpc');
    const histogram = grpcOnly ? 'grpc_server_handling_seconds_bucket' : 'http_request_duration_seconds_bucket';
    const limit = seconds(bound.value.ms);
    // `< 100ms` is missed at 100ms; `<= 100ms` only above it.
    const op = bound.value.op === '<' ? '>=' : '>';
    const job = platform.label(component.name);
    rules.push({
      alert: 'LatencyObjectiveMissed',
      expr: `histogram_quantile(${percentile.quantile}, sum by (job, le) (rate(${series(histogram, [...namespaceMatchers(platform), oneOf('job', [job])])}[5m]))) ${op} ${limit}`,
      for: '10m',
      labels: labels(platform, 'warning', { objective: objective.name }),
      annotations: {
        summary: `${percentile.name} latency of {{ $labels.job }} is {{ $value | humanizeDuration }}, over the spec's ${String(objective.bound)}`,
        description: `The ${percentile.name} latency of \`${component.name}\` (${histogram.replace(/_bucket$/, '')}, over 5 minutes) has been {{ $value | humanizeDuration }} for 10 minutes; the spec's latency objective \`${objective.name}\` bounds it to ${String(objective.bound)}.`,
        runbook: runbook(model, `objectives.latency[${index}] (${objective.name})`, [component]),
      },
    });
  });
  if (unnamed.length) {
    notes.add(`no alert for latency objective${unnamed.length === 1 ? '' : 's'} ${nameList(unnamed)}: ${unnamed.length === 1 ? 'it names' : 'they name'} no component (\`of\`), so no metric measures ${unnamed.length === 1 ? 'it' : 'them'}`);
  }
  return rules;
}
