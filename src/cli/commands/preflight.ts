import { parseDuration } from '../../units/duration.js';
import { didYouMean } from '../../units/suggest.js';
import { failsAt, familyOf, matchesPattern, planChecks, preflight, selectRoles } from '../../preflight/run.js';
import { HOST_CHECKS } from '../../preflight/checks/index.js';
import { PROBES } from '../../preflight/probes/index.js';
import type { CommandContext } from '../main.js';
import { UsageError, useColor } from '../io.js';
import { formatOption, loadModelOrReport, relativeTo } from '../spec-arg.js';
import type { PreflightView } from '../views/preflight/shared.js';

const FORMATS = ['pretty', 'json', 'junit', 'md'] as const;

/** The default per-check timeout; the whole run is bounded by four of them (at least 30 s). */
const DEFAULT_TIMEOUT_MS = 5000;
const MAX_TIMEOUT_MS = 600_000;

export async function runPreflight(ctx: CommandContext): Promise<number> {
  const format = formatOption(ctx, FORMATS);
  const failOn = chooseFailOn(ctx);
  const timeoutMs = chooseTimeout(ctx);
  const only = patterns(ctx.values['only']);
  const skip = patterns(ctx.values['skip']);
  const loaded = loadModelOrReport(ctx, format === 'json');
  if (!loaded) return 2;
  const { model } = loaded;
  const role = ctx.values['role'] as string | undefined;
  const phase = ctx.values['phase'] as string | undefined;
  const selection = selectRoles(model, { ...(role === undefined ? {} : { role }), ...(phase === undefined ? {} : { phase }) });
  if (!selection.ok) throw new UsageError(`${selection.message}${selection.hint ? `; ${selection.hint}` : ''}`);

  // A pattern that matches nothing planned is most likely a typo: say so rather than run nothing.
  // Planning is done again by preflight(); only a run with patterns pays for it twice.
  const modules = [...HOST_CHECKS, ...PROBES];
  const ids = only.length + skip.length === 0 ? [] : planChecks(model, selection, modules).map((c) => c.check);
  for (const [flag, list] of [['--only', only], ['--skip', skip]] as const) {
    for (const pattern of list) {
      if (ids.some((id) => matchesPattern(id, pattern)) || modules.some((m) => m.id === pattern)) continue;
      const hint = didYouMean(pattern, [...new Set([...modules.map((m) => m.id), ...ids, ...ids.map(familyOf)])]);
      throw new UsageError(`${flag} \`${pattern}\` matches no check${hint ? `; ${hint}` : ''} (families: ${modules.map((m) => m.id).join(', ')})`);
    }
  }

  const report = await preflight(model, {
    ...(role === undefined ? {} : { role }),
    ...(phase === undefined ? {} : { phase }),
    only,
    skip,
    timeoutMs,
    modules,
    context: { env: ctx.io.env, offline: ctx.values['offline'] === true, timeoutMs },
  });
  const rel = relativeTo(ctx.io.cwd);
  const view: PreflightView = { report, relativeTo: rel, color: useColor(ctx.io.stdout, ctx.io.env, ctx.color), failOn };
  if (format === 'json') ctx.io.stdout.write((await import('../views/preflight/json.js')).renderPreflightJson(report, (p) => p));
  else if (format === 'junit') ctx.io.stdout.write((await import('../views/preflight/junit.js')).renderPreflightJunit(view));
  else if (format === 'md') ctx.io.stdout.write((await import('../views/preflight/markdown.js')).renderPreflightMarkdown(view));
  else ctx.io.stdout.write((await import('../views/preflight/pretty.js')).renderPreflightPretty(view));
  return failsAt(report, failOn) ? 1 : 0;
}

function chooseFailOn(ctx: CommandContext): 'fail' | 'warn' {
  const value = (ctx.values['fail-on'] as string | undefined) ?? 'fail';
  if (value !== 'fail' && value !== 'warn') throw new UsageError(`--fail-on takes fail or warn, got \`${value}\``);
  return value;
}

function chooseTimeout(ctx: CommandContext): number {
  const text = ctx.values['timeout'] as string | undefined;
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new UsageError(`--timeout takes a duration such as \`5s\` or \`500ms\`: ${parsed.error.message}${parsed.error.hint ? `; ${parsed.error.hint}` : ''}`);
  if (parsed.value <= 0n || parsed.value > BigInt(MAX_TIMEOUT_MS)) throw new UsageError(`--timeout must be above 0 and at most 10 minutes, got \`${text}\``);
  return Number(parsed.value);
}

/** `--only disk,memory --only software.podman`: repeated and comma-separated both work. */
function patterns(value: string | boolean | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
