import type { ComponentModel, PhaseModel } from '../../spec/model.js';
import {
  cidrContains,
  cidrOverlaps,
  componentsByName,
  describePorts,
  flowInput,
  flowPorts,
  flowTransport,
  isEverywhere,
  isPrivateOnly,
  parseCidr,
  parsePortRange,
  placedRoles,
  type Cidr,
  type FirewallRuleInput,
  type SecurityGroupInput,
  type SecurityRuleInput,
  type SubnetInput,
  type Transport,
} from '../../spec/network.js';
import type { SourceSpan } from '../../spec/source.js';
import type { Rule } from '../types.js';

type Message = 'firewall' | 'firewallFrom' | 'publicPort' | 'securityGroup' | 'securityGroupEgress' | 'securityGroupPublic' | 'segment';

/** Where a component sits on the network, as far as the page says. */
interface Place {
  component: ComponentModel;
  roles: string[] | null;
  groups: string[];
  subnets: Array<{ name: string; subnet: SubnetInput; cidr: Cidr | null }>;
}

function firewallRuleIn(rule: FirewallRuleInput, phase: PhaseModel): boolean {
  return !rule.phases || rule.phases.includes(phase.name);
}

function firewallPortsMatch(rule: FirewallRuleInput, ports: readonly number[], transport: Transport): boolean {
  if ((rule.protocol ?? 'tcp') !== transport.toLowerCase()) return false;
  const range = parsePortRange(rule.port);
  return range === null || ports.some((p) => range.low <= p && p <= range.high);
}

/** An inbound rule that lets one machine reach another: inter-server, or external (open to anyone, other servers included). */
function opensBetweenMachines(rule: FirewallRuleInput): boolean {
  return (rule.direction ?? 'inbound') === 'inbound' && (rule.scope === 'inter-server' || rule.scope === 'external');
}

/**
 * Firewall rules by the port they open, so a flow looks up its port instead of
 * scanning every rule: single ports in a map, ranges (few) in a list.
 */
