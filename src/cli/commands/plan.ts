import { plan } from '../../plan/plan.js';
import { toJson } from '../json.js';
import type { CommandContext } from '../main.js';
import { UsageError, useColor } from '../io.js';
import { loadModelOrReport, phaseOption, relativeTo } from '../spec-arg.js';
import { paint, renderPlanMarkdown, renderPlanText } from '../views/plan.js';

export function runPlan(ctx: CommandContext): number {
  const format = ctx.values['json'] ? 'json' : ((ctx.values['format'] as string | undefined) ?? 'text');
  if (!['text', 'md', 'json'].includes(format)) throw new UsageError(`unknown format \`${format}\`; expected text, md or json`);
  if (ctx.values['json'] && ctx.values['format'] !== undefined && ctx.values['format'] !== 'json') throw new UsageError('--json and --format disagree; give one of them');
  let months = 12;
  if (ctx.values['months'] !== undefined) {
    const text = String(ctx.values['months']);
    if (!/^[0-9]+$/.test(text) || Number(text) > 1200) throw new UsageError(`--months takes a whole number of months (0–1200), got \`${text}\``);
    months = Number(text);
  }
  const loaded = loadModelOrReport(ctx, format === 'json');
  if (!loaded) return 2;
  const phase = phaseOption(ctx, loaded.model);
  const result = plan(loaded.model, { months, phase });
  const rel = relativeTo(ctx.io.cwd);
  if (format === 'json') ctx.io.stdout.write(`${toJson(result)}\n`);
  else if (format === 'md') ctx.io.stdout.write(renderPlanMarkdown(result, rel));
  else ctx.io.stdout.write(renderPlanText(result, paint(useColor(ctx.io.stdout, ctx.io.env, ctx.color)), rel));
  const findings = result.phases.some((p) => p.stated.some((s) => s.ok === false));
  return findings ? 1 : 0;
}
