import type { Diagnostic } from '../diagnostics.js';
import { parseBytes } from '../units/bytes.js';
import { parseCount } from '../units/count.js';
import { parseDuration, parseDurationBound, parseFrequency, type Frequency } from '../units/duration.js';
import { compareDecimal } from '../units/decimal.js';
import { parseMoney, type MoneyFigure } from '../units/money.js';
import { cpuMillicores, memoryBytes } from '../units/quantity.js';
import { parseBitRate, parseDataRate, type DataRate } from '../units/rate.js';
import type { Parsed } from '../units/result.js';
import { parseStated } from '../units/stated.js';
import { didYouMean } from '../units/suggest.js';
import { parseVersionRange } from '../units/version.js';
import type {
  BackupModel,
  ComponentModel,
  CostLineModel,
  CpuMemory,
  FigureKind,
  FlowModel,
  Model,
  PhaseModel,
  RequirementLevelModel,
  RoleModel,
  StatedModel,
  TrafficModel,
  UsageModel,
  VersionRequirementModel,
  VolumeModel,
} from './model.js';
import type { ComponentInput, PhaseInput, RequirementLevelInput, RoleInput, SpecInput, StatedInput } from './schema.js';
import type { SourceFile, SourceSpan } from './source.js';
import type { PositionIndex } from './yaml.js';

/**
 * From shape-checked input to the Model: parse every unit, resolve every
 * reference, apply phase overlays. Problems are collected, never thrown; an
 * entity whose own shape is invalid is skipped (its problems are already
 * reported) so that one bad component does not hide the others' errors.
 */
export interface NormalizeContext {
  index: PositionIndex;
  files: SourceFile[];
  systemSpan: SourceSpan;
  /**
   * `section\u0000name` of every entry in the files, including those set aside for shape
   * errors: references to them are not reported again as unknown.
   */
  knownNames?: Set<string>;
}

type Obj = Record<string, unknown>;

const FIGURES: Record<string, { kind: FigureKind; scopes: StatedModel['scope']['kind'][] }> = {
  cpuRequests: { kind: 'cpu', scopes: ['system', 'phase'] },
  cpuLimits: { kind: 'cpu', scopes: ['system', 'phase'] },
  memoryRequests: { kind: 'bytes', scopes: ['system', 'phase'] },
  memoryLimits: { kind: 'bytes', scopes: ['system', 'phase'] },
  volumes: { kind: 'bytes', scopes: ['system', 'phase', 'component'] },
  rate: { kind: 'dataPerMonth', scopes: ['usage'] },
  backupStorage: { kind: 'bytes', scopes: ['system', 'phase'] },
  monthlyCost: { kind: 'money', scopes: ['system', 'phase'] },
  machines: { kind: 'count', scopes: ['system', 'phase'] },
  count: { kind: 'count', scopes: ['role'] },
  cost: { kind: 'money', scopes: ['role'] },
  cpu: { kind: 'cpu', scopes: ['role', 'phase', 'system'] },
  memory: { kind: 'bytes', scopes: ['role', 'phase', 'system'] },
  disk: { kind: 'bytes', scopes: ['role', 'phase', 'system'] },
  replicas: { kind: 'count', scopes: ['component'] },
  dataSize: { kind: 'bytes', scopes: ['component'] },
  retained: { kind: 'bytes', scopes: ['backup'] },
  perDay: { kind: 'bytes', scopes: ['backup'] },
  average: { kind: 'bitrate', scopes: ['traffic'] },
  peak: { kind: 'bitrate', scopes: ['traffic'] },
};

export function figureIds(): string[] {
  return [...Object.keys(FIGURES), 'usage.<driver>'];
}

