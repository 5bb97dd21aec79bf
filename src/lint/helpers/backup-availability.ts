import type { BackupModel, ComponentModel, Model, PhaseModel, RoleModel } from '../../spec/model.js';
import type { ComponentInput, RequirementLevelInput } from '../../spec/schema.js';
import { formatBytes, parseBytes, readableSystem, writtenSystem } from '../../units/bytes.js';
import { parseDuration, parseFrequency, type Frequency } from '../../units/duration.js';
import type { LintAnalysis } from '../analysis.js';

/**
 * What the backup and availability rules share: where a backup is kept and
 * how big that place is, how often a component gets a recovery point, how
 * many machines may run a component, and how many members its HA mode implies.
 */

/** The component a backup protects: `postgresql` in `postgresql/postgres_data`. */
export function backupComponent(backup: BackupModel): string {
  const slash = backup.of.indexOf('/');
  return slash === -1 ? backup.of : backup.of.slice(0, slash);
}

/** Backups by the component they protect, built once. */
export function backupsByComponent(model: Model): Map<string, BackupModel[]> {
  const byComponent = new Map<string, BackupModel[]>();
  for (const backup of model.backups) {
    const name = backupComponent(backup);
    const list = byComponent.get(name);
    if (list) list.push(backup);
    else byComponent.set(name, [backup]);
  }
  return byComponent;
}

/** Kinds that capture a whole copy, which incrementals and WAL are replayed onto. */
export const FULL_KINDS: ReadonlySet<BackupModel['type']> = new Set(['full', 'snapshot', 'dump']);

/** Kinds that only hold changes since an earlier copy. */
export const CHANGE_KINDS: ReadonlySet<BackupModel['type']> = new Set(['wal', 'incremental']);

/** Kinds that stream changes as they happen (archived WAL, AOF, binary logs) when no schedule is given. */
const STREAM_KINDS: ReadonlySet<BackupModel['type']> = new Set(['wal', 'aof', 'logs']);

/** Milliseconds between two copies: 0 for `continuous`, null for no schedule or one driven by an event. */
export function intervalOf(frequency: Frequency | null): bigint | null {
  if (frequency === null) return null;
  return 'intervalMs' in frequency ? frequency.intervalMs : null;
}

/**
 * How far apart the recovery points a backup gives are: its interval; 0 for a
 * stream kind with no schedule (WAL archived as it fills) or a copy taken on
 * every change; null when it gives none on a schedule (manual snapshots).
 */
export function recoveryPointGap(backup: BackupModel): bigint | null {
  const interval = intervalOf(backup.frequency);
  if (interval !== null) return interval;
  if (backup.frequency && 'onEvent' in backup.frequency) return backup.frequency.onEvent === 'change' ? 0n : null;
  return STREAM_KINDS.has(backup.type) ? 0n : null;
}

/** A size as the page wrote it, shown back in the same unit system (GB stays GB, GiB stays GiB). */
export function bytesInSystemOf(bytes: bigint, writtenText: string | undefined): string {
  const system = (writtenText === undefined ? undefined : writtenSystem(writtenText)) ?? readableSystem(bytes);
  return formatBytes(bytes, system);
}

