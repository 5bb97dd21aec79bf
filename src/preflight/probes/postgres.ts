/**
 * PostgreSQL: connect, server version, settings and extensions, read in one
 * connection per component (the checks share the facts through `ctx.memo`) and
 * closed before any verdict is given. Read-only: SHOW and SELECT on catalog views.
 */
import type { ComponentModel, Model } from '../../spec/model.js';
import { isSecretName } from '../../spec/secrets.js';
import type { SourceSpan } from '../../spec/source.js';
import { formatBytes } from '../../units/bytes.js';
import { didYouMean } from '../../units/suggest.js';
import { compare, div, fromBigint, fromDecimalString, round, toDecimalString } from '../../units/rational.js';
import type { CheckModule, Outcome, PlannedCheck, RunContext } from '../types.js';
import { parsePostgresAmount, parseSwitch, postgresUnit } from './support/engine-units.js';
import { describeConnectError, errorText, factsKey, targetCheck, withDeadline, type Session } from './support/planned.js';
import { outcome } from '../judge.js';
import { bareHost, hostPort, serviceTargets, writtenValue, type ServiceTarget } from './support/target.js';
import { judgeVersion, requirementLevels } from './support/version.js';

interface SettingRow {
  name: string;
  setting: string;
  unit: string | null;
  vartype: string;
  enumvals: string[] | null;
}

interface PostgresFacts {
  version: string;
  database: string;
  user: string;
  settings: Map<string, SettingRow>;
  /** Created in the connected database: name → version. */
  created: Map<string, string>;
  /** Installed on the server (can be created): name → default version. */
  available: Map<string, string | null>;
}

type FactsResult = { ok: true; facts: PostgresFacts } | { ok: false; status: 'fail' | 'error'; reason: string };

export const postgresProbe: CheckModule = {
  id: 'postgres',
  description: 'PostgreSQL components with a connection: connect, server version, settings and extensions against the spec.',
  scope: 'service',
  plan({ model, components }) {
    return serviceTargets(model, components, 'postgres').flatMap((target) => planTarget(model, target));
  },
};

function planTarget(model: Model, target: ServiceTarget): PlannedCheck[] {
  const component = target.component;
  const extensions = component.input.extensions ?? [];
  const checks: PlannedCheck[] = [
    targetCheck(target, {
      check: 'postgres.connect',
      minimum: null,
      recommended: null,
      at: target.at,
      measure: async (session, ctx) => {
        const result = await facts(target, session, ctx, extensions);
        if (!result.ok) return outcome(result.status, null, result.reason);
        const { facts: f } = result;
        return outcome('pass', `PostgreSQL ${f.version}`, `connected to ${session.shown} as \`${f.user}\`, database \`${f.database}\``);
      },
    }),
  ];
  const requirement = component.version;
  if (requirement !== null && (requirement.minimum !== null || requirement.recommended !== null)) {
    checks.push(
      targetCheck(target, {
        check: 'postgres.version',
        ...requirementLevels(requirement),
        at: model.positions.entrySpan(component.input, 'version') ?? component.at,
        measure: async (session, ctx) => {
          const result = await facts(target, session, ctx, extensions);
          if (!result.ok) return notConnected(result);
          return judgeVersion('PostgreSQL', result.facts.version, requirement);
        },
      }),
    );
  }
  const settings = component.input.settings ?? {};
  for (const [name, value] of Object.entries(settings)) {
    if (isSecretName(name)) continue;
    const written = writtenValue(model, settings, name, value);
    checks.push(
      targetCheck(target, {
        check: `postgres.setting:${name}`,
        minimum: written,
        recommended: null,
        at: model.positions.entrySpan(settings, name) ?? component.at,
        measure: async (session, ctx) => {
          const result = await facts(target, session, ctx, extensions);
          if (!result.ok) return notConnected(result);
          return judgeSetting(name, value, written, result.facts);
        },
      }),
    );
  }
  extensions.forEach((name, index) => {
    checks.push(
      targetCheck(target, {
        check: `postgres.extension:${name}`,
        minimum: 'available',
        recommended: 'created',
        at: extensionSpan(model, component, index),
        measure: async (session, ctx) => {
          const result = await facts(target, session, ctx, extensions);
          if (!result.ok) return notConnected(result);
          return judgeExtension(name, result.facts);
        },
      }),
    );
  });
  return checks;
}

function extensionSpan(model: Model, component: ComponentModel, index: number): SourceSpan {
  const list = component.input.extensions;
  return (list === undefined ? undefined : model.positions.entrySpan(list, index)) ?? component.at;
}

