import { relative } from 'node:path';
import { diagnosticToJson, renderDiagnostics, sortDiagnostics } from '../diagnostics.js';
import { toJson } from './json.js';
import type { CompileResult } from '../spec/compile.js';
import { loadSpec } from '../spec/files.js';
import type { Model } from '../spec/model.js';
import type { CommandContext } from './main.js';
import { UsageError, useColor } from './io.js';
import { didYouMean } from '../units/suggest.js';

/** The one positional `<spec>` argument every spec command takes. */
export function specArgument(ctx: CommandContext): string {
  if (ctx.args.length === 0) throw new UsageError('missing <spec>: a path to infraspec.yaml or to a directory that holds one');
  if (ctx.args.length > 1) throw new UsageError(`expected one <spec>, got ${ctx.args.length}: ${ctx.args.join(' ')}`);
  return ctx.args[0]!;
}

export function relativeTo(cwd: string): (path: string) => string {
  return (path) => {
    const rel = relative(cwd, path);
    return rel.startsWith('..') || rel === '' ? path : rel;
  };
}

/** Diagnostics to stderr, in colour on a terminal, with paths relative to the working directory. */
export function writeDiagnostics(ctx: CommandContext, result: CompileResult): void {
  ctx.io.stderr.write(renderDiagnostics(result.diagnostics, { color: useColor(ctx.io.stderr, ctx.io.env, ctx.color), relativeTo: relativeTo(ctx.io.cwd) }));
}

/**
 * Load the spec; on invalid input print the diagnostics (as JSON when asked)
 * and return null so the command exits 2.
 */
export function loadModelOrReport(ctx: CommandContext, json: boolean): { model: Model; result: CompileResult } | null {
  const result = loadSpec(specArgument(ctx), ctx.io.cwd);
  if (result.model) {
    if (result.diagnostics.length && !json) writeDiagnostics(ctx, result);
    return { model: result.model, result };
  }
  if (json) ctx.io.stdout.write(`${diagnosticsJson(result)}\n`);
  else writeDiagnostics(ctx, result);
  return null;
}

/** `--phase NAME`, checked against the spec's phases (a usage error with a suggestion otherwise). */
export function phaseOption(ctx: CommandContext, model: Model): string | undefined {
  const phase = ctx.values['phase'] as string | undefined;
  if (phase === undefined || model.phases.some((p) => p.name === phase)) return phase;
  const names = model.phases.map((p) => p.name);
  const hint = didYouMean(phase, names);
  throw new UsageError(`unknown phase \`${phase}\`${hint ? `; ${hint}` : ''} (phases: ${names.join(', ')})`);
}

export const DIAGNOSTICS_SCHEMA_VERSION = '1.0';

/** The diagnostics document every command prints with `--json` when the spec is invalid (and `validate --json` always). */
export function diagnosticsJson(result: CompileResult): string {
  const diagnostics = sortDiagnostics(result.diagnostics).map(diagnosticToJson);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return toJson({
    schemaVersion: DIAGNOSTICS_SCHEMA_VERSION,
    valid: result.model !== null && errors === 0,
    files: result.files.map((f) => f.path),
    diagnostics,
    summary: { errors, warnings: diagnostics.length - errors },
  });
}

/**
 * `--format F` with `--json` as its shorthand: one of `formats` (the first is the default);
 * an unknown format or a `--json` that contradicts `--format` is a usage error with a suggestion.
 */
export function formatOption<F extends string>(ctx: CommandContext, formats: readonly F[]): F {
  const format = ctx.values['format'] as string | undefined;
  if (ctx.values['json'] && format !== undefined && format !== 'json') throw new UsageError('--json and --format disagree; give one of them');
  if (ctx.values['json']) return 'json' as F;
  if (format === undefined) return formats[0]!;
  if (!(formats as readonly string[]).includes(format)) {
    const hint = didYouMean(format, formats);
    throw new UsageError(`unknown format \`${format}\`${hint ? `; ${hint}` : ''} (formats: ${formats.join(', ')})`);
  }
  return format as F;
}
