import { cidrContains, cidrOverlaps, EPHEMERAL, formatPortRange, parseCidr, parsePortRange, type AclRuleInput, type Cidr, type PortRange } from '../../spec/network.js';
import type { Rule } from '../types.js';

type Transport = 'tcp' | 'udp';

/** A rule that lets replies through rather than opening a service: its ports run from at least 1024 to 65535 and span a range, as ephemeral ranges do. */
function isReturnRule(range: PortRange): boolean {
  return range.low >= 1024 && range.high === 65535 && range.high - range.low >= 1000;
}

function protocolsOf(protocol: AclRuleInput['protocol']): Transport[] {
  if (protocol === '-1' || protocol === 'all') return ['tcp', 'udp'];
  if (protocol === 'tcp' || protocol === 'udp') return [protocol];
  return [];
}

function subtract(ranges: PortRange[], cut: PortRange): PortRange[] {
  return ranges.flatMap((r) => {
    if (cut.high < r.low || cut.low > r.high) return [r];
    const out: PortRange[] = [];
    if (cut.low > r.low) out.push({ low: r.low, high: cut.low - 1 });
    if (cut.high < r.high) out.push({ low: cut.high + 1, high: r.high });
    return out;
  });
}

function intersects(ranges: PortRange[], other: PortRange): boolean {
  return ranges.some((r) => r.low <= other.high && other.low <= r.high);
}

type Verdict = { ok: true } | { ok: false; deniedBy: number | null; missing: PortRange };

/**
 * Whether the rules of one direction, read in rule-number order (first match
 * wins), let the whole ephemeral range through to or from every address of
 * `peer`. A rule whose block holds only part of the peer's addresses cannot be
 * counted on to allow, but its deny does drop some of the replies.
 */
function returnVerdict(rules: AclRuleInput[], peer: Cidr, transport: Transport): Verdict | null {
  let remaining: PortRange[] = [EPHEMERAL];
  for (const rule of rules) {
    if (!protocolsOf(rule.protocol).includes(transport)) continue;
    const block = parseCidr(rule.cidr);
    const ports = parsePortRange(rule.ports);
    if (!block || !ports) return null;
    if (!intersects(remaining, ports)) continue;
    if (cidrContains(block, peer)) {
      if (rule.action === 'deny') return { ok: false, deniedBy: rule.rule, missing: remaining[0] ?? EPHEMERAL };
      remaining = subtract(remaining, ports);
      if (!remaining.length) return { ok: true };
    } else if (cidrOverlaps(block, peer) && rule.action === 'deny') {
      return { ok: false, deniedBy: rule.rule, missing: remaining[0] ?? EPHEMERAL };
    }
  }
  const missing = remaining[0];
  return missing ? { ok: false, deniedBy: null, missing } : { ok: true };
}

export const statelessAclReturnTraffic: Rule<'inbound' | 'inboundDenied' | 'outbound' | 'outboundDenied'> = {
  id: 'stateless-acl-return-traffic',
  severity: 'error',
  category: 'network',
  summary: 'A network ACL that allows traffic in one direction must allow the replies on the ephemeral ports (1024–65535) in the other.',
  messages: {
    inbound: 'ACL `{acl}` rule {rule} lets {protocol} {ports} in from {cidr}, but no outbound rule allows {missing} back to {cidr}: network ACLs are stateless, so the replies are dropped',
    inboundDenied: 'ACL `{acl}` rule {rule} lets {protocol} {ports} in from {cidr}, but outbound rule {deny} denies the replies on {missing} before any rule allows them: network ACLs are stateless, so the replies are dropped',
    outbound: 'ACL `{acl}` rule {rule} lets {protocol} {ports} out to {cidr}, but no inbound rule allows {missing} from {cidr}: network ACLs are stateless, so the answers to these connections are dropped',
    outboundDenied: 'ACL `{acl}` rule {rule} lets {protocol} {ports} out to {cidr}, but inbound rule {deny} denies the answers on {missing} before any rule allows them: network ACLs are stateless, so these connections hang',
  },
  docs: {
    why: 'Unlike a security group, a network ACL keeps no connection state: the reply to an allowed request is a packet of its own, sent to the client\'s ephemeral port (1024–65535 covers every client OS), and is dropped unless a rule of the other direction allows it. Rules are read in rule-number order and the first match wins, so a deny with a lower number shadows a later allow. An ACL that allows HTTPS in but nothing out, or everything out but only 80 and 443 in, passes review and then every connection through the subnet hangs.',
    invalid: `network:
  acls:
    public:
      inbound:
        - { rule: 100, protocol: tcp, ports: 443, action: allow, cidr: 0.0.0.0/0 }
        - { rule: 110, protocol: tcp, ports: 1024-65535, action: allow, cidr: 10.0.21.0/24 }
      outbound:
        - { rule: 100, protocol: tcp, ports: 5432, action: allow, cidr: 10.0.21.0/24 }
        - { rule: 110, protocol: tcp, ports: 1024-65535, action: allow, cidr: 10.0.21.0/24 }
`,
    valid: `network:
  acls:
    public:
      inbound:
        - { rule: 100, protocol: tcp, ports: 443, action: allow, cidr: 0.0.0.0/0 }
        - { rule: 110, protocol: tcp, ports: 1024-65535, action: allow, cidr: 10.0.21.0/24 }
      outbound:
        - { rule: 100, protocol: tcp, ports: 5432, action: allow, cidr: 10.0.21.0/24 }
        - { rule: 110, protocol: tcp, ports: 1024-65535, action: allow, cidr: 0.0.0.0/0 }
`,
    fix: 'Allow 1024–65535 in the other direction to the same addresses, with a rule number below any deny that covers them.',
  },
  check(model, report, analysis) {
    for (const [name, acl] of Object.entries(model.input.network?.acls ?? {})) {
      const inbound = [...(acl.inbound ?? [])].sort((a, b) => a.rule - b.rule);
      const outbound = [...(acl.outbound ?? [])].sort((a, b) => a.rule - b.rule);
      for (const [direction, rules, other] of [['inbound', inbound, outbound], ['outbound', outbound, inbound]] as const) {
        for (const rule of rules) {
          if (rule.action !== 'allow') continue;
          const ports = parsePortRange(rule.ports);
          const peer = parseCidr(rule.cidr);
          if (!ports || !peer || isReturnRule(ports)) continue;
          for (const transport of protocolsOf(rule.protocol)) {
            const verdict = returnVerdict(other, peer, transport);
            if (!verdict || verdict.ok) continue;
            const data = { acl: name, rule: rule.rule, protocol: rule.protocol === '-1' || rule.protocol === 'all' ? 'all protocols on' : transport.toUpperCase(), ports: formatPortRange(ports), cidr: rule.cidr, missing: formatPortRange(verdict.missing) };
            const at = analysis.at(rule, 'rule');
            if (verdict.deniedBy !== null) report({ at, message: direction === 'inbound' ? 'inboundDenied' : 'outboundDenied', data: { ...data, deny: verdict.deniedBy } });
            else report({ at, message: direction === 'inbound' ? 'inbound' : 'outbound', data });
            break;
          }
        }
      }
    }
  },
};
