import type { StatedPlan } from '../../plan/plan.js';
import type { Model } from '../../spec/model.js';
import { formatBitRate } from '../../units/rate.js';
import type { DocContext } from './context.js';
import { firstPlan, statedByScope } from './context.js';
import { computedCell, mark, written } from './figures.js';
import { BR, bold, bullets, code, compactTable, facts, section, text, type Section } from './markdown.js';
import { mergeComponentRows, withPhaseColumn } from './variants.js';

type NetworkInput = NonNullable<Model['input']['network']>;

/** Network: ports and NodePorts, flows, firewall, subnets, security groups, ACLs, policies, DNS, TLS, CDN, regions, traffic. */
export function networkSection(ctx: DocContext): Section {
  const network = ctx.model.input.network;
  return section('Network', [], [
    portsSection(ctx),
    nodePortsSection(ctx),
    flowsSection(ctx),
    network ? firewallSection(ctx, network) : null,
    network ? vpcSection(network) : null,
    network ? securityGroupsSection(network) : null,
    network ? aclSection(network) : null,
    network ? policiesSection(ctx, network) : null,
    network ? pathsSection(network) : null,
    network ? dnsSection(ctx, network) : null,
    network ? tlsSection(network) : null,
    network ? cdnSection(ctx, network) : null,
    network ? regionsSection(network) : null,
    network ? trafficSection(ctx, network) : null,
  ]);
}

function portsSection(ctx: DocContext): Section {
  const variants = mergeComponentRows(ctx.components, (c) => c.kind !== 'external' && c.input.ports !== undefined, (c) =>
      (c.input.ports ?? []).map((p) => [
        String(p.port),
        p.protocol ?? '',
        code(c.name),
        p.name ? text(p.name) : '',
        p.appProtocol ?? '',
        `${p.exposure ?? ''}${p.optional ? ' (optional)' : ''}`,
        p.nodePort === undefined ? '' : String(p.nodePort),
        (p.from ?? []).map(code).join(', '),
        p.description ? text(p.description) : '',
      ]),
  );
  const merged = withPhaseColumn(['Port', 'Protocol', 'Component', 'Name', 'Application protocol', 'Exposure', 'NodePort', 'Allowed from', 'Description'], variants, ctx.phases);
  return section('Ports', [compactTable(merged.header, merged.rows)]);
}

function nodePortsSection(ctx: DocContext): Section {
  const variants = mergeComponentRows(ctx.components, (c) => c.kind !== 'external' && c.input.ports !== undefined, (c) =>
    (c.input.ports ?? []).filter((p) => p.nodePort !== undefined).map((p) => [`${code(c.name)}${p.name ? ` ${text(p.name)}` : ''}`, String(p.port), String(p.nodePort), p.exposure ?? '']),
  );
  const merged = withPhaseColumn(['Service', 'Port', 'NodePort', 'Exposure'], variants, ctx.phases);
  return section('NodePorts', [compactTable(merged.header, merged.rows, 3)]);
}

function flowsSection(ctx: DocContext): Section {
  const variants = mergeComponentRows(
    ctx.components,
    (c) => c.input.flows !== undefined,
    (c) =>
      (c.input.flows ?? []).map((f) => {
        const route = [
          f.path ? `path ${code(f.path)}` : '',
          f.weight === undefined ? '' : `weight ${f.weight}%`,
          written(ctx.model, f, 'timeout') === null ? '' : `timeout ${text(written(ctx.model, f, 'timeout') ?? '')}`,
          f.retries ? `${f.retries.attempts} retries${f.retries.perTryTimeout === undefined ? '' : ` of ${text(written(ctx.model, f.retries, 'perTryTimeout') ?? '')}`}` : '',
          f.circuitBreaker ? `circuit breaker: ${Object.entries(f.circuitBreaker).map(([k, v]) => `${text(k)} ${text(String(v))}`).join(', ')}` : '',
        ].filter((x) => x !== '');
        return [
          code(c.name),
          code(f.to),
          f.port === undefined ? '' : String(f.port),
          f.protocol ?? '',
          text(written(ctx.model, f, 'latency') ?? ''),
          text(written(ctx.model, f, 'bandwidth') ?? ''),
          route.join(BR),
          f.description ? text(f.description) : '',
        ];
      }),
  );
  const merged = withPhaseColumn(['From', 'To', 'Port', 'Protocol', 'Max latency', 'Bandwidth', 'Routing', 'Description'], variants, ctx.phases);
  return section('Flows', [compactTable(merged.header, merged.rows, 2)]);
}

