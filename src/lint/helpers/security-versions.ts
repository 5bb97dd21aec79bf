import type { PhaseModel } from '../../spec/model.js';
import type { SourceSpan } from '../../spec/source.js';
import { compareVersions, parseVersion, parseVersionRange, rangesOverlap, type Version, type VersionRange } from '../../units/version.js';
import type { LintAnalysis } from '../analysis.js';
import type { LifecycleProduct, ReleaseLine } from '../data/end-of-life.js';

/** Helpers shared by the security and versions rules. */

type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text a scalar was written as: numbers are re-read from the source so `1.30` stays `1.30`. */
export function writtenText(analysis: LintAnalysis, container: object, key: string | number): string | undefined {
  const value = (container as Obj)[key as string];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return analysis.model.positions.rawText(container, key) ?? String(value);
  return undefined;
}

const rangeCache = new Map<string, VersionRange | null>();

/** A version range from its text, or null when it does not parse (the compiler reported it). */
export function rangeOf(text: string): VersionRange | null {
  let cached = rangeCache.get(text);
  if (cached === undefined) {
    const parsed = parseVersionRange(text);
    cached = parsed.ok ? parsed.value : null;
    rangeCache.set(text, cached);
  }
  return cached;
}

export interface WrittenRange {
  text: string;
  range: VersionRange;
  at: SourceSpan;
}

export interface WrittenRequirement {
  minimum: WrittenRange | null;
  recommended: WrittenRange | null;
  pinned: { text: string; version: Version | null; at: SourceSpan } | null;
}

/** A `VersionRequirement` field (`13+` or `{minimum, recommended, pinned}`) as written. */
export function writtenRequirement(analysis: LintAnalysis, container: object, key: string): WrittenRequirement | null {
  const value = (container as Obj)[key];
  if (value === undefined || value === null) return null;
  const ranged = (c: object, k: string): WrittenRange | null => {
    const text = writtenText(analysis, c, k);
    if (text === undefined) return null;
    const range = rangeOf(text);
    return range ? { text, range, at: analysis.at(c, k) } : null;
  };
  if (!isObject(value)) return { minimum: ranged(container, key), recommended: null, pinned: null };
  const pinnedText = writtenText(analysis, value, 'pinned');
  let pinned: WrittenRequirement['pinned'] = null;
  if (pinnedText !== undefined) {
    const parsed = parseVersion(pinnedText);
    pinned = { text: pinnedText, version: parsed.ok ? parsed.value : null, at: analysis.at(value, 'pinned') };
  }
  return { minimum: ranged(value, 'minimum'), recommended: ranged(value, 'recommended'), pinned };
}

// ───────────────────────────── release lines and end of life ─────────────────────────────

/** The first version after a line (`1.28` → `1.29`, `22.04` → `22.5`): the line's exclusive end. */
function nextLineText(line: string): string {
  const parts = line.split('.').map(Number);
  const last = parts.length - 1;
  parts[last] = (parts[last] ?? 0) + 1;
  return parts.join('.');
}

/** Release lines past their end of life on `asOf` (the end date is the last supported day). */
const pastCache = new Map<string, ReleaseLine[]>();

export function pastEndOfLife(product: LifecycleProduct, asOf: string): ReleaseLine[] {
  const key = `${product.id}\u0000${asOf}`;
  let lines = pastCache.get(key);
  if (!lines) pastCache.set(key, (lines = product.lines.filter((l) => l.eol < asOf)));
  return lines;
}

const admittedCache = new WeakMap<VersionRange, WeakMap<readonly ReleaseLine[], ReleaseLine[]>>();

/** The lines of `lines` that `range` admits a version of (memoized: specs repeat the same requirement). */
export function admittedLines(range: VersionRange, lines: readonly ReleaseLine[]): ReleaseLine[] {
  let byLines = admittedCache.get(range);
  if (!byLines) admittedCache.set(range, (byLines = new WeakMap()));
  let found = byLines.get(lines);
  if (!found) {
    found = lines.filter((l) => {
      const line = rangeOf(l.line);
      return line !== null && rangesOverlap(range, line) === true;
    });
    byLines.set(lines, found);
  }
  return found;
}

