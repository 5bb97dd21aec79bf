/**
 * Shared pieces of host checks: the two requirement levels of a role as written, their
 * positions in the spec, and the one judgement every check makes from them.
 */
import type { Model, RoleModel } from '../spec/model.js';
import type { RequirementLevelInput } from '../spec/schema.js';
import type { SourceSpan } from '../spec/source.js';
import { formatBytes, writtenSystem } from '../units/bytes.js';
import { compareVersions, parseVersion, parseVersionRange, rangeMinimum, type Version, type VersionRange } from '../units/version.js';
import type { CheckStatus, Outcome } from './types.js';

export type LevelName = 'minimum' | 'recommended';
export const LEVELS: readonly LevelName[] = ['minimum', 'recommended'];

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A role's requirement level as written (fields the model does not interpret live here). */
export function levelInput(role: RoleModel, level: LevelName): RequirementLevelInput | undefined {
  return role.input[level];
}

/**
 * The verdict from the two levels: `null` means the level does not say. Below the minimum
 * fails; below the recommended level (or below the only level given, when that is the
 * recommended one) warns; anything else passes.
 */
export function verdict(meetsMinimum: boolean | null, meetsRecommended: boolean | null): 'pass' | 'warn' | 'fail' {
  if (meetsMinimum === false) return 'fail';
  if (meetsRecommended === false) return 'warn';
  return 'pass';
}

/** Where `container[key]` is written, else the container, else the role. */
export function spanOf(model: Model, container: object | undefined, key: string | number | undefined, fallback: SourceSpan): SourceSpan {
  if (container !== undefined) {
    if (key !== undefined) {
      const span = model.positions.entrySpan(container, key);
      if (span) return span;
    }
    const whole = model.positions.containerSpan(container);
    if (whole) return whole;
  }
  return fallback;
}

/** A scalar as written: numbers are re-read from the source so that `3.10` stays `3.10`. */
export function writtenText(model: Model, container: object, key: string | number): string | undefined {
  const value = (container as Obj)[key as string];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return model.positions.rawText(container, key) ?? String(value);
  return undefined;
}

export interface WrittenRange {
  text: string;
  range: VersionRange;
  at: SourceSpan;
}

export function writtenRange(model: Model, container: object, key: string, fallback: SourceSpan): WrittenRange | null {
  const text = writtenText(model, container, key);
  if (text === undefined) return null;
  const parsed = parseVersionRange(text);
  return parsed.ok ? { text, range: parsed.value, at: spanOf(model, container, key, fallback) } : null;
}

/**
 * Whether a measured version meets a range; host checks and service probes judge alike.
 * - A bare version (`minimum: "15"`, `recommended: "3.12"`) means that version or later, at
 *   either level: a page that asks for "PostgreSQL 15" is met by 16. A range written with an
 *   operator, a wildcard or an upper bound (`7.x`, `>=1.28 <1.30`) holds as written.
 * - For the recommended level, a version above the range also meets it: "recommended 3.12.x"
 *   is not a reason to warn about 3.13.
 */
export function versionMeets(version: Version, range: VersionRange, level: LevelName): boolean {
  if (range.test(version)) return true;
  if (isBareVersion(range)) {
    const floor = rangeMinimum(range);
    if (floor !== undefined && compareVersions(version, floor) >= 0) return true;
  }
  if (level === 'minimum') return false;
  const intervals = range.intervals;
  if (intervals === undefined || intervals.length === 0) return false;
  return intervals.every((i) => {
    if (i.upper === undefined) return false;
    const c = compareVersions(version, i.upper.version);
    return c > 0 || (c === 0 && !i.upper.inclusive);
  });
}

/** A range written as a plain version (`15`, `v3.12`): no operator, wildcard or bound. */
export function isBareVersion(range: VersionRange): boolean {
  return /^\s*v?\d+(\.\d+)*\s*$/.test(range.raw);
}

/** The first dotted number in a text (`535.129.03`), as a version. */
export function versionAfterText(text: string): Version | null {
  const match = /(\d+(?:\.\d+)+)/.exec(text);
  if (!match?.[1]) return null;
  const parsed = parseVersion(match[1]);
  return parsed.ok ? parsed.value : null;
}