function firewallSection(ctx: DocContext, network: NetworkInput): Section {
  const shown = new Set(ctx.phaseNames);
  const rules = (network.firewall ?? []).filter((r) => r.phases === undefined || r.phases.some((p) => shown.has(p)));
  const rows = rules.map((r) => [
    text(String(r.port)),
    r.protocol ?? '',
    r.direction ?? '',
    r.scope,
    (r.from ?? []).map(code).join(', '),
    (r.to ?? []).map(code).join(', '),
    `${r.service ? text(r.service) : ''}${r.optional ? ' (optional)' : ''}`,
    r.phases ? r.phases.map(code).join(', ') : '',
    r.description ? text(r.description) : '',
  ]);
  return section('Firewall rules', [compactTable(['Port', 'Protocol', 'Direction', 'Scope', 'From', 'To', 'Service', 'Phases', 'Description'], rows, 4)]);
}

function vpcSection(network: NetworkInput): Section {
  const vpc = network.vpc;
  const rows = Object.entries(network.subnets ?? {}).map(([name, s]) => [code(name), s.cidr ? code(s.cidr) : '', s.zone ? code(s.zone) : '', s.tier ?? '', s.publicIp === undefined ? '' : s.publicIp ? 'yes' : 'no', (s.hosts ?? []).map(code).join(', ')]);
  return section(vpc ? 'VPC and subnets' : 'Subnets', [
    vpc ? facts([['VPC', code(vpc.cidr)], ['DNS hostnames', vpc.dnsHostnames === undefined ? null : vpc.dnsHostnames ? 'enabled' : 'disabled'], ['DNS support', vpc.dnsSupport === undefined ? null : vpc.dnsSupport ? 'enabled' : 'disabled']]) : null,
    compactTable(['Subnet', 'CIDR', 'Zone', 'Tier', 'Public IP', 'Hosts'], rows),
  ]);
}

function protocolText(p: string): string {
  return p === '-1' || p === 'all' ? 'all' : p;
}

function securityGroupsSection(network: NetworkInput): Section {
  const rows: string[][] = [];
  for (const [name, group] of Object.entries(network.securityGroups ?? {})) {
    for (const [direction, list] of [['ingress', group.ingress], ['egress', group.egress]] as const) {
      for (const r of list ?? []) {
        const peer = [r.from ? `group ${code(r.from)}` : '', ...(r.cidr ?? []).map(code)].filter((x) => x !== '').join(', ');
        rows.push([code(name), (group.appliesTo ?? []).map(code).join(', '), direction, protocolText(r.protocol), r.port === undefined ? 'all' : text(String(r.port)), peer, r.description ? text(r.description) : '']);
      }
    }
  }
  return section('Security groups', [compactTable(['Group', 'Applies to', 'Direction', 'Protocol', 'Port', 'Source / destination', 'Description'], rows, 5)]);
}

function aclSection(network: NetworkInput): Section {
  const rows: string[][] = [];
  for (const [name, acl] of Object.entries(network.acls ?? {})) {
    for (const [direction, list] of [['inbound', acl.inbound], ['outbound', acl.outbound]] as const) {
      for (const r of list ?? []) rows.push([code(name), (acl.subnets ?? []).map(code).join(', '), direction, String(r.rule), protocolText(r.protocol), text(String(r.ports)), r.action, code(r.cidr)]);
    }
  }
  return section('Network ACLs', [compactTable(['ACL', 'Subnets', 'Direction', 'Rule', 'Protocol', 'Ports', 'Action', 'CIDR'], rows, 4)]);
}

type PolicyRule = NonNullable<NonNullable<NetworkInput['policies']>[number]['ingress']>[number];

