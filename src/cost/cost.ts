import { withSpecOffers } from '../catalog/merge.js';
import type { Catalog } from '../catalog/types.js';
import type { Model, PhaseModel } from '../spec/model.js';
import { locate } from '../spec/source.js';
import { add, rational, toDecimalString, mul, type Rational } from '../units/rational.js';
import { allocate } from './allocation.js';
import { bandwidthItems } from './bandwidth.js';
import { budgetChecks } from './budgets.js';
import type { CostContext, CostOptions, Draft } from './context.js';
import { discountItems } from './discounts.js';
import { lineItems, type LineCategory, type LineDraft } from './lines.js';
import { machineItems, type RoleMachines } from './machines.js';
import { managedItems } from './managed.js';
import { moneyJson, rangeJson } from './money.js';
import { check, fromModel, priceRange, type Computed } from './stated.js';
import { backupItems, bucketItems, volumeItems } from './storage.js';
import { COST_SCHEMA_VERSION, type CostCategory, type CostItem, type CostReport, type PhaseCost, type StatedCostCheck } from './types.js';

/**
 * `cost`: what each phase costs per month, from the Model and a price catalog, pure.
 * Items are machines, managed services, storage, backups, buckets, bandwidth, the page's
 * own cost lines and reserved/spot adjustments; every stated cost is checked against them.
 */

/** A cost line of these categories stands for the computed items of those: they are shown, not counted twice. */
const LINE_COVERS: Partial<Record<LineCategory, readonly CostCategory[]>> = {
  backup: ['backup'],
  storage: ['storage', 'object-storage'],
  network: ['bandwidth'],
};

export function cost(model: Model, catalog: Catalog, options: CostOptions = {}): CostReport {
  const currency = options.currency ?? model.input.cost?.currency ?? 'USD';
  const relativeTo = options.relativeTo ?? ((p: string) => p);
  const merged = withSpecOffers(catalog, model, { relativeTo });
  const phases = model.phases.filter((p) => options.phase === undefined || p.name === options.phase);
  return {
    schemaVersion: COST_SCHEMA_VERSION,
    system: model.system.name,
    currency,
    placed: options.placed !== undefined,
    rates: merged.rates.map((r) => ({ from: r.from, to: r.to, rate: r.rate, date: r.date })),
    phases: phases.map((phase) =>
      phaseCost({ model, phase, catalog: merged, currency, months: options.months ?? 12, placed: options.placed?.get(phase.name) ?? null, relativeTo }),
    ),
  };
}

function phaseCost(ctx: CostContext): PhaseCost {
  const machines = machineItems(ctx);
  const lines = lineItems(ctx);
  const backups = backupItems(ctx);
  const drafts: Draft[] = [
    ...machines.map((m) => m.item),
    ...managedItems(ctx),
    ...volumeItems(ctx, machines),
    ...backups.items,
    ...bucketItems(ctx, backups.bucketsWithBackups),
    ...bandwidthItems(ctx, machines),
    ...lines.map((l) => l.item),
    ...discountItems(ctx, machines),
  ];
  const coverage = cover(drafts, lines);
  const total = sum(drafts.filter((d) => d.counted));
  const allocation = allocate(ctx, machines).map((a) => ({ component: a.component, role: a.role, monthly: moneyJson(a.monthly, ctx.currency), share: `${toDecimalString(mul(a.share, rational(100n)), 2)}%` }));
  const stated = statedChecks(ctx, drafts, machines, coverage, total);
  return {
    name: ctx.phase.name,
    currency: ctx.currency,
    monthly: total.any ? moneyJson(total.min, ctx.currency) : null,
    range: total.any ? rangeJson(total.min, total.max, ctx.currency) : null,
    complete: total.complete,
    unpriced: drafts.filter((d) => d.min === null).map((d) => d.name),
    items: drafts.map((d) => itemJson(d, ctx.currency)),
    allocation,
    budgets: total.any ? budgetChecks(ctx, total) : [],
    stated,
  };
}

function itemJson(d: Draft, currency: string): CostItem {
  return {
    category: d.category,
    name: d.name,
    what: d.what,
    offer: d.offer,
    unitPrice: d.unitPrice ? { amount: moneyJson(rational(d.unitPrice.amount.units, 10n ** BigInt(d.unitPrice.amount.scale)), d.unitPrice.currency).amount, currency: d.unitPrice.currency } : null,
    monthly: rangeJson(d.min, d.max, currency),
    note: d.note,
    counted: d.counted,
    coveredBy: d.coveredBy,
    approximate: d.approximate,
    origin: d.origin,
    conversion: d.conversion,
  };
}

