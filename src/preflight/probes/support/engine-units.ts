/**
 * Engine settings are written in the engine's own grammar, because that is what
 * people copy from `postgresql.conf` and `redis.conf` into the spec. Those grammars
 * differ from infraspec's sizes, and from each other:
 *
 * - PostgreSQL: `kB`, `MB`, `GB`, `TB` are powers of 1024 and case-sensitive
 *   (`128MB` = 134,217,728 bytes); a bare number is in the setting's own unit, which
 *   for `shared_buffers` is 8 kB pages. Times: `us`, `ms`, `s`, `min`, `h`, `d`.
 * - Redis: case-insensitive, `k`/`m`/`g` are powers of 1000 and `kb`/`mb`/`gb`
 *   powers of 1024 (`1g` = 10^9, `1gb` = 2^30).
 *
 * IEC spellings (`KiB`, `MiB`, `GiB`, `TiB`, and Kubernetes' `Ki`, `Mi`, `Gi`, `Ti`) are
 * accepted in both, since they cannot be misread. All arithmetic is exact.
 */
import { fromBigint, fromDecimalString, mul, type Rational } from '../../../units/rational.js';

const KI = 1024n;

const IEC_FACTORS: Record<string, bigint> = {
  kib: KI,
  mib: KI ** 2n,
  gib: KI ** 3n,
  tib: KI ** 4n,
  ki: KI,
  mi: KI ** 2n,
  gi: KI ** 3n,
  ti: KI ** 4n,
};

/** Case-sensitive, as PostgreSQL's GUC parser is. */
const POSTGRES_MEMORY_FACTORS: Record<string, bigint> = { B: 1n, kB: KI, MB: KI ** 2n, GB: KI ** 3n, TB: KI ** 4n };

/** In microseconds. */
const POSTGRES_TIME_FACTORS: Record<string, bigint> = {
  us: 1n,
  ms: 1000n,
  s: 1_000_000n,
  min: 60_000_000n,
  h: 3_600_000_000n,
  d: 86_400_000_000n,
};

const REDIS_MEMORY_FACTORS: Record<string, bigint> = {
  b: 1n,
  k: 1000n,
  kb: KI,
  m: 1000n ** 2n,
  mb: KI ** 2n,
  g: 1000n ** 3n,
  gb: KI ** 3n,
};

const AMOUNT = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*([A-Za-z]*)\s*$/;

export type PostgresUnitKind = 'memory' | 'time';

/**
 * The unit a `pg_settings.unit` names, as a factor to bytes or microseconds:
 * `8kB` → 8192 bytes, `16MB` → 16 MiB, `ms` → 1000 µs. Null for units that are not
 * sizes or times.
 */
export function postgresUnit(unit: string | null): { kind: PostgresUnitKind; factor: bigint } | null {
  if (unit === null || unit === '') return null;
  const match = /^(\d*)([A-Za-z]+)$/.exec(unit);
  if (match === null) return null;
  const count = match[1] === '' ? 1n : BigInt(match[1]!);
  const memory = POSTGRES_MEMORY_FACTORS[match[2]!];
  if (memory !== undefined) return { kind: 'memory', factor: count * memory };
  const time = POSTGRES_TIME_FACTORS[match[2]!];
  if (time !== undefined) return { kind: 'time', factor: count * time };
  return null;
}

/**
 * A spec value for a PostgreSQL setting with a unit, in bytes or microseconds.
 * A bare number is in the setting's own unit (`settingFactor`), as in postgresql.conf.
 */
export function parsePostgresAmount(value: string | number, kind: PostgresUnitKind, settingFactor: bigint): Rational | null {
  const match = AMOUNT.exec(String(value));
  if (match === null) return null;
  const amount = fromDecimalString(match[1]!);
  if (amount === undefined) return null;
  const unit = match[2]!;
  if (unit === '') return mul(amount, fromBigint(settingFactor));
  const table = kind === 'memory' ? POSTGRES_MEMORY_FACTORS : POSTGRES_TIME_FACTORS;
  const factor = table[unit] ?? (kind === 'memory' ? IEC_FACTORS[unit.toLowerCase()] : undefined);
  return factor === undefined ? null : mul(amount, fromBigint(factor));
}

/** A spec value for a Redis size setting (`maxmemory: 1gb`), in bytes; null when it is not a size. */
export function parseRedisBytes(value: string | number): Rational | null {
  const match = AMOUNT.exec(String(value));
  if (match === null) return null;
  const amount = fromDecimalString(match[1]!);
  if (amount === undefined) return null;
  const unit = match[2]!.toLowerCase();
  if (unit === '') return amount;
  const factor = REDIS_MEMORY_FACTORS[unit] ?? IEC_FACTORS[unit];
  return factor === undefined ? null : mul(amount, fromBigint(factor));
}

/** Whether a spec value for a boolean setting is on; null when it is not a boolean word. */
export function parseSwitch(value: string | number | boolean): boolean | null {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['on', 'true', 'yes', '1', 'y', 't'].includes(text)) return true;
  if (['off', 'false', 'no', '0', 'n', 'f'].includes(text)) return false;
  return null;
}
