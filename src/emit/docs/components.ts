import type { ComponentModel } from '../../spec/model.js';
import type { DocContext } from './context.js';
import { written } from './figures.js';
import { shown } from './secrets.js';
import { code, compactTable, section, text, type Section } from './markdown.js';
import { mergeComponentRows, withPhaseColumn } from './variants.js';

const KIND: Readonly<Record<ComponentModel['kind'], string>> = {
  service: 'service',
  worker: 'worker',
  datastore: 'datastore',
  job: 'job (CronJob)',
  daemon: 'daemon (one per node)',
  external: 'external',
};

export function kindText(c: ComponentModel): string {
  return KIND[c.kind];
}

export function componentName(c: ComponentModel): string {
  return `${code(c.name)}${c.input.optional ? ' (optional)' : ''}`;
}

function versionCells(ctx: DocContext, c: ComponentModel): [string, string, string] {
  const v = c.version;
  if (!v) return ['', '', ''];
  const raw = c.input.version;
  const pinnedText = v.pinned ?? (typeof raw === 'object' && raw !== null ? written(ctx.model, raw, 'pinned') : null);
  return [v.minimum ? text(v.minimum.raw) : '', v.recommended ? text(v.recommended.raw) : '', pinnedText ? text(pinnedText) : ''];
}

/** Components and their versions (minimum / recommended / pinned), image and engine. */
export function componentsSection(ctx: DocContext): Section {
  const header = ['Component', 'Kind', 'Engine', 'Image', 'Minimum version', 'Recommended', 'Pinned', 'Purpose'];
  const platform: string[][] = [];
  const k8s = ctx.model.input.kubernetes;
  if (k8s?.version !== undefined) {
    const v = k8s.version;
    const cells = typeof v === 'object' ? [written(ctx.model, v, 'minimum'), written(ctx.model, v, 'recommended'), written(ctx.model, v, 'pinned')] : [written(ctx.model, k8s, 'version'), null, null];
    platform.push(['Kubernetes', 'platform', k8s.distribution === undefined ? '' : text(k8s.distribution), '', ...cells.map((x) => (x === null ? '' : text(x))), 'Container orchestration']);
  }
  const variants = mergeComponentRows(
    ctx.components,
    (c) => c.kind !== 'external',
    (c) => [[componentName(c), kindText(c), c.input.engine ? text(c.input.engine) : '', c.input.image ? code(c.input.image) : '', ...versionCells(ctx, c), c.input.description ? text(c.input.description) : '']],
  );
  const merged = withPhaseColumn(header, variants, ctx.phases);
  const rows = [...platform.map((r) => (merged.header.length > header.length ? [...r, 'all'] : r)), ...merged.rows];
  return section('Components', [compactTable(merged.header, rows, 2)], [
    externalSection(ctx),
    placementSection(ctx),
    availabilitySection(ctx),
    healthSection(ctx),
    managedSection(ctx),
    dataSection(ctx),
    settingsSection(ctx),
  ]);
}

/** A per-phase table of components, identical rows merged, empty columns dropped. */
function componentTable(ctx: DocContext, title: string, header: readonly string[], rowOf: (c: ComponentModel) => string[] | null, keep = 1): Section {
  const variants = mergeComponentRows(ctx.components, () => true, (c) => {
    const row = rowOf(c);
    return row === null ? [] : [row];
  });
  const merged = withPhaseColumn(header, variants, ctx.phases);
  return section(title, [compactTable(merged.header, merged.rows, keep)]);
}

