import type { DocContext } from './context.js';
import { written } from './figures.js';
import { BR, bullets, code, compactTable, facts, section, text, type Section } from './markdown.js';

/** Objectives: availability, latency, throughput, capacity limits. */
export function objectivesSection(ctx: DocContext): Section {
  const o = ctx.model.input.objectives;
  if (!o) return section('Objectives');
  const latency = (o.latency ?? []).map((l) => [text(l.name), l.of ? code(l.of) : '', text(written(ctx.model, l, 'bound') ?? ''), l.percentile ? text(l.percentile) : '']);
  const throughput = (o.throughput ?? []).map((t) => [text(t.name), text(written(ctx.model, t, 'value') ?? ''), t.per === 'concurrent' ? 'concurrent' : `per ${t.per}`]);
  const capacity = (o.capacity ?? []).map((c) => [text(c.name), text(written(ctx.model, c, 'users') ?? ''), c.notes ? text(c.notes) : '']);
  return section('Objectives', [
    facts([['Availability', written(ctx.model, o, 'availability') === null ? null : text(written(ctx.model, o, 'availability') ?? '')]]),
    latency.length ? `Latency:\n\n${compactTable(['Objective', 'Of', 'Bound', 'Percentile'], latency, 3)}` : null,
    throughput.length ? `Throughput:\n\n${compactTable(['Objective', 'Value', 'Per'], throughput)}` : null,
    capacity.length ? `Capacity limits:\n\n${compactTable(['Architecture', 'Users', 'Notes'], capacity, 2)}` : null,
  ]);
}

/** Alert thresholds. */
export function alertsSection(ctx: DocContext): Section {
  const rows = (ctx.model.input.alerts ?? []).map((a) => {
    const threshold = [written(ctx.model, a, 'above') === null ? '' : `above ${text(written(ctx.model, a, 'above') ?? '')}`, written(ctx.model, a, 'below') === null ? '' : `below ${text(written(ctx.model, a, 'below') ?? '')}`].filter((x) => x !== '').join(', ');
    const window = [written(ctx.model, a, 'for') === null ? '' : `for ${text(written(ctx.model, a, 'for') ?? '')}`, a.evaluationPeriods === undefined ? '' : `${a.evaluationPeriods} periods`, written(ctx.model, a, 'period') === null ? '' : `of ${text(written(ctx.model, a, 'period') ?? '')}`].filter((x) => x !== '').join(' ');
    return [code(a.name), text(a.metric), threshold, window, a.severity ?? '', a.notes ? text(a.notes) : ''];
  });
  return section('Alerts', [compactTable(['Alert', 'Metric', 'Threshold', 'Window', 'Severity', 'Notes'], rows, 2)]);
}

/** Observability: log groups with retention, metrics. */
export function observabilitySection(ctx: DocContext): Section {
  const o = ctx.model.input.observability;
  const logs = (o?.logs ?? []).map((l) => [code(l.name), l.source ? code(l.source) : '', text(written(ctx.model, l, 'retention') ?? '')]);
  const metrics = (o?.metrics ?? []).map((m) => [text(m.name), m.namespace ? code(m.namespace) : '', m.unit ? text(m.unit) : '', m.description ? text(m.description) : '']);
  return section('Observability', [
    logs.length ? `Logs:\n\n${compactTable(['Log', 'Source', 'Retention'], logs)}` : null,
    metrics.length ? `Metrics:\n\n${compactTable(['Metric', 'Namespace', 'Unit', 'Description'], metrics)}` : null,
  ]);
}

/** Security: IAM roles and their policies, encryption by scope and by component. */
export function securitySection(ctx: DocContext): Section {
  const iamRows: string[][] = [];
  for (const [key, role] of Object.entries(ctx.model.input.iam?.roles ?? {})) {
    const statements = (role.policies ?? []).flatMap((p) => p.statements.map((s) => `${text(p.name)}: ${s.effect} ${s.actions.map(code).join(', ')} on ${s.resources.map(code).join(', ')}`));
    iamRows.push([code(key), role.name ? code(role.name) : '', (role.assumedBy ?? []).map(code).join(', '), statements.join(BR)]);
  }
  const encryptionRows = Object.entries(ctx.model.input.encryption ?? {}).map(([scope, e]) => [text(scope), e.enabled === undefined ? '' : e.enabled ? 'yes' : 'no', e.algorithm ? text(e.algorithm) : '', e.keySource ? text(e.keySource) : '', e.keyId ? code(e.keyId) : '', e.bucketKey === undefined ? '' : e.bucketKey ? 'bucket key' : '']);
  const componentRows: string[][] = [];
  const seen = new Set<string>();
  for (const phase of ctx.phases) {
    for (const c of phase.components) {
      const e = c.input.encryption;
      const s = c.input.security;
      if ((!e && !s) || seen.has(c.name)) continue;
      seen.add(c.name);
      const enc = e ? [e.atRest ? 'at rest' : '', e.inTransit ? 'in transit' : '', e.algorithm ? text(e.algorithm) : '', e.keySource ? text(e.keySource) : '', e.keyId ? code(e.keyId) : ''].filter((x) => x !== '').join(', ') : '';
      const sec = s
        ? [
            s.runAsNonRoot ? 'non-root' : '',
            s.runAsUser === undefined ? '' : `user ${s.runAsUser}`,
            s.fsGroup === undefined ? '' : `fsGroup ${s.fsGroup}`,
            s.privileged ? 'privileged' : '',
            s.readOnlyRootFilesystem ? 'read-only root filesystem' : '',
            s.capabilities?.add?.length ? `adds ${s.capabilities.add.map(code).join(', ')}` : '',
            s.capabilities?.drop?.length ? `drops ${s.capabilities.drop.map(code).join(', ')}` : '',
            s.hostPaths?.length ? `host paths ${s.hostPaths.map(code).join(', ')}` : '',
          ]
            .filter((x) => x !== '')
            .join(', ')
        : '';
      componentRows.push([code(c.name), enc, sec]);
    }
  }
  return section('Security', [
    iamRows.length ? `IAM roles:\n\n${compactTable(['Role', 'Name', 'Assumed by', 'Policy statements'], iamRows)}` : null,
    encryptionRows.length ? `Encryption at rest by scope:\n\n${compactTable(['Scope', 'Enabled', 'Algorithm', 'Key source', 'Key', 'Notes'], encryptionRows)}` : null,
    componentRows.length ? `Components:\n\n${compactTable(['Component', 'Encryption', 'Security context'], componentRows)}` : null,
  ]);
}

