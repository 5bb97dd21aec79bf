import type { PhaseModel, StatedModel } from '../../spec/model.js';
import { ceil, floor } from '../../units/rational.js';
import { formatMicros, phaseCostRange } from '../helpers/cost.js';
import { formatValue, nominalBound, statedMismatches } from '../helpers/stated.js';
import type { Rule } from '../types.js';

const FIGURES = new Set(['monthlyCost', 'cost']);

/** The computed cost as a range, when prices are ranges (`$40-50/month`); null otherwise. */
function computedRange(phase: PhaseModel, source: StatedModel): { min: bigint; max: bigint; text: string } | null {
  let range: ReturnType<typeof phaseCostRange> = null;
  if (source.figure === 'monthlyCost') range = phaseCostRange(phase, source.of);
  else {
    const role = phase.roles.find((r) => r.name === source.scope.name);
    range = role ? phaseCostRange({ ...phase, roles: [role], costs: [] }, null) : null;
  }
  if (!range || range.currency !== source.currency) return null;
  const min = floor(range.min);
  const max = ceil(range.max);
  if (min === max) return null;
  return { min, max, text: `${formatMicros(range.min, range.currency)}–${formatMicros(range.max, range.currency)}/month` };
}

export const statedCostMatch: Rule<'more' | 'less' | 'rangeDiffers'> = {
  id: 'stated-cost-match',
  severity: 'error',
  category: 'cost',
  summary: 'Monthly costs the page states must equal the sum of its own machine prices and cost lines.',
  messages: {
    more: '{subject} states {stated}, but {computation} {computed}{where}, {difference} more than stated: the deployment costs more than the page says',
    less: '{subject} states {stated}, but {computation} {computed}{where}, {difference} less than stated: the total does not follow from the prices it sums, so a price or the total is wrong',
    rangeDiffers: '{subject} states {stated}, but {computation} {computed}{where}: the stated range is not the sum of the page\'s own price ranges, so the bill may fall outside it',
  },
  docs: {
    why: 'A phase\'s cost is stated as a headline ("Phase 2: Production ($150-180/month)") and again as a breakdown of machines and lines. The two drift: a machine is added to the breakdown, a price changes, and the headline that the budget was approved on no longer matches what will be billed. infraspec sums each role\'s price × machine count and the phase\'s cost lines (per month; per-hour prices at 730 hours, per-GB prices × their quantity), keeps price ranges as ranges, and checks the stated figure. Figures in another currency than the prices are not compared (see `stated-figure-unchecked`).',
    invalid: `roles:
  app: { count: 2, cost: $30/month }
  db: { count: 1, cost: $40/month }
phases:
  production:
    costs:
      - { name: Backup storage, amount: $15/month }
    stated:
      - { figure: monthlyCost, value: $150-180/month, label: "Phase 2: Production ($150-180/month)" }
`,
    valid: `roles:
  app: { count: 2, cost: $30/month }
  db: { count: 1, cost: $40/month }
phases:
  production:
    costs:
      - { name: Backup storage, amount: $15/month }
    stated:
      - { figure: monthlyCost, value: $110-120/month, label: "Phase 2: Production ($110-120/month)" }
`,
  },
  check(_model, report, analysis) {
    for (const m of statedMismatches(analysis, (figure) => FIGURES.has(figure))) {
      const range = computedRange(m.phase, m.source);
      if (!range) {
        report({ at: m.source.at, message: m.direction, data: m.data, phase: m.phase.name });
        continue;
      }
      // Against a ranged sum, overlap and disjointness read differently: the two merely differ, or they disagree.
      const stated = m.source.range;
      const overlaps = range.max >= stated.low && (stated.high === null || range.min <= stated.high);
      const difference = m.direction === 'more' ? range.min - nominalBound(m.source, 'high') : nominalBound(m.source, 'low') - range.max;
      report({ at: m.source.at, message: overlaps ? 'rangeDiffers' : m.direction, data: { ...m.data, computed: range.text, difference: formatValue(m.source, difference, false) }, phase: m.phase.name });
    }
  },
};
