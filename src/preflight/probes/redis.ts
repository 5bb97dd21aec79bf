/**
 * Redis: PING, INFO (version, maxmemory, policy, persistence) and CONFIG GET for
 * other settings, read in one connection per component and closed before judging.
 * Read-only: PING, INFO and CONFIG GET.
 */
import type { Model } from '../../spec/model.js';
import type { ComponentInput } from '../../spec/schema.js';
import { isSecretName } from '../../spec/secrets.js';
import { formatBytes } from '../../units/bytes.js';
import { parseDuration, parseFrequency } from '../../units/duration.js';
import { isInteger, round, type Rational } from '../../units/rational.js';
import type { CheckModule, Outcome, PlannedCheck, RunContext } from '../types.js';
import { parseRedisBytes } from './support/engine-units.js';
import { describeConnectError, errorText, factsKey, targetCheck, withDeadline, type Session } from './support/planned.js';
import { outcome } from '../judge.js';
import { bareHost, hostPort, serviceTargets, writtenValue, type ServiceTarget } from './support/target.js';
import { judgeVersion, requirementLevels } from './support/version.js';

/** Settings INFO already reports, with their own check ids. */
const DEDICATED_SETTINGS: Record<string, string> = { maxmemory: 'redis.maxmemory', 'maxmemory-policy': 'redis.policy' };

interface RedisFacts {
  pong: string;
  info: Map<string, string>;
  /** CONFIG GET answers by name; null when CONFIG is disabled or renamed (managed services). */
  config: Map<string, string> | null;
  configError: string | null;
}

type FactsResult = { ok: true; facts: RedisFacts } | { ok: false; status: 'fail' | 'error'; reason: string };

export const redisProbe: CheckModule = {
  id: 'redis',
  description: 'Redis components with a connection: PING, version, maxmemory and its policy, persistence and settings against the spec.',
  scope: 'service',
  plan({ model, components }) {
    return serviceTargets(model, components, 'redis').flatMap((target) => planTarget(model, target));
  },
};

function planTarget(model: Model, target: ServiceTarget): PlannedCheck[] {
  const component = target.component;
  const settings = component.input.settings ?? {};
  const configNames = Object.keys(settings).filter((name) => !isSecretName(name) && DEDICATED_SETTINGS[name.toLowerCase()] === undefined);
  const read = (session: Session, ctx: RunContext) =>
    ctx.memo(factsKey(target, session), () => readFacts(session, ctx, ['save', 'appendfsync', ...configNames.map((n) => n.toLowerCase())]));

  const checks: PlannedCheck[] = [
    targetCheck(target, {
      check: 'redis.ping',
      minimum: null,
      recommended: null,
      at: target.at,
      measure: async (session, ctx) => {
        const result = await read(session, ctx);
        if (!result.ok) return outcome(result.status, null, result.reason);
        const version = result.facts.info.get('redis_version') ?? 'unknown version';
        return outcome('pass', result.facts.pong, `${session.shown} answered ${result.facts.pong} (Redis ${version})`);
      },
    }),
  ];
  const requirement = component.version;
  if (requirement !== null && (requirement.minimum !== null || requirement.recommended !== null)) {
    checks.push(
      targetCheck(target, {
        check: 'redis.version',
        ...requirementLevels(requirement),
        at: model.positions.entrySpan(component.input, 'version') ?? component.at,
        measure: async (session, ctx) => {
          const result = await read(session, ctx);
          if (!result.ok) return notConnected(result);
          const version = result.facts.info.get('redis_version');
          if (version === undefined) return outcome('error', null, 'INFO did not report redis_version');
          return judgeVersion('Redis', version, requirement);
        },
      }),
    );
  }
  for (const [name, value] of Object.entries(settings)) {
    if (isSecretName(name)) continue;
    const written = writtenValue(model, settings, name, value);
    const key = name.toLowerCase();
    const at = model.positions.entrySpan(settings, name) ?? component.at;
    const judge =
      key === 'maxmemory'
        ? (facts: RedisFacts) => judgeMaxmemory(written, facts)
        : key === 'maxmemory-policy'
          ? (facts: RedisFacts) => judgePolicy(written, facts)
          : (facts: RedisFacts) => judgeConfig(key, written, facts);
    checks.push(
      targetCheck(target, {
        check: DEDICATED_SETTINGS[key] ?? `redis.setting:${name}`,
        minimum: written,
        recommended: null,
        at,
        measure: async (session, ctx) => {
          const result = await read(session, ctx);
          return result.ok ? judge(result.facts) : notConnected(result);
        },
      }),
    );
  }
  const persistence = component.input.persistence;
  if (persistence !== undefined && (persistence.aof !== undefined || persistence.snapshots !== undefined)) {
    checks.push(
      targetCheck(target, {
        check: 'redis.persistence',
        minimum: describePersistence(persistence),
        recommended: null,
        at: model.positions.entrySpan(component.input, 'persistence') ?? component.at,
        measure: async (session, ctx) => {
          const result = await read(session, ctx);
          return result.ok ? judgePersistence(persistence, result.facts) : notConnected(result);
        },
      }),
    );
  }
  return checks;
}