interface Total {
  min: Rational;
  max: Rational;
  complete: boolean;
  any: boolean;
  missing: string | null;
}

function sum(drafts: readonly Draft[]): Total {
  let min: Rational = rational(0n);
  let max: Rational = rational(0n);
  const missing: string[] = [];
  let any = false;
  for (const d of drafts) {
    if (d.min === null || d.max === null) {
      missing.push(d.name);
      continue;
    }
    any = true;
    min = add(min, d.min);
    max = add(max, d.max);
  }
  return { min, max, complete: missing.length === 0, any, missing: missing.length ? `no price for ${missing.map((m) => `\`${m}\``).join(', ')}` : null };
}

/** Marks computed items a cost line stands for; returns the items each line covers. */
function cover(drafts: Draft[], lines: readonly LineDraft[]): Map<LineDraft, Draft[]> {
  const covered = new Map<LineDraft, Draft[]>();
  for (const line of lines) {
    const categories = line.category ? LINE_COVERS[line.category] : undefined;
    if (!categories) continue;
    const mine = drafts.filter((d) => categories.includes(d.category));
    if (mine.length === 0) continue;
    for (const d of mine) {
      d.counted = false;
      d.coveredBy = d.coveredBy ? `${d.coveredBy}, ${line.line.name}` : line.line.name;
    }
    covered.set(line, mine);
  }
  return covered;
}

function statedChecks(ctx: CostContext, drafts: readonly Draft[], machines: readonly RoleMachines[], coverage: Map<LineDraft, Draft[]>, total: Total): StatedCostCheck[] {
  const out: StatedCostCheck[] = [];
  const phase: PhaseModel = ctx.phase;
  const computedOf = (items: readonly Draft[]): Computed => {
    const t = sum(items);
    return { min: t.min, max: t.max, complete: t.complete, missing: t.missing };
  };
  for (const stated of phase.stated) {
    if (stated.figure !== 'monthlyCost') continue;
    const inputs = fromModel(stated, stated.of ? `monthlyCost(${stated.of.join(', ')})` : 'monthlyCost');
    if (!inputs) continue;
    const of = stated.of;
    const computed: Computed = of ? computedOf(drafts.filter((d) => d.counted && of.includes(d.name))) : { min: total.min, max: total.max, complete: total.complete, missing: total.missing };
    out.push(check(ctx, inputs, computed));
  }
  const checkedRoles = new Set<RoleMachines['role']>();
  for (const m of machines) {
    if (checkedRoles.has(m.role)) continue;
    checkedRoles.add(m.role);
    for (const stated of m.role.stated) {
      if (stated.figure !== 'cost') continue;
      const inputs = fromModel(stated, 'cost');
      if (inputs) out.push(check(ctx, inputs, computedOf(machines.filter((x) => x.role === m.role).map((x) => x.item))));
    }
    // The role's own per-machine price, when an offer prices the machine instead.
    if (m.offer && m.role.cost && m.unit) {
      const span = ctx.model.positions.entrySpan(m.role.input as object, 'cost');
      out.push(
        check(
          ctx,
          { what: 'role.cost', scope: `role ${m.role.name}`, label: `one ${m.offer.id}`, text: m.role.cost.text, range: priceRange(m.role.cost), currency: m.role.cost.min.currency, at: span ? locate(span) : null },
          { min: m.unit.min, max: m.unit.max, complete: true, missing: null },
        ),
      );
    }
  }
  for (const [line, items] of coverage) {
    const span = line.line.at;
    out.push(
      check(
        ctx,
        { what: 'line', scope: `line ${line.line.name}`, label: `${line.line.name}: what its ${items.map((i) => i.category).filter((c, i, a) => a.indexOf(c) === i).join(', ')} items cost`, text: line.line.amount.text, range: priceRange(line.line.amount), currency: line.line.amount.min.currency, at: locate(span) },
        computedOf(items),
        'at-most',
      ),
    );
  }
  return out;
}

/** Whether the report has findings: a stated cost that disagrees, or a phase over a budget. */
export function costFindings(report: CostReport): number {
  let findings = 0;
  for (const phase of report.phases) {
    findings += phase.stated.filter((s) => s.ok === false).length;
    findings += phase.budgets.filter((b) => b.status === 'over' || b.status === 'may-exceed').length;
  }
  return findings;
}
