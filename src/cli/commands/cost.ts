import { readCatalog } from '../../catalog/load.js';
import { cost, costFindings } from '../../cost/cost.js';
import type { CostOptions } from '../../cost/context.js';
import { diagnosticToJson, renderDiagnostics, sortDiagnostics } from '../../diagnostics.js';
import { toJson } from '../json.js';
import type { CommandContext } from '../main.js';
import { UsageError, useColor } from '../io.js';
import { loadModelOrReport, phaseOption, relativeTo } from '../spec-arg.js';
import { renderCostText } from '../views/cost.js';
import { paint } from '../views/plan.js';

export function runCost(ctx: CommandContext): number {
  const json = ctx.values['json'] === true;
  const currencyText = ctx.values['currency'] as string | undefined;
  let currency: string | undefined;
  if (currencyText !== undefined) {
    currency = currencyText.toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency takes an ISO 4217 code such as USD or EUR, got \`${currencyText}\``);
  }
  const loaded = loadModelOrReport(ctx, json);
  if (!loaded) return 2;
  const phase = phaseOption(ctx, loaded.model);
  const rel = relativeTo(ctx.io.cwd);
  const catalogDir = ctx.values['catalog'] as string | undefined;
  const read = readCatalog(catalogDir === undefined ? {} : { dir: catalogDir });
  if (!read.catalog) {
    if (json) {
      const diagnostics = sortDiagnostics(read.diagnostics).map(diagnosticToJson);
      ctx.io.stdout.write(`${toJson({ schemaVersion: 1, valid: false, diagnostics })}\n`);
    } else {
      ctx.io.stderr.write(renderDiagnostics(read.diagnostics, { color: useColor(ctx.io.stderr, ctx.io.env, ctx.color), relativeTo: rel }));
    }
    return 2;
  }
  const options: CostOptions = { relativeTo: rel, ...(phase === undefined ? {} : { phase }), ...(currency === undefined ? {} : { currency }) };
  const report = cost(loaded.model, read.catalog, options);
  if (json) ctx.io.stdout.write(`${toJson(report)}\n`);
  else ctx.io.stdout.write(renderCostText(report, paint(useColor(ctx.io.stdout, ctx.io.env, ctx.color)), rel));
  return costFindings(report) > 0 ? 1 : 0;
}
