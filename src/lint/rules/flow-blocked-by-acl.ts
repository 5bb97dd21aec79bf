import type { ComponentModel, PhaseModel } from '../../spec/model.js';
import {
  cidrContains,
  cidrOverlaps,
  componentsByName,
  describePorts,
  flowInput,
  flowPorts,
  flowTransport,
  parseCidr,
  parsePortRange,
  placedRoles,
  type AclRuleInput,
  type Cidr,
  type NetworkInput,
  type Transport,
} from '../../spec/network.js';
import type { SourceSpan } from '../../spec/source.js';
import type { Rule } from '../types.js';

interface SubnetPlace {
  name: string;
  cidr: Cidr;
  text: string;
}

interface AclView {
  name: string;
  inbound: AclRuleInput[];
  outbound: AclRuleInput[];
}

type Verdict = { allowed: true } | { allowed: false; deniedBy: number | null };

function protocolMatches(protocol: AclRuleInput['protocol'], transport: Transport): boolean {
  return protocol === '-1' || protocol === 'all' || protocol === transport.toLowerCase();
}

/**
 * How an ACL's rules of one direction, read in rule-number order (first match wins),
 * treat traffic to or from every address of `peer` on `port`. A rule whose block
 * holds only part of the peer cannot be counted on to allow, but its deny drops some
 * of the traffic. No matching rule: the implicit final deny.
 */
function verdict(rules: readonly AclRuleInput[], peer: Cidr, port: number, transport: Transport): Verdict | null {
  for (const rule of rules) {
    if (!protocolMatches(rule.protocol, transport)) continue;
    const ports = parsePortRange(rule.ports);
    const block = parseCidr(rule.cidr);
    if (!ports || !block) return null;
    if (port < ports.low || port > ports.high) continue;
    if (cidrContains(block, peer)) return rule.action === 'allow' ? { allowed: true } : { allowed: false, deniedBy: rule.rule };
    if (rule.action === 'deny' && cidrOverlaps(block, peer)) return { allowed: false, deniedBy: rule.rule };
  }
  return { allowed: false, deniedBy: null };
}

/** The first of a subnet's ACLs whose rules of one direction stop traffic to or from `peer` on `port`. */
function firstDenial(acls: readonly AclView[] | undefined, direction: 'inbound' | 'outbound', peer: Cidr, port: number, transport: Transport): { acl: string; direction: 'inbound' | 'outbound'; deniedBy: number | null } | null {
  for (const acl of acls ?? []) {
    const found = verdict(acl[direction], peer, port, transport);
    if (found && !found.allowed) return { acl: acl.name, direction, deniedBy: found.deniedBy };
  }
  return null;
}

/** The subnets a component sits in: those that host it by name or by one of its roles, with a readable CIDR. */
function subnetIndex(network: NetworkInput): (phase: PhaseModel, component: ComponentModel) => SubnetPlace[] {
  const byHost = new Map<string, SubnetPlace[]>();
  for (const [name, subnet] of Object.entries(network.subnets ?? {})) {
    const cidr = subnet.cidr === undefined ? null : parseCidr(subnet.cidr);
    if (!cidr || subnet.cidr === undefined) continue;
    for (const host of subnet.hosts ?? []) byHost.set(host, [...(byHost.get(host) ?? []), { name, cidr, text: subnet.cidr }]);
  }
  return (phase, component) => {
    const hosts = [component.name, ...(placedRoles(phase, component) ?? component.roles)];
    return [...new Map(hosts.flatMap((h) => byHost.get(h) ?? []).map((s) => [s.name, s])).values()];
  };
}

const EVERYWHERE = parseCidr('0.0.0.0/0')!;