export function normalize(input: SpecInput, ctx: NormalizeContext): { model: Model; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { index } = ctx;

  const spanOf = (container: object, key: string | number, part: 'key' | 'value' = 'value'): SourceSpan =>
    index.entrySpan(container, key, part) ?? index.containerSpan(container) ?? ctx.systemSpan;

  // A base component's mistake is met again in every phase that overrides it: report it once.
  const reported = new Set<string>();
  const error = (at: SourceSpan, code: string, message: string, extra: Partial<Diagnostic> = {}) => {
    const key = `${at.file.path}\u0000${at.start}\u0000${code}\u0000${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    diagnostics.push({ code, severity: 'error', message, at, ...extra });
  };

  const parseCache = new Map<unknown, Map<string, Parsed<unknown>>>();

  /** Parse the unit value at `container[key]`, reporting a positioned diagnostic when it is malformed. */
  function unit<T>(container: object, key: string | number, parser: (text: string) => Parsed<T>, what: string): T | null {
    const value = (container as Obj)[key as string];
    if (value === undefined || value === null) return null;
    // Numbers are re-read from the source so `7.0` or `1e3` keep their exact digits.
    const text = typeof value === 'number' ? (index.rawText(container, key) ?? String(value)) : String(value);
    // Specs repeat the same figures (`250m`, `128Mi`) thousands of times: parse each once.
    let cache = parseCache.get(parser);
    if (!cache) parseCache.set(parser, (cache = new Map()));
    let result = cache.get(text) as Parsed<T> | undefined;
    if (result === undefined) {
      result = parser(text);
      cache.set(text, result);
    }
    if (result.ok) return result.value;
    const span = spanOf(container, key);
    const exact = typeof value === 'string' && span.end - span.start === text.length;
    const start = exact ? span.start + result.error.offset : span.start;
    const end = exact ? start + Math.max(1, result.error.length) : span.end;
    error({ file: span.file, start, end }, `bad-${what}`, result.error.message, { expected: result.error.expected, hint: result.error.hint });
    return null;
  }

  const durationOf = (container: object, key: string) => unit(container, key, durationText, 'duration');
  const bytesOf = (container: object, key: string) => unit(container, key, bytesOnly, 'size');

  // ── stated figures ──────────────────────────────────────────────────────
  function statedList(list: StatedInput[] | undefined, scope: StatedModel['scope']): StatedModel[] {
    if (!list) return [];
    const out: StatedModel[] = [];
    list.forEach((entry) => {
      const container = entry as unknown as Obj;
      const figure = entry.figure;
      let kind: FigureKind | undefined;
      if (figure.startsWith('usage.')) {
        kind = 'dataPerMonth';
        if (scope.kind !== 'system' && scope.kind !== 'phase') kind = undefined;
      } else {
        const known = FIGURES[figure];
        if (known && known.scopes.includes(scope.kind)) kind = known.kind;
      }
      if (kind && entry.per === 'machine' && scope.kind !== 'role') {
        error(spanOf(container, 'per'), 'bad-value', '`per: machine` applies only to figures stated about a role');
        return;
      }
      if (!kind) {
        const candidates = Object.entries(FIGURES).filter(([, f]) => f.scopes.includes(scope.kind)).map(([id]) => id);
        if (scope.kind === 'system' || scope.kind === 'phase') candidates.push('usage.<driver>');
        error(spanOf(container, 'figure'), 'unknown-figure', `unknown figure \`${figure}\` for a ${scope.kind}`, {
          expected: candidates.map((c) => `\`${c}\``).join(', '),
          hint: didYouMean(figure, candidates),
        });
        return;
      }
      const parsed = parseFigure(container, kind);
      if (!parsed) return;
      out.push({
        figure,
        kind,
        scope,
        text: String(entry.value),
        range: parsed.range,
        currency: parsed.currency,
        of: entry.of ?? null,
        atReplicas: entry.at ?? 'min',
        perMachine: entry.per === 'machine',
        label: entry.label ?? null,
        at: spanOf(container, 'value'),
        input: entry,
      });
    });
    return out;
  }

  function parseFigure(container: Obj, kind: FigureKind): { range: StatedModel['range']; currency: string | null } | null {
    if (kind === 'money') {
      const money = unit(container, 'value', parseMoney, 'money');
      if (!money) return null;
      if (compareDecimal(money.min.amount, money.max.amount) !== 0) {
        // A range such as `$120-150/month` is exact at both ends.
        const range: StatedModel['range'] = { low: microsOf(money, 'min'), high: microsOf(money, 'max'), lowInclusive: true, highInclusive: true, approx: money.approx, tolerancePercent: null, text: String(container['value']) };
        return { range, currency: money.min.currency };
      }
      const range = unit(container, 'value', statedMoney, 'money');
      return range ? { range, currency: money.min.currency } : null;
    }
    const range = unit(container, 'value', STATED_PARSERS[kind], 'figure');
    return range ? { range, currency: null } : null;
  }

  // ── components ──────────────────────────────────────────────────────────
  const componentsInput = (input.components ?? {}) as Record<string, ComponentInput>;
  const rolesInput = (input.roles ?? {}) as Record<string, RoleInput>;
  const roleNames = Object.keys(rolesInput);
  const namesOf = (section: string, present: string[]) => {
    const names = new Set(present);
    for (const key of ctx.knownNames ?? []) if (key.startsWith(`${section}\u0000`)) names.add(key.slice(section.length + 1));
    return names;
  };
  const phaseRoleNames = namesOf('roles', roleNames);
  for (const phase of Object.values(input.phases ?? {})) for (const name of Object.keys(phase.roles ?? {})) phaseRoleNames.add(name);

  function normalizeComponent(name: string, component: ComponentInput): ComponentModel {
    const container = component as unknown as Obj;
    const resources = (component.resources ?? {}) as Obj;
    const amounts = (key: 'requests' | 'limits'): CpuMemory => {
      const section = resources[key] as Obj | undefined;
      if (!section) return { cpuMillicores: null, memoryBytes: null };
      return {
        cpuMillicores: unit(section, 'cpu', cpuMillicores, 'cpu'),
        memoryBytes: unit(section, 'memory', memoryBytes, 'memory'),
      };
    };
    const requests = amounts('requests');
    const limits = amounts('limits');
    // A limit below its request is lint's to report (`requests-above-limits`): the spec still means something.

    let replicas = { min: 1, max: 1 };
    const r = component.replicas;
    if (typeof r === 'number') replicas = { min: r, max: r };
    else if (r && typeof r === 'object') {
      replicas = { min: r.min, max: r.max };
      if (r.min > r.max) error(spanOf(r as object, 'max'), 'replicas-range', `\`replicas.max\` (${r.max}) is below \`replicas.min\` (${r.min})`, { hint: 'swap the two values' });
    }
    if (component.kind === 'job') {
      if (component.replicas !== undefined) error(spanOf(container, 'replicas', 'key'), 'kind-field', 'a job has no replicas; it runs `concurrency` copies at a time', { hint: 'use `concurrency:` (default 1)' });
      const c = component.concurrency ?? 1;
      replicas = { min: c, max: c };
    } else if (component.concurrency !== undefined) {
      error(spanOf(container, 'concurrency', 'key'), 'kind-field', `\`concurrency\` applies only to \`kind: job\`, and \`${name}\` is a ${component.kind}`);
    }
    if (component.schedule !== undefined && component.kind !== 'job') {
      error(spanOf(container, 'schedule', 'key'), 'kind-field', `\`schedule\` applies only to \`kind: job\`, and \`${name}\` is a ${component.kind}`, { hint: 'set `kind: job` for a CronJob' });
    }
    if (component.kind === 'daemon' && component.replicas !== undefined) {
      error(spanOf(container, 'replicas', 'key'), 'kind-field', 'a daemon runs one copy per node; it has no replicas', { hint: 'remove `replicas:`; place it on roles with `placement.role`' });
    }
    if (component.kind === 'daemon') replicas = { min: 1, max: 1 };
    if (component.kind === 'external') replicas = { min: 0, max: 0 };

    const placement = component.placement;
    const roles = placement?.role === undefined ? [] : Array.isArray(placement.role) ? placement.role : [placement.role];
    if (placement?.role !== undefined) {
      const roleContainer = placement as unknown as Obj;
      roles.forEach((role, i) => {
        if (!phaseRoleNames.has(role)) {
          const at = Array.isArray(placement.role) ? spanOf(roleContainer['role'] as object, i) : spanOf(roleContainer, 'role');
          error(at, 'unknown-reference', `unknown role \`${role}\``, { expected: roleList(), hint: didYouMean(role, phaseRoleNames) });
        }
      });
    }

    const volumes: VolumeModel[] = [];
    (component.volumes ?? []).forEach((volume, i) => {
      const v = volume as unknown as Obj;
      const size = bytesOf(v, 'size');
      const used = v['used'] === undefined ? null : bytesOf(v, 'used');
      const growth = v['growth'] === undefined ? null : unit(v, 'growth', parseDataRate, 'rate');
      const retention = volume.retention === undefined || volume.retention === 'persistent' ? null : durationOf(v, 'retention');
      if (size === null) return;
      volumes.push({ component: name, name: volume.name, at: spanOf(component.volumes as object, i), sizeBytes: size, usedBytes: used, growth, perReplica: volume.perReplica ?? false, retentionMs: retention });
    });
    checkUnique(component.volumes ?? [], (v) => v.name, 'volume', component.volumes as object | undefined);

    const flows: FlowModel[] = (component.flows ?? []).map((flow, i) => {
      const f = flow as unknown as Obj;
      const bound = f['latency'] === undefined ? null : unit(f, 'latency', parseDurationBound, 'latency');
      if (f['timeout'] !== undefined) durationOf(f, 'timeout');
      if (flow.retries?.perTryTimeout !== undefined) durationOf(flow.retries as object, 'perTryTimeout');
      if (f['bandwidth'] !== undefined) unit(f, 'bandwidth', flowBandwidth, 'rate');
      return { from: name, to: flow.to, at: spanOf(component.flows as object, i), port: flow.port ?? null, latencyBoundMs: bound ? bound.ms : null };
    });

    if (component.health) {
      const h = component.health as unknown as Obj;
      for (const key of ['interval', 'timeout', 'initialDelay']) if (h[key] !== undefined) durationOf(h, key);
      if (h['latency'] !== undefined) unit(h, 'latency', parseDurationBound, 'latency');
    }
    for (const item of component.data ?? []) {
      const d = item as unknown as Obj;
      if (d['ttl'] !== undefined && d['ttl'] !== 'variable') durationOf(d, 'ttl');
    }
    let dataBytes: bigint | null = null;
    for (const item of component.data ?? []) {
      if (item.size === undefined) continue;
      const bytes = bytesOf(item as object, 'size');
      if (bytes !== null) dataBytes = (dataBytes ?? 0n) + bytes;
    }

    return {
      name,
      kind: component.kind,
      at: spanOf(componentsInput, name, 'key'),
      input: component,
      requests,
      limits,
      replicas,
      perNode: component.kind === 'daemon',
      roles,
      antiAffinity: placement?.antiAffinity === true || placement?.antiAffinity === 'required',
      volumes,
      flows,
      version: versionRequirement(container, 'version'),
      dataBytes,
      stated: statedList(component.stated, { kind: 'component', name }),
    };
  }

  function versionRequirement(container: Obj, key: string): VersionRequirementModel | null {
    const value = container[key];
    if (value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'number') {
      return { minimum: unit(container, key, parseVersionRange, 'version'), recommended: null, pinned: null };
    }
    const v = value as Obj;
    const minimum = v['minimum'] === undefined ? null : unit(v, 'minimum', parseVersionRange, 'version');
    const recommended = v['recommended'] === undefined ? null : unit(v, 'recommended', parseVersionRange, 'version');
    return { minimum, recommended, pinned: typeof v['pinned'] === 'string' ? v['pinned'] : null };
  }

  function roleList(): string {
    return phaseRoleNames.size ? [...phaseRoleNames].map((r) => `\`${r}\``).join(', ') : 'a role defined under `roles:`';
  }

  function checkUnique<T>(items: T[], key: (item: T) => string, what: string, container: object | undefined): void {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const name = key(item);
      const first = seen.get(name);
      if (first !== undefined && container) {
        const firstAt = spanOf(container, first);
        const { line } = firstAt.file.lineColumn(firstAt.start);
        error(spanOf(container, i), `duplicate-${what}`, `two ${what}s are named \`${name}\``, { hint: `the first is at line ${line}; names must be unique` });
      } else seen.set(name, i);
    });
  }

  const components = Object.entries(componentsInput).map(([name, component]) => normalizeComponent(name, component));
  const componentNames = namesOf('components', Object.keys(componentsInput));

  // ── roles ───────────────────────────────────────────────────────────────
  function level(levelInput: RequirementLevelInput | undefined): RequirementLevelModel {
    const empty: RequirementLevelModel = { cpuMillicores: null, memoryBytes: null, diskBytes: null, disks: [], gpuCount: null, networkBitsPerSecond: null, bandwidth: null, software: [], kernel: null };
    if (!levelInput) return empty;
    const l = levelInput as unknown as Obj;
    const disks: RequirementLevelModel['disks'] = [];
    (levelInput.disks ?? []).forEach((disk, i) => {
      const bytes = bytesOf(disk as object, 'size');
      if (bytes !== null) disks.push({ mount: disk.mount ?? null, bytes, count: disk.count ?? 1, at: spanOf(levelInput.disks as object, i) });
    });
    const disk = l['disk'] === undefined ? null : bytesOf(l, 'disk');
    const software: RequirementLevelModel['software'] = [];
    for (const [name, requirement] of Object.entries(levelInput.software ?? {})) {
      const sw = levelInput.software as Obj;
      if (typeof requirement === 'object' && requirement !== null) {
        const req = requirement as Obj;
        const version = req['version'];
        if (version === undefined) continue;
        if (typeof version === 'object' && version !== null) {
          const v = version as Obj;
          for (const k of ['minimum', 'recommended']) {
            if (v[k] === undefined) continue;
            const range = unit(v, k, parseVersionRange, 'version');
            if (range && k === 'minimum') software.push({ name, range, optional: req['optional'] === true, at: spanOf(v, k) });
          }
        } else {
          const range = unit(req, 'version', parseVersionRange, 'version');
          if (range) software.push({ name, range, optional: req['optional'] === true, at: spanOf(req, 'version') });
        }
      } else {
        const range = unit(sw, name, parseVersionRange, 'version');
        if (range) software.push({ name, range, optional: false, at: spanOf(sw, name) });
      }
    }
    return {
      cpuMillicores: unit(l, 'cpu', cpuAtLeast, 'cpu'),
      memoryBytes: unit(l, 'memory', memoryAtLeast, 'memory'),
      diskBytes: disk ?? (disks.length ? disks.reduce((sum, d) => sum + d.bytes * BigInt(d.count), 0n) : null),
      disks,
      gpuCount: levelInput.gpu?.count ?? null,
      networkBitsPerSecond: l['network'] === undefined ? null : (unit(l, 'network', parseBitRate, 'bandwidth')?.bitsPerSecond ?? null),
      bandwidth: l['bandwidth'] === undefined ? null : unit(l, 'bandwidth', parseDataRate, 'rate'),
      software,
      kernel: l['kernel'] === undefined ? null : unit(l, 'kernel', parseVersionRange, 'version'),
    };
  }

  /** Resolve `extends` chains into one merged input per role (cycles reported). */
  function resolveRoleInput(name: string, all: Record<string, RoleInput>, trail: string[] = []): RoleInput {
    const role = all[name];
    if (!role) return {};
    if (!role.extends) return role;
    if (trail.includes(name)) {
      error(spanOf(role as object, 'extends'), 'extends-cycle', `role \`${name}\` extends itself through ${[...trail, name].map((n) => `\`${n}\``).join(' → ')}`);
      return role;
    }
    if (!all[role.extends]) {
      error(spanOf(role as object, 'extends'), 'unknown-reference', `unknown role \`${role.extends}\``, { expected: roleList(), hint: didYouMean(role.extends, Object.keys(all)) });
      return role;
    }
    const parent = resolveRoleInput(role.extends, all, [...trail, name]);
    const { abstract: _abstract, ...inherited } = parent;
    return deepMerge(inherited as Obj, role as unknown as Obj, index) as RoleInput;
  }

  function normalizeRole(name: string, role: RoleInput, at: SourceSpan): RoleModel {
    const r = role as unknown as Obj;
    let count: RoleModel['count'] = { min: 1, max: 1 };
    if (typeof role.count === 'number') count = { min: role.count, max: role.count };
    else if (role.count === 'variable') count = null;
    else if (role.count && typeof role.count === 'object') {
      count = { min: role.count.min, max: role.count.max ?? null };
      if (role.count.max !== undefined && role.count.max < role.count.min) error(spanOf(role.count as object, 'max'), 'count-range', `\`count.max\` of role \`${name}\` is below \`count.min\``);
    }
    const reservedInput = (r['reserved'] ?? {}) as Obj;
    const minimum = level(role.minimum);
    const recommended = level(role.recommended);
    // A minimum above the recommended level is lint's to report (`minimum-above-recommended`).
    const density: RoleModel['density'] = [];
    (role.density ?? []).forEach((entry, i) => {
      const d = entry as unknown as Obj;
      const cpu = unit(d, 'cpu', cpuMillicores, 'cpu');
      const memory = unit(d, 'memory', memoryBytes, 'memory');
      const range = unit(d, 'perHost', STATED_PARSERS.count, 'figure');
      if (cpu === null || memory === null) return;
      if (cpu <= 0n || memory <= 0n) {
        error(spanOf(role.density as object, i), 'out-of-range', `density class \`${entry.name}\` needs a CPU and memory size above zero`);
        return;
      }
      const stated: StatedModel[] = range
        ? [{ figure: 'perHost', kind: 'count', scope: { kind: 'density', name: `${name}/${entry.name}` }, text: String(entry.perHost), range, currency: null, of: null, atReplicas: 'min', perMachine: true, label: `${entry.name} per host`, at: spanOf(d, 'perHost'), input: null }]
        : [];
      density.push({ name: entry.name, cpuMillicores: cpu, memoryBytes: memory, stated });
    });
    return {
      name,
      at,
      input: role,
      abstract: role.abstract === true,
      count,
      minimum,
      recommended,
      reserved: { cpuMillicores: unit(reservedInput, 'cpu', cpuMillicores, 'cpu'), memoryBytes: unit(reservedInput, 'memory', memoryBytes, 'memory') },
      cost: r['cost'] === undefined ? null : unit(r, 'cost', parseMoney, 'money'),
      density,
      stated: statedList(role.stated, { kind: 'role', name }),
    };
  }

  const resolvedRoles = new Map<string, RoleInput>();
  for (const name of roleNames) resolvedRoles.set(name, resolveRoleInput(name, rolesInput));
  const roles = [...resolvedRoles].map(([name, role]) => normalizeRole(name, role, spanOf(rolesInput, name, 'key')));

  // ── backups, usage, traffic, top-level stated ───────────────────────────
  const backups: BackupModel[] = [];
  const bucketNames = [...namesOf('buckets', Object.keys(input.buckets ?? {}))];
  for (const [name, backup] of Object.entries(input.backups ?? {})) {
    const b = backup as unknown as Obj;
    const [ofComponent, ofVolume] = backup.of.split('/');
    const of = componentsInput[ofComponent ?? ''];
    // Configuration, files and logs may come from outside any component (a Git repository, a vault).
    const freeSource = backup.type === 'config' || backup.type === 'files' || backup.type === 'logs';
    if (!of && !freeSource && !componentNames.has(ofComponent ?? '')) {
      error(spanOf(b, 'of'), 'unknown-reference', `unknown component \`${ofComponent}\``, { expected: 'the name of a component', hint: didYouMean(ofComponent ?? '', componentNames) });
    } else if (of && ofVolume !== undefined && !(of.volumes ?? []).some((v) => v.name === ofVolume)) {
      error(spanOf(b, 'of'), 'unknown-reference', `component \`${ofComponent}\` has no volume \`${ofVolume}\``, { hint: didYouMean(ofVolume, (of.volumes ?? []).map((v) => v.name)) });
    }
    if (backup.target !== undefined) checkBackupTarget(b, backup.target);
    const frequency: Frequency | null = backup.frequency === undefined ? null : unit(b, 'frequency', frequencyText, 'frequency');
    const size = b['size'] === undefined ? null : bytesOf(b, 'size');
    const compressed = b['compressedSize'] === undefined ? null : bytesOf(b, 'compressedSize');
    if (size !== null && compressed !== null && compressed > size) error(spanOf(b, 'compressedSize'), 'compressed-above-size', `backup \`${name}\` is larger compressed than uncompressed`, { hint: 'check the two sizes: `size` is before compression' });
    const rate: DataRate | null = b['rate'] === undefined ? null : unit(b, 'rate', parseDataRate, 'rate');
    const retentionMs = backup.retention === 'indefinite' || backup.retention === undefined ? null : durationOf(b, 'retention');
    if (b['verification'] !== undefined) unit(b, 'verification', frequencyText, 'frequency');
    backups.push({
      name,
      at: spanOf(input.backups as object, name, 'key'),
      input: backup,
      of: backup.of,
      type: backup.type,
      frequency,
      storedBytes: compressed ?? size,
      rate,
      retentionMs,
      retention: backup.retention === 'indefinite' ? 'indefinite' : backup.retention === undefined ? 'unstated' : 'window',
      stated: statedList(backup.stated, { kind: 'backup', name }),
    });
  }

  function checkBackupTarget(b: Obj, target: string): void {
    if (bucketNames.includes(target)) return;
    const roleMount = /^([^:/]+):(\/.*)$/.exec(target);
    if (roleMount) {
      const [, role] = roleMount;
      if (!phaseRoleNames.has(role ?? '')) error(spanOf(b, 'target'), 'unknown-reference', `unknown role \`${role}\` in backup target`, { expected: roleList(), hint: didYouMean(role ?? '', phaseRoleNames) });
      return;
    }
    const [component, volume] = target.split('/');
    if (volume !== undefined && componentsInput[component ?? '']) {
      if (!(componentsInput[component ?? '']?.volumes ?? []).some((v) => v.name === volume)) error(spanOf(b, 'target'), 'unknown-reference', `component \`${component}\` has no volume \`${volume}\``);
      return;
    }
    const candidates = [...bucketNames, ...componentNames];
    error(spanOf(b, 'target'), 'unknown-reference', `unknown backup target \`${target}\``, {
      expected: 'a bucket under `buckets:`, `role:/mount`, or `component/volume`',
      hint: didYouMean(target, candidates),
    });
  }

  const usage: UsageModel[] = [];
  const targetNames = new Set<string>();
  for (const phase of Object.values(input.phases ?? {})) for (const t of Object.keys(phase.targets ?? {})) targetNames.add(t);
  for (const [name, driver] of Object.entries(input.usage ?? {})) {
    const d = driver as unknown as Obj;
    const parts: UsageModel['parts'] = [];
    for (const [part] of Object.entries(driver.parts ?? {})) {
      const rate = unit(driver.parts as object, part, parseDataRate, 'rate');
      if (rate) parts.push({ name: part, rate });
    }
    let rate: DataRate | null = d['rate'] === undefined ? null : unit(d, 'rate', parseDataRate, 'rate');
    if (!rate && parts.length) rate = sumRates(parts.map((p) => p.rate));
    if (!rate) {
      if (d['rate'] === undefined) error(spanOf(input.usage as object, name, 'key'), 'usage-rate', `usage driver \`${name}\` has neither \`rate\` nor \`parts\``);
      continue;
    }
    if (targetNames.size && !targetNames.has(driver.per)) {
      error(spanOf(d, 'per'), 'unknown-reference', `no phase has a target \`${driver.per}\``, { expected: [...targetNames].map((t) => `\`${t}\``).join(', '), hint: didYouMean(driver.per, targetNames) });
    }
    usage.push({ name, at: spanOf(input.usage as object, name, 'key'), per: driver.per, rate, parts, stated: statedList(driver.stated, { kind: 'usage', name }) });
  }

  const traffic: TrafficModel[] = [];
  for (const direction of ['ingress', 'egress', 'internal'] as const) {
    const section = input.network?.traffic?.[direction];
    if (!section) continue;
    const items: TrafficModel['items'] = [];
    for (const [name, item] of Object.entries(section.items)) {
      const i = item as unknown as Obj;
      items.push({
        name,
        averageBps: i['average'] === undefined ? null : (unit(i, 'average', parseBitRate, 'bandwidth')?.bitsPerSecond ?? null),
        peakBps: i['peak'] === undefined ? null : (unit(i, 'peak', parseBitRate, 'bandwidth')?.bitsPerSecond ?? null),
        at: spanOf(section.items as object, name, 'key'),
      });
    }
    traffic.push({ direction, items, stated: statedList(section.stated, { kind: 'traffic', name: direction }) });
  }

  const systemStated = statedList(input.stated, { kind: 'system', name: null });

  // ── references in components (need all names) ───────────────────────────
  for (const component of components) {
    component.flows.forEach((flow, i) => {
      if (!componentNames.has(flow.to)) {
        const flowsContainer = component.input.flows as object;
        const flowObj = (flowsContainer as unknown[])[i] as object;
        error(spanOf(flowObj, 'to'), 'unknown-reference', `unknown component \`${flow.to}\``, {
          expected: 'the name of a component (declare third-party services as `kind: external`)',
          hint: didYouMean(flow.to, componentNames),
        });
      }
    });
  }

  // ── phases ──────────────────────────────────────────────────────────────
  const phases: PhaseModel[] = [];
  const phaseEntries = Object.entries(input.phases ?? {});
  const baseRoles = roles.filter((r) => !r.abstract);
  if (phaseEntries.length === 0) {
    phases.push({ name: 'default', at: null, input: null, production: false, targets: [], components: components.filter((c) => c.input.enabled !== false), roles: baseRoles, costs: [], budget: null, bandwidth: { minimum: null, recommended: null }, stated: systemStated });
  }
  for (const [phaseName, phase] of phaseEntries) {
    phases.push(normalizePhase(phaseName, phase));
  }

  function normalizePhase(phaseName: string, phase: PhaseInput): PhaseModel {
    const p = phase as unknown as Obj;
    // Components: base overlaid with the phase's overrides.
    const overrides = (phase.components ?? {}) as Record<string, Obj | null>;
    const effective: ComponentModel[] = [];
    for (const [name, override] of Object.entries(overrides)) {
      if (!componentNames.has(name) && (override === null || override['kind'] === undefined)) {
        error(spanOf(phase.components as object, name, 'key'), 'unknown-reference', `phase \`${phaseName}\` overrides unknown component \`${name}\``, {
          hint: didYouMean(name, componentNames) ?? 'a new component in a phase needs its `kind`',
        });
      }
    }
    for (const component of components) {
      const override = overrides[component.name];
      if (override === null) continue;
      if (override === undefined) {
        effective.push(component);
        continue;
      }
      if (override['enabled'] === false) continue;
      const merged = deepMerge(component.input as unknown as Obj, override, index) as ComponentInput;
      effective.push(normalizeComponent(component.name, merged));
    }
    for (const [name, override] of Object.entries(overrides)) {
      if (componentNames.has(name) || override === null || override['kind'] === undefined || override['enabled'] === false) continue;
      effective.push(normalizeComponent(name, override as unknown as ComponentInput));
    }
    const enabled = effective.filter((component) => component.input.enabled !== false);

    // Roles: base roles overlaid with the phase's.
    const roleOverrides = (phase.roles ?? {}) as Record<string, Obj | null>;
    const phaseRoles: RoleModel[] = [];
    const allRoleInputs: Record<string, RoleInput> = { ...rolesInput };
    for (const [name, override] of Object.entries(roleOverrides)) {
      if (override === null) continue;
      allRoleInputs[name] = (rolesInput[name] ? deepMerge(rolesInput[name] as unknown as Obj, override, index) : override) as RoleInput;
    }
    for (const name of Object.keys(allRoleInputs)) {
      if (roleOverrides[name] === null) continue;
      if (!(name in roleOverrides)) {
        const base = roles.find((r) => r.name === name);
        if (base && !base.abstract) phaseRoles.push(base);
        continue;
      }
      const resolved = resolveRoleInput(name, allRoleInputs);
      const at = spanOf(phase.roles as object, name, 'key');
      const model = normalizeRole(name, resolved, at);
      if (!model.abstract) phaseRoles.push(model);
    }

    const targets: PhaseModel['targets'] = [];
    for (const [name, value] of Object.entries(phase.targets ?? {})) {
      const text = typeof value === 'number' ? (index.rawText(phase.targets as object, name) ?? String(value)) : String(value);
      if (text.trim().endsWith('%')) {
        targets.push({ name, value: null, text });
        continue;
      }
      const parsed = unit(phase.targets as object, name, parseCount, 'count');
      targets.push({ name, value: parsed ? parsed.value : null, text });
    }

    const costs: CostLineModel[] = [];
    (phase.costs ?? []).forEach((line, i) => {
      const l = line as unknown as Obj;
      const amount = unit(l, 'amount', parseMoney, 'money');
      const quantity = l['quantity'] === undefined ? null : bytesOf(l, 'quantity');
      if (amount) costs.push({ name: line.name, at: spanOf(phase.costs as object, i), amount, quantityBytes: quantity });
    });
    const budget: MoneyFigure | null = p['budget'] === undefined ? null : unit(p, 'budget', parseMoney, 'money');
    const bandwidthInput = (p['bandwidth'] ?? {}) as Obj;
    const bandwidth = {
      minimum: bandwidthInput['minimum'] === undefined ? null : unit(bandwidthInput, 'minimum', dataRateAtLeast, 'rate'),
      recommended: bandwidthInput['recommended'] === undefined ? null : unit(bandwidthInput, 'recommended', dataRateAtLeast, 'rate'),
    };
    const own = statedList(phase.stated, { kind: 'phase', name: phaseName });
    return {
      name: phaseName,
      at: spanOf(input.phases as object, phaseName, 'key'),
      input: phase,
      production: phase.production ?? false,
      targets,
      components: enabled,
      roles: phaseRoles,
      costs,
      budget,
      bandwidth,
      stated: [...own, ...systemStated],
    };
  }

  // ── stated `of` references ──────────────────────────────────────────────
  const backupNames = namesOf('backups', backups.map((b) => b.name));
  const allStated = [...systemStated, ...phases.flatMap((p) => p.stated), ...components.flatMap((c) => c.stated), ...roles.flatMap((r) => r.stated), ...backups.flatMap((b) => b.stated), ...usage.flatMap((u) => u.stated)];
  const checkedStated = new Set<StatedModel>();
  for (const stated of allStated) {
    if (!stated.of || checkedStated.has(stated)) continue;
    checkedStated.add(stated);
    const costLineNames = Object.values(input.phases ?? {}).flatMap((p) => (p.costs ?? []).map((c) => c.name));
    const pool =
      stated.figure === 'backupStorage'
        ? backupNames
        : stated.figure === 'machines' || stated.figure === 'cpu' || stated.figure === 'memory' || stated.figure === 'disk'
          ? phaseRoleNames
          : stated.figure === 'monthlyCost'
            ? new Set([...phaseRoleNames, ...costLineNames])
            : componentNames;
    const list = stated.input?.of as unknown as object;
    stated.of.forEach((name, i) => {
      if (!pool.has(name)) {
        const what = stated.figure === 'backupStorage' ? 'backup' : stated.figure === 'monthlyCost' ? 'role or cost line' : pool === phaseRoleNames ? 'role' : 'component';
        error(spanOf(list, i), 'unknown-reference', `unknown ${what} \`${name}\` in \`of\``, { hint: didYouMean(name, pool) });
      }
    });
  }

  // Network policies and recovery objectives name components.
  (input.network?.policies ?? []).forEach((policy) => {
    const pol = policy as unknown as Obj;
    if (policy.selector !== '*' && !componentNames.has(policy.selector)) {
      error(spanOf(pol, 'selector'), 'unknown-reference', `unknown component \`${policy.selector}\` in network policy \`${policy.name}\``, { hint: didYouMean(policy.selector, componentNames) });
    }
    for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
      for (const peer of rule.peers ?? []) {
        if (peer.component !== undefined && !componentNames.has(peer.component)) {
          error(spanOf(peer as object, 'component'), 'unknown-reference', `unknown component \`${peer.component}\` in network policy \`${policy.name}\``, { hint: didYouMean(peer.component, componentNames) });
        }
      }
    }
  });
  for (const [tier, objective] of Object.entries(input.objectives?.recovery ?? {})) {
    const o = objective as unknown as Obj;
    for (const key of ['rto', 'rpo']) if (o[key] !== undefined) durationOf(o, key);
    (objective.of ?? []).forEach((name, i) => {
      if (!componentNames.has(name) && !backupNames.has(name)) {
        error(spanOf(objective.of as object, i), 'unknown-reference', `unknown component \`${name}\` in recovery objective \`${tier}\``, { hint: didYouMean(name, componentNames) });
      }
    });
  }
  const groups = Object.keys(input.network?.securityGroups ?? {});
  for (const [groupName, group] of Object.entries(input.network?.securityGroups ?? {})) {
    for (const rule of [...(group.ingress ?? []), ...(group.egress ?? [])]) {
      if (rule.from !== undefined && !groups.includes(rule.from)) {
        error(spanOf(rule as object, 'from'), 'unknown-reference', `unknown security group \`${rule.from}\` in \`${groupName}\``, { hint: didYouMean(rule.from, groups) });
      }
    }
  }
  // Names in lists that must name something defined elsewhere in the spec.
  const refs = (list: readonly string[] | undefined, pool: ReadonlySet<string>, what: string, where: string) => {
    list?.forEach((name, i) => {
      if (!pool.has(name)) error(spanOf(list as object, i), 'unknown-reference', `unknown ${what} \`${name}\` in ${where}`, { expected: pool.size ? [...pool].slice(0, 12).map((n) => `\`${n}\``).join(', ') : `a ${what} defined in the spec`, hint: didYouMean(name, pool) });
    });
  };
  const ref = (container: object, key: string, pool: ReadonlySet<string>, what: string, where: string) => {
    const name = (container as Obj)[key];
    if (typeof name === 'string' && !pool.has(name)) error(spanOf(container, key), 'unknown-reference', `unknown ${what} \`${name}\` in ${where}`, { hint: didYouMean(name, pool) });
  };
  const phaseNames = new Set(Object.keys(input.phases ?? {}));
  const rolesAndComponents = new Set([...phaseRoleNames, ...componentNames]);
  const network = input.network;
  (network?.firewall ?? []).forEach((rule, i) => refs(rule.phases, phaseNames, 'phase', `firewall rule ${i + 1}`));
  const subnetNames = new Set(Object.keys(network?.subnets ?? {}));
  const segments = new Set([...subnetNames, ...Object.values(network?.subnets ?? {}).flatMap((subnet) => (subnet.tier ? [subnet.tier] : []))]);
  for (const [name, subnet] of Object.entries(network?.subnets ?? {})) refs(subnet.hosts, rolesAndComponents, 'role or component', `subnet \`${name}\``);
  for (const path of network?.paths ?? []) {
    ref(path, 'from', segments, 'subnet or tier', 'a network path');
    ref(path, 'to', segments, 'subnet or tier', 'a network path');
  }
  for (const [name, acl] of Object.entries(network?.acls ?? {})) refs(acl.subnets, segments, 'subnet or tier', `ACL \`${name}\``);
  for (const [name, group] of Object.entries(network?.securityGroups ?? {})) refs(group.appliesTo, rolesAndComponents, 'role or component', `security group \`${name}\``);
  const regionNames = new Set((network?.regions ?? []).map((r) => r.name));
  for (const region of network?.regions ?? []) {
    refs(region.roles, phaseRoleNames, 'role', `region \`${region.name}\``);
    if (region.replicaOf !== undefined) ref(region, 'replicaOf', regionNames, 'region', `region \`${region.name}\``);
  }
  for (const log of input.observability?.logs ?? []) if (log.source !== undefined) ref(log, 'source', componentNames, 'component', `log group \`${log.name}\``);
  for (const latency of input.objectives?.latency ?? []) if (latency.of !== undefined) ref(latency, 'of', componentNames, 'component', `latency objective \`${latency.name}\``);
  // Offers: checked only when the spec lists its offers (a bare instance type name is fine otherwise).
  const offers = input.cost?.offers ?? [];
  if (offers.length) {
    const offerNames = new Set(offers.flatMap((o) => [o.offer, `${o.provider}/${o.offer}`]));
    for (const [name, role] of Object.entries(rolesInput)) if (role.offer !== undefined) ref(role, 'offer', offerNames, 'offer', `role \`${name}\``);
    for (const phase of Object.values(input.phases ?? {})) {
      for (const [name, role] of Object.entries(phase.roles ?? {})) if (role && role.offer !== undefined) ref(role, 'offer', offerNames, 'offer', `role \`${name}\``);
    }
    for (const reserved of input.cost?.reserved ?? []) ref(reserved, 'offer', offerNames, 'offer', 'a reservation');
  }
  const bucketPool = new Set(bucketNames);
  for (const [phaseName, phase] of Object.entries(input.phases ?? {})) {
    for (const name of Object.keys(phase.buckets ?? {})) {
      if (!bucketPool.has(name)) error(spanOf(phase.buckets as object, name, 'key'), 'unknown-reference', `phase \`${phaseName}\` overrides unknown bucket \`${name}\``, { hint: didYouMean(name, bucketPool) });
    }
  }
  for (const record of input.network?.dns?.records ?? []) if ((record as Obj)['ttl'] !== undefined) durationOf(record as object, 'ttl');
  for (const [name] of Object.entries(input.network?.dns?.ttl ?? {})) durationOf(input.network?.dns?.ttl as object, name);

  const model: Model = {
    system: {
      name: input.system.name,
      version: input.system.version === undefined ? undefined : String(index.rawText(input.system as object, 'version') ?? input.system.version),
      description: input.system.description,
      at: ctx.systemSpan,
    },
    files: ctx.files,
    input,
    components,
    roles,
    phases,
    usage,
    backups,
    stated: systemStated,
    traffic,
    positions: index,
  };
  return { model, diagnostics };
}