export function textOf(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

// ─────────────────────────────── backup targets ──────────────────────────────

export type BackupTarget =
  | { kind: 'role'; role: string; path: string }
  | { kind: 'volume'; component: string; volume: string }
  | { kind: 'bucket'; bucket: string };

/** `role:/mount`, `component/volume` or a bucket name (normalize has already checked the reference). */
export function parseTarget(model: Model, target: string): BackupTarget {
  if (model.input.buckets && Object.hasOwn(model.input.buckets, target)) return { kind: 'bucket', bucket: target };
  const roleMount = /^([^:/]+):(\/.*)$/.exec(target);
  if (roleMount) return { kind: 'role', role: roleMount[1] ?? '', path: roleMount[2] ?? '/' };
  const slash = target.indexOf('/');
  if (slash !== -1) return { kind: 'volume', component: target.slice(0, slash), volume: target.slice(slash + 1) };
  return { kind: 'bucket', bucket: target };
}

export interface Capacity {
  bytes: bigint;
  /** The size as written, for its unit system. */
  text: string;
}

/** Whether `mount` holds `path` (`/var` holds `/var/backups/x`, `/var/b` does not hold `/var/backups`). */
function mountHolds(mount: string, path: string): boolean {
  const m = mount.length > 1 ? mount.replace(/\/+$/, '') : mount;
  return m === '/' || path === m || path.startsWith(`${m}/`);
}

/**
 * The disk of a role that holds `path`: the disk with the longest mount that
 * contains it (as `df` picks the filesystem), on the recommended level, else the
 * minimum; a role with one `disk` figure and no layout holds everything on it.
 */
export function roleDiskFor(role: RoleModel, path: string): Capacity | null {
  for (const level of [role.input.recommended, role.input.minimum]) {
    const found = diskOfLevel(level, path);
    if (found) return found;
  }
  return null;
}

function diskOfLevel(level: RequirementLevelInput | undefined, path: string): Capacity | null {
  if (!level) return null;
  let best: { mount: string; capacity: Capacity } | null = null;
  for (const disk of level.disks ?? []) {
    if (disk.mount === undefined || !mountHolds(disk.mount, path)) continue;
    if (best && best.mount.length >= disk.mount.length) continue;
    const text = String(disk.size);
    const parsed = parseBytes(text);
    if (!parsed.ok) continue;
    best = { mount: disk.mount, capacity: { bytes: parsed.value.bytes * BigInt(disk.count ?? 1), text } };
  }
  if (best) return best.capacity;
  if ((level.disks ?? []).length === 0 && level.disk !== undefined) {
    const text = String(level.disk);
    const parsed = parseBytes(text);
    if (parsed.ok) return { bytes: parsed.value.bytes, text };
  }
  return null;
}

/** A component's volume in a phase, with its size as written. */
export function volumeCapacity(component: ComponentModel, volumeName: string): Capacity | null {
  const volume = component.volumes.find((v) => v.name === volumeName);
  const input = (component.input.volumes ?? []).find((v) => v.name === volumeName);
  if (!volume || !input) return null;
  return { bytes: volume.sizeBytes, text: String(input.size) };
}

/** A bucket's stated size in a phase (the phase's override wins). */
export function bucketCapacity(model: Model, phase: PhaseModel, bucket: string): Capacity | null {
  const size = phase.input?.buckets?.[bucket]?.size ?? model.input.buckets?.[bucket]?.size;
  if (size === undefined) return null;
  const text = String(size);
  const parsed = parseBytes(text);
  return parsed.ok ? { bytes: parsed.value.bytes, text } : null;
}

// ─────────────────────────────── machines and HA ─────────────────────────────

export interface MachineCount {
  min: number;
  /** null: the role has no upper bound (`count: {min: 3}`). */
  max: number | null;
  roles: RoleModel[];
}

/** Machines of the phase that may run the component; null when a role's count is `variable`. */
export function machinesFor(analysis: LintAnalysis, phase: PhaseModel, component: ComponentModel): MachineCount | null {
  const roles = analysis.rolesOf(phase, component);
  let min = 0;
  let max: number | null = 0;
  for (const role of roles) {
    if (role.count === null) return null;
    min += role.count.min;
    max = max === null || role.count.max === null ? null : max + role.count.max;
  }
  return { min, max, roles };
}

/** Modes whose `ha.replicas` counts the copies besides the primary (or leader). */
const PRIMARY_MODES: ReadonlySet<string> = new Set(['primary-replica', 'replicated', 'sentinel', 'leader-follower']);

/**
 * The member counts an `ha` block implies, as the ways the page may mean it:
 * `ha.replicas` plus the primary for primary/replica modes; the members for
 * `cluster` and `active-active`; for `sharded`, shards × replicas per shard,
 * counting the first copy or not (ClickHouse counts it, Redis Cluster does not).
 * null when the block gives no count.
 */
export function haMemberCounts(ha: ComponentInput['ha']): number[] | null {
  if (!ha) return null;
  if (ha.mode === 'single') return [1];
  if (ha.replicas === undefined) return null;
  const shards = ha.shards ?? 1;
  if (ha.mode === 'sharded') return [...new Set([shards * ha.replicas, shards * (ha.replicas + 1)])];
  if (PRIMARY_MODES.has(ha.mode)) return [shards * (ha.replicas + 1)];
  return [shards * ha.replicas];
}

// A volume named or described as a cache holds nothing that is lost with it (an image cache, a build cache).
const CACHE_VOLUME = /\bcache\b/i;

/** Whether the component keeps state: a datastore, or anything with a volume that is not a cache. */
export function isStateful(component: ComponentModel): boolean {
  if (component.kind === 'external' || component.kind === 'job') return false;
  if (component.kind === 'datastore') return true;
  return (component.input.volumes ?? []).some((v) => !CACHE_VOLUME.test(v.name) && !CACHE_VOLUME.test(v.purpose ?? ''));
}

/** Managed services that are redundant by design, whatever the page says of zones (object stores, queues, load balancers). */
const REDUNDANT_SERVICES: ReadonlySet<string> = new Set(['s3', 'gcs', 'azure-blob', 'blob', 'dynamodb', 'sqs', 'sns', 'elb', 'alb', 'nlb', 'cloudfront', 'route53', 'firestore', 'spanner']);

/** Whether a managed service keeps a copy in another zone: multi-AZ, or a service redundant by design (self-hosted components never are by saying so). */
export function managedRedundant(input: ComponentInput): boolean {
  const managed = input.managed;
  if (!managed) return false;
  return managed.multiAz === true || input.ha?.multiAz === true || REDUNDANT_SERVICES.has(managed.service.toLowerCase());
}

/** A duration as the page wrote it, parsed (objectives keep their figures as text). */
export function durationOf(value: string | number | undefined): bigint | null {
  if (value === undefined) return null;
  const parsed = parseDuration(value);
  return parsed.ok ? parsed.value : null;
}

export function frequencyOf(value: string | number | undefined): Frequency | null {
  if (value === undefined) return null;
  const parsed = parseFrequency(String(value));
  return parsed.ok ? parsed.value : null;
}

/** The recovery objectives of the page, with the components each covers (`of`, or every component). */
export interface RecoveryTier {
  name: string;
  input: NonNullable<NonNullable<Model['input']['objectives']>['recovery']>[string];
  /** null: the tier names no components, so it covers all. */
  of: string[] | null;
}

export function recoveryTiers(model: Model): RecoveryTier[] {
  const recovery = model.input.objectives?.recovery ?? {};
  return Object.entries(recovery).map(([name, input]) => ({ name, input, of: input.of ?? null }));
}
