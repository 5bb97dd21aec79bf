/**
 * The preflight runner: plans the host checks for each role and the service probes once,
 * runs them concurrently (bounded), each under its timeout and all under the run's bound,
 * and reports the results in plan order with a summary per role.
 */
import { setMaxListeners } from 'node:events';
import type { ComponentModel, Model, PhaseModel, RoleModel } from '../spec/model.js';
import { isSecretName, Redactor } from '../spec/secrets.js';
import { locate, type Location } from '../spec/source.js';
import { didYouMean } from '../units/suggest.js';
import { HOST_CHECKS } from './checks/index.js';
import { createRunContext, type RunContextOptions } from './context.js';
import { cpuFacts, hostArch, hostName, kernelRelease, memoryTotalBytes, osRelease } from './host/facts.js';
import { PROBES } from './probes/index.js';
import type { CheckModule, CheckResult, CheckStatus, Outcome, PlannedCheck, RunContext } from './types.js';

export const PREFLIGHT_SCHEMA_VERSION = '1.0';
export const STATUSES: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'skip', 'error'];
/** From least to most serious: the summary's `worst`. An error (not measured) ranks below a fail (measured and short). */
const SEVERITY: Readonly<Record<CheckStatus, number>> = { pass: 0, skip: 1, warn: 2, error: 3, fail: 4 };

export interface PreflightOptions {
  role?: string;
  phase?: string;
  /** Check ids or prefixes (`disk`, `software.podman`, `disk.size`): run only these. */
  only?: string[];
  skip?: string[];
  /** Per check. */
  timeoutMs?: number;
  /** The whole run. */
  boundMs?: number;
  /** Checks in flight at once. */
  concurrency?: number;
  /** How the host is reached: options for `createRunContext`, or a ready context. */
  context?: RunContextOptions | RunContext;
  /** Host and service check modules; the registries by default. */
  modules?: CheckModule[];
}

export interface HostFacts {
  hostname: string;
  os: string | null;
  osId: string | null;
  osVersion: string | null;
  kernel: string;
  arch: string;
  cpuModel: string;
  cores: number;
  memoryBytes: bigint | null;
}

export interface RoleSummary {
  role: string;
  /** The phase whose definition of the role was checked. */
  phase: string;
  /** No check of the role failed or errored. */
  canServe: boolean;
  counts: Record<CheckStatus, number>;
}

export interface PreflightSummary {
  total: number;
  counts: Record<CheckStatus, number>;
  worst: CheckStatus | null;
  roles: RoleSummary[];
  /** Service probes (null when none ran). */
  services: { ok: boolean; counts: Record<CheckStatus, number> } | null;
  durationMs: number;
}

export interface PreflightReport {
  system: string;
  /** The phase given with `--phase`; null when every phase's roles were checked. */
  phase: string | null;
  roles: string[];
  host: HostFacts;
  results: CheckResult[];
  summary: PreflightSummary;
}

/** A role to check, as one phase defines it (phases may override a role's requirements). */
export interface RoleTarget {
  phase: PhaseModel;
  role: RoleModel;
}

export type RoleSelection =
  | { ok: true; phase: PhaseModel | null; targets: RoleTarget[]; services: { phase: PhaseModel; components: ComponentModel[] } | null }
  | { ok: false; message: string; hint?: string };

/**
 * The roles to check. With `--phase`: that phase's machine roles (or the one `--role` names).
 * Without: every machine role of the spec, each as the first phase that has it defines it
 * (with `--role`, that one role). Service probes cover the components of the phase given, or of
 * every phase (each component once, as its first phase defines it).
 */
