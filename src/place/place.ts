/**
 * Placement of one problem: the FFD baseline, cheap bounds, the strong heuristic and the
 * HiGHS worker (started first, so that it loads while the heuristics run), then the best
 * answer, checked exactly, with its proven lower bound and gap.
 */
import { compareDecimal, decimal, decimalToString, mulDecimalByBigint, subDecimal, sumDecimals, type Decimal } from '../units/decimal.js';
import type { Money } from '../units/money.js';
import { gcd } from '../units/rational.js';
import { cheapBound } from './bounds.js';
import { bestHeuristic, firstFitDecreasing } from './heuristics.js';
import { startSolverWorker, type WorkerOutcome } from './solve.js';
import type { PatternUse, SolverInstance, SolverKind, SolverOptions } from './solver-core.js';
import type { BoundSourceName, MachineAssignment, MachineLine, PhasePlacement, PlacementProblem, SolverReport } from './types.js';

export const DEFAULT_TIME_LIMIT_MS = 10_000;

export interface SolveSettings {
  timeLimitMs: number;
  randomSeed: number;
}

/** The numeric instance; `kindOf[i]` is the machine option behind solver kind i (dominated options dropped). */
export interface NumericProblem {
  instance: SolverInstance;
  kindOf: number[];
}

function toNumber(value: bigint): number {
  return Number(value);
}

function priceNumber(d: Decimal): number {
  return Number(decimalToString(d));
}

/**
 * The solver's view: numbers, indices, and machine options that another of the same role
 * and zone beats (holds at least as much of everything, costs no more) left out.
 */
export function toNumeric(problem: PlacementProblem): NumericProblem {
  const offers = [...new Set(problem.machines.map((m) => m.offerId))];
  const zones = [...new Set(problem.machines.map((m) => m.zone).filter((z): z is string => z !== null))];
  const capacity = (i: number): number[] => {
    const m = problem.machines[i]!;
    return [
      toNumber(m.allocatable.cpuMillicores),
      toNumber(m.allocatable.memoryBytes),
      m.allocatable.diskBytes === null ? Infinity : toNumber(m.allocatable.diskBytes),
      m.allocatable.gpus,
    ];
  };
  const dominated = (a: number, b: number): boolean => {
    const ma = problem.machines[a]!;
    const mb = problem.machines[b]!;
    if (ma.role !== mb.role || ma.zone !== mb.zone) return false;
    const ca = capacity(a);
    const cb = capacity(b);
    if (!cb.every((v, d) => v >= (ca[d] ?? 0))) return false;
    const price = compareDecimal(mb.price.amount, ma.price.amount);
    if (price > 0) return false;
    const larger = cb.some((v, d) => v > (ca[d] ?? 0));
    return price < 0 || larger || b < a;
  };
  const kindOf: number[] = [];
  problem.machines.forEach((_, a) => {
    if (!problem.machines.some((_, b) => b !== a && dominated(a, b))) kindOf.push(a);
  });
  const solverIndex = new Map(kindOf.map((m, k) => [m, k]));
  const roleIndex = new Map(problem.roles.map((r, i) => [r.name, i]));
  const kinds: SolverKind[] = kindOf.map((m) => {
    const machine = problem.machines[m]!;
    return {
      role: roleIndex.get(machine.role) ?? 0,
      offer: offers.indexOf(machine.offerId),
      zone: machine.zone === null ? -1 : zones.indexOf(machine.zone),
      price: priceNumber(machine.price.amount),
      capacity: capacity(m),
    };
  });
  const groupKeys = [...new Set(problem.groups.map((g) => g.antiAffinity).filter((k): k is string => k !== null))];
  const types = problem.groups.map((g) => ({
    count: g.count,
    demand: [toNumber(g.request.cpuMillicores), toNumber(g.request.memoryBytes), toNumber(g.request.diskBytes), g.request.gpus],
    kinds: g.options.map((o) => solverIndex.get(o)).filter((k): k is number => k !== undefined).sort((x, y) => x - y),
    group: g.antiAffinity === null ? -1 : groupKeys.indexOf(g.antiAffinity),
  }));
  const roles = problem.roles.map((r) => ({ min: r.min, max: r.max }));
  return { instance: { kinds, types, roles }, kindOf };
}

