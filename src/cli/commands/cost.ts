import { readCatalog } from '../../catalog/load.js';
import { cost, costFindings } from '../../cost/cost.js';
import type { CostOptions, PlacedMachines } from '../../cost/context.js';
import type { Model } from '../../spec/model.js';
import type { Catalog } from '../../catalog/types.js';
import { diagnosticToJson, renderDiagnostics, sortDiagnostics } from '../../diagnostics.js';
import { toJson } from '../json.js';
import type { CommandContext } from '../main.js';
import { UsageError, useColor } from '../io.js';
import { DIAGNOSTICS_SCHEMA_VERSION, loadModelOrReport, phaseOption, relativeTo } from '../spec-arg.js';
import { renderCostText } from '../views/cost.js';
import { paint } from '../views/plan.js';

export async function runCost(ctx: CommandContext): Promise<number> {
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
      ctx.io.stdout.write(`${toJson({ schemaVersion: DIAGNOSTICS_SCHEMA_VERSION, valid: false, diagnostics })}\n`);
    } else {
      ctx.io.stderr.write(renderDiagnostics(read.diagnostics, { color: useColor(ctx.io.stderr, ctx.io.env, ctx.color), relativeTo: rel }));
    }
    return 2;
  }
  const options: CostOptions = { relativeTo: rel, ...(phase === undefined ? {} : { phase }), ...(currency === undefined ? {} : { currency }) };
  if (ctx.values['placed'] === true) {
    const placed = await placedMachines(loaded.model, read.catalog, phase);
    if (placed.errors.length) {
      ctx.io.stderr.write(`error: --placed: ${placed.errors.join('\n  ')}\n(run \`infraspec place\` for the details; without --placed, cost prices the declared machines)\n`);
      return 1;
    }
    options.placed = placed.byPhase;
  }
  const report = cost(loaded.model, read.catalog, options);
  if (json) ctx.io.stdout.write(`${toJson(report)}\n`);
  else ctx.io.stdout.write(renderCostText(report, paint(useColor(ctx.io.stdout, ctx.io.env, ctx.color)), rel));
  return costFindings(report) > 0 ? 1 : 0;
}

/** The machines `place` chooses, by phase and role, for `--placed`; phases it cannot place are errors. */
async function placedMachines(model: Model, catalog: Catalog, phase: string | undefined): Promise<{ byPhase: Map<string, Map<string, PlacedMachines[]>>; errors: string[] }> {
  const { placeSpec } = await import('../../place/index.js');
  const result = await placeSpec(model, catalog, phase === undefined ? {} : { phase });
  const byPhase = new Map<string, Map<string, PlacedMachines[]>>();
  const errors: string[] = [];
  for (const placed of result.phases) {
    if (placed.errors.length) errors.push(...placed.errors.map((e) => `phase ${placed.name}: ${e.message}`));
    const roles = new Map<string, PlacedMachines[]>();
    for (const line of placed.machines) roles.set(line.role, [...(roles.get(line.role) ?? []), { offer: line.offer, count: line.count }]);
    byPhase.set(placed.name, roles);
  }
  return { byPhase, errors };
}