function notConnected(result: { reason: string }): Outcome {
  return outcome('error', null, `not measured: ${result.reason}`);
}

async function readFacts(session: Session, ctx: RunContext, configNames: string[]): Promise<FactsResult> {
  const where = hostPort(bareHost(session.url), session.url.port || '6379');
  // Loaded here, not at the top: most runs probe no Redis, and the client costs start-up time.
  const { Redis } = await import('ioredis');
  const client = new Redis(session.url.href, {
    lazyConnect: true,
    connectTimeout: ctx.timeoutMs,
    commandTimeout: ctx.timeoutMs,
    // One attempt: a preflight reports what it finds, it does not wait for a server to come back.
    retryStrategy: () => null,
    reconnectOnError: () => false,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    connectionName: 'infraspec-preflight',
  });
  let lastError: unknown = null;
  client.on('error', (error: unknown) => {
    lastError = error;
  });
  const close = () => client.disconnect(false);
  try {
    return await withDeadline(
      async () => {
        try {
          await client.connect();
        } catch (error) {
          // ioredis rejects with a generic "Connection is closed"; the cause came as an 'error' event.
          return failure(lastError ?? error, where);
        }
        let pong: string;
        try {
          pong = await client.ping();
        } catch (error) {
          return failure(error, where);
        }
        const info = parseInfo(await client.info());
        let config: Map<string, string> | null = new Map();
        let configError: string | null = null;
        for (const name of configNames) {
          try {
            const pairs = (await client.config('GET', name)) as unknown;
            if (Array.isArray(pairs)) for (let i = 0; i + 1 < pairs.length; i += 2) config.set(String(pairs[i]).toLowerCase(), String(pairs[i + 1]));
          } catch (error) {
            config = null;
            configError = errorText(error);
            break;
          }
        }
        return { ok: true as const, facts: { pong, info, config, configError } };
      },
      ctx.timeoutMs,
      ctx.signal,
      close,
    );
  } catch (error) {
    return failure(error, where);
  } finally {
    close();
  }
}

function failure(error: unknown, where: string): FactsResult {
  const message = errorText(error);
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(message)) {
    return { ok: false, status: 'fail', reason: `authentication failed at ${where}: ${message}` };
  }
  if (/connect ETIMEDOUT|Command timed out/i.test(message)) {
    return { ok: false, status: 'fail', reason: `${where}: no answer within the timeout (${message})` };
  }
  const described = describeConnectError(error, where);
  if (described.status === 'error' && /Connection is closed|Stream isn't writeable/i.test(message)) {
    return { ok: false, status: 'fail', reason: `${where} closed the connection before answering (${message})` };
  }
  return { ok: false, status: described.status, reason: described.reason };
}

function parseInfo(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return map;
}

function showBytes(bytes: bigint): string {
  return bytes === 0n ? '0 (no limit)' : `${formatBytes(bytes, 'iec')} (${bytes} bytes)`;
}

function exactBytes(value: Rational): bigint | null {
  return isInteger(value) ? round(value) : null;
}

export function judgeMaxmemory(written: string, facts: RedisFacts): Outcome {
  const measuredText = facts.info.get('maxmemory');
  if (measuredText === undefined || !/^\d+$/.test(measuredText)) return outcome('error', null, 'INFO did not report maxmemory');
  const measured = BigInt(measuredText);
  const parsed = parseRedisBytes(written);
  const wanted = parsed === null ? null : exactBytes(parsed);
  if (wanted === null) {
    return outcome('error', showBytes(measured), `\`maxmemory: ${written}\` is not a size Redis understands: write e.g. \`1gb\` (2^30 bytes) or \`1g\` (10^9 bytes)`);
  }
  if (measured === wanted) return outcome('pass', showBytes(measured), `maxmemory is ${showBytes(measured)}, as the spec says (${written})`);
  return outcome('fail', showBytes(measured), `maxmemory is ${showBytes(measured)}, the spec says ${written} = ${showBytes(wanted)}`);
}

export function judgePolicy(written: string, facts: RedisFacts): Outcome {
  const measured = facts.info.get('maxmemory_policy');
  if (measured === undefined) return outcome('error', null, 'INFO did not report maxmemory_policy');
  return measured.toLowerCase() === written.trim().toLowerCase()
    ? outcome('pass', measured, `maxmemory-policy is ${measured}, as the spec says`)
    : outcome('fail', measured, `maxmemory-policy is ${measured}, the spec says ${written}`);
}

