import type { Model } from '../../spec/model.js';
import { parseBytes } from '../../units/bytes.js';
import { decimalFromBigint, parseDecimal, type Decimal } from '../../units/decimal.js';
import { parseDuration } from '../../units/duration.js';
import { parsePercent } from '../../units/percent.js';
import { isMetricName, knownMetric, type KnownMetric } from './metrics.js';
import type { Notes } from '../notes.js';
import { alertName, decimalText, nameList, promDuration, quoted, seconds, type Platform } from './promql.js';
import { labels, runbook, type AlertRule, type Severity } from './rules.js';

/**
 * The spec's own `alerts`, translated: the metric (a known phrase, or a metric
 * name taken as written), the threshold in the metric's unit, the comparison,
 * how long it must hold (`for`, or CloudWatch-style `period` ×
 * `evaluationPeriods`) and the severity. What cannot be translated is left out
 * with a note, never guessed.
 */

type AlertInput = NonNullable<Model['input']['alerts']>[number];

/** A threshold as an exact decimal in the metric's unit, and how the page wrote it. */
function threshold(value: number | string, metric: KnownMetric | null): { value: string; problem: string | null } | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (text.endsWith('%')) {
    const parsed = parsePercent(text, { allowAbove100: true });
    if (!parsed.ok) return null;
    if (metric?.unit === 'count') return { value: decimalText(parsed.value), problem: `the threshold ${text} is a percentage, but the metric is a count` };
    return { value: decimalText(parsed.value), problem: metric === null ? `the threshold ${text} is a percentage of a metric of unknown unit: compared as ${decimalText(parsed.value)}` : null };
  }
  const plain = parseDecimal(text);
  if (plain !== undefined) return { value: decimalText(plain), problem: null };
  const duration = parseDuration(text);
  if (duration.ok) return { value: seconds(duration.value), problem: metric === null ? null : `the threshold ${text} is a duration, compared as ${seconds(duration.value)} seconds` };
  const bytes = parseBytes(text);
  if (bytes.ok) {
    const size: Decimal = decimalFromBigint(bytes.value.bytes);
    return { value: decimalText(size), problem: metric === null ? null : `the threshold ${text} is a size, compared as ${decimalText(size)} bytes` };
  }
  return null;
}

export interface SpecAlertsResult {
  rules: AlertRule[];
}

