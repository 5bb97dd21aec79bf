import type { ComponentModel, Model, PhaseModel, RoleModel } from '../../spec/model.js';
import type { RequirementLevelInput, VolumeInput } from '../../spec/schema.js';
import type { SourceSpan } from '../../spec/source.js';
import { formatBytes, writtenSystem } from '../../units/bytes.js';
import { cpuMillicores, memoryBytes } from '../../units/quantity.js';
import { rational, toDecimalString } from '../../units/rational.js';
import type { LintAnalysis } from '../analysis.js';

/**
 * What the capacity and growth rules share: figures shown in the units the page
 * wrote them in, the size of one machine of a role, the Kubernetes quota and
 * LimitRange a phase runs under, and the effective requests and limits of a pod.
 */

export type ByteSystem = 'si' | 'iec';

/** The unit system a figure was written in (`16GB` → SI, `16Gi` → IEC), else `fallback`. */
export function systemOf(written: unknown, fallback: ByteSystem = 'si'): ByteSystem {
  return typeof written === 'string' ? (ownSystem(written) ?? fallback) : fallback;
}

/** `writtenSystem`, plus Kubernetes' bare decimal suffixes (`1G` is 10^9). */
function ownSystem(text: string): ByteSystem | undefined {
  return writtenSystem(text) ?? (/\d\s*[kMGTPE]$/.test(text.trim()) ? 'si' : undefined);
}

/** `16 GB`, or `15.75 GiB (16.91 GB)` when the figure it is compared with is in the other system. */
export function bytesFigure(bytes: bigint, own: ByteSystem, other?: ByteSystem): string {
  const shown = formatBytes(bytes, own);
  return other === undefined || other === own ? shown : `${shown} (${formatBytes(bytes, other)})`;
}

/**
 * `value` shown with enough digits to differ from `than`, which it exceeds:
 * 16.001 GB would round to the 16 GB it is compared with.
 */
export function exceedingBytes(value: bigint, than: bigint, own: ByteSystem, other?: ByteSystem): string {
  let digits = 2;
  while (digits < 9 && formatBytes(value, own, digits) === formatBytes(than, own, digits)) digits += 1;
  const shown = formatBytes(value, own, digits);
  return other === undefined || other === own ? shown : `${shown} (${formatBytes(value, other)})`;
}

/** A written size as the page wrote it, with its value in the other system when that is what it is compared with: `16Gi (17.18 GB)`. */
export function writtenBytesFigure(written: string | number | undefined, bytes: bigint, other?: ByteSystem): string {
  if (written === undefined) return bytesFigure(bytes, other ?? 'iec');
  const text = String(written).trim();
  const own = ownSystem(text);
  if (own === undefined || other === undefined || own === other) return text;
  return `${text} (${formatBytes(bytes, other)})`;
}

/** CPU for people: `2.5 cores`, `1 core`, `250m`. */
export function cpuFigure(millicores: bigint): string {
  if (millicores < 1000n && millicores % 1000n !== 0n) return `${millicores}m`;
  const cores = toDecimalString(rational(millicores, 1000n), 3);
  return `${cores} ${cores === '1' ? 'core' : 'cores'}`;
}

export type Resource = 'cpuMillicores' | 'memoryBytes';
export const RESOURCES: readonly Resource[] = ['cpuMillicores', 'memoryBytes'];
export const RESOURCE_KEY: Record<Resource, 'cpu' | 'memory'> = { cpuMillicores: 'cpu', memoryBytes: 'memory' };
export const RESOURCE_WORD: Record<Resource, string> = { cpuMillicores: 'CPU', memoryBytes: 'memory' };

/** A figure in its resource's units: memory in `system` (with `other` beside it), CPU in cores. */
export function resourceFigure(resource: Resource, value: bigint, system: ByteSystem = 'si', other?: ByteSystem): string {
  return resource === 'cpuMillicores' ? cpuFigure(value) : bytesFigure(value, system, other);
}

// ───────────────────────────── one machine of a role ─────────────────────────────

export interface MachineFigure {
  /** Per machine, at the level the plan sizes the role with (recommended, else minimum). */
  value: bigint;
  /** What the page wrote (`16 GB`, `8 vCPU`). */
  written: string;
  at: SourceSpan;
  /** Reserved for the system on each machine (`reserved:`), 0 when not given. */
  reserved: bigint;
  reservedWritten: string | null;
}

