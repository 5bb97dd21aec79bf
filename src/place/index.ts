/**
 * `place`: the cheapest machines that hold each phase, with a proven lower bound.
 *
 * placeSpec(model, catalog, { phase, timeLimitMs }) → PlaceResult, per phase: machines by
 * role and offer, every replica's machine, the monthly cost, the best lower bound and its
 * source, the gap, the solver's report, the first-fit-decreasing baseline, and density.
 */
import { withSpecOffers } from '../catalog/merge.js';
import type { Catalog } from '../catalog/types.js';
import type { Model } from '../spec/model.js';
import { roleDensity } from './density.js';
import { buildProblem } from './instance.js';
import { DEFAULT_TIME_LIMIT_MS, placeProblem } from './place.js';
import type { PhasePlacement, PlaceOptions, PlaceResult } from './types.js';

export type * from './types.js';
export { placeProblem, verifyExactly, toNumeric, DEFAULT_TIME_LIMIT_MS } from './place.js';
export { placeResultToJson, PLACE_SCHEMA_VERSION } from './json.js';
export { buildProblem } from './instance.js';

export async function placeSpec(model: Model, catalog: Catalog, options: PlaceOptions = {}): Promise<PlaceResult> {
  const merged = withSpecOffers(catalog, model);
  const level = options.level ?? 'recommended';
  const settings = { timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS, randomSeed: options.randomSeed ?? 1 };
  const phases = options.phase === undefined ? model.phases : model.phases.filter((p) => p.name === options.phase);
  const out: PhasePlacement[] = [];
  for (const phase of phases) {
    const built = buildProblem(model, phase, merged, { level });
    const currency = model.input.cost?.currency ?? 'USD';
    if (!built.ok) {
      out.push({
        name: phase.name,
        currency,
        errors: built.errors,
        machines: [],
        assignments: [],
        monthlyCost: null,
        lowerBound: null,
        boundSource: null,
        gap: null,
        solver: null,
        baseline: { algorithm: 'ffd', monthlyCost: null, machines: [] },
        saving: null,
        roles: [],
        replicas: 0,
        density: roleDensity(phase.roles, [], merged, level),
        notes: built.notes,
      });
      continue;
    }
    const problem = built.problem;
    const placed = await placeProblem(problem, settings);
    out.push({
      name: phase.name,
      currency: problem.currency,
      errors: placed.errors,
      machines: placed.machines,
      assignments: placed.assignments,
      monthlyCost: placed.monthlyCost,
      lowerBound: placed.lowerBound,
      boundSource: placed.boundSource,
      gap: placed.gap,
      solver: placed.solver,
      baseline: placed.baseline,
      saving: placed.saving,
      roles: problem.roles.map((r) => ({ name: r.name, min: r.min, max: r.max, candidateRule: r.candidates.rule, candidates: r.candidates.offers })),
      replicas: problem.groups.reduce((s, g) => s + g.count, 0),
      density: roleDensity(phase.roles, placed.machines, merged, level),
      notes: problem.notes,
    });
  }
  return { phases: out };
}
