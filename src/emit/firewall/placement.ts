import type { ComponentModel, PhaseModel } from '../../spec/model.js';

/**
 * The machines a component runs on in a phase, as role names: its placement
 * (the roles of it the phase has), every role for an unplaced daemon, the
 * phase's only role for anything else unplaced. `null` when the spec leaves it
 * open (unplaced among several roles) — the firewall then cannot tell which
 * machine listens.
 */
export class Placement {
  readonly phase: PhaseModel;
  readonly roleNames: ReadonlySet<string>;
  readonly components: ReadonlyMap<string, ComponentModel>;

  constructor(phase: PhaseModel) {
    this.phase = phase;
    this.roleNames = new Set(phase.roles.map((r) => r.name));
    this.components = new Map(phase.components.map((c) => [c.name, c]));
  }

  rolesOf(component: ComponentModel): string[] | null {
    if (component.kind === 'external') return [];
    if (component.roles.length) return component.roles.filter((r) => this.roleNames.has(r));
    if (component.perNode) return this.phase.roles.map((r) => r.name);
    const only = this.phase.roles.length === 1 ? this.phase.roles[0] : undefined;
    return only ? [only.name] : null;
  }
}