// Roles are shared by every component (and phase) that runs on them: each is read once.
const MACHINE_FIGURES = new WeakMap<RoleModel, Partial<Record<Resource, MachineFigure | null>>>();

/** The CPU or memory of one machine of the role, where it is written, and what `reserved` keeps back; null when the role gives none. */
export function machineFigure(role: RoleModel, resource: Resource, analysis: LintAnalysis): MachineFigure | null {
  let known = MACHINE_FIGURES.get(role);
  if (!known) MACHINE_FIGURES.set(role, (known = {}));
  const cached = known[resource];
  if (cached !== undefined) return cached;
  const figure = readMachineFigure(role, resource, analysis);
  known[resource] = figure;
  return figure;
}

function readMachineFigure(role: RoleModel, resource: Resource, analysis: LintAnalysis): MachineFigure | null {
  const key = RESOURCE_KEY[resource];
  const fromRecommended = role.recommended[resource] !== null;
  const value = role.recommended[resource] ?? role.minimum[resource];
  if (value === null) return null;
  const level = (fromRecommended ? role.input.recommended : role.input.minimum) as RequirementLevelInput | undefined;
  const reserved = role.reserved[resource] ?? 0n;
  return {
    value,
    written: shownAsWritten(resource, level?.[key], value),
    at: analysis.at(level, key),
    reserved,
    reservedWritten: reserved === 0n ? null : shownAsWritten(resource, role.input.reserved?.[key], reserved),
  };
}

/** A figure as the page wrote it; a bare CPU number (`8`) reads as `8 cores`. */
export function shownAsWritten(resource: Resource, written: unknown, value: bigint): string {
  if (written === undefined || written === null) return resourceFigure(resource, value);
  const text = String(written).trim();
  return resource === 'cpuMillicores' && /^[0-9.]+$/.test(text) ? cpuFigure(value) : text;
}

/** `16GB`, or `7 cores: 8 cores less 1 core reserved` when the role reserves some. */
export function allocatablePhrase(resource: Resource, machine: MachineFigure): string {
  if (machine.reservedWritten === null) return machine.written;
  return `${resourceFigure(resource, allocatableOf(machine), systemOf(machine.written))}: ${machine.written} less ${machine.reservedWritten} reserved`;
}

/** What a pod can use on one machine: the machine less `reserved`. */
export function allocatableOf(machine: MachineFigure): bigint {
  return machine.value - machine.reserved;
}

/** ` after 1Gi reserved` when the role reserves some, else ''. */
export function reservedNote(machine: MachineFigure): string {
  return machine.reservedWritten === null ? '' : `, less ${machine.reservedWritten} reserved`;
}

/**
 * What a role's machines hold, for a message: `the 16GB of the one \`node\` machine`,
 * `the 48 GB of 3 \`gatewayd\` machines (16 GB each)`, with what `reserved` keeps back.
 */
export function capacityPhrase(total: string, role: string, count: bigint | number, machine: MachineFigure): string {
  if (BigInt(count) === 1n) return machine.reservedWritten === null ? `the ${machine.written} of the one \`${role}\` machine` : `the ${total} the one \`${role}\` machine can allocate (${machine.written}${reservedNote(machine)})`;
  return `the ${total} of ${count} \`${role}\` machines (${machine.written} each${reservedNote(machine)})`;
}

/** Where a component is named: its key in the base, or in the phase that adds it. */
export function componentAt(phase: PhaseModel, component: ComponentModel, analysis: LintAnalysis): SourceSpan {
  const own = phase.input?.components?.[component.name];
  if (own && analysis.component(component.name) === undefined) return analysis.at(phase.input?.components, component.name, 'key');
  return component.at;
}

/**
 * The roles a component lands on as the plan places it: its named roles, or the
 * phase's only role; none when it names none and the phase has several.
 */
export function hostRoles(phase: PhaseModel, component: ComponentModel, analysis: LintAnalysis): RoleModel[] {
  if (component.roles.length > 0) return analysis.rolesOf(phase, component);
  return phase.roles.length === 1 ? phase.roles : [];
}

/** Runs as pods the cluster schedules: not a third-party API, not a cloud-managed service. */
export function runsAsPods(component: ComponentModel): boolean {
  return component.kind !== 'external' && component.input.managed === undefined;
}