export function specAlertRules(model: Model, platform: Platform, notes: Notes): AlertRule[] {
  const rules: AlertRule[] = [];
  const defaultSeverity: string[] = [];
  const noDuration: string[] = [];
  (model.input.alerts ?? []).forEach((alert: AlertInput, index) => {
    const at = model.positions.containerSpan(alert) ?? undefined;
    const known = knownMetric(alert.metric) ?? null;
    const verbatim = known === null && isMetricName(alert.metric.trim());
    if (!known && !verbatim) {
      notes.add(`alert \`${alert.name}\`: the metric \`${alert.metric}\` is neither a known phrase nor a metric name; no rule (write the metric name, e.g. \`node_load1\`)`, at);
      return;
    }
    const comparison = alert.comparison ?? (alert.above !== undefined && alert.below !== undefined ? 'outside' : alert.above !== undefined ? 'above' : 'below');
    const needs = comparison === 'above' ? ['above'] : comparison === 'below' ? ['below'] : ['above', 'below'];
    const given = { above: alert.above, below: alert.below };
    if (alert.above === undefined && alert.below === undefined) {
      notes.add(`alert \`${alert.name}\` gives no threshold (\`above\` or \`below\`); no rule`, at);
      return;
    }
    if (needs.some((k) => given[k as 'above' | 'below'] === undefined)) {
      notes.add(`alert \`${alert.name}\`: \`comparison: ${comparison}\` needs ${needs.map((k) => `\`${k}\``).join(' and ')}; no rule`, at);
      return;
    }
    if (known?.kubernetes && !platform.kubernetes) {
      notes.add(`alert \`${alert.name}\`: \`${alert.metric}\` is measured on Kubernetes (${known.source}), and this phase does not run on it; no rule`, at);
      return;
    }
    const values: Record<string, string> = {};
    for (const key of needs as Array<'above' | 'below'>) {
      const raw = given[key];
      const parsed = raw === undefined ? null : threshold(raw, known);
      if (!parsed) {
        notes.add(`alert \`${alert.name}\`: the threshold \`${String(raw)}\` is not a number, percentage, duration or size; no rule`, at);
        return;
      }
      if (parsed.problem) notes.add(`alert \`${alert.name}\`: ${parsed.problem}`, at);
      values[key] = parsed.value;
    }
    const periodMs = alert.period === undefined ? null : parseDuration(alert.period);
    const window = periodMs?.ok ? promDuration(periodMs.value) : '5m';
    let forMs: bigint | null = null;
    if (alert.for !== undefined) {
      const parsed = parseDuration(alert.for);
      if (parsed.ok) forMs = parsed.value;
    } else if (periodMs?.ok) {
      // CloudWatch: the alarm fires when `evaluationPeriods` consecutive periods breach.
      forMs = periodMs.value * BigInt(alert.evaluationPeriods ?? 1);
    }
    if (forMs === null) noDuration.push(alert.name);
    const ns = platform.namespace === null ? [] : [`namespace=${quoted(platform.namespace)}`];
    const sel = (metric: string, ...matchers: string[]) => {
      const all = [...ns, ...matchers];
      return all.length ? `${metric}{${all.join(',')}}` : metric;
    };
    const expr = known ? known.expr({ sel, window, kubernetes: platform.kubernetes }) : alert.metric.trim();
    const above = values['above'] ?? '';
    const below = values['below'] ?? '';
    const condition =
      comparison === 'above' ? `${expr} > ${above}` : comparison === 'below' ? `${expr} < ${below}` : comparison === 'outside' ? `(${expr} > ${above}) or (${expr} < ${below})` : `(${expr} > ${above}) and (${expr} < ${below})`;
    const severity: Severity = alert.severity ?? 'warning';
    if (alert.severity === undefined) defaultSeverity.push(alert.name);
    const unit = known?.unit === 'percent' ? '%' : '';
    const words =
      comparison === 'above' ? `above ${above}${unit}` : comparison === 'below' ? `below ${below}${unit}` : comparison === 'outside' ? `above ${above}${unit} or below ${below}${unit}` : `between ${above}${unit} and ${below}${unit}`;
    const held = forMs === null ? '' : alert.for !== undefined ? ` for ${String(alert.for)}` : ` for ${alert.evaluationPeriods ?? 1} period${(alert.evaluationPeriods ?? 1) === 1 ? '' : 's'} of ${String(alert.period)}`;
    const measured = known ? `Measured with ${known.source}.` : `The metric \`${alert.metric.trim()}\` is used as the spec names it.`;
    if (verbatim) notes.add(`alert \`${alert.name}\`: \`${alert.metric.trim()}\` is not a metric of the standard exporters; the rule uses it as written, so something must export it under that name`, at);
    rules.push({
      alert: alertName(alert.name),
      expr: condition,
      ...(forMs === null || forMs === 0n ? {} : { for: promDuration(forMs) }),
      labels: labels(platform, severity),
      annotations: {
        summary: `${alert.metric.trim()} ${words}{{ with $labels.instance }} on {{ . }}{{ end }}{{ with $labels.pod }} in {{ . }}{{ end }}`,
        description: `The spec's alert \`${alert.name}\`: ${alert.metric.trim()} ${words}${held}. ${measured} Value: {{ $value }}.${alert.notes === undefined ? '' : ` ${alert.notes}`}`,
        runbook: runbook(model, `alerts[${index}] (${alert.name})`),
      },
    });
  });
  if (defaultSeverity.length) notes.add(`alert${defaultSeverity.length === 1 ? '' : 's'} ${nameList(defaultSeverity, 20)} ${defaultSeverity.length === 1 ? 'gives' : 'give'} no severity: \`warning\``);
  if (noDuration.length) notes.add(`alert${noDuration.length === 1 ? '' : 's'} ${nameList(noDuration, 20)} ${noDuration.length === 1 ? 'gives' : 'give'} no duration (\`for\` or \`period\`): ${noDuration.length === 1 ? 'it fires' : 'they fire'} as soon as the threshold is crossed`);
  return rules;
}