/** Exact check of an answer against the problem: bigint resources, exact counts, anti-affinity, role limits. */
export function verifyExactly(problem: PlacementProblem, numeric: NumericProblem, uses: PatternUse[]): string | null {
  const placed = problem.groups.map(() => 0);
  const perRole = new Map<string, number>();
  for (const use of uses) {
    const machine = problem.machines[numeric.kindOf[use.pattern.kind] ?? -1];
    if (!machine) return 'unknown machine kind';
    perRole.set(machine.role, (perRole.get(machine.role) ?? 0) + use.machines);
    let cpu = 0n;
    let memory = 0n;
    let disk = 0n;
    let gpus = 0;
    const groups = new Set<string>();
    for (const [t, n] of use.pattern.items) {
      const group = problem.groups[t];
      if (!group) return 'unknown replica group';
      if (!group.options.includes(numeric.kindOf[use.pattern.kind] ?? -1)) return `${group.label} placed on a machine it may not use`;
      if (group.antiAffinity !== null) {
        if (n > 1 || groups.has(group.antiAffinity)) return `${group.label} twice on one machine`;
        groups.add(group.antiAffinity);
      }
      cpu += group.request.cpuMillicores * BigInt(n);
      memory += group.request.memoryBytes * BigInt(n);
      disk += group.request.diskBytes * BigInt(n);
      gpus += group.request.gpus * n;
      placed[t] = (placed[t] ?? 0) + n * use.machines;
    }
    const a = machine.allocatable;
    if (cpu > a.cpuMillicores || memory > a.memoryBytes || gpus > a.gpus || (a.diskBytes !== null && disk > a.diskBytes)) return `a ${machine.offerId} machine of role ${machine.role} is over capacity`;
  }
  for (let t = 0; t < problem.groups.length; t += 1) {
    if ((placed[t] ?? 0) !== problem.groups[t]!.count) return `${problem.groups[t]!.label}: ${placed[t]} placed of ${problem.groups[t]!.count}`;
  }
  for (const role of problem.roles) {
    const n = perRole.get(role.name) ?? 0;
    if (n < role.min) return `role ${role.name} has ${n} machines, below its minimum ${role.min}`;
    if (role.max !== null && n > role.max) return `role ${role.name} has ${n} machines, above its maximum ${role.max}`;
  }
  return null;
}

function exactCost(problem: PlacementProblem, numeric: NumericProblem, uses: PatternUse[]): Decimal {
  return sumDecimals(uses.map((u) => mulDecimalByBigint(problem.machines[numeric.kindOf[u.pattern.kind]!]!.price.amount, BigInt(u.machines))));
}

/**
 * A bound from the solver (a float) as an exact amount: rounded down a hair for float
 * error, then up to the next multiple of the prices' greatest common divisor, since every
 * cost is a whole combination of prices.
 */
export function exactBound(problem: PlacementProblem, numeric: NumericProblem, value: number): Decimal {
  const prices = numeric.kindOf.map((m) => problem.machines[m]!.price.amount);
  // Work finer than the prices (so flooring the float loses nothing that matters), within double precision.
  const fit = Math.max(0, Math.floor(15 - Math.log10(Math.max(1, value))));
  const scale = Math.max(0, Math.min(9, fit, Math.max(6, ...prices.map((p) => p.scale))));
  const floored = BigInt(Math.max(0, Math.floor(value * (1 - 1e-9) * 10 ** scale)));
  let step = 0n;
  for (const p of prices) {
    const units = p.scale <= scale ? p.units * 10n ** BigInt(scale - p.scale) : 0n;
    if (p.scale > scale) {
      step = 1n;
      break;
    }
    if (units > 0n) step = step === 0n ? units : gcd(step, units);
  }
  const rounded = step > 0n ? ((floored + step - 1n) / step) * step : floored;
  return decimal(rounded, scale);
}

function money(amount: Decimal, currency: string): Money {
  return { amount, currency };
}

function machineLines(problem: PlacementProblem, numeric: NumericProblem, uses: PatternUse[]): MachineLine[] {
  const lines = new Map<string, MachineLine>();
  for (const use of uses) {
    const m = problem.machines[numeric.kindOf[use.pattern.kind]!]!;
    const key = `${m.role}\u0000${m.offerId}\u0000${m.zone ?? ''}`;
    const line = lines.get(key) ?? { role: m.role, offer: m.offerId, zone: m.zone, count: 0, unitPrice: m.price, monthlyCost: money(decimal(0n), problem.currency) };
    line.count += use.machines;
    line.monthlyCost = money(mulDecimalByBigint(m.price.amount, BigInt(line.count)), problem.currency);
    lines.set(key, line);
  }
  const roleOrder = new Map(problem.roles.map((r, i) => [r.name, i]));
  return [...lines.values()].sort(
    (a, b) => (roleOrder.get(a.role) ?? 0) - (roleOrder.get(b.role) ?? 0) || a.offer.localeCompare(b.offer) || (a.zone ?? '').localeCompare(b.zone ?? ''),
  );
}