function placementSection(ctx: DocContext): Section {
  // The role each component runs on is in each phase's workloads; this lists what placement adds to it.
  return componentTable(ctx, 'Placement', ['Component', 'Roles', 'Anti-affinity', 'Zone spread', 'Zones', 'Colocate with', 'GPU', 'Disruption budget'], (c) => {
    const p = c.input.placement;
    const d = c.input.disruption;
    if (!d && (p === undefined || (p.antiAffinity === undefined && p.spreadZones === undefined && p.zones === undefined && p.colocateWith === undefined && p.gpu === undefined))) return null;
    const roles = p?.role === undefined ? [] : Array.isArray(p.role) ? p.role : [p.role];
    const anti = p?.antiAffinity === undefined || p.antiAffinity === false ? '' : p.antiAffinity === true ? 'required' : p.antiAffinity;
    const budget = d ? [d.minAvailable === undefined ? '' : `min available ${d.minAvailable}`, d.maxUnavailable === undefined ? '' : `max unavailable ${d.maxUnavailable}`].filter((x) => x !== '').join(', ') : '';
    return [code(c.name), roles.map(code).join(', '), anti, p?.spreadZones ? 'yes' : '', (p?.zones ?? []).map(code).join(', '), (p?.colocateWith ?? []).map(code).join(', '), p?.gpu === undefined ? '' : p.gpu ? 'yes' : 'no', budget];
  });
}

function availabilitySection(ctx: DocContext): Section {
  return componentTable(ctx, 'High availability', ['Component', 'Mode', 'Replicas', 'Shards', 'Quorum', 'Failover', 'Multi-AZ', 'Tool', 'Notes'], (c) => {
    const ha = c.input.ha;
    if (!ha) return null;
    return [code(c.name), ha.mode, ha.replicas === undefined ? '' : String(ha.replicas), ha.shards === undefined ? '' : String(ha.shards), ha.quorum === undefined ? '' : String(ha.quorum), ha.failover ?? '', ha.multiAz ? 'yes' : '', ha.tool ? text(ha.tool) : '', ha.notes ? text(ha.notes) : ''];
  }, 2);
}

function healthSection(ctx: DocContext): Section {
  return componentTable(ctx, 'Health checks', ['Component', 'Path', 'Port', 'Initial delay', 'Interval', 'Timeout', 'Thresholds', 'Latency', 'Readiness'], (c) => {
    const h = c.input.health;
    if (!h) return null;
    const m = ctx.model;
    const thresholds = [h.healthyThreshold === undefined ? '' : `healthy after ${h.healthyThreshold}`, h.unhealthyThreshold === undefined ? '' : `unhealthy after ${h.unhealthyThreshold}`].filter((x) => x !== '').join(', ');
    const r = h.readiness;
    const readiness = r
      ? [r.path ? code(r.path) : '', r.port === undefined ? '' : `port ${r.port}`, written(m, r, 'initialDelay') === null ? '' : `delay ${text(written(m, r, 'initialDelay') ?? '')}`, written(m, r, 'interval') === null ? '' : `every ${text(written(m, r, 'interval') ?? '')}`, written(m, r, 'timeout') === null ? '' : `timeout ${text(written(m, r, 'timeout') ?? '')}`].filter((x) => x !== '').join(', ')
      : h.readinessPath
        ? code(h.readinessPath)
        : '';
    return [code(c.name), h.path ? code(h.path) : '', h.port === undefined ? '' : String(h.port), text(written(m, h, 'initialDelay') ?? ''), text(written(m, h, 'interval') ?? ''), text(written(m, h, 'timeout') ?? ''), thresholds, text(written(m, h, 'latency') ?? ''), readiness];
  });
}

