import type { PhasePlan, StatedPlan } from '../../plan/plan.js';
import type { ComponentModel, Model, PhaseModel } from '../../spec/model.js';
import type { EmitContext, EmitNote } from '../types.js';
import { systemOf, type UnitSystem } from './figures.js';
import { componentVersions, type ComponentVersions } from './variants.js';

/** What every section of the document reads: the model, the phases to show and their plans. */
export interface DocContext {
  model: Model;
  phases: readonly PhaseModel[];
  phaseNames: string[];
  /** The plan of each phase shown, by name. */
  plans: ReadonlyMap<string, PhasePlan>;
  /** The plan's storage horizon, in months. */
  months: number;
  notes: EmitNote[];
  /** Per phase, the unit system its components write memory in (see `memorySystem`). */
  memorySystems: Map<PhaseModel, Record<'requests' | 'limits' | 'both', UnitSystem | undefined>>;
  /** Every component object of the phases shown, with its phases. */
  components: ComponentVersions;
}

export function docContext(context: EmitContext): DocContext {
  const whole = context.plan();
  const wanted = new Set(context.phases.map((p) => p.name));
  const plans = new Map<string, PhasePlan>();
  for (const p of whole.phases) if (wanted.has(p.name)) plans.set(p.name, p);
  return { model: context.model, phases: context.phases, phaseNames: context.phases.map((p) => p.name), plans, months: whole.months, notes: [], memorySystems: new Map(), components: componentVersions(context.phases) };
}

/** Components that run (externals are called, not run). */
export function running(phase: PhaseModel): ComponentModel[] {
  return phase.components.filter((c) => c.kind !== 'external');
}

/** The unit system the phase's components write memory in (totals are shown in it), for requests, limits or both. */
export function memorySystem(ctx: DocContext, phase: PhaseModel, side: 'requests' | 'limits' | 'both' = 'both'): UnitSystem | undefined {
  if (ctx.memorySystems.size === 0) {
    // Count each component object's units once, then add them up per phase it is in.
    type Counts = { requests: [number, number]; limits: [number, number] };
    const perPhase = new Map<string, Counts>(ctx.phases.map((p) => [p.name, { requests: [0, 0], limits: [0, 0] }]));
    const add = (pair: [number, number], text: unknown) => {
      const system = typeof text === 'string' ? systemOf([text]) : undefined;
      if (system === 'si') pair[0] += 1;
      else if (system === 'iec') pair[1] += 1;
    };
    for (const entry of ctx.components.entries) {
      const r = entry.component.input.resources;
      if (r === undefined) continue;
      const mine: Counts = { requests: [0, 0], limits: [0, 0] };
      add(mine.requests, r.requests?.memory);
      add(mine.limits, r.limits?.memory);
      for (const name of entry.phases) {
        const counts = perPhase.get(name);
        if (!counts) continue;
        for (const key of ['requests', 'limits'] as const) {
          counts[key][0] += mine[key][0];
          counts[key][1] += mine[key][1];
        }
      }
    }
    const pick = ([si, iec]: [number, number]): UnitSystem | undefined => (si === 0 && iec === 0 ? undefined : si >= iec ? 'si' : 'iec');
    for (const p of ctx.phases) {
      const counts = perPhase.get(p.name) ?? { requests: [0, 0], limits: [0, 0] };
      ctx.memorySystems.set(p, { requests: pick(counts.requests), limits: pick(counts.limits), both: pick([counts.requests[0] + counts.limits[0], counts.requests[1] + counts.limits[1]]) });
    }
  }
  return ctx.memorySystems.get(phase)?.[side];
}

/** The phase a phase-independent figure (a backup, a traffic total, a usage rate) is read from. */
export function firstPlan(ctx: DocContext): PhasePlan | undefined {
  const first = ctx.phaseNames[0];
  return first === undefined ? undefined : ctx.plans.get(first);
}

/** Stated rows of a plan by scope (`backup postgres-base`, `density vm-host/small`). */
export function statedByScope(plan: PhasePlan | undefined): Map<string, StatedPlan[]> {
  const out = new Map<string, StatedPlan[]>();
  for (const s of plan?.stated ?? []) {
    const list = out.get(s.scope);
    if (list) list.push(s);
    else out.set(s.scope, [s]);
  }
  return out;
}

/** Scopes whose stated figures do not depend on the phase: shown once, in their own section. */
export function phaseIndependentScope(scope: string): boolean {
  return /^(backup|traffic|usage|density) /.test(scope);
}
