/**
 * Phases overlay a base, so most of what a phase shows is what every other
 * phase shows too. A table that depends on the phase is built for each phase
 * and its identical rows are merged, each row remembering the phases it holds
 * in; a `Phases` column appears only when some row is not in every phase.
 * Linear: one hash lookup per row.
 */
import type { ComponentModel, PhaseModel } from '../../spec/model.js';
import { code } from './markdown.js';

export interface Variant<T> {
  value: T;
  phases: string[];
}

/** Values keyed per phase (`each` calls `add` for each), merged by key in first-seen order. */
export function mergeByKey<T>(phases: readonly PhaseModel[], each: (phase: PhaseModel, add: (key: string, value: T) => void) => void): Variant<T>[] {
  const byKey = new Map<string, Variant<T>>();
  for (const phase of phases) {
    const name = phase.name;
    each(phase, (key, value) => {
      const found = byKey.get(key);
      if (found === undefined) byKey.set(key, { value, phases: [name] });
      else if (found.phases[found.phases.length - 1] !== name) found.phases.push(name);
    });
  }
  return [...byKey.values()];
}

/** Table rows per phase, identical rows merged. */
export function mergeRows(phases: readonly PhaseModel[], rowsOf: (phase: PhaseModel) => ReadonlyArray<readonly string[]>): Variant<readonly string[]>[] {
  return mergeByKey<readonly string[]>(phases, (phase, add) => {
    for (const row of rowsOf(phase)) add(row.join('\u0000'), row);
  });
}

/** Whether a variant holds in every phase. */
export function inAll(variant: { phases: readonly string[] }, phases: readonly unknown[]): boolean {
  return variant.phases.length === phases.length;
}

/**
 * The rows, with a trailing `Phases` column when some row is not in every
 * phase (and there is more than one phase); returns the header to use.
 */
export function withPhaseColumn(header: readonly string[], variants: ReadonlyArray<Variant<readonly string[]>>, phases: readonly unknown[]): { header: string[]; rows: ReadonlyArray<readonly string[]> } {
  const needed = phases.length > 1 && variants.some((v) => !inAll(v, phases));
  if (!needed) return { header: [...header], rows: variants.map((v) => v.value) };
  return {
    header: [...header, 'Phases'],
    rows: variants.map((v) => [...v.value, inAll(v, phases) ? 'all' : v.phases.map(code).join(', ')]),
  };
}

/**
 * Every component object of the phases shown, with the phases it is in. A
 * component a phase does not override is the same object in every phase; an
 * override is another object of the same name. Built once per document, in
 * first-seen order with the objects of one name next to each other.
 */
export interface ComponentVersions {
  phases: readonly PhaseModel[];
  entries: ComponentEntry[];
}

export interface ComponentEntry {
  component: ComponentModel;
  phases: string[];
  /** The first phase it is in. */
  first: PhaseModel;
  /** The only object of its name (no phase overrides it). */
  single: boolean;
}

export function componentVersions(phases: readonly PhaseModel[]): ComponentVersions {
  const objects = new Map<ComponentModel, ComponentEntry>();
  const byName = new Map<string, ComponentEntry[]>();
  for (const phase of phases) {
    for (const c of phase.components) {
      const entry = objects.get(c);
      if (entry === undefined) {
        const created: ComponentEntry = { component: c, phases: [phase.name], first: phase, single: true };
        objects.set(c, created);
        const versions = byName.get(c.name);
        if (versions === undefined) byName.set(c.name, [created]);
        else {
          versions.push(created);
          for (const v of versions) v.single = false;
        }
      } else if (entry.phases[entry.phases.length - 1] !== phase.name) entry.phases.push(phase.name);
    }
  }
  const entries: ComponentEntry[] = [];
  for (const versions of byName.values()) for (const v of versions) entries.push(v);
  return { phases, entries };
}

/**
 * Rows drawn from components, merged across phases: each object's rows are
 * built once. Rows name their component, so only the objects of one component
 * (a base and its phase overrides) can share a row: only those are compared.
 */
export function mergeComponentRows(
  all: ComponentVersions,
  include: (component: ComponentModel) => boolean,
  rowsOf: (component: ComponentModel, phase: PhaseModel) => ReadonlyArray<readonly string[]>,
  /** Components whose rows depend on the phase as well (built per phase, then merged). */
  dependsOnPhase: (component: ComponentModel) => boolean = () => false,
): Variant<readonly string[]>[] {
  const out: Variant<readonly string[]>[] = [];
  let group: { name: string; rows: Map<string, Variant<readonly string[]>> } | null = null;
  let touched: Variant<readonly string[]>[] = [];
  const keyed = (name: string, rows: ReadonlyArray<readonly string[]>, inPhases: readonly string[]) => {
    if (group === null || group.name !== name) group = { name, rows: new Map() };
    for (const row of rows) {
      const key = row.join('\u0000');
      const found = group.rows.get(key);
      if (found === undefined) {
        const variant = { value: row, phases: [...inPhases] };
        group.rows.set(key, variant);
        out.push(variant);
      } else {
        for (const p of inPhases) if (!found.phases.includes(p)) found.phases.push(p);
        touched.push(found);
      }
    }
  };
  const entries = all.entries;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === undefined) continue;
    const c = entry.component;
    if (!include(c)) continue;
    if (dependsOnPhase(c)) {
      for (const phase of all.phases) if (entry.phases.includes(phase.name)) keyed(c.name, rowsOf(c, phase), [phase.name]);
    } else if (entry.single) {
      const rows = rowsOf(c, entry.first);
      for (let r = 0; r < rows.length; r++) out.push({ value: rows[r] ?? [], phases: entry.phases });
    } else keyed(c.name, rowsOf(c, entry.first), entry.phases);
  }
  if (touched.length) {
    const order = new Map(all.phases.map((p, i) => [p.name, i]));
    for (const v of touched) v.phases.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    touched = [];
  }
  return out;
}