function policyRules(rules: readonly PolicyRule[] | undefined): string {
  if (rules === undefined) return '';
  if (rules.length === 0) return 'nothing';
  return rules
    .map((r) => {
      const peers = r.peers === undefined || r.peers.length === 0 ? 'any peer' : r.peers.map((p) => [p.all ? 'all pods' : '', p.component ? code(p.component) : '', p.namespace ? `namespace ${code(p.namespace)}` : '', p.cidr ? code(p.cidr) : ''].filter((x) => x !== '').join(' in ')).join(', ');
      const ports = r.ports === undefined || r.ports.length === 0 ? 'any port' : r.ports.map((p) => `${p.port}${p.protocol ? `/${p.protocol}` : ''}`).join(', ');
      return `${peers} on ${ports}`;
    })
    .join(BR);
}

function policiesSection(ctx: DocContext, network: NetworkInput): Section {
  const defaultNamespace = ctx.model.input.kubernetes?.namespace;
  const rows = (network.policies ?? []).map((p) => [
    code(p.name),
    p.namespace ? code(p.namespace) : defaultNamespace ? `${code(defaultNamespace)} (default)` : '',
    p.selector === '*' ? 'every pod' : code(p.selector),
    p.types.join(', '),
    p.types.includes('Ingress') ? policyRules(p.ingress) || 'nothing (deny)' : '',
    p.types.includes('Egress') ? policyRules(p.egress) || 'nothing (deny)' : '',
  ]);
  return section('Network policies', [compactTable(['Policy', 'Namespace', 'Selects', 'Types', 'Ingress allowed from', 'Egress allowed to'], rows, 4)]);
}

function pathsSection(network: NetworkInput): Section {
  const rows = (network.paths ?? []).map((p) => [code(p.from), code(p.to), p.kind ?? '', p.description ? text(p.description) : '']);
  return section('Allowed paths between segments', [compactTable(['From', 'To', 'Kind', 'Description'], rows, 2)]);
}

function dnsSection(ctx: DocContext, network: NetworkInput): Section {
  const dns = network.dns;
  if (!dns) return section('DNS');
  const rows = (dns.records ?? []).map((r) => [
    code(r.name),
    r.type,
    r.value !== undefined ? code(r.value) : r.alias ? `alias ${code(r.alias.target)}${r.alias.zoneId ? ` (zone ${code(r.alias.zoneId)})` : ''}` : '',
    text(written(ctx.model, r, 'ttl') ?? ''),
    r.optional ? 'yes' : '',
    r.notes ? text(r.notes) : '',
  ]);
  const ttl = Object.keys(dns.ttl ?? {}).map((situation) => `${text(situation)}: ${text(written(ctx.model, dns.ttl ?? {}, situation) ?? '')}`);
  return section('DNS', [
    facts([
      ['Zone', dns.zone === undefined ? null : code(dns.zone)],
      ['Private', dns.private === undefined ? null : dns.private ? 'yes' : 'no'],
      ['Recommended TTLs', ttl.length ? ttl.join(', ') : null],
    ]),
    compactTable(['Name', 'Type', 'Value', 'TTL', 'Optional', 'Notes'], rows, 3),
    bullets((dns.notes ?? []).map(text)),
  ]);
}

function tlsSection(network: NetworkInput): Section {
  const tls = network.tls;
  if (!tls) return section('TLS');
  const certificates = (tls.certificates ?? []).map((c) => [code(c.name), c.ref ? code(c.ref) : '', c.domains.map(code).join(', '), c.issuer ? text(c.issuer) : '']);
  return section('TLS', [
    facts([
      ['Minimum version', `TLS ${tls.minVersion}`],
      ['Cipher suites', tls.ciphers?.length ? tls.ciphers.map(code).join(', ') : null],
    ]),
    compactTable(['Certificate', 'Reference', 'Domains', 'Issuer'], certificates, 3),
  ]);
}