/** Judge a version against the two levels; the message names the bar that was missed. */
export function judgeVersion(what: string, version: Version, minimum: WrittenRange | null, recommended: WrittenRange | null): Outcome {
  const meetsMinimum = minimum === null || minimum.range.any ? null : versionMeets(version, minimum.range, 'minimum');
  const meetsRecommended = recommended === null || recommended.range.any ? null : versionMeets(version, recommended.range, 'recommended');
  const status = verdict(meetsMinimum, meetsRecommended);
  const shown = version.raw;
  const message =
    status === 'fail'
      ? `${what} ${shown} is ${belowRange(version, minimum?.range) ? 'below' : 'outside'} the required ${minimum?.range.describe ?? ''}`
      : status === 'warn'
        ? `${what} ${shown} meets the minimum but not the recommended ${recommended?.range.describe ?? ''}`
        : minimum === null && recommended === null
          ? `${what} ${shown} is installed`
          : `${what} ${shown} meets ${recommended && !recommended.range.any ? `the recommended ${recommended.range.describe}` : `the required ${minimum?.range.describe ?? 'any version'}`}`;
  return { status, measured: shown, message };
}

function belowRange(version: Version, range: VersionRange | undefined): boolean {
  const lowest = range === undefined ? undefined : rangeMinimum(range);
  return lowest !== undefined && compareVersions(version, lowest) < 0;
}

/** Bytes in the unit system the spec wrote the requirement in (`4GB` → GB, `4Gi` → GiB). */
export function showBytes(bytes: bigint, writtenAs: string | undefined): string {
  const system = (writtenAs === undefined ? undefined : writtenSystem(writtenAs)) ?? 'si';
  return formatBytes(bytes, system);
}

export function outcome(status: CheckStatus, measured: string | null, message: string): Outcome {
  return { status, measured, message };
}

/** A check that could not run: the reason in the message. */
export function errorOutcome(message: string, measured: string | null = null): Outcome {
  return { status: 'error', measured, message };
}

export interface LevelValue<T> {
  value: T;
  /** The text the spec wrote, for display in the spec's own units. */
  text: string;
  at: SourceSpan;
}

/** One field of both requirement levels, with the text and position each level wrote it at. */
export function levelField<T>(
  model: Model,
  role: RoleModel,
  key: string,
  read: (level: LevelName) => T | null,
): { minimum: LevelValue<T> | null; recommended: LevelValue<T> | null; at: SourceSpan } {
  const found = (level: LevelName): LevelValue<T> | null => {
    const container = levelInput(role, level) as Obj | undefined;
    const value = read(level);
    if (container === undefined || value === null || container[key] === undefined) return null;
    const raw = container[key];
    const text = writtenText(model, container, key) ?? (Array.isArray(raw) ? raw.join(', ') : String(raw));
    return { value, text, at: spanOf(model, container, key, role.at) };
  };
  const minimum = found('minimum');
  const recommended = found('recommended');
  return { minimum, recommended, at: minimum?.at ?? recommended?.at ?? role.at };
}

/** `2000` millicores as `2 cores`, `1500` as `1.5 cores`. */
export function showCores(millicores: bigint): string {
  const whole = millicores / 1000n;
  const rest = millicores % 1000n;
  const text = rest === 0n ? String(whole) : `${whole}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`;
  return `${text} ${text === '1' ? 'core' : 'cores'}`;
}

/**
 * The level at which a role names a platform feature (`kvm`, `cgroup-v2`), spelled loosely
 * (`cgroup v2`, `cgroupv2`), with where: the minimum wins over the recommended level.
 */
export function featureLevel(model: Model, role: RoleModel, names: readonly string[]): { level: LevelName; at: SourceSpan } | null {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const wanted = names.map(squash);
  for (const level of LEVELS) {
    const list = levelInput(role, level)?.features;
    const i = list?.findIndex((f) => wanted.includes(squash(f))) ?? -1;
    if (list && i >= 0) return { level, at: spanOf(model, list, i, role.at) };
  }
  return null;
}

/** A single-level requirement: missing it fails at the minimum level and warns at the recommended one. */
export function levelStatus(level: LevelName, met: boolean): 'pass' | 'warn' | 'fail' {
  return met ? 'pass' : level === 'minimum' ? 'fail' : 'warn';
}
