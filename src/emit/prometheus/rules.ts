import type { ComponentModel, Model } from '../../spec/model.js';
import type { Platform } from './promql.js';

/**
 * Prometheus alerting rules as plain data, in the shape `promtool check rules`
 * reads: groups of rules, each with `alert`, `expr`, an optional `for`, labels
 * and annotations.
 */

export type Severity = 'critical' | 'warning' | 'info';

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string; runbook: string };
}

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

export function labels(platform: Platform, severity: Severity, extra: Record<string, string> = {}): Record<string, string> {
  return { severity, system: platform.system, ...extra };
}

/**
 * The `runbook` annotation: where in the spec the alert's figures come from,
 * never an invented URL; with the recovery steps the spec gives for the
 * components concerned, when it gives some.
 */
export function runbook(model: Model, where: string, components: readonly ComponentModel[] = []): string {
  const base = `the infraspec spec of \`${model.system.name}\`${model.input.system.source ? ` (from ${model.input.system.source})` : ''}: ${where}`;
  const names = new Set(components.map((c) => c.name));
  const recovery: string[] = [];
  for (const [tier, objective] of Object.entries(model.input.objectives?.recovery ?? {})) {
    if (!objective.steps?.length || !(objective.of ?? []).some((n) => names.has(n))) continue;
    const targets = [objective.rto === undefined ? '' : `RTO ${String(objective.rto)}`, objective.rpo === undefined ? '' : `RPO ${String(objective.rpo)}`].filter((t) => t !== '').join(', ');
    recovery.push(`recovery \`${tier}\`${targets ? ` (${targets})` : ''}: ${objective.steps.map((s, i) => `${i + 1}. ${s}`).join('; ')}`);
  }
  return recovery.length ? `${base}. ${recovery.join('. ')}.` : base;
}