function assignments(problem: PlacementProblem, numeric: NumericProblem, uses: PatternUse[]): MachineAssignment[] {
  const roleOrder = new Map(problem.roles.map((r, i) => [r.name, i]));
  const machineOf = (u: PatternUse) => problem.machines[numeric.kindOf[u.pattern.kind]!]!;
  const describe = (u: PatternUse) => {
    const byComponent = new Map<string, number>();
    for (const [t, n] of u.pattern.items) {
      const c = problem.groups[t]!.component;
      byComponent.set(c, (byComponent.get(c) ?? 0) + n);
    }
    return [...byComponent.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([component, count]) => ({ component, count }));
  };
  const rows = uses
    .map((u) => ({ u, m: machineOf(u), replicas: describe(u) }))
    .sort(
      (a, b) =>
        (roleOrder.get(a.m.role) ?? 0) - (roleOrder.get(b.m.role) ?? 0) ||
        a.m.offerId.localeCompare(b.m.offerId) ||
        (a.m.zone ?? '').localeCompare(b.m.zone ?? '') ||
        JSON.stringify(a.replicas).localeCompare(JSON.stringify(b.replicas)),
    );
  const numbers = new Map<string, number>();
  const out: MachineAssignment[] = [];
  for (const { u, m, replicas } of rows) {
    for (let i = 0; i < u.machines; i += 1) {
      const n = (numbers.get(m.role) ?? 0) + 1;
      numbers.set(m.role, n);
      out.push({ machine: `${m.role}-${n}`, role: m.role, offer: m.offerId, zone: m.zone, replicas });
    }
  }
  return out;
}

function solverOptions(settings: SolveSettings, began: number, replicas: number): SolverOptions {
  return {
    knapsackNodeLimit: 20_000,
    maxRounds: 300,
    enumerateLimit: 3_000,
    enumerateReplicaLimit: 200,
    mipNodeLimit: 5_000,
    // Good enough to stop: 0.5 %, or 1 % on large instances, where a last 0.5 % of bound costs seconds.
    mipRelativeGap: replicas > 5000 ? 0.01 : 0.005,
    // The worker's own stages stop a little before the hard kill, so their answers arrive.
    deadline: began + settings.timeLimitMs - Math.min(500, settings.timeLimitMs * 0.1),
    aggregatedTimeShare: 0.6,
    randomSeed: settings.randomSeed,
    aggregatedVariableLimit: 20_000,
  };
}

export type PlacedCore = Pick<
  PhasePlacement,
  'machines' | 'assignments' | 'monthlyCost' | 'lowerBound' | 'boundSource' | 'gap' | 'solver' | 'baseline' | 'saving' | 'errors'
> & { uses: PatternUse[]; numeric: NumericProblem };

