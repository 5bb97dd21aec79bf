/**
 * The preflight contract: a check module derives planned checks from the spec
 * (pure), and each planned check measures one thing on the host or one live service
 * (the only I/O infraspec does against the world, always read-only).
 */
import type { ComponentModel, Model, PhaseModel, RoleModel } from '../spec/model.js';
import type { SourceSpan } from '../spec/source.js';

/**
 * pass: meets recommended (or the only level given); warn: meets minimum, below
 * recommended; fail: below minimum; skip: does not apply (the message says why);
 * error: could not measure (the message says why).
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

/** What a planned check found. Values are display text in the requirement's unit (`16 GiB`, `4.3.1`). */
export interface Outcome {
  status: CheckStatus;
  measured: string | null;
  message: string;
}

/** One result as every output format sees it. `--json` writes these in order. */
export interface CheckResult {
  /** The role the host was checked against; null for service probes. */
  role: string | null;
  /** The component a service probe tested; null for host checks. */
  component: string | null;
  /**
   * Stable id: `family.name`, with the subject after a colon where one check repeats
   * (`memory.total`, `software.podman`, `disk.free:/var/lib/postgresql`, `postgres.setting:max_connections`).
   */
  check: string;
  status: CheckStatus;
  measured: string | null;
  minimum: string | null;
  recommended: string | null;
  message: string;
  /** The spec position the requirement came from. */
  at: SourceSpan | null;
  durationMs: number;
}

/** What a check module needs to plan: pure data from the spec. */
export interface PlanInput {
  model: Model;
  phase: PhaseModel;
  /** The role checked (host checks), or null (service probes, planned once per run). */
  role: RoleModel | null;
  /** The phase's components that run on this role (all of the phase's components when role is null). */
  components: ComponentModel[];
}

/** One measurement to make, with the requirement it is judged against. */
export interface PlannedCheck {
  check: string;
  role: string | null;
  component: string | null;
  minimum: string | null;
  recommended: string | null;
  at: SourceSpan | null;
  /** Measure and judge. Must honour ctx.signal and ctx.timeoutMs; must not throw for expected failures (return `error`). */
  run(ctx: RunContext): Promise<Outcome>;
}

export interface CheckModule {
  /** Family id, the part of `check` before the first dot or colon: `memory`, `software`, `postgres`. */
  id: string;
  description: string;
  /** `role`: planned once per role checked; `service`: once per run, with role null. */
  scope: 'role' | 'service';
  plan(input: PlanInput): PlannedCheck[];
}

export interface ExecResult {
  /** null when the program was not found (ENOENT) or not executable. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started or was killed by the timeout. */
  error?: 'not-found' | 'timeout' | 'failed';
}

/**
 * The host as checks see it. All access goes through here so that tests can point PATH at
 * fake executables and so that nothing ever runs a shell.
 */
export interface RunContext {
  /** execFile with an argument array, PATH from `env`, never a shell; resolves, never rejects. */
  exec(file: string, args: string[], options?: { timeoutMs?: number }): Promise<ExecResult>;
  /** Read a file as text; null when it does not exist or cannot be read. */
  readText(path: string): Promise<string | null>;
  /** The environment `${VAR}` references in the spec resolve against. */
  env: Record<string, string | undefined>;
  /** Per-check budget. */
  timeoutMs: number;
  /** Aborted when the whole run's bound is reached. */
  signal: AbortSignal;
  /**
   * When true, checks that would send traffic anywhere but loopback (127.0.0.0/8, ::1)
   * return `skip` saying what they would have contacted. Tests and benchmarks set it.
   */
  offline: boolean;
  /** Facts read once and shared by all checks (os-release, /proc/meminfo, …), memoized by key. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** `stat` of a path (symbolic links followed); null when it does not exist or cannot be read. Optional: host checks fall back to node:fs. */
  stat?(path: string): Promise<PathStat | null>;
  /** `statfs` of the filesystem holding a path; null when the path does not exist. Optional: host checks fall back to node:fs. */
  statfs?(path: string): Promise<FilesystemStat | null>;
}

/** What host checks need of a file's metadata. */
export interface PathStat {
  kind: 'file' | 'directory' | 'character-device' | 'block-device' | 'symlink' | 'other';
  /** Permission bits with setuid/setgid/sticky (`0o2775`). */
  mode: number;
  uid: number;
  gid: number;
  /** Device id: two paths on one filesystem share it. */
  dev: number;
}

/** Size and free space of a filesystem, in bytes. */
export interface FilesystemStat {
  sizeBytes: bigint;
  /** Available to unprivileged users (`df`'s Avail: excludes the root reserve). */
  freeBytes: bigint;
}