/** The written text of `component.resources.<section>.<cpu|memory>`, and where it is. */
export function resourceInput(component: ComponentModel, section: 'requests' | 'limits', resource: Resource, analysis: LintAnalysis): { written: string | undefined; at: SourceSpan } {
  const container = component.input.resources?.[section];
  const key = RESOURCE_KEY[resource];
  const value = container?.[key];
  return { written: value === undefined ? undefined : String(value), at: container && value !== undefined ? analysis.at(container, key) : component.at };
}

/** The volume as the page wrote it, found by name. */
export function volumeInput(component: ComponentModel, name: string): VolumeInput | undefined {
  return component.input.volumes?.find((v) => v.name === name);
}

// ─────────────────────────── Kubernetes of a phase ───────────────────────────

/** One entry of a mapping with the container it was written in (for positions). */
export interface Entry<T> {
  value: T;
  written: string;
  container: object;
  key: string;
}

export interface LimitRangeFigures {
  default: Partial<Record<Resource, Entry<bigint>>>;
  defaultRequest: Partial<Record<Resource, Entry<bigint>>>;
  max: Partial<Record<Resource, Entry<bigint>>>;
}

export interface PhaseKubernetes {
  /** `quota` entries, the phase's over the base's, key by key. */
  quota: Array<Entry<string | number>>;
  limitRange: LimitRangeFigures;
}

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Entries of `base` overlaid key by key with `over` (a phase overlay merges mappings), each with its container. */
function overlay(base: unknown, over: unknown): Map<string, { value: unknown; container: object }> {
  const out = new Map<string, { value: unknown; container: object }>();
  for (const source of [base, over]) {
    if (!isMapping(source)) continue;
    for (const [key, value] of Object.entries(source)) out.set(key, { value, container: source });
  }
  return out;
}

/** The quota and LimitRange a phase's pods run under: `kubernetes`, with the phase's `kubernetes` over it. */
export function phaseKubernetes(model: Model, phase: PhaseModel): PhaseKubernetes {
  const base = model.input.kubernetes;
  const over = phase.input?.kubernetes;
  const quota: PhaseKubernetes['quota'] = [];
  for (const [key, { value, container }] of overlay(base?.quota, over?.quota)) {
    if (typeof value === 'string' || typeof value === 'number') quota.push({ value, written: String(value), container, key });
  }
  const limitRange: LimitRangeFigures = { default: {}, defaultRequest: {}, max: {} };
  for (const section of ['default', 'defaultRequest', 'max'] as const) {
    for (const [key, { value, container }] of overlay(base?.limitRange?.[section], over?.limitRange?.[section])) {
      const resource = key === 'cpu' ? 'cpuMillicores' : key === 'memory' ? 'memoryBytes' : null;
      if (resource === null || (typeof value !== 'string' && typeof value !== 'number')) continue;
      const parsed = resource === 'cpuMillicores' ? cpuMillicores(value) : memoryBytes(value);
      if (parsed.ok) limitRange[section][resource] = { value: parsed.value, written: String(value), container, key };
    }
  }
  return { quota, limitRange };
}

/**
 * Requests and limits a pod gets once Kubernetes has defaulted them: a limit
 * without a request makes the request equal to it (API defaulting), then the
 * LimitRanger fills a missing limit from `default` (itself `max` when absent) and
 * a missing request from `defaultRequest` (itself `default`, then `max`).
 */
export interface EffectiveResources {
  request: Record<Resource, bigint | null>;
  limit: Record<Resource, bigint | null>;
  /** Where each came from: the component, or the LimitRange. */
  limitFromLimitRange: Record<Resource, Entry<bigint> | null>;
}

export function effectiveResources(component: ComponentModel, limitRange: LimitRangeFigures): EffectiveResources {
  const request: Record<Resource, bigint | null> = { cpuMillicores: null, memoryBytes: null };
  const limit: Record<Resource, bigint | null> = { cpuMillicores: null, memoryBytes: null };
  const limitFromLimitRange: Record<Resource, Entry<bigint> | null> = { cpuMillicores: null, memoryBytes: null };
  for (const resource of RESOURCES) {
    const defaultLimit = limitRange.default[resource] ?? limitRange.max[resource] ?? null;
    const ownLimit = component.limits[resource];
    limit[resource] = ownLimit ?? defaultLimit?.value ?? null;
    if (ownLimit === null && defaultLimit) limitFromLimitRange[resource] = defaultLimit;
    const defaultRequest = limitRange.defaultRequest[resource] ?? defaultLimit;
    request[resource] = component.requests[resource] ?? ownLimit ?? defaultRequest?.value ?? null;
  }
  return { request, limit, limitFromLimitRange };
}