export function judgeConfig(name: string, written: string, facts: RedisFacts): Outcome {
  if (facts.config === null) return outcome('error', null, `CONFIG GET is not available on this server (${facts.configError ?? 'disabled'}), so \`${name}\` cannot be read`);
  const measured = facts.config.get(name);
  if (measured === undefined) return outcome('error', null, `Redis has no setting \`${name}\` (CONFIG GET ${name} returned nothing)`);
  const wantedBytes = parseRedisBytes(written);
  const measuredBytes = parseRedisBytes(measured);
  const same =
    wantedBytes !== null && measuredBytes !== null
      ? wantedBytes.num * measuredBytes.den === measuredBytes.num * wantedBytes.den
      : normalizeWords(measured) === normalizeWords(written);
  return same
    ? outcome('pass', measured, `${name} is \`${measured}\`, as the spec says`)
    : outcome('fail', measured, `${name} is \`${measured}\`, the spec says \`${written}\``);
}

function normalizeWords(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/^yes$/, 'on').replace(/^no$/, 'off');
}

type Persistence = NonNullable<ComponentInput['persistence']>;

function describePersistence(persistence: Persistence): string {
  const parts: string[] = [];
  if (persistence.aof !== undefined) {
    parts.push(persistence.aof.enabled ? `AOF on${persistence.aof.fsync === undefined ? '' : `, fsync ${persistence.aof.fsync}`}` : 'AOF off');
  }
  if (persistence.snapshots !== undefined) parts.push(`RDB ${persistence.snapshots.every}`);
  return parts.join('; ');
}

/**
 * Redis fsyncs the AOF `always`, `everysec` or leaves it to the OS (`no`, about
 * every 30 s on Linux): `always` meets any fsync interval, `everysec` one of 1 s or more.
 * A `save <seconds> <changes>` rule meets "snapshots every X" when its seconds are at most X.
 */
export function judgePersistence(persistence: Persistence, facts: RedisFacts): Outcome {
  const aofOn = facts.info.get('aof_enabled') === '1';
  const fsync = facts.config?.get('appendfsync') ?? null;
  const save = facts.config?.get('save') ?? null;
  const measured = [`AOF ${aofOn ? 'on' : 'off'}${aofOn && fsync !== null ? ` (appendfsync ${fsync})` : ''}`, `RDB ${save === null ? 'unknown' : save === '' ? 'off' : `save ${save}`}`].join(', ');
  const problems: string[] = [];
  const unmeasured: string[] = [];
  const aof = persistence.aof;
  if (aof !== undefined) {
    if (aof.enabled !== aofOn) problems.push(`AOF is ${aofOn ? 'on' : 'off'}, the spec says ${aof.enabled ? 'on' : 'off'}`);
    if (aof.enabled && aofOn && aof.fsync !== undefined) {
      const interval = parseDuration(aof.fsync);
      if (!interval.ok) unmeasured.push(`fsync \`${String(aof.fsync)}\` is not a duration`);
      else if (fsync === null) unmeasured.push(`appendfsync unreadable (${facts.configError ?? 'CONFIG GET disabled'})`);
      else if (!(fsync === 'always' || (fsync === 'everysec' && interval.value >= 1000n))) {
        problems.push(`appendfsync is ${fsync}, which does not fsync every ${String(aof.fsync)}`);
      }
    }
  }
  const snapshots = persistence.snapshots;
  if (snapshots !== undefined) {
    const every = parseFrequency(String(snapshots.every));
    if (!every.ok || !('intervalMs' in every.value)) unmeasured.push(`snapshot frequency \`${String(snapshots.every)}\` is not an interval`);
    else if (save === null) unmeasured.push(`the save rules are unreadable (${facts.configError ?? 'CONFIG GET disabled'})`);
    else if (save.trim() === '') problems.push(`RDB snapshots are off (save ""), the spec asks for ${String(snapshots.every)}`);
    else {
      const seconds = save.trim().split(/\s+/).filter((_, i) => i % 2 === 0).map((s) => BigInt(/^\d+$/.test(s) ? s : '0'));
      const shortest = seconds.reduce((a, b) => (b < a ? b : a));
      if (shortest * 1000n > every.value.intervalMs) {
        problems.push(`the most frequent save rule waits ${shortest} s, longer than ${String(snapshots.every)}`);
      }
    }
  }
  if (problems.length > 0) return outcome('fail', measured, problems.join('; '));
  if (unmeasured.length > 0) return outcome('error', measured, unmeasured.join('; '));
  return outcome('pass', measured, `persistence matches the spec (${describePersistence(persistence)})`);
}
