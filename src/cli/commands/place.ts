import { resolve } from 'node:path';
import { readCatalog } from '../../catalog/load.js';
import { placeResultToJson, placeSpec } from '../../place/index.js';
import { renderDiagnostics } from '../../diagnostics.js';
import { parseDuration } from '../../units/duration.js';
import { toJson } from '../json.js';
import type { CommandContext } from '../main.js';
import { UsageError, useColor } from '../io.js';
import { loadModelOrReport, phaseOption, relativeTo } from '../spec-arg.js';
import { paint } from '../views/plan.js';
import { renderPlaceText } from '../views/place.js';

const MAX_TIME_LIMIT_MS = 3_600_000n;

/** `--time-limit 10s`: a duration (`500ms`, `10s`, `2m`), at most an hour. */
function timeLimitOption(ctx: CommandContext): number | undefined {
  const text = ctx.values['time-limit'];
  if (text === undefined) return undefined;
  const parsed = parseDuration(String(text));
  if (!parsed.ok || parsed.value <= 0n || parsed.value > MAX_TIME_LIMIT_MS) throw new UsageError(`--time-limit takes a duration between 1ms and 1h such as \`10s\` or \`500ms\`, got \`${String(text)}\``);
  return Number(parsed.value);
}

function levelOption(ctx: CommandContext): 'minimum' | 'recommended' | undefined {
  const text = ctx.values['level'];
  if (text === undefined) return undefined;
  if (text === 'minimum' || text === 'recommended') return text;
  throw new UsageError(`--level takes minimum or recommended, got \`${String(text)}\``);
}

export async function runPlace(ctx: CommandContext): Promise<number> {
  const json = ctx.values['json'] === true;
  const timeLimitMs = timeLimitOption(ctx);
  const level = levelOption(ctx);
  const loaded = loadModelOrReport(ctx, json);
  if (!loaded) return 2;
  const phase = phaseOption(ctx, loaded.model);
  const rel = relativeTo(ctx.io.cwd);
  const dir = ctx.values['catalog'];
  const catalog = readCatalog(typeof dir === 'string' ? { dir: resolve(ctx.io.cwd, dir) } : {});
  if (!catalog.catalog) {
    ctx.io.stderr.write(renderDiagnostics(catalog.diagnostics, { color: useColor(ctx.io.stderr, ctx.io.env, ctx.color), relativeTo: rel }));
    return 2;
  }
  const result = await placeSpec(loaded.model, catalog.catalog, {
    ...(phase === undefined ? {} : { phase }),
    ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
    ...(level === undefined ? {} : { level }),
  });
  if (json) ctx.io.stdout.write(`${toJson(placeResultToJson(result, rel))}\n`);
  else ctx.io.stdout.write(renderPlaceText(result, paint(useColor(ctx.io.stdout, ctx.io.env, ctx.color)), rel));
  // A phase that cannot be placed is a finding about the spec (1), not a usage error.
  return result.phases.some((p) => p.errors.length) ? 1 : 0;
}