function notConnected(result: { reason: string }): Outcome {
  return outcome('error', null, `not measured: ${result.reason}`);
}

function facts(target: ServiceTarget, session: Session, ctx: RunContext, extensions: readonly string[]): Promise<FactsResult> {
  return ctx.memo(factsKey(target, session), () => readFacts(session, ctx, extensions));
}

async function readFacts(session: Session, ctx: RunContext, extensions: readonly string[]): Promise<FactsResult> {
  const where = session.url.hostname === '' ? session.shown : hostPort(bareHost(session.url), session.url.port || '5432');
  // Loaded here, not at the top: most runs probe no database, and the driver costs start-up time.
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: session.url.href,
    connectionTimeoutMillis: ctx.timeoutMs,
    query_timeout: ctx.timeoutMs,
    application_name: 'infraspec-preflight',
  });
  // A server that drops the connection later emits 'error' on the client; without a
  // listener Node would crash the run.
  client.on('error', () => undefined);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    client.end().catch(() => undefined);
  };
  try {
    return await withDeadline(
      async () => {
        try {
          await client.connect();
        } catch (error) {
          return connectFailure(error, where);
        }
        const version = await client.query<{ server_version: string }>('SHOW server_version');
        const who = await client.query<{ database: string; user: string }>('SELECT current_database() AS database, current_user AS "user"');
        const settings = await client.query<SettingRow>('SELECT name, setting, unit, vartype, enumvals FROM pg_catalog.pg_settings');
        const created = await client.query<{ name: string; version: string }>('SELECT extname AS name, extversion AS version FROM pg_catalog.pg_extension');
        const available = await client.query<{ name: string; version: string | null }>(
          'SELECT name, default_version AS version FROM pg_catalog.pg_available_extensions WHERE name = ANY($1)',
          [extensions.map((e) => e.toLowerCase())],
        );
        return {
          ok: true as const,
          facts: {
            version: version.rows[0]?.server_version ?? '',
            database: who.rows[0]?.database ?? '',
            user: who.rows[0]?.user ?? '',
            settings: new Map(settings.rows.map((row) => [row.name.toLowerCase(), row])),
            created: new Map(created.rows.map((row) => [row.name, row.version])),
            available: new Map(available.rows.map((row) => [row.name, row.version])),
          },
        };
      },
      ctx.timeoutMs,
      ctx.signal,
      end,
    );
  } catch (error) {
    return connectFailure(error, where);
  } finally {
    end();
  }
}

/** SQLSTATEs that mean "the server answered and said no": the spec's target is wrong. */
const REFUSALS: Record<string, string> = {
  '28P01': 'authentication failed',
  '28000': 'the server refused the role',
  '3D000': 'the database does not exist',
  '53300': 'the server has no free connection slots',
  '57P03': 'the server is starting up or shutting down',
};

function connectFailure(error: unknown, where: string): FactsResult {
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (typeof sqlState === 'string' && REFUSALS[sqlState] !== undefined) {
    return { ok: false, status: 'fail', reason: `${REFUSALS[sqlState]} at ${where}: ${errorText(error)}` };
  }
  const message = errorText(error);
  if (/timeout/i.test(message) && !/statement|query/i.test(message)) {
    return { ok: false, status: 'fail', reason: `${where}: no answer within the timeout (${message})` };
  }
  const described = describeConnectError(error, where);
  return { ok: false, status: described.status, reason: described.reason };
}

