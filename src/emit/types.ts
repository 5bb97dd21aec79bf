import type { Plan } from '../plan/plan.js';
import type { Model, PhaseModel } from '../spec/model.js';
import type { SourceSpan } from '../spec/source.js';

/**
 * An emitter turns the model into the files one tool consumes (Kubernetes
 * manifests, compose files, Quadlet units, nftables rulesets, alert rules, the
 * requirements document). Pure: it returns file contents, the CLI writes them.
 */

export interface GeneratedFile {
  /** Relative to the output directory, POSIX separators, no `..`. */
  path: string;
  content: string;
  /** File mode, for scripts (`0o755`); 0o644 when absent. */
  mode?: number;
}

export interface EmitNote {
  /** Something the emitter could not express, or chose, that the user should know. */
  message: string;
  at?: SourceSpan;
}

export interface EmitContext {
  model: Model;
  /** The phases to generate for (`--phase`, else every phase), in document order. */
  phases: readonly PhaseModel[];
  /** The plan of every phase at 12 months, computed on first use. */
  plan(): Plan;
  /** The spec as its user names it in headers: the system name, never a machine path. */
  source: string;
}

export interface EmitResult {
  files: GeneratedFile[];
  notes: EmitNote[];
}

export interface Emitter {
  /** The `--target` name. */
  id: string;
  summary: string;
  emit(context: EmitContext): EmitResult;
}
