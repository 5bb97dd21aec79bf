import { hasErrors, renderDiagnostics } from '../../diagnostics.js';
import { RULES } from '../../lint/registry.js';
import { failsAt, findingToJson, lint, LINT_SCHEMA_VERSION, lintSummary, type LintResult } from '../../lint/run.js';
import { SEVERITIES, type Severity, type SeveritySetting } from '../../lint/types.js';
import { locate } from '../../spec/source.js';
import { didYouMean } from '../../units/suggest.js';
import { toJson } from '../json.js';
import { UsageError, useColor } from '../io.js';
import { version, type CommandContext } from '../main.js';
import { diagnosticsJson, formatOption, loadModelOrReport, relativeTo, specArgument } from '../spec-arg.js';
import { renderLintGithub } from '../views/lint/github.js';
import { renderLintJunit } from '../views/lint/junit.js';
import { renderLintMarkdown } from '../views/lint/markdown.js';
import { renderLintPretty } from '../views/lint/pretty.js';
import { renderLintSarif } from '../views/lint/sarif.js';
import type { LintView } from '../views/lint/shared.js';

const FORMATS = ['pretty', 'json', 'sarif', 'junit', 'github', 'md'] as const;
type Format = (typeof FORMATS)[number];

export async function runLint(ctx: CommandContext): Promise<number> {
  const format = formatOption(ctx, FORMATS);
  const failOn = chooseFailOn(ctx);
  const severities = ruleOverrides(ctx);
  const asOf = chooseAsOf(ctx);
  const machine = format !== 'pretty' && format !== 'md' && format !== 'github';
  const loaded = loadModelOrReport(ctx, format === 'json');
  if (!loaded) return 2;
  const { model, result: compiled } = loaded;
  const result = lint(model, { asOf, severities });
  const rel = relativeTo(ctx.io.cwd);

  // Configuration mistakes (a suppression without a reason, an unknown rule) make the input invalid.
  if (hasErrors(result.diagnostics)) {
    if (format === 'json') ctx.io.stdout.write(`${diagnosticsJson({ ...compiled, model: null, diagnostics: [...compiled.diagnostics, ...result.diagnostics] })}\n`);
    else ctx.io.stderr.write(renderDiagnostics(result.diagnostics, { color: useColor(ctx.io.stderr, ctx.io.env, ctx.color), relativeTo: rel }));
    return 2;
  }
  if (result.diagnostics.length && !machine) ctx.io.stderr.write(renderDiagnostics(result.diagnostics, { color: useColor(ctx.io.stderr, ctx.io.env, ctx.color), relativeTo: rel }));

  const view: LintView = { result, rules: RULES, relativeTo: rel, failOn, color: useColor(ctx.io.stdout, ctx.io.env, ctx.color), toolVersion: await version() };
  const spec = compiled.files[0]?.path ?? specArgument(ctx);
  const output: Record<Format, () => string> = {
    pretty: () => renderLintPretty(view),
    json: () => `${toJson(lintJson(result, asOf, compiled.files.map((f) => f.path)))}\n`,
    sarif: () => renderLintSarif(view, ctx.io.cwd),
    junit: () => renderLintJunit(view, spec),
    github: () => renderLintGithub(view),
    md: () => renderLintMarkdown(view),
  };
  ctx.io.stdout.write(output[format]());
  return failsAt(result, failOn) ? 1 : 0;
}

/** The `lint --json` document (a versioned contract: see docs/json.md). */
export function lintJson(result: LintResult, asOf: string, files: string[]) {
  return {
    schemaVersion: LINT_SCHEMA_VERSION,
    asOf,
    files,
    findings: result.findings.map(findingToJson),
    suppressed: result.suppressed.map((s) => ({ ...findingToJson(s.finding), reason: s.reason, by: s.by })),
    diagnostics: result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, at: d.at ? locate(d.at) : null, ...(d.hint ? { hint: d.hint } : {}) })),
    summary: { ...lintSummary(result), rules: result.ran.length },
  };
}

function chooseFailOn(ctx: CommandContext): Severity {
  const value = (ctx.values['fail-on'] as string | undefined) ?? 'error';
  if (!(SEVERITIES as readonly string[]).includes(value)) throw new UsageError(`--fail-on takes error, warning or info, got \`${value}\``);
  return value as Severity;
}

function ruleOverrides(ctx: CommandContext): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  const ids = RULES.map((r) => r.id);
  for (const entry of (ctx.values['rule'] as string[] | undefined) ?? []) {
    const match = /^([a-z0-9-]+)=(off|info|warning|error)$/.exec(entry);
    if (!match) throw new UsageError(`--rule takes ID=LEVEL with LEVEL one of off, info, warning, error; got \`${entry}\``);
    const [, id, level] = match as unknown as [string, string, SeveritySetting];
    if (!ids.includes(id)) {
      const hint = didYouMean(id, ids);
      throw new UsageError(`there is no rule \`${id}\`${hint ? `; ${hint}` : ''} (\`infraspec rules\` lists them)`);
    }
    out[id] = level;
  }
  return out;
}

/** The day date rules judge against: `--as-of`, else today (UTC). */
function chooseAsOf(ctx: CommandContext): string {
  const value = ctx.values['as-of'] as string | undefined;
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new UsageError(`--as-of takes a date as YYYY-MM-DD, got \`${value}\``);
  return value;
}
