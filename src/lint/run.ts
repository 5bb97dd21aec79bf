import type { Diagnostic } from '../diagnostics.js';
import type { Model } from '../spec/model.js';
import { locate } from '../spec/source.js';
import { parseDuration } from '../units/duration.js';
import { PERIOD_SECONDS } from '../units/period.js';
import { LintAnalysis } from './analysis.js';
import { RULES } from './registry.js';
import { configSuppressions, inlineSuppressions, suppressionFor, unknownRule, type Suppression } from './suppressions.js';
import { formatMessage, SEVERITIES, type AnyRule, type Finding, type FindingJson, type Severity, type SeveritySetting } from './types.js';

export const LINT_SCHEMA_VERSION = '1.0';

export interface LintOptions {
  /** The day date-dependent rules (end of life, certificate expiry) judge against, `YYYY-MM-DD`. */
  asOf: string;
  /** The rules to know (default: the registry). */
  rules?: readonly AnyRule[];
  /** Run only these rule ids (the rule tester runs one). */
  only?: readonly string[];
  /** Severities that win over the spec's `lint.rules` (the CLI's `--rule ID=LEVEL`). */
  severities?: Readonly<Record<string, SeveritySetting>>;
  /** Planning horizon in months (default: the spec's `lint.horizon`, else 12). */
  horizonMonths?: number;
  /** A clock for per-rule timings (the benchmark passes `performance.now`); the core reads none. */
  clock?: () => number;
}

export interface SuppressedFinding {
  finding: Finding;
  reason: string;
  by: 'config' | 'inline';
}

export interface LintResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Problems with the lint configuration or suppressions: errors make the run invalid (exit 2). */
  diagnostics: Diagnostic[];
  /** Rules that ran, with their effective severity. */
  ran: Array<{ id: string; severity: Severity }>;
  /** Milliseconds per rule, when a clock was given. */
  timings: Array<{ rule: string; ms: number }>;
}

export function lint(model: Model, options: LintOptions): LintResult {
  const rules = options.rules ?? RULES;
  const ids = new Set(rules.map((r) => r.id));
  const diagnostics: Diagnostic[] = [];
  const config = model.input.lint;

  // Severities: the rule's default, then the spec's `lint.rules`, then the command line.
  const severity = new Map<string, SeveritySetting>(rules.map((r) => [r.id, r.severity]));
  if (config?.rules) {
    for (const [id, level] of Object.entries(config.rules)) {
      if (!ids.has(id)) diagnostics.push(unknownRule(id, model.positions.entrySpan(config.rules, id, 'key') ?? model.system.at, ids));
      else severity.set(id, level);
    }
  }
  for (const [id, level] of Object.entries(options.severities ?? {})) severity.set(id, level);

  let horizonMonths = options.horizonMonths;
  if (horizonMonths === undefined && config?.horizon !== undefined) {
    const parsed = parseDuration(config.horizon);
    const at = model.positions.entrySpan(config, 'horizon') ?? model.system.at;
    if (!parsed.ok) diagnostics.push({ code: 'bad-duration', severity: 'error', message: parsed.error.message, at, hint: parsed.error.hint });
    else {
      const monthMs = PERIOD_SECONDS.month * 1000n;
      horizonMonths = Number(parsed.value / monthMs);
      if (horizonMonths < 1) diagnostics.push({ code: 'bad-horizon', severity: 'error', message: 'the planning horizon must be at least one month', at, hint: 'write e.g. `horizon: 12 months`' });
    }
  }

  const suppressions: Suppression[] = [...configSuppressions(model, config, ids, diagnostics), ...inlineSuppressions(model.files, ids, diagnostics)];
  const inline = new Set(suppressions.filter((s) => s.line !== null));

  const analysis = new LintAnalysis(model, { asOf: options.asOf, horizonMonths });
  const only = options.only ? new Set(options.only) : null;
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const ran: LintResult['ran'] = [];
  const timings: LintResult['timings'] = [];
  const seen = new Set<string>();

  // With a clock, the shared plan is timed on its own rather than charged to the first rule that asks for it.
  if (options.clock) {
    const started = options.clock();
    void analysis.plan;
    timings.push({ rule: '(plan, shared by rules)', ms: options.clock() - started });
  }

  for (const rule of rules) {
    if (only && !only.has(rule.id)) continue;
    const level = severity.get(rule.id) ?? rule.severity;
    if (level === 'off') continue;
    ran.push({ id: rule.id, severity: level });
    const started = options.clock?.();
    rule.check(
      model,
      (input) => {
        const template = rule.messages[input.message];
        if (template === undefined) throw new Error(`rule ${rule.id} reported an undeclared message id \`${input.message}\``);
        const message = formatMessage(template, input.data);
        // A base component's problem shows in every phase that runs it: report it once.
        const key = `${input.at.file.path}\u0000${input.at.start}\u0000${input.at.end}\u0000${message}`;
        if (seen.has(`${rule.id}\u0000${key}`)) return;
        seen.add(`${rule.id}\u0000${key}`);
        const finding: Finding = { rule: rule.id, severity: level, category: rule.category, messageId: input.message, message, at: input.at, phase: input.phase ?? null };
        const by = suppressionFor(finding, suppressions);
        if (by) suppressed.push({ finding, reason: by.reason, by: inline.has(by) ? 'inline' : 'config' });
        else findings.push(finding);
      },
      analysis,
    );
    if (started !== undefined && options.clock) timings.push({ rule: rule.id, ms: options.clock() - started });
  }

  // Unused suppressions are reported, as ESLint reports unused disable directives: they hide nothing and mislead.
  for (const s of suppressions) {
    if (s.used || (only && !only.has(s.rule))) continue;
    const off = severity.get(s.rule) === 'off';
    diagnostics.push({
      code: 'unused-suppression',
      severity: 'warning',
      message: off ? `the suppression of \`${s.rule}\` is unused: the rule is off` : `the suppression of \`${s.rule}\` matches no finding`,
      at: s.at,
      hint: 'remove it, or check that it names the right rule and place',
    });
  }

  return { findings: sortFindings(findings), suppressed, diagnostics, ran, timings };
}

function sortFindings(findings: Finding[]): Finding[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return findings.sort((a, b) => {
    if (a.at.file.path !== b.at.file.path) return a.at.file.path < b.at.file.path ? -1 : 1;
    return a.at.start - b.at.start || rank(a.severity) - rank(b.severity) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
  });
}

export function findingToJson(f: Finding): FindingJson {
  return { rule: f.rule, severity: f.severity, category: f.category, messageId: f.messageId, message: f.message, at: locate(f.at), phase: f.phase };
}

export interface LintSummary {
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
}

export function lintSummary(result: LintResult): LintSummary {
  const count = (s: Severity) => result.findings.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed: result.suppressed.length };
}

/** Whether any finding is at or above `failOn`. */
export function failsAt(result: LintResult, failOn: Severity): boolean {
  const limit = SEVERITIES.indexOf(failOn);
  return result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit);
}