/** Place one problem: baseline, heuristics, solver, the best answer with its bound. */
export async function placeProblem(problem: PlacementProblem, settings: SolveSettings): Promise<PlacedCore> {
  const began = Date.now();
  const numeric = toNumeric(problem);
  const { instance } = numeric;
  const currency = problem.currency;

  const baselineUses = firstFitDecreasing(instance);
  const cheap = cheapBound(instance);
  const baselineCost = baselineUses && !verifyExactly(problem, numeric, baselineUses) ? exactCost(problem, numeric, baselineUses) : null;
  const cheapExact = exactBound(problem, numeric, cheap.value);

  // When the baseline already meets a cheap bound there is nothing left to prove.
  const needSolver = baselineCost === null || compareDecimal(baselineCost, cheapExact) > 0;
  const run = needSolver && instance.types.length + instance.roles.length > 0 ? startSolverWorker(instance, solverOptions(settings, began, instance.types.reduce((s, t) => s + t.count, 0)), settings.timeLimitMs) : null;
  const heuristic = needSolver ? bestHeuristic(instance) : null;
  let outcome: WorkerOutcome | null = null;
  if (run) {
    run.sendStart(heuristic?.uses ?? baselineUses ?? []);
    outcome = await run.outcome;
  }

  type Candidate = { uses: PatternUse[]; cost: Decimal; solution: SolverReport['solution']; name: string };
  const candidates: Candidate[] = [];
  const consider = (uses: PatternUse[] | null | undefined, solution: SolverReport['solution'], name: string): void => {
    if (!uses || verifyExactly(problem, numeric, uses) !== null) return;
    candidates.push({ uses, cost: exactCost(problem, numeric, uses), solution, name });
  };
  consider(baselineUses, 'heuristic', 'ffd');
  consider(heuristic?.uses, 'heuristic', heuristic?.algorithm ?? 'heuristic');
  consider(outcome?.solution?.uses, outcome?.solution?.source ?? 'mip', outcome?.solution?.source ?? 'mip');
  // Cheapest; on a tie the simplest (the baseline, then the heuristic) for a stable answer.
  const best = candidates.reduce<Candidate | null>((a, b) => (a === null || compareDecimal(b.cost, a.cost) < 0 ? b : a), null);

  const baseline = {
    algorithm: 'ffd' as const,
    monthlyCost: baselineCost === null ? null : money(baselineCost, currency),
    machines: baselineUses && baselineCost !== null ? machineLines(problem, numeric, baselineUses) : [],
  };
  if (!best) {
    return {
      uses: [],
      numeric,
      errors: [{ code: 'replica-does-not-fit', message: `no placement found for phase ${problem.phase}${outcome?.error ? `: ${outcome.error}` : ''}`, hint: 'check the role limits (`count.max`) against the replicas that need distinct machines', at: null }],
      machines: [],
      assignments: [],
      monthlyCost: null,
      lowerBound: null,
      boundSource: null,
      gap: null,
      solver: null,
      baseline,
      saving: null,
    };
  }

  let bound = cheapExact;
  let boundSource: BoundSourceName = cheap.source;
  for (const b of outcome?.bounds ?? []) {
    const exact = exactBound(problem, numeric, b.value);
    if (compareDecimal(exact, bound) > 0) {
      bound = exact;
      boundSource = b.source;
    }
  }
  // A bound within float error of the cost (or above it) proves the cost optimal.
  if (compareDecimal(bound, best.cost) > 0 || priceNumber(subDecimal(best.cost, bound)) <= priceNumber(best.cost) * 1e-7) bound = best.cost;
  const costNumber = priceNumber(best.cost);
  const gap = costNumber > 0 ? Math.round(((costNumber - priceNumber(bound)) / costNumber) * 1e6) / 1e6 : 0;

  const summary = outcome?.summary;
  // HiGHS's own limits end its MIP inside a finished run: say which one.
  const mipLimit = summary?.mipStatus === 'timeLimit' ? 'time-limit' : summary?.mipStatus === 'iterationLimit' || summary?.mipStatus === 'solutionLimit' ? 'node-limit' : null;
  const stoppedBy: SolverReport['stoppedBy'] = !run
    ? 'not-needed'
    : outcome?.stoppedBy === 'finished'
      ? (mipLimit ?? 'completed')
      : outcome?.stoppedBy === 'time-limit'
        ? 'time-limit'
        : 'error';
  const solver: SolverReport = {
    status: compareDecimal(bound, best.cost) === 0 ? 'optimal' : best.solution === 'heuristic' ? 'heuristic' : 'within-gap',
    solution: best.solution,
    heuristic: heuristic?.algorithm ?? 'ffd',
    stoppedBy,
    stage: outcome && stoppedBy !== 'completed' ? (mipLimit && outcome.stoppedBy === 'finished' ? 'mip' : outcome.stage) : null,
    columns: summary?.columns ?? 0,
    rounds: summary?.rounds ?? 0,
    converged: summary?.converged ?? false,
    mipStatus: summary?.mipStatus ?? 'not-run',
    mipNodes: summary?.mipNodes ?? 0,
    timeMs: Date.now() - began,
    error: outcome?.error ?? null,
  };
  const saving =
    baselineCost === null
      ? null
      : {
          amount: money(subDecimal(baselineCost, best.cost), currency),
          percent: priceNumber(baselineCost) > 0 ? Math.round((1 - costNumber / priceNumber(baselineCost)) * 1e4) / 1e2 : 0,
        };
  return {
    uses: best.uses,
    numeric,
    errors: [],
    machines: machineLines(problem, numeric, best.uses),
    assignments: assignments(problem, numeric, best.uses),
    monthlyCost: money(best.cost, currency),
    lowerBound: money(bound, currency),
    boundSource,
    gap,
    solver,
    baseline,
    saving,
  };
}