export function selectRoles(model: Model, options: { role?: string; phase?: string }): RoleSelection {
  let phase: PhaseModel | undefined;
  if (options.phase !== undefined) {
    phase = model.phases.find((p) => p.name === options.phase);
    if (!phase) {
      const names = model.phases.map((p) => p.name);
      const hint = didYouMean(options.phase, names);
      return { ok: false, message: `unknown phase \`${options.phase}\` (phases: ${names.join(', ')})`, ...(hint ? { hint } : {}) };
    }
  }
  const phases = phase ? [phase] : model.phases;
  const targets: RoleTarget[] = [];
  const seen = new Set<string>();
  for (const p of phases) {
    for (const role of p.roles) {
      if (role.abstract || seen.has(role.name) || (options.role !== undefined && role.name !== options.role)) continue;
      seen.add(role.name);
      targets.push({ phase: p, role });
    }
  }
  if (options.role !== undefined && targets.length === 0) {
    const names = [...new Set(phases.flatMap((p) => p.roles.filter((r) => !r.abstract).map((r) => r.name)))];
    const abstract = model.roles.find((r) => r.name === options.role && r.abstract);
    const hint = abstract ? `\`${options.role}\` is abstract (a template); check a role that extends it` : didYouMean(options.role, names);
    const where = phase ? `phase \`${phase.name}\`` : 'the spec';
    return { ok: false, message: `unknown role \`${options.role}\` in ${where} (roles: ${names.join(', ') || 'none'})`, ...(hint ? { hint } : {}) };
  }
  if (targets.length === 0 && phases.length === 0) return { ok: false, message: 'the spec has no phase and no role to check' };
  const components = new Map<string, ComponentModel>();
  for (const p of phases) for (const c of p.components) if (!components.has(c.name)) components.set(c.name, c);
  const first = phases[0];
  // One role named without a phase: the report is about the phase that defines it.
  const reported = phase ?? (options.role !== undefined ? targets[0]?.phase : undefined) ?? null;
  return { ok: true, phase: reported, targets, services: first ? { phase: first, components: [...components.values()] } : null };
}

/** The phase's components that run on a role: placed on it, or placeable anywhere. External services run nowhere. */
export function componentsOn(phase: PhaseModel, role: RoleModel): ComponentModel[] {
  return phase.components.filter((c) => c.kind !== 'external' && (c.roles.length === 0 || c.roles.includes(role.name)));
}

/** The family of a check id: what comes before the first `.` or `:`. */
export function familyOf(check: string): string {
  return check.split(/[.:]/, 1)[0] ?? check;
}

/** `--only`/`--skip` patterns: an exact id, a family (`disk`), or a prefix ending at a `.` or `:` (`disk.size`, `software.podman`). */
export function matchesPattern(check: string, pattern: string): boolean {
  return check === pattern || check.startsWith(`${pattern}.`) || check.startsWith(`${pattern}:`) || familyOf(check) === pattern;
}

function isContext(value: RunContextOptions | RunContext | undefined): value is RunContext {
  return value !== undefined && typeof (value as RunContext).exec === 'function';
}

interface Task {
  planned: PlannedCheck;
}

export function planChecks(model: Model, selection: Extract<RoleSelection, { ok: true }>, modules: CheckModule[]): PlannedCheck[] {
  const planned: PlannedCheck[] = [];
  for (const { phase, role } of selection.targets) {
    const components = componentsOn(phase, role);
    for (const module of modules) if (module.scope === 'role') planned.push(...module.plan({ model, phase, role, components }));
  }
  const services = selection.services;
  if (services) for (const module of modules) if (module.scope === 'service') planned.push(...module.plan({ model, phase: services.phase, role: null, components: services.components }));
  return planned;
}

export async function preflight(model: Model, options: PreflightOptions = {}): Promise<PreflightReport> {
  const started = performance.now();
  const selection = selectRoles(model, options);
  if (!selection.ok) throw new PreflightInputError(selection.message, selection.hint);
  const { targets } = selection;
  const timeoutMs = options.timeoutMs ?? 5000;
  const boundMs = options.boundMs ?? Math.max(timeoutMs * 4, 30_000);
  const bound = new AbortController();
  // Every check in flight (and each program it runs) listens for the bound: more than Node's default of 10.
  setMaxListeners(0, bound.signal);
  const boundTimer = setTimeout(() => bound.abort(), boundMs);
  const ctx = isContext(options.context) ? options.context : createRunContext({ timeoutMs, ...options.context, signal: bound.signal });
  const modules = options.modules ?? [...HOST_CHECKS, ...PROBES];
  const planned = planChecks(model, selection, modules).filter(
    (c) => (!options.only?.length || options.only.some((p) => matchesPattern(c.check, p))) && !options.skip?.some((p) => matchesPattern(c.check, p)),
  );
  const secrets = Object.entries(ctx.env)
    .filter(([name, value]) => value !== undefined && isSecretName(name))
    .map(([, value]) => value as string);
  const redactor = new Redactor(secrets);
  const redact = (text: string) => redactor.redact(text);

  const tasks: Task[] = planned.map((p) => ({ planned: p }));
  const results: CheckResult[] = new Array(tasks.length);
  const bounded = bound.signal;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const task = tasks[index];
      if (task === undefined) return;
      const checkStarted = performance.now();
      const found = await runOne(task.planned, ctx, timeoutMs, bounded, boundMs);
      results[index] = toResult(task.planned, found, Math.round(performance.now() - checkStarted), redact);
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const hostPromise = hostFacts(ctx);
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  const host = await hostPromise;
  clearTimeout(boundTimer);

  const summary = summarize(results, targets, Math.round(performance.now() - started));
  return { system: model.system.name, phase: selection.phase?.name ?? null, roles: targets.map((t) => t.role.name), host, results, summary };
}