export function judgeSetting(name: string, value: string | number | boolean, written: string, facts: PostgresFacts): Outcome {
  const row = facts.settings.get(name.toLowerCase());
  if (row === undefined) {
    const hint = didYouMean(name.toLowerCase(), facts.settings.keys());
    return outcome('error', null, `PostgreSQL ${facts.version} has no setting \`${name}\`${hint === undefined ? '' : `; ${hint}`}`);
  }
  const unit = postgresUnit(row.unit);
  if (unit !== null) {
    const measuredUnits = fromDecimalString(row.setting);
    const wanted = typeof value === 'boolean' ? null : parsePostgresAmount(written, unit.kind, unit.factor);
    if (measuredUnits === undefined) return outcome('error', row.setting, `PostgreSQL reported \`${name} = ${row.setting}\`, which is not a number`);
    const shown = showAmount(row, unit.kind, unit.factor);
    if (wanted === null) {
      const example = unit.kind === 'memory' ? '`128MB` (PostgreSQL units: kB, MB, GB, TB are powers of 1024)' : '`30s` or `5min`';
      return outcome('error', shown, `\`${name}: ${written}\` is not a ${unit.kind === 'memory' ? 'size' : 'time'} PostgreSQL understands; write e.g. ${example}`);
    }
    // PostgreSQL rounds a value to the setting's unit when it reads it, so compare in that unit.
    const wantedUnits = round(div(wanted, fromBigint(unit.factor)));
    if (compare(fromBigint(wantedUnits), measuredUnits) === 0) return outcome('pass', shown, `${name} is ${shown}, as the spec says (${written})`);
    return outcome('fail', shown, `${name} is ${shown}, the spec says ${written}${describeWanted(wantedUnits, row, unit.kind, unit.factor)}`);
  }
  if (row.vartype === 'bool') {
    const wanted = parseSwitch(value);
    if (wanted === null) return outcome('error', row.setting, `\`${name}: ${written}\` is not on or off`);
    const actual = row.setting === 'on';
    return actual === wanted
      ? outcome('pass', row.setting, `${name} is ${row.setting}, as the spec says`)
      : outcome('fail', row.setting, `${name} is ${row.setting}, the spec says ${wanted ? 'on' : 'off'}`);
  }
  if (row.vartype === 'integer' || row.vartype === 'real') {
    const wanted = fromDecimalString(written.trim());
    const actual = fromDecimalString(row.setting);
    if (wanted === undefined) return outcome('error', row.setting, `\`${name}: ${written}\` is not a number`);
    if (actual !== undefined && compare(wanted, actual) === 0) return outcome('pass', row.setting, `${name} is ${row.setting}, as the spec says`);
    return outcome('fail', row.setting, `${name} is ${row.setting}, the spec says ${written}`);
  }
  if (row.vartype === 'enum') {
    const wanted = written.trim().toLowerCase();
    if (row.setting.toLowerCase() === wanted) return outcome('pass', row.setting, `${name} is ${row.setting}, as the spec says`);
    const allowed = row.enumvals ?? [];
    const valid = allowed.length === 0 || allowed.some((v) => v.toLowerCase() === wanted);
    const note = valid ? '' : ` (PostgreSQL accepts ${allowed.map((v) => `\`${v}\``).join(', ')})`;
    return outcome('fail', row.setting, `${name} is ${row.setting}, the spec says ${written}${note}`);
  }
  const normalize = (text: string) => text.trim().replace(/^'(.*)'$/, '$1').replace(/\s*,\s*/g, ',');
  return normalize(row.setting) === normalize(written)
    ? outcome('pass', row.setting, `${name} is \`${row.setting}\`, as the spec says`)
    : outcome('fail', row.setting, `${name} is \`${row.setting}\`, the spec says \`${written}\``);
}

/** `128 MiB (16384 × 8kB)`, `30s`, `-1` (disabled). */
function showAmount(row: SettingRow, kind: 'memory' | 'time', factor: bigint): string {
  const units = fromDecimalString(row.setting);
  if (units === undefined || units.num < 0n) return row.setting;
  if (kind === 'time') return `${row.setting}${row.unit ?? ''}`;
  const bytes = round({ num: units.num * factor, den: units.den });
  const readable = formatBytes(bytes, 'iec');
  return row.unit === 'B' ? readable : `${readable} (${row.setting} × ${row.unit})`;
}

function describeWanted(wantedUnits: bigint, row: SettingRow, kind: 'memory' | 'time', factor: bigint): string {
  if (wantedUnits < 0n) return '';
  if (kind === 'memory') return ` = ${formatBytes(wantedUnits * factor, 'iec')}`;
  return ` = ${toDecimalString(fromBigint(wantedUnits), 0)}${row.unit ?? ''}`;
}

export function judgeExtension(name: string, facts: PostgresFacts): Outcome {
  const key = name.toLowerCase();
  const created = facts.created.get(key);
  if (created !== undefined) return outcome('pass', `${created} (created)`, `extension ${name} ${created} is created in database \`${facts.database}\``);
  if (facts.available.has(key)) {
    const version = facts.available.get(key) ?? null;
    return outcome(
      'warn',
      `${version ?? 'available'} (not created)`,
      `extension ${name} is installed on the server but not created in database \`${facts.database}\`: run \`CREATE EXTENSION ${name}\` (or let the application's migrations do it)`,
    );
  }
  return outcome('fail', 'not installed', `extension ${name} is not installed on the server (PostgreSQL ${facts.version}); install its package, e.g. \`postgresql-${majorOf(facts.version)}-${name}\``);
}

function majorOf(version: string): string {
  return /^\d+/.exec(version)?.[0] ?? 'NN';
}