/** Whether every version `range` admits lies in one of `lines` (none beyond, between or above). */
export function onlyWithin(range: VersionRange, lines: readonly ReleaseLine[]): boolean {
  if (lines.length === 0) return false;
  const sorted = [...lines].map((l) => ({ start: l.line, end: nextLineText(l.line) }));
  sorted.sort((a, b) => cmp(a.start, b.start));
  const merged: Array<{ start: string; end: string }> = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && cmp(last.end, s.start) >= 0) {
      if (cmp(s.end, last.end) > 0) last.end = s.end;
    } else merged.push({ ...s });
  }
  const alternatives: string[] = [];
  let previousEnd: string | null = null;
  for (const m of merged) {
    alternatives.push(previousEnd === null ? `<${m.start}` : `>=${previousEnd} <${m.start}`);
    previousEnd = m.end;
  }
  alternatives.push(`>=${previousEnd ?? '0'}`);
  const outside = rangeOf(alternatives.join(' || '));
  if (!outside) return false;
  return rangesOverlap(range, outside) === false;
}

function cmp(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x.ok && y.ok ? compareVersions(x.value, y.value) : 0;
}

/** `13 (end of life 2025-11-13) and 14 (…)`, or for many lines `1.28 to 1.34 (end of life 2024-10-28 to 2026-10-27)`. */
export function describeLines(lines: readonly ReleaseLine[]): string {
  const items = lines.map((l) => `${l.line} (end of life ${l.eol})`);
  if (items.length <= 2) return items.join(' and ');
  const sorted = [...lines].sort((a, b) => cmp(a.line, b.line));
  const dates = lines.map((l) => l.eol).sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  return `${lines.length} lines from ${first?.line ?? ''} to ${last?.line ?? ''} (end of life ${dates[0] ?? ''} to ${dates[dates.length - 1] ?? ''})`;
}

/** Whether a range admits exactly one version (`=1.2.3`, `v1.28.5+k3s1`). */
export function isExactVersion(range: VersionRange): boolean {
  const intervals = range.intervals;
  if (!intervals || intervals.length !== 1) return false;
  const only = intervals[0];
  return only?.lower !== undefined && only.upper !== undefined && only.lower.inclusive && only.upper.inclusive && compareVersions(only.lower.version, only.upper.version) === 0;
}

// ─────────────────────────────────────── text ───────────────────────────────────────

// ───────────────────────────────────── images ─────────────────────────────────────

export interface ImageReference {
  /** Repository without tag or digest. */
  repository: string;
  tag: string | null;
  digest: string | null;
}

/** `registry:5000/team/app:1.2@sha256:…`: the tag is after the last `:` of the last path segment. */
export function parseImage(text: string): ImageReference {
  const trimmed = text.trim();
  const at = trimmed.indexOf('@');
  const digest = at >= 0 ? trimmed.slice(at + 1) : null;
  const rest = at >= 0 ? trimmed.slice(0, at) : trimmed;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repository: rest, tag: null, digest };
}

// ──────────────────────────────────── phases ────────────────────────────────────

/** The Kubernetes section a phase sees: its own `kubernetes` over the base, key by key. */
export function kubernetesSettingsOf(analysis: LintAnalysis, phase: PhaseModel): { version: { container: object; key: string } | null; distribution: string | null; limitRange: Obj | null } {
  const base = analysis.model.input.kubernetes as Obj | undefined;
  const own = phase.input?.kubernetes as Obj | undefined;
  const pick = (key: string): Obj | undefined => (own && own[key] !== undefined ? own : base && base[key] !== undefined ? base : undefined);
  const versionHolder = pick('version');
  const distributionHolder = pick('distribution');
  const limitHolder = pick('limitRange');
  const distribution = distributionHolder ? distributionHolder['distribution'] : undefined;
  const limitRange = limitHolder ? limitHolder['limitRange'] : undefined;
  return {
    version: versionHolder ? { container: versionHolder, key: 'version' } : null,
    distribution: typeof distribution === 'string' ? distribution : null,
    limitRange: isObject(limitRange) ? limitRange : null,
  };
}

/** A phase's effective bucket: the base bucket with the phase's override on top (key by key). */
export function phaseBuckets(analysis: LintAnalysis, phase: PhaseModel): Array<{ name: string; bucket: Obj; at: SourceSpan; holder: (key: string) => object }> {
  const base = (analysis.model.input.buckets ?? {}) as Record<string, Obj>;
  const overrides = (phase.input?.buckets ?? {}) as Record<string, Obj | undefined>;
  return Object.entries(base).map(([name, bucket]) => {
    const override = overrides[name];
    const merged = override ? { ...bucket, ...override } : bucket;
    return {
      name,
      bucket: merged,
      at: analysis.at(base, name, 'key'),
      holder: (key: string) => (override && override[key] !== undefined ? override : bucket),
    };
  });
}