export const flowBlockedByAcl: Rule<'inbound' | 'inboundDenied' | 'outbound' | 'outboundDenied' | 'publicPort' | 'publicPortDenied'> = {
  id: 'flow-blocked-by-acl',
  severity: 'error',
  category: 'network',
  summary: 'Every declared flow between subnets, and every public port, must be allowed by the network ACLs of the subnets it leaves and enters.',
  messages: {
    inbound: '`{from}` cannot reach `{to}` on {port}: ACL `{acl}` of subnet `{toSubnet}` has no inbound rule that allows it from {fromCidr}, and a network ACL ends in an implicit deny',
    inboundDenied: '`{from}` cannot reach `{to}` on {port}: inbound rule {deny} of ACL `{acl}` (subnet `{toSubnet}`) denies it from {fromCidr} before any rule allows it',
    outbound: '`{from}` cannot reach `{to}` on {port}: ACL `{acl}` of subnet `{fromSubnet}` has no outbound rule that allows it to {toCidr}, and a network ACL ends in an implicit deny',
    outboundDenied: '`{from}` cannot reach `{to}` on {port}: outbound rule {deny} of ACL `{acl}` (subnet `{fromSubnet}`) denies it to {toCidr} before any rule allows it',
    publicPort: '`{component}` exposes {port} publicly, but ACL `{acl}` of subnet `{subnet}` has no inbound rule that allows it from 0.0.0.0/0, and a network ACL ends in an implicit deny',
    publicPortDenied: '`{component}` exposes {port} publicly, but inbound rule {deny} of ACL `{acl}` (subnet `{subnet}`) denies it from some of the internet before any rule allows it',
  },
  docs: {
    why: 'A network ACL filters every packet that crosses its subnet\'s boundary, in both directions, reading its numbered rules in order: the first rule that matches the protocol, port and address decides, and a packet no rule matches is dropped. A flow from the application subnet to the database subnet needs an outbound allow in the application subnet\'s ACL and an inbound allow in the database subnet\'s ACL; a lower-numbered deny shadows a later allow. Security groups and host firewalls may all be right and the connection still hang at the subnet edge. Traffic inside one subnet does not pass its ACL. Replies are checked by `stateless-acl-return-traffic`.',
    invalid: `components:
  api:
    kind: service
    flows:
      - { to: postgres, port: 5432 }
  postgres:
    kind: datastore
    ports: [{ port: 5432 }]
network:
  subnets:
    app: { cidr: 10.0.11.0/24, hosts: [api] }
    data: { cidr: 10.0.21.0/24, hosts: [postgres] }
  acls:
    data:
      subnets: [data]
      inbound:
        - { rule: 100, protocol: tcp, ports: 6379, action: allow, cidr: 10.0.11.0/24 }
`,
    valid: `components:
  api:
    kind: service
    flows:
      - { to: postgres, port: 5432 }
  postgres:
    kind: datastore
    ports: [{ port: 5432 }]
network:
  subnets:
    app: { cidr: 10.0.11.0/24, hosts: [api] }
    data: { cidr: 10.0.21.0/24, hosts: [postgres] }
  acls:
    data:
      subnets: [data]
      inbound:
        - { rule: 100, protocol: tcp, ports: 5432, action: allow, cidr: 10.0.11.0/24 }
`,
    fix: 'Add an allow rule for the flow\'s port and the other subnet\'s CIDR, numbered below any deny that covers them, in each ACL the flow crosses (inbound where it enters, outbound where it leaves).',
  },
  check(model, report, analysis) {
    const network = model.input.network;
    if (!network?.acls || !network.subnets) return;
    const aclsBySubnet = new Map<string, AclView[]>();
    for (const [name, acl] of Object.entries(network.acls)) {
      const view: AclView = {
        name,
        inbound: [...(acl.inbound ?? [])].sort((a, b) => a.rule - b.rule),
        outbound: [...(acl.outbound ?? [])].sort((a, b) => a.rule - b.rule),
      };
      for (const subnet of acl.subnets ?? []) aclsBySubnet.set(subnet, [...(aclsBySubnet.get(subnet) ?? []), view]);
    }
    if (!aclsBySubnet.size) return;
    const subnetsOf = subnetIndex(network);

    for (const phase of model.phases) {
      const byName = componentsByName(phase);
      for (const source of phase.components) {
        source.flows.forEach((flow, i) => {
          const target = byName.get(flow.to);
          if (!target || target === source) return;
          const ports = flowPorts(flow, target);
          const input = flowInput(source, i);
          const transport = flowTransport(input);
          if (ports === null || transport === 'SCTP') return;
          const fromSubnets = subnetsOf(phase, source);
          const toSubnets = subnetsOf(phase, target);
          let span: SourceSpan | undefined;
          const at = (): SourceSpan => (span ??= input ? analysis.at(input, 'to') : flow.at);
          // One finding per flow: the first subnet pair and port that a rule stops.
          search: for (const fromSubnet of fromSubnets) {
            for (const toSubnet of toSubnets) {
              if (fromSubnet.name === toSubnet.name) continue;
              for (const port of ports) {
                const data = { from: source.name, to: target.name, port: describePorts([port], transport), fromSubnet: fromSubnet.name, toSubnet: toSubnet.name, fromCidr: fromSubnet.text, toCidr: toSubnet.text };
                const stopped =
                  firstDenial(aclsBySubnet.get(fromSubnet.name), 'outbound', toSubnet.cidr, port, transport) ??
                  firstDenial(aclsBySubnet.get(toSubnet.name), 'inbound', fromSubnet.cidr, port, transport);
                if (stopped) {
                  const message = `${stopped.direction}${stopped.deniedBy === null ? '' : 'Denied'}` as const;
                  report({ at: at(), message, data: { ...data, acl: stopped.acl, deny: stopped.deniedBy ?? '' }, phase: phase.name });
                  break search;
                }
              }
            }
          }
        });
      }

      for (const component of phase.components) {
        if (component.kind === 'external') continue;
        const subnets = subnetsOf(phase, component);
        if (!subnets.length) continue;
        for (const port of component.input.ports ?? []) {
          if (port.exposure !== 'public') continue;
          const transport: Transport = port.protocol ?? 'TCP';
          if (transport === 'SCTP') continue;
          for (const subnet of subnets) {
            const stopped = firstDenial(aclsBySubnet.get(subnet.name), 'inbound', EVERYWHERE, port.port, transport);
            if (!stopped) continue;
            const data = { component: component.name, port: describePorts([port.port], transport), acl: stopped.acl, subnet: subnet.name, deny: stopped.deniedBy ?? '' };
            report({ at: analysis.at(port, 'exposure'), message: stopped.deniedBy === null ? 'publicPort' : 'publicPortDenied', data, phase: phase.name });
            break;
          }
        }
      }
    }
  },
};