function microsOf(money: MoneyFigure, which: 'min' | 'max'): bigint {
  const amount = money[which].amount;
  // micro-units: amount × 10^6, exact for up to six decimals (prices such as $0.005 need three).
  const shift = 6 - amount.scale;
  return shift >= 0 ? amount.units * 10n ** BigInt(shift) : amount.units / 10n ** BigInt(-shift);
}

const countParser = (t: string): Parsed<bigint> => {
  const parsed = parseCount(t);
  return parsed.ok ? { ok: true, value: parsed.value.value } : parsed;
};

/** `8+ cores` states a floor; requirement levels keep the number. */
function stripAtLeast<T>(text: string, parser: (t: string) => Parsed<T>): Parsed<T> {
  const trimmed = text.trim();
  const plus = /^([0-9.,]+)\+\s*(.*)$/.exec(trimmed);
  if (plus) return parser(`${plus[1]} ${plus[2]}`.trim());
  // `16GB+`: the floor is the figure.
  return parser(trimmed.endsWith('+') ? trimmed.slice(0, -1).trimEnd() : trimmed);
}

function figureParser(kind: Exclude<FigureKind, 'money'>): (t: string) => Parsed<bigint> {
  switch (kind) {
    case 'cpu':
      return (t) => cpuMillicores(t);
    case 'bytes':
      return (t) => {
        const parsed = parseBytes(t);
        return parsed.ok ? { ok: true, value: parsed.value.bytes } : parsed;
      };
    case 'count':
      return countParser;
    case 'bitrate':
      return (t) => {
        const parsed = parseBitRate(t);
        return parsed.ok ? { ok: true, value: parsed.value.bitsPerSecond } : parsed;
      };
    case 'dataPerMonth':
      return (t) => {
        const parsed = parseDataRate(t);
        if (!parsed.ok) return parsed;
        if (parsed.value.per !== 'month') {
          return { ok: false, error: { message: `\`${t}\` is per ${parsed.value.per}; usage figures are stated per month`, expected: 'a monthly figure such as `65GB/month`', offset: 0, length: t.length } };
        }
        return { ok: true, value: parsed.value.bytes };
      };
  }
}

