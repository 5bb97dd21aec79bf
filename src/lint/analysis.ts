import { plan, type PhasePlan, type Plan } from '../plan/plan.js';
import type { ComponentModel, Model, PhaseModel, RoleModel } from '../spec/model.js';
import type { SourceSpan } from '../spec/source.js';

/**
 * What rules share: the plan (computed once, lazily), positions of input
 * fields, and lookups that would otherwise be rebuilt by every rule. Pure: it
 * holds no clock, the date rules judge against is passed in (`asOf`).
 */
export interface LintAnalysisOptions {
  /** The day end-of-life and expiry rules judge against, `YYYY-MM-DD`. */
  asOf: string;
  /** Planning horizon of the growth rules, in months (default 12). */
  horizonMonths?: number;
}

export class LintAnalysis {
  readonly model: Model;
  readonly asOf: string;
  readonly horizonMonths: number;
  #plan: Plan | undefined;
  #phasePlans: Map<string, PhasePlan> | undefined;
  #components: Map<string, ComponentModel> | undefined;

  constructor(model: Model, options: LintAnalysisOptions) {
    this.model = model;
    this.asOf = options.asOf;
    this.horizonMonths = options.horizonMonths ?? 12;
  }

  /** The plan of every phase at the horizon (computed on first use). */
  get plan(): Plan {
    this.#plan ??= plan(this.model, { months: this.horizonMonths });
    return this.#plan;
  }

  phasePlan(phase: PhaseModel | string): PhasePlan {
    if (!this.#phasePlans) this.#phasePlans = new Map(this.plan.phases.map((p) => [p.name, p]));
    const name = typeof phase === 'string' ? phase : phase.name;
    const found = this.#phasePlans.get(name);
    if (!found) throw new Error(`no plan for phase ${name}`);
    return found;
  }

  /** Phases the page calls production (availability rules apply there). */
  get productionPhases(): PhaseModel[] {
    return this.model.phases.filter((p) => p.production);
  }

  /** A base component by name. */
  component(name: string): ComponentModel | undefined {
    this.#components ??= new Map(this.model.components.map((c) => [c.name, c]));
    return this.#components.get(name);
  }

  /** The phase's machine roles that may run the component (every role when it names none). */
  rolesOf(phase: PhaseModel, component: ComponentModel): RoleModel[] {
    if (component.roles.length === 0) return phase.roles;
    return phase.roles.filter((r) => component.roles.includes(r.name));
  }

  /**
   * Where a field of an input object is written: the value (or key) of
   * `container[key]`, else the container itself, else the `system:` key.
   */
  at(container: object | null | undefined, key?: string | number, part: 'key' | 'value' = 'value'): SourceSpan {
    const positions = this.model.positions;
    if (container) {
      if (key !== undefined) {
        const span = positions.entrySpan(container, key, part);
        if (span) return span;
      }
      const whole = positions.containerSpan(container);
      if (whole) return whole;
    }
    return this.model.system.at;
  }

  /** Where a path from the spec's root is written (`['network', 'tls', 'minVersion']`). */
  atPath(path: readonly (string | number)[], part: 'key' | 'value' = 'value'): SourceSpan {
    return this.model.positions.spanAt(this.model.input, path, part) ?? this.model.system.at;
  }

  /** Each phase once, with the components that run in it (for rules that judge per phase). */
  *phaseComponents(): Generator<{ phase: PhaseModel; component: ComponentModel }> {
    for (const phase of this.model.phases) for (const component of phase.components) yield { phase, component };
  }
}