function managedSection(ctx: DocContext): Section {
  return componentTable(ctx, 'Managed services', ['Component', 'Provider', 'Service', 'Instance class', 'Nodes', 'Multi-AZ', 'Storage', 'Backup window', 'Maintenance window', 'Read replicas', 'Monitoring', 'Settings'], (c) => {
    const m = c.input.managed;
    if (!m) return null;
    const st = m.storage;
    const storage = st ? [st.type ? code(st.type) : '', text(written(ctx.model, st, 'size') ?? ''), written(ctx.model, st, 'iops') === null ? '' : `${text(written(ctx.model, st, 'iops') ?? '')} IOPS`, written(ctx.model, st, 'throughput') === null ? '' : `${text(written(ctx.model, st, 'throughput') ?? '')} throughput`].filter((x) => x !== '').join(', ') : '';
    const rr = m.readReplicas;
    const replicas = rr ? `${rr.count}${rr.instanceClass ? ` × ${code(rr.instanceClass)}` : ''}${rr.zones?.length ? ` in ${rr.zones.map(code).join(', ')}` : ''}` : '';
    const monitoring = Object.entries(m.monitoring ?? {}).filter(([, on]) => on).map(([k]) => text(k)).join(', ');
    const settings = Object.entries(m.settings ?? {}).map(([k, v]) => code(`${k}=${shown(k, v)}`)).join(', ');
    return [code(c.name), text(m.provider), text(m.service), m.instanceClass ? code(m.instanceClass) : '', m.nodes === undefined ? '' : String(m.nodes), m.multiAz === undefined ? '' : m.multiAz ? 'yes' : 'no', storage, m.backupWindow ? text(m.backupWindow) : '', m.maintenanceWindow ? text(m.maintenanceWindow) : '', replicas, monitoring, settings];
  }, 3);
}

function dataSection(ctx: DocContext): Section {
  const variants = mergeComponentRows(
    ctx.components,
    (c) => c.input.data !== undefined,
    (c) => (c.input.data ?? []).map((d) => [code(c.name), code(d.name), d.purpose ? text(d.purpose) : '', text(written(ctx.model, d, 'size') ?? ''), text(written(ctx.model, d, 'ttl') ?? '')]),
  );
  const merged = withPhaseColumn(['Component', 'Data', 'Purpose', 'Size', 'TTL'], variants, ctx.phases);
  return section('Data', [compactTable(merged.header, merged.rows, 2)]);
}

function settingsSection(ctx: DocContext): Section {
  return componentTable(ctx, 'Engine settings', ['Component', 'Settings', 'Persistence', 'Extensions', 'Environment'], (c) => {
    const i = c.input;
    const settings = Object.entries(i.settings ?? {}).map(([k, v]) => code(`${k}=${shown(k, v)}`)).join(', ');
    const p = i.persistence;
    const persistence = p ? [p.aof ? `AOF ${p.aof.enabled ? 'on' : 'off'}${p.aof.fsync === undefined ? '' : ` (fsync ${text(written(ctx.model, p.aof, 'fsync') ?? '')})`}` : '', p.snapshots ? `snapshots ${text(written(ctx.model, p.snapshots, 'every') ?? '')}` : ''].filter((x) => x !== '').join(', ') : '';
    const env = Object.entries(i.env ?? {}).map(([k, v]) => code(`${k}=${shown(k, v)}`)).join(', ');
    const extensions = (i.extensions ?? []).map(code).join(', ');
    if (settings === '' && persistence === '' && env === '' && extensions === '') return null;
    return [code(c.name), settings, persistence, extensions, env];
  });
}

/** Third-party services the system calls. */
function externalSection(ctx: DocContext): Section {
  const variants = mergeComponentRows(
    ctx.components,
    (c) => c.kind === 'external',
    (c) => [[
        componentName(c),
        c.input.endpoint ? code(c.input.endpoint) : '',
        (c.input.ports ?? []).map((p) => `${p.port}${p.protocol ? `/${p.protocol}` : ''}${p.appProtocol ? ` ${p.appProtocol}` : ''}`).join(', '),
        c.input.rateLimit ? text(c.input.rateLimit) : '',
        c.input.description ? text(c.input.description) : '',
      ]],
  );
  const merged = withPhaseColumn(['Service', 'Endpoint', 'Ports', 'Rate limit', 'Description'], variants, ctx.phases);
  return section('External services', [compactTable(merged.header, merged.rows)]);
}
