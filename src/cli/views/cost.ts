import { CATEGORY_ORDER, type CostCategory, type CostItem, type CostReport, type MoneyJson, type MoneyRange, type PhaseCost, type StatedCostCheck } from '../../cost/types.js';
import { formatMoney } from '../../units/money.js';
import { parseDecimal } from '../../units/decimal.js';
import { table } from '../table.js';
import type { Paint } from './plan.js';

/** The terminal view of a cost report: a table per phase, items by category, stated vs computed. */

const CATEGORY_TITLES: Record<CostCategory, string> = {
  machines: 'Machines',
  managed: 'Managed services',
  storage: 'Volumes',
  backup: 'Backups',
  'object-storage': 'Object storage',
  bandwidth: 'Bandwidth',
  lines: 'Cost lines',
  discounts: 'Reserved and spot',
};

/** `$60.74` — rounded to cents for reading; the JSON keeps every digit. */
export function money(m: MoneyJson): string {
  const amount = parseDecimal(m.amount);
  return amount ? formatMoney({ amount, currency: m.currency }, 2) : `${m.amount} ${m.currency}`;
}

export function moneyRange(r: MoneyRange | null): string {
  if (r === null) return '—';
  return r.min.amount === r.max.amount ? money(r.min) : `${money(r.min)} – ${money(r.max)}`;
}

function itemRow(item: CostItem, color: Paint): string[] {
  const monthly = item.monthly === null ? color.dim('unknown') : item.counted ? moneyRange(item.monthly) : color.dim(`(${moneyRange(item.monthly)})`);
  const notes = [item.approximate ? '≈' : '', item.coveredBy ? `in “${item.coveredBy}”` : '', item.note ?? '', item.conversion ?? ''].filter((n) => n.length > 0).join('; ');
  return [item.name, item.what, monthly, color.dim(notes)];
}

function statedRow(s: StatedCostCheck, color: Paint, rel: (p: string) => string): string[] {
  const mark = s.ok === null ? color.dim('?') : s.ok ? color.green('✔') : color.red('✘');
  const computed = s.computed === null ? `unknown${s.reason ? `: ${s.reason}` : ''}` : `${moneyRange(s.computed)}${s.verdict === 'unknown' ? ' or more' : ''}`;
  const at = s.at ? `${rel(s.at.file)}:${s.at.line}:${s.at.column}` : '';
  return [mark, s.what + (s.scope.startsWith('phase') || s.scope === 'system' ? '' : ` [${s.scope.replace(/^(role|line) /, '')}]`), s.stated, computed, s.label ?? '', at];
}

function phaseText(phase: PhaseCost, color: Paint, rel: (p: string) => string): string[] {
  const out: string[] = [];
  const total = phase.range === null ? 'nothing priced' : `${phase.complete ? '' : 'at least '}${moneyRange(phase.range)}/month`;
  const missing = phase.unpriced.length === 1 ? 'one item has' : `${phase.unpriced.length} items have`;
  out.push('', `${color.bold(`Phase ${phase.name}`)}  ${color.bold(total)}${phase.unpriced.length ? color.dim(` (${missing} no price)`) : ''}`);
  for (const category of CATEGORY_ORDER) {
    const items = phase.items.filter((i) => i.category === category);
    if (items.length === 0) continue;
    out.push('', `  ${CATEGORY_TITLES[category]}`);
    out.push(table(items.map((i) => itemRow(i, color)), ['left', 'left', 'right', 'left'], '    '));
  }
  if (phase.allocation.length) {
    out.push('', '  By component (machine cost shared by requests)');
    out.push(table(phase.allocation.map((a) => [a.role, a.component, money(a.monthly), a.share]), ['left', 'left', 'right', 'right'], '    '));
  }
  if (phase.budgets.length) out.push('');
  for (const b of phase.budgets) {
    const mark = b.status === 'over' || b.status === 'may-exceed' ? color.red('✘') : b.status === 'unknown' ? color.dim('?') : b.status === 'alert' ? '!' : color.green('✔');
    out.push(`  ${mark} budget ${b.name}: ${money(b.budget)}, computed ${moneyRange(b.computed)} — ${b.status}${b.note ? ` (${b.note})` : ''}`);
  }
  if (phase.stated.length) {
    const bad = phase.stated.filter((s) => s.ok === false).length;
    out.push('', `  Stated costs (${phase.stated.length}${bad ? `, ${bad} not as computed` : ''})`);
    out.push(table([['', 'figure', 'stated', 'computed', 'as the page says', 'at'], ...phase.stated.map((s) => statedRow(s, color, rel))], [], '    '));
  }
  return out;
}

export function renderCostText(report: CostReport, color: Paint, rel: (p: string) => string): string {
  const out: string[] = [`${color.bold(report.system)} — monthly cost in ${report.currency}${report.placed ? ', machines as placed' : ''}`];
  for (const phase of report.phases) out.push(...phaseText(phase, color, rel));
  const rates = report.rates.map((r) => `1 ${r.from} = ${r.rate} ${r.to} (${r.date})`).join(', ');
  out.push('', color.dim(`Prices from catalogs/ (dated per file) and the spec's own; ≈ approximate; (…) shown, not counted. Rates: ${rates}.`), '');
  return out.join('\n');
}
