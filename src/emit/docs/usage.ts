import { formatFigure } from '../../plan/plan.js';
import { dataRateBytesPer } from '../../units/rate.js';
import { ceil } from '../../units/rational.js';
import type { DocContext } from './context.js';
import { firstPlan, statedByScope } from './context.js';
import { bytes, computedCell, mark, systemOf, written } from './figures.js';
import { code, compactTable, section, text, type Section } from './markdown.js';

/** Usage drivers: per-unit figures, and what each phase's targets make of them. */
export function usageSection(ctx: DocContext): Section {
  const drivers = ctx.model.usage;
  if (drivers.length === 0) return section('Usage');
  const stated = statedByScope(firstPlan(ctx));
  const driverRows = drivers.map((u) => {
    const input = ctx.model.input.usage?.[u.name];
    const parts = Object.keys(input?.parts ?? {}).map((name) => `${text(name)} ${text(written(ctx.model, input?.parts ?? {}, name) ?? '')}`);
    const checks = (stated.get(`usage ${u.name}`) ?? []).map((s) => `${text(s.stated)} ${mark(s.ok)} (computed ${computedCell(s)})`);
    return [
      code(u.name),
      text(u.per),
      input?.kind ?? '',
      input?.rate !== undefined ? text(written(ctx.model, input, 'rate') ?? '') : `${text(`${bytes(ceil(dataRateBytesPer(u.rate, 'month')), systemOf(Object.values(input?.parts ?? {}).map(String)) ?? 'si')}/${u.rate.perEntity ?? u.per}/month`)} (sum of parts)`,
      parts.join(', '),
      checks.join('; '),
      input?.description ? text(input.description) : '',
    ];
  });
  const phaseRows: string[][] = [];
  for (const phase of ctx.phases) {
    const plan = ctx.plans.get(phase.name);
    if (!plan) continue;
    for (const usage of plan.usage) {
      const driver = drivers.find((d) => d.name === usage.driver);
      const check = plan.stated.find((s) => s.what === `usage.${usage.driver}` && s.scope === `phase ${phase.name}`);
      const allowance = phase.bandwidth.minimum;
      const allowanceText = phase.input?.bandwidth ? written(ctx.model, phase.input.bandwidth, 'minimum') : null;
      const fits = allowance && usage.bytesPerMonth !== null && (driver?.per === undefined || ctx.model.input.usage?.[usage.driver]?.kind === 'bandwidth') ? usage.bytesPerMonth <= ceil(dataRateBytesPer(allowance, 'month')) : null;
      phaseRows.push([
        code(phase.name),
        code(usage.driver),
        usage.target === null ? 'no target' : `${text(usage.per)} ${text(phase.targets.find((t) => t.name === usage.per)?.text ?? usage.target.toString())}`,
        check && check.computedValue !== null ? computedCell(check) : usage.bytesPerMonth === null ? '' : text(formatFigure('dataPerMonth', usage.bytesPerMonth, null, check?.stated ?? '')),
        check ? `${text(check.stated)} ${mark(check.ok)}` : '',
        allowanceText === null || fits === null ? '' : `${text(allowanceText)} ${mark(fits)}`,
      ]);
    }
  }
  return section('Usage', [
    compactTable(['Driver', 'Per', 'Kind', 'Rate', 'Parts', 'Stated', 'Description'], driverRows, 4),
    compactTable(['Phase', 'Driver', 'Target', 'Per month (computed)', 'Stated', 'Phase allowance'], phaseRows, 3),
  ]);
}