function sumRates(rates: DataRate[]): DataRate {
  const first = rates[0]!;
  let bytes = 0n;
  for (const r of rates) bytes += r.bytes;
  return { ...first, bytes, approx: rates.some((r) => r.approx) };
}

/**
 * Overlay `override` on `base`: mappings merge key by key, everything else
 * (lists included) is replaced. The merged mapping keeps each key's position.
 */
export function deepMerge(base: Obj, override: Obj, index: PositionIndex): Obj {
  const merged: Obj = {};
  const origins = new Map<string, object>();
  for (const [key, value] of Object.entries(base)) {
    merged[key] = value;
    origins.set(key, base);
  }
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    if (isPlainObject(current) && isPlainObject(value)) merged[key] = deepMerge(current, value, index);
    else merged[key] = value;
    origins.set(key, override);
  }
  index.registerMerged(merged, origins, Object.keys(override).length ? override : base);
  return merged;
}

function isPlainObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


// Parsers by name, so the per-text cache in `unit` keys on a stable function.
const durationText = (t: string) => parseDuration(t);
const frequencyText = (t: string) => parseFrequency(t);
const bytesOnly = (t: string): Parsed<bigint> => {
  const parsed = parseBytes(t);
  return parsed.ok ? { ok: true, value: parsed.value.bytes } : parsed;
};
const cpuAtLeast = (t: string) => stripAtLeast(t, cpuMillicores);
const memoryAtLeast = (t: string) => stripAtLeast(t, memoryBytes);
const dataRateAtLeast = (t: string) => stripAtLeast(t, parseDataRate);
const flowBandwidth = (t: string): Parsed<unknown> => (/\/(s|sec|second|day|week|month|year|hour|min)/i.test(t) ? parseDataRate(t) : parseBitRate(t));
const statedMoney = (t: string) =>
  parseStated(t, (one) => {
    const m = parseMoney(one);
    return m.ok ? { ok: true as const, value: microsOf(m.value, 'min') } : m;
  });
const statedParser = (kind: Exclude<FigureKind, 'money'>) => {
  const one = figureParser(kind);
  return (t: string) => parseStated(t, one);
};
const STATED_PARSERS: Record<Exclude<FigureKind, 'money'>, (t: string) => Parsed<StatedModel['range']>> = {
  cpu: statedParser('cpu'),
  bytes: statedParser('bytes'),
  count: statedParser('count'),
  bitrate: statedParser('bitrate'),
  dataPerMonth: statedParser('dataPerMonth'),
};