/** Cost catalog: provider offers, budgets, reservations, spot, savings. Phase costs are in each phase. */
export function costSection(ctx: DocContext): Section {
  const cost = ctx.model.input.cost;
  if (!cost) return section('Cost');
  const offers = (cost.offers ?? []).map((o) => [
    text(o.provider),
    code(o.offer),
    text(written(ctx.model, o, 'cpu') ?? ''),
    text(written(ctx.model, o, 'memory') ?? ''),
    text(written(ctx.model, o, 'disk') ?? ''),
    o.gpu ? `${o.gpu.count}×${o.gpu.model ? ` ${text(o.gpu.model)}` : ''}` : '',
    text(written(ctx.model, o, 'price') ?? ''),
    o.region ? text(o.region) : '',
    o.date ? text(o.date) : '',
    o.source ? text(o.source) : '',
    o.notes ? text(o.notes) : '',
  ]);
  const budgets = (cost.budgets ?? []).map((b) => [text(b.name), text(written(ctx.model, b, 'amount') ?? ''), text(written(ctx.model, b, 'alertAt') ?? '')]);
  const reserved = (cost.reserved ?? []).map((r) => [code(r.offer), text(written(ctx.model, r, 'term') ?? ''), r.payment, String(r.quantity)]);
  const savings = (cost.savings ?? []).map((s) => [text(s.name), text(written(ctx.model, s, 'estimate') ?? ''), s.of ?? '', (s.strategies ?? []).map(text).join(BR)]);
  return section('Cost', [
    facts([
      ['Currency', cost.currency ?? null],
      ['Spot instances', cost.spot ? `at most ${text(written(ctx.model, cost.spot, 'maxShare') ?? '')}${cost.spot.fallbackToOnDemand ? ', falling back to on-demand' : ''}` : null],
      ['Rightsizing review', cost.rightsizing ? `${text(written(ctx.model, cost.rightsizing, 'review') ?? '')}${cost.rightsizing.automated ? ', automated' : ''}` : null],
      ['Anomaly detection', cost.anomalyDetection ? `${cost.anomalyDetection.sensitivity} sensitivity${cost.anomalyDetection.channels?.length ? `, notifies ${cost.anomalyDetection.channels.map(text).join(', ')}` : ''}` : null],
    ]),
    offers.length ? `Provider offers:\n\n${compactTable(['Provider', 'Offer', 'CPU', 'Memory', 'Disk', 'GPU', 'Price', 'Region', 'Date', 'Source', 'Notes'], offers, 2)}` : null,
    budgets.length ? `Budgets:\n\n${compactTable(['Budget', 'Amount', 'Alert at'], budgets, 2)}` : null,
    reserved.length ? `Reserved capacity:\n\n${compactTable(['Offer', 'Term', 'Payment', 'Quantity'], reserved)}` : null,
    savings.length ? `Savings the page estimates:\n\n${compactTable(['Saving', 'Estimate', 'Of', 'Strategies'], savings, 2)}` : null,
  ]);
}

/** The pre-deployment checklist, as task lists. */
export function checklistSection(ctx: DocContext): Section {
  const sections = ctx.model.input.checklist ?? [];
  return section(
    'Pre-deployment checklist',
    [],
    sections.map((s) => section(text(s.section), [s.items.length ? s.items.map((i) => `- [ ] ${text(i)}`).join('\n') : null])),
  );
}

/** Prose the spec keeps. */
export function notesSection(ctx: DocContext): Section {
  return section('Notes', [bullets((ctx.model.input.notes ?? []).map(text))]);
}
