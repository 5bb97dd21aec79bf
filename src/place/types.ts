/**
 * What `place` reads and returns. The problem is exact (bigint resources, decimal prices);
 * the solver works on a numeric copy of it (solver-core.ts) and every answer is checked
 * against the exact problem again before it is reported.
 */
import type { SourceSpan } from '../spec/source.js';
import type { Money } from '../units/money.js';

export interface PlaceOptions {
  /** One phase (default: every phase of the spec). */
  phase?: string;
  /** Hard wall-clock limit per phase (default 10 s); the solver worker is killed at it. */
  timeLimitMs?: number;
  /**
   * Which requirement level sizes a role's machines: `recommended` (the default) takes the
   * recommended figure where the role states one and the minimum otherwise; `minimum` only
   * the minimum.
   */
  level?: 'minimum' | 'recommended';
  /** HiGHS's random seed (fixed, so that the same input gives the same answer). */
  randomSeed?: number;
}

export interface Resources {
  cpuMillicores: bigint;
  memoryBytes: bigint;
  /** null: not bounded here (the offer's storage is attached network storage). */
  diskBytes: bigint | null;
  gpus: number;
}

/** One machine kind: an offer for a role, in one zone (or none). */
export interface MachineOption {
  role: string;
  zone: string | null;
  offerId: string;
  provider: string;
  /** Monthly price in the phase's currency, exact. */
  price: Money;
  /** The offer as sold. */
  capacity: Resources;
  /** What replicas may use: capacity − the role's `reserved` − the daemons that run on every machine of the role. */
  allocatable: Resources;
  /** Where the offer comes from: `catalogs/hetzner.yaml:22`, the spec's `cost.offers`, or the role's own `cost`. */
  origin: string;
}

/** Identical replicas of one component (one zone's share when it spreads over zones). */
export interface ReplicaGroup {
  component: string;
  /** `api`, `api in zone eu-1a`, `postgresql holding volume data`. */
  label: string;
  count: number;
  request: { cpuMillicores: bigint; memoryBytes: bigint; diskBytes: bigint; gpus: number };
  /** Indices of the machine options that may hold one replica. */
  options: number[];
  /** Replicas with the same key must run on distinct machines. */
  antiAffinity: string | null;
  at: SourceSpan;
}

export interface RoleLimits {
  name: string;
  min: number;
  max: number | null;
  /** The offers considered for the role and why (the candidate rule). */
  candidates: { rule: CandidateRule; offers: string[] };
  at: SourceSpan;
}

export type CandidateRule = 'declared-offer-and-provider' | 'spec-offers' | 'catalog' | 'role-cost';

export interface PlacementProblem {
  phase: string;
  currency: string;
  roles: RoleLimits[];
  machines: MachineOption[];
  groups: ReplicaGroup[];
  notes: string[];
}

export interface PlaceError {
  code: 'replica-does-not-fit' | 'no-candidate-offer' | 'unknown-role' | 'no-currency-rate' | 'role-limit';
  message: string;
  hint?: string;
  at: SourceSpan | null;
}

export interface MachineLine {
  role: string;
  offer: string;
  zone: string | null;
  count: number;
  unitPrice: Money;
  monthlyCost: Money;
}

export interface MachineAssignment {
  /** `worker-3`: the role and the machine's number within it. */
  machine: string;
  role: string;
  offer: string;
  zone: string | null;
  replicas: Array<{ component: string; count: number }>;
}

export type BoundSourceName =
  | 'lp-relaxation'
  | 'mip-dual-bound'
  | 'aggregated-mip-bound'
  | 'resource-cover'
  | 'anti-affinity'
  | 'role-minimum';

export interface SolverReport {
  /** `optimal`: cost equals the bound; `within-gap`: a gap remains; `heuristic`: the solver did not add anything. */
  status: 'optimal' | 'within-gap' | 'heuristic';
  /** What produced the reported placement. */
  solution: 'mip' | 'lp-rounding' | 'aggregated-packing' | 'heuristic';
  heuristic: string;
  /**
   * What ended the solve: `completed`; `not-needed` (the baseline met a cheap bound);
   * `time-limit` (HiGHS's own, or the hard kill of the worker); `node-limit` (the MIP's
   * node limit); `error` (the worker failed; the heuristic answer stands).
   */
  stoppedBy: 'completed' | 'not-needed' | 'time-limit' | 'node-limit' | 'error';
  stage: string | null;
  columns: number;
  rounds: number;
  converged: boolean;
  mipStatus: string;
  mipNodes: number;
  timeMs: number;
  error: string | null;
}

export interface DensityClass {
  name: string;
  cpuMillicores: bigint;
  memoryBytes: bigint;
  /** How many fit per host without overcommit (the tighter of CPU and memory). */
  fitsPerHost: bigint;
  limitedBy: 'cpu' | 'memory';
  /** The density the document states, as written (`150-180`), or null. */
  stated: string | null;
  /** CPU and memory a host would need for the stated density, over what it has: `1.41` is 41 % overcommit. Of the stated upper end. */
  cpuOvercommit: string | null;
  memoryOvercommit: string | null;
}

export interface RoleDensity {
  role: string;
  /** The host the classes are sized against: the placed or declared offer, or the role's own size. */
  host: { offer: string | null; cpuMillicores: bigint; memoryBytes: bigint; basis: 'placed-offer' | 'declared-offer' | 'role-level' };
  classes: DensityClass[];
}

export interface PhasePlacement {
  name: string;
  currency: string;
  /** Present when the phase cannot be placed; then there are no machines. */
  errors: PlaceError[];
  machines: MachineLine[];
  assignments: MachineAssignment[];
  monthlyCost: Money | null;
  lowerBound: Money | null;
  boundSource: BoundSourceName | null;
  /** (cost − bound) / cost, rounded to 6 digits. */
  gap: number | null;
  solver: SolverReport | null;
  baseline: { algorithm: 'ffd'; monthlyCost: Money | null; machines: MachineLine[] };
  /** What the placement saves against the baseline. */
  saving: { amount: Money; percent: number } | null;
  roles: Array<{ name: string; min: number; max: number | null; candidateRule: CandidateRule; candidates: string[] }>;
  replicas: number;
  density: RoleDensity[];
  notes: string[];
}

export interface PlaceResult {
  phases: PhasePlacement[];
}