async function runOne(planned: PlannedCheck, ctx: RunContext, timeoutMs: number, bound: AbortSignal, boundMs: number): Promise<Outcome> {
  if (bound.aborted) return { status: 'error', measured: null, message: `not run: the run's bound of ${boundMs} ms was reached` };
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      planned.run(ctx).catch((error: unknown) => ({ status: 'error' as const, measured: null, message: `the check failed: ${(error as Error)?.message ?? String(error)}` })),
      new Promise<Outcome>((resolve) => {
        timer = setTimeout(() => resolve({ status: 'error', measured: null, message: `did not finish within ${timeoutMs} ms` }), timeoutMs + 50);
      }),
      new Promise<Outcome>((resolve) => {
        onAbort = () => resolve({ status: 'error', measured: null, message: `stopped: the run's bound of ${boundMs} ms was reached` });
        bound.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) bound.removeEventListener('abort', onAbort);
  }
}

function toResult(planned: PlannedCheck, found: Outcome, durationMs: number, redact: (text: string) => string): CheckResult {
  return {
    role: planned.role,
    component: planned.component,
    check: planned.check,
    status: found.status,
    measured: found.measured === null ? null : redact(found.measured),
    minimum: planned.minimum === null ? null : redact(planned.minimum),
    recommended: planned.recommended === null ? null : redact(planned.recommended),
    message: redact(found.message),
    at: planned.at,
    durationMs,
  };
}

async function hostFacts(ctx: RunContext): Promise<HostFacts> {
  const [os, memory] = await Promise.all([osRelease(ctx), memoryTotalBytes(ctx)]);
  const cpu = cpuFacts();
  return {
    hostname: hostName(),
    os: os?.prettyName ?? null,
    osId: os?.id ?? null,
    osVersion: os?.versionId || null,
    kernel: kernelRelease(),
    arch: hostArch(),
    cpuModel: cpu.model,
    cores: cpu.cores,
    memoryBytes: memory,
  };
}

export function emptyCounts(): Record<CheckStatus, number> {
  return { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
}

function countOf(results: CheckResult[]): Record<CheckStatus, number> {
  const counts = emptyCounts();
  for (const r of results) counts[r.status]++;
  return counts;
}

export function worstOf(statuses: Iterable<CheckStatus>): CheckStatus | null {
  let worst: CheckStatus | null = null;
  for (const s of statuses) if (worst === null || SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

function summarize(results: CheckResult[], targets: RoleTarget[], durationMs: number): PreflightSummary {
  const services = results.filter((r) => r.role === null);
  const serviceCounts = countOf(services);
  return {
    total: results.length,
    counts: countOf(results),
    worst: worstOf(results.map((r) => r.status)),
    roles: targets.map(({ phase, role }) => {
      const counts = countOf(results.filter((r) => r.role === role.name));
      return { role: role.name, phase: phase.name, canServe: counts.fail === 0 && counts.error === 0, counts };
    }),
    services: services.length === 0 ? null : { ok: serviceCounts.fail === 0 && serviceCounts.error === 0, counts: serviceCounts },
    durationMs,
  };
}

/** Whether a report has anything at or above `failOn` (an error counts as a fail). */
export function failsAt(report: PreflightReport, failOn: 'fail' | 'warn'): boolean {
  return report.results.some((r) => r.status === 'fail' || r.status === 'error' || (failOn === 'warn' && r.status === 'warn'));
}

/** A result as `--json` writes it: the position as file, line and column. */
export function resultToJson(result: CheckResult, relativeTo: (path: string) => string = (p) => p): Omit<CheckResult, 'at'> & { at: Location | null } {
  const at = result.at === null ? null : locate(result.at);
  return { ...result, at: at === null ? null : { ...at, file: relativeTo(at.file) } };
}

/** Invalid options (an unknown role or phase): the CLI turns it into exit 2 with the hint. */
export class PreflightInputError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}