function cdnSection(ctx: DocContext, network: NetworkInput): Section {
  const cdn = network.cdn;
  if (!cdn) return section('CDN');
  const ttl = cdn.ttl ? (['default', 'min', 'max'] as const).map((k) => (written(ctx.model, cdn.ttl, k) === null ? '' : `${k} ${text(written(ctx.model, cdn.ttl, k) ?? '')}`)).filter((x) => x !== '').join(', ') : null;
  const origins = (cdn.origins ?? []).map((o) => [code(o.id), code(o.domain), o.protocol ?? '', (o.tls ?? []).map(text).join(', '), o.httpPort === undefined ? '' : String(o.httpPort), o.httpsPort === undefined ? '' : String(o.httpsPort)]);
  return section('CDN', [
    facts([
      ['Provider', text(cdn.provider)],
      ['Enabled', cdn.enabled === undefined ? null : cdn.enabled ? 'yes' : 'no'],
      ['Viewer protocol', cdn.viewerProtocol ?? null],
      ['Allowed methods', cdn.allowedMethods?.join(', ') ?? null],
      ['Cached methods', cdn.cachedMethods?.join(', ') ?? null],
      ['Compression', cdn.compress === undefined ? null : cdn.compress ? 'on' : 'off'],
      ['TTL', ttl],
      ['Cache TTL', written(ctx.model, cdn, 'cacheTtl') === null ? null : text(written(ctx.model, cdn, 'cacheTtl') ?? '')],
      ['Static content TTL', written(ctx.model, cdn, 'staticTtl') === null ? null : text(written(ctx.model, cdn, 'staticTtl') ?? '')],
      ['Geo restriction', cdn.geoRestriction === undefined ? null : text(cdn.geoRestriction)],
      ['Viewer certificate', cdn.viewerCertificate === undefined ? null : text(cdn.viewerCertificate)],
    ]),
    compactTable(['Origin', 'Domain', 'Protocol', 'TLS', 'HTTP port', 'HTTPS port'], origins, 2),
  ]);
}

function regionsSection(network: NetworkInput): Section {
  const rows = (network.regions ?? []).map((r) => [code(r.name), (r.zones ?? []).map(code).join(', '), (r.roles ?? []).map(code).join(', '), r.primary ? 'yes' : '', r.replicaOf ? code(r.replicaOf) : '']);
  return section('Regions', [compactTable(['Region', 'Zones', 'Roles', 'Primary', 'Replica of'], rows)]);
}

function trafficSection(ctx: DocContext, network: NetworkInput): Section {
  const traffic = network.traffic;
  if (!traffic) return section('Traffic');
  const stated = statedByScope(firstPlan(ctx));
  const blocks: string[] = [];
  for (const direction of ['ingress', 'egress', 'internal'] as const) {
    const d = traffic[direction];
    if (!d) continue;
    const model = ctx.model.traffic.find((t) => t.direction === direction);
    const rows = Object.entries(d.items).map(([name, item]) => [
      text(name),
      text(written(ctx.model, item, 'average') ?? ''),
      text(written(ctx.model, item, 'peak') ?? ''),
      `${text(written(ctx.model, item, 'rate') ?? '')}${item.per ? ` per ${text(item.per)}` : ''}`,
      item.description ? text(item.description) : '',
    ]);
    if (model) {
      const sum = (key: 'averageBps' | 'peakBps') => {
        if (model.items.length === 0 || model.items.some((i) => i[key] === null)) {
          const known = model.items.filter((i) => i[key] !== null);
          return known.length ? `≥ ${formatBitRate(known.reduce((s, i) => s + (i[key] ?? 0n), 0n))}` : '';
        }
        return formatBitRate(model.items.reduce((s, i) => s + (i[key] ?? 0n), 0n));
      };
      const average = sum('averageBps');
      const peak = sum('peakBps');
      if (average !== '' || peak !== '') rows.push([bold('Total (computed)'), text(average), text(peak), '', '']);
    }
    const checks = (stated.get(`traffic ${direction}`) ?? []).map((s: StatedPlan) => `${mark(s.ok)} ${text(s.label ?? s.what)}: stated ${text(s.stated)}, computed ${computedCell(s)}`);
    blocks.push(`${direction[0]?.toUpperCase()}${direction.slice(1)}:\n\n${compactTable(['Item', 'Average', 'Peak', 'Volume', 'Description'], rows, 1) ?? ''}`);
    const list = bullets(checks);
    if (list) blocks.push(list);
  }
  return section('Traffic', blocks);
}