class PortIndex {
  readonly #single = new Map<string, FirewallRuleInput[]>();
  readonly #ranged: FirewallRuleInput[] = [];
  constructor(rules: readonly FirewallRuleInput[]) {
    for (const rule of rules) {
      const range = parsePortRange(rule.port);
      if (range && range.low === range.high) {
        const key = `${rule.protocol ?? 'tcp'}\u0000${range.low}`;
        this.#single.set(key, [...(this.#single.get(key) ?? []), rule]);
      } else this.#ranged.push(rule);
    }
  }
  /** The rules that open one of the ports over the transport, in page order of each kind. */
  opening(ports: readonly number[], transport: Transport): FirewallRuleInput[] {
    const protocol = transport.toLowerCase();
    const found = ports.flatMap((p) => this.#single.get(`${protocol}\u0000${p}`) ?? []);
    return [...found, ...this.#ranged.filter((r) => firewallPortsMatch(r, ports, transport))];
  }
}

function listed(names: readonly string[] | undefined, ...candidates: string[]): boolean {
  return !names || candidates.some((c) => names.includes(c));
}

function protocolMatches(protocol: SecurityRuleInput['protocol'], transport: Transport): boolean {
  if (protocol === '-1' || protocol === 'all') return true;
  return protocol === transport.toLowerCase();
}

function securityPortsMatch(rule: SecurityRuleInput, ports: number[] | null): boolean {
  if (rule.protocol === '-1' || rule.protocol === 'all' || ports === null) return true;
  const range = parsePortRange(rule.port);
  return range === null || ports.some((p) => range.low <= p && p <= range.high);
}

/**
 * Whether a security-group rule names the peer: by its group, or by a CIDR that
 * holds its address. Where the page does not give the peer's address, a block
 * that may hold it counts (the rule must not report what the page may allow).
 */
function securityPeerMatches(rule: SecurityRuleInput, peer: Place, vpc: Cidr | null): boolean {
  if (rule.from === undefined && rule.cidr === undefined) return true;
  if (rule.from !== undefined && peer.groups.includes(rule.from)) return true;
  return (rule.cidr ?? []).some((text) => {
    const block = parseCidr(text);
    if (!block || isEverywhere(block)) return true;
    if (peer.component.kind === 'external') return !isPrivateOnly(block);
    const known = peer.subnets.map((s) => s.cidr).filter((c): c is Cidr => c !== null);
    if (known.length) return known.every((c) => cidrContains(block, c));
    return vpc === null || cidrOverlaps(block, vpc);
  });
}

export const flowBlockedByFirewall: Rule<Message> = {
  id: 'flow-blocked-by-firewall',
  severity: 'error',
  category: 'network',
  summary: 'Host firewall rules, security groups and network segments must allow every declared flow between machines, and open every public port.',
  messages: {
    firewall: '`{from}` on `{fromRole}` cannot reach `{to}` on `{toRole}` on {port}: no firewall rule opens it between the machines, so the connection is dropped',
    firewallFrom: '`{from}` on `{fromRole}` cannot reach `{to}` on `{toRole}` on {port}: the firewall opens it only to {allowed}, so the connection is dropped',
    publicPort: '`{component}` publishes {port} with `exposure: {exposure}`, but no external firewall rule opens it: clients outside the machines cannot connect',
    securityGroup: '`{from}` cannot reach `{to}` on {port}: no ingress rule of security group {groups} admits `{from}`',
    securityGroupEgress: '`{from}` cannot reach `{to}` on {port}: no egress rule of security group {groups} lets it out',
    securityGroupPublic: '`{component}` publishes {port} with `exposure: {exposure}`, but no ingress rule of security group {groups} opens it to the internet',
    segment: '`{from}` in subnet `{fromSubnet}` cannot reach `{to}` in subnet `{toSubnet}`: no network path leads from `{fromSegment}` to `{toSegment}`',
  },
  docs: {
    why: 'A host firewall (ufw, firewalld), an AWS security group or a segmented network drops whatever it does not allow. When a page moves PostgreSQL to its own server but lists port 5432 only for replication between database servers, or publishes a port no rule opens, the deployment passes every install step and then the application cannot connect. Each kind is judged only where the page declares it, and host firewall rules only in the phases they name. Flows between components that may share a machine are not judged (they never cross the firewall), nor is the outgoing side of a host firewall (ufw and firewalld allow outgoing traffic by default); a security group\'s egress is judged when the group lists egress rules.',
    invalid: `components:
  app:
    kind: service
    placement: { role: app-server }
    flows: [{ to: db, port: 5432 }]
  db:
    kind: datastore
    placement: { role: db-server }
roles:
  app-server: { count: 1 }
  db-server: { count: 1 }
network:
  firewall:
    - { port: 5432, protocol: tcp, scope: internal }
`,
    valid: `components:
  app:
    kind: service
    placement: { role: app-server }
    flows: [{ to: db, port: 5432 }]
  db:
    kind: datastore
    placement: { role: db-server }
roles:
  app-server: { count: 1 }
  db-server: { count: 1 }
network:
  firewall:
    - { port: 5432, protocol: tcp, scope: internal }
    - { port: 5432, protocol: tcp, scope: inter-server, from: [app-server], to: [db-server] }
`,
    fix: 'Open the port between the roles (`scope: inter-server` with `from` and `to`), add the security-group rule that admits the source group, or add the `network.paths` entry between the segments.',
  },
  check(model, report, analysis) {
    const network = model.input.network;
    if (!network) return;
    const firewall = network.firewall ?? [];
    const groups = Object.entries(network.securityGroups ?? {});
    const subnets = Object.entries(network.subnets ?? {});
    const paths = network.paths ?? [];
    if (!firewall.length && !groups.length && !paths.length) return;
    const vpc = network.vpc ? parseCidr(network.vpc.cidr) : null;
    const pathSet = new Set(paths.map((p) => `${p.from}\u0000${p.to}`));

    // Who each group applies to and what each subnet hosts, by role or component name.
    const groupsByHost = new Map<string, string[]>();
    for (const [name, group] of groups) for (const host of group.appliesTo ?? []) groupsByHost.set(host, [...(groupsByHost.get(host) ?? []), name]);
    const groupByName = new Map<string, SecurityGroupInput>(groups);
    const subnetsByHost = new Map<string, Place['subnets']>();
    for (const [name, subnet] of subnets) {
      const entry = { name, subnet, cidr: subnet.cidr === undefined ? null : parseCidr(subnet.cidr) };
      for (const host of subnet.hosts ?? []) subnetsByHost.set(host, [...(subnetsByHost.get(host) ?? []), entry]);
    }

    for (const phase of model.phases) {
      const inPhase = firewall.filter((r) => firewallRuleIn(r, phase));
      const betweenMachines = new PortIndex(inPhase.filter(opensBetweenMachines));
      const external = new PortIndex(inPhase.filter((r) => r.scope === 'external' && (r.direction ?? 'inbound') === 'inbound'));
      const byName = componentsByName(phase);
      const places = new Map<string, Place>();
      const placeOf = (component: ComponentModel): Place => {
        const known = places.get(component.name);
        if (known) return known;
        const roles = placedRoles(phase, component);
        const hosts = [component.name, ...(roles ?? component.roles)];
        const place: Place = {
          component,
          roles,
          groups: [...new Set(hosts.flatMap((h) => groupsByHost.get(h) ?? []))],
          subnets: [...new Map(hosts.flatMap((h) => subnetsByHost.get(h) ?? []).map((s) => [s.name, s])).values()],
        };
        places.set(component.name, place);
        return place;
      };

      for (const source of phase.components) {
        source.flows.forEach((flow, i) => {
          const target = byName.get(flow.to);
          if (!target || target === source) return;
          const input = flowInput(source, i);
          let span: SourceSpan | undefined;
          const at = (): SourceSpan => (span ??= input ? analysis.at(input, 'to') : flow.at);
          const transport = flowTransport(input);
          const ports = flowPorts(flow, target);
          const from = placeOf(source);
          const to = placeOf(target);
          const sharesRole = from.roles !== null && to.roles !== null && from.roles.some((r) => to.roles?.includes(r));
          const data = { from: source.name, to: target.name, port: describePorts(ports, transport) };

          // Host firewall: between machines of different roles only.
          if (inPhase.length && ports !== null && from.roles && to.roles && !sharesRole && transport !== 'SCTP') {
            const opening = betweenMachines.opening(ports, transport);
            check: for (const fromRole of from.roles) {
              for (const toRole of to.roles) {
                const candidates = opening.filter((r) => listed(r.to, toRole, target.name));
                if (candidates.some((r) => listed(r.from, fromRole, source.name))) continue;
                const allowed = [...new Set(candidates.flatMap((r) => r.from ?? []))];
                const roleData = { ...data, fromRole, toRole };
                if (allowed.length) report({ at: at(), message: 'firewallFrom', data: { ...roleData, allowed: allowed.map((a) => `\`${a}\``).join(', ') }, phase: phase.name });
                else report({ at: at(), message: 'firewall', data: roleData, phase: phase.name });
                break check;
              }
            }
          }

          // Security groups: stateful, allow-only; the target's ingress, and the source's egress when its groups declare one.
          if (!sharesRole) {
            if (to.groups.length) {
              const admitted = to.groups.some((g) => (groupByName.get(g)?.ingress ?? []).some((r) => protocolMatches(r.protocol, transport) && securityPortsMatch(r, ports) && securityPeerMatches(r, from, vpc)));
              if (!admitted) report({ at: at(), message: 'securityGroup', data: { ...data, groups: to.groups.map((g) => `\`${g}\``).join(', ') }, phase: phase.name });
            }
            const withEgress = from.groups.filter((g) => groupByName.get(g)?.egress !== undefined);
            if (withEgress.length) {
              const out = withEgress.some((g) => (groupByName.get(g)?.egress ?? []).some((r) => protocolMatches(r.protocol, transport) && securityPortsMatch(r, ports) && securityPeerMatches(r, to, vpc)));
              if (!out) report({ at: at(), message: 'securityGroupEgress', data: { ...data, groups: withEgress.map((g) => `\`${g}\``).join(', ') }, phase: phase.name });
            }
          }

          // Segments: a flow from one subnet (or tier) to another needs a path between them.
          if (paths.length && from.subnets.length && to.subnets.length) {
            for (const fromSubnet of from.subnets) {
              const same = to.subnets.some((t) => t.name === fromSubnet.name || (t.subnet.tier !== undefined && t.subnet.tier === fromSubnet.subnet.tier));
              if (same) continue;
              const fromSegments = [fromSubnet.name, ...(fromSubnet.subnet.tier ? [fromSubnet.subnet.tier] : [])];
              const reached = fromSegments.some((f) => to.subnets.some((t) => pathSet.has(`${f}\u0000${t.name}`) || (t.subnet.tier !== undefined && pathSet.has(`${f}\u0000${t.subnet.tier}`))));
              if (reached) continue;
              const toSubnet = to.subnets[0];
              if (!toSubnet) break;
              report({
                at: at(),
                message: 'segment',
                data: { from: source.name, to: target.name, fromSubnet: fromSubnet.name, toSubnet: toSubnet.name, fromSegment: fromSubnet.subnet.tier ?? fromSubnet.name, toSegment: toSubnet.subnet.tier ?? toSubnet.name },
                phase: phase.name,
              });
              break;
            }
          }
        });
      }

      // Public and node ports: an external rule (or a security group open to the internet) must let clients in.
      for (const component of phase.components) {
        if (component.kind === 'external') continue;
        const place = placeOf(component);
        for (const port of component.input.ports ?? []) {
          if (port.exposure !== 'public' && port.exposure !== 'node') continue;
          const transport: Transport = port.protocol ?? 'TCP';
          if (transport === 'SCTP') continue;
          const candidates = port.exposure === 'node' ? (port.nodePort === undefined ? [] : [port.nodePort]) : [port.port, ...(port.nodePort === undefined ? [] : [port.nodePort])];
          if (!candidates.length) continue;
          const shown = describePorts([port.exposure === 'node' ? (port.nodePort ?? port.port) : port.port], transport);
          const at = analysis.at(port, 'exposure');
          if (inPhase.length) {
            const opened = external.opening(candidates, transport).some((r) => place.roles === null || listed(r.to, component.name, ...place.roles));
            if (!opened) report({ at, message: 'publicPort', data: { component: component.name, port: shown, exposure: port.exposure }, phase: phase.name });
          }
          if (place.groups.length) {
            const open = place.groups.some((g) =>
              (groupByName.get(g)?.ingress ?? []).some((r) => protocolMatches(r.protocol, transport) && securityPortsMatch(r, candidates) && (r.cidr ?? []).some((text) => {
                const block = parseCidr(text);
                return block !== null && !isPrivateOnly(block);
              })),
            );
            if (!open) report({ at, message: 'securityGroupPublic', data: { component: component.name, port: shown, exposure: port.exposure, groups: place.groups.map((g) => `\`${g}\``).join(', ') }, phase: phase.name });
          }
        }
      }
    }
  },
};
