import type { Frequency } from '../units/duration.js';
import type { MoneyFigure } from '../units/money.js';
import type { DataRate } from '../units/rate.js';
import type { StatedRange } from '../units/stated.js';
import type { VersionRange } from '../units/version.js';
import type {
  BackupInput,
  ComponentInput,
  PhaseInput,
  RoleInput,
  SpecInput,
  StatedInput,
} from './schema.js';
import type { SourceFile, SourceSpan } from './source.js';
import type { PositionIndex } from './yaml.js';

/**
 * The validated, normalized spec: plain data, every figure in base units
 * (millicores, bytes, milliseconds, bits per second), every entity with the
 * source position it came from. Analyses read only this.
 */
export interface Model {
  system: { name: string; version?: string; description?: string; at: SourceSpan };
  files: SourceFile[];
  /** The merged, shape-checked input, for emitters that need fields the model does not interpret. */
  input: SpecInput;
  components: ComponentModel[];
  roles: RoleModel[];
  phases: PhaseModel[];
  usage: UsageModel[];
  backups: BackupModel[];
  stated: StatedModel[];
  traffic: TrafficModel[];
  /**
   * Where every mapping and list of `input` (and of entity `input`s) sits in the
   * source: rules that read fields the model does not interpret point at them through it.
   */
  positions: PositionIndex;
}

export type ComponentKind = ComponentInput['kind'];

export interface CpuMemory {
  cpuMillicores: bigint | null;
  memoryBytes: bigint | null;
}

export interface ComponentModel {
  name: string;
  kind: ComponentKind;
  at: SourceSpan;
  input: ComponentInput;
  requests: CpuMemory;
  limits: CpuMemory;
  /** Replicas counted in totals; a job counts at its concurrency, a daemon at 1 (per node: see `perNode`). */
  replicas: { min: number; max: number };
  perNode: boolean;
  /** Roles that may run it (empty: any). */
  roles: string[];
  antiAffinity: boolean;
  volumes: VolumeModel[];
  flows: FlowModel[];
  version: VersionRequirementModel | null;
  dataBytes: bigint | null;
  stated: StatedModel[];
}

export interface VersionRequirementModel {
  minimum: VersionRange | null;
  recommended: VersionRange | null;
  pinned: string | null;
}

export interface VolumeModel {
  component: string;
  name: string;
  at: SourceSpan;
  sizeBytes: bigint;
  usedBytes: bigint | null;
  growth: DataRate | null;
  perReplica: boolean;
  retentionMs: bigint | null;
}

export interface FlowModel {
  from: string;
  to: string;
  at: SourceSpan;
  port: number | null;
  latencyBoundMs: bigint | null;
}

export interface RequirementLevelModel {
  cpuMillicores: bigint | null;
  memoryBytes: bigint | null;
  /** `disk`, or the sum of `disks` (size × count) when only those are given. */
  diskBytes: bigint | null;
  disks: Array<{ mount: string | null; bytes: bigint; count: number; at: SourceSpan }>;
  gpuCount: number | null;
  networkBitsPerSecond: bigint | null;
  bandwidth: DataRate | null;
  software: Array<{ name: string; range: VersionRange; optional: boolean; at: SourceSpan }>;
  kernel: VersionRange | null;
}

export interface RoleModel {
  name: string;
  at: SourceSpan;
  input: RoleInput;
  abstract: boolean;
  /** null max: unbounded (`{min: 3}`); null count: `variable`. */
  count: { min: number; max: number | null } | null;
  minimum: RequirementLevelModel;
  recommended: RequirementLevelModel;
  reserved: CpuMemory;
  cost: MoneyFigure | null;
  density: Array<{ name: string; cpuMillicores: bigint; memoryBytes: bigint; stated: StatedModel[] }>;
  stated: StatedModel[];
}

export interface CostLineModel {
  name: string;
  at: SourceSpan;
  amount: MoneyFigure;
  quantityBytes: bigint | null;
}

export interface PhaseModel {
  name: string;
  at: SourceSpan | null;
  input: PhaseInput | null;
  production: boolean;
  targets: Array<{ name: string; value: bigint | null; text: string }>;
  /** Effective components of the phase: base with the phase's overrides, disabled ones removed. */
  components: ComponentModel[];
  /** Effective machine roles of the phase (abstract roles excluded). */
  roles: RoleModel[];
  costs: CostLineModel[];
  budget: MoneyFigure | null;
  /** Transfer allowance the phase asks for. */
  bandwidth: { minimum: DataRate | null; recommended: DataRate | null };
  /** The phase's own stated figures, then the system-wide ones. */
  stated: StatedModel[];
}

export interface UsageModel {
  name: string;
  at: SourceSpan;
  per: string;
  /** Bytes per unit of the target per period (parts summed when no rate is given). */
  rate: DataRate;
  parts: Array<{ name: string; rate: DataRate }>;
  stated: StatedModel[];
}

export interface BackupModel {
  name: string;
  at: SourceSpan;
  input: BackupInput;
  of: string;
  type: BackupInput['type'];
  frequency: Frequency | null;
  /** Bytes one backup occupies as stored (compressed when given). */
  storedBytes: bigint | null;
  rate: DataRate | null;
  /** null when kept indefinitely or when the document gives no retention (see `retention`). */
  retentionMs: bigint | null;
  retention: 'window' | 'indefinite' | 'unstated';
  stated: StatedModel[];
}

export interface TrafficModel {
  direction: 'ingress' | 'egress' | 'internal';
  items: Array<{ name: string; averageBps: bigint | null; peakBps: bigint | null; at: SourceSpan }>;
  stated: StatedModel[];
}

export type FigureKind = 'cpu' | 'bytes' | 'money' | 'count' | 'bitrate' | 'dataPerMonth';

export interface StatedModel {
  figure: string;
  kind: FigureKind;
  scope: { kind: 'system' | 'phase' | 'role' | 'component' | 'backup' | 'traffic' | 'usage' | 'density'; name: string | null };
  text: string;
  /** In the kind's base unit; for money, micro-units of `currency`. */
  range: StatedRange;
  currency: string | null;
  of: string[] | null;
  atReplicas: 'min' | 'max';
  /** A role figure stated per machine rather than over all the role's machines. */
  perMachine: boolean;
  label: string | null;
  at: SourceSpan;
  input: StatedInput | null;
}
