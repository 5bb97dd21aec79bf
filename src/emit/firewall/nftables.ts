import { commentBlock, generatedHeader } from '../serialize.js';
import { commentText, portText, type Opening, type PhasePolicy, type RolePolicy, type Source } from './policy.js';

/**
 * The nftables ruleset of one role: a complete `table inet infraspec` that
 * replaces itself atomically on every load (`nft -f`) and leaves every other
 * table alone. Input drops by default; output accepts; forward follows the
 * role (see build.ts).
 */

export const ADDRESS_INCLUDE = '/etc/infraspec/nftables.d/*.nft';

const ICMP_LINES = [
  '# ICMP and ICMPv6 that IPv4 and IPv6 need (RFC 792, RFC 4890): errors, path MTU discovery,',
  '# neighbour and router discovery, multicast listener discovery; ping rate-limited.',
  'meta l4proto icmp icmp type { destination-unreachable, time-exceeded, parameter-problem } accept',
  'meta l4proto icmp icmp type echo-request limit rate 10/second accept',
  'meta l4proto ipv6-icmp icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem } accept',
  'meta l4proto ipv6-icmp icmpv6 type { nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept',
  'ip6 saddr fe80::/10 meta l4proto ipv6-icmp icmpv6 type { mld-listener-query, mld-listener-report, mld2-listener-report } accept',
  'meta l4proto ipv6-icmp icmpv6 type echo-request limit rate 10/second accept',
  '# DHCPv6 replies from the link (address configuration).',
  'ip6 saddr fe80::/10 udp dport 546 accept',
];

function l4(opening: Opening): string {
  switch (opening.transport) {
    case 'any':
      return '';
    case 'icmp':
      return 'meta l4proto icmp';
    default:
      return opening.ports === null ? `meta l4proto ${opening.transport}` : `${opening.transport} dport ${portText(opening.ports, '-')}`;
  }
}

function rule(parts: readonly string[], tag: string): string {
  return [...parts.filter((p) => p !== ''), 'accept', ...(tag === '' ? [] : [`comment "${tag}"`])].join(' ');
}

/** The rules of one opening: one per address family and per named set. */
export function nftRules(opening: Opening): string[] {
  const match = l4(opening);
  if (opening.from === 'anywhere') return [rule([match], opening.tag)];
  const from = opening.from;
  const out: string[] = [];
  const blocks = (family: 4 | 6) => from.filter((s): s is Extract<Source, { kind: 'cidr' }> => s.kind === 'cidr' && s.family === family).map((s) => s.cidr);
  const v4 = blocks(4);
  const v6 = opening.transport === 'icmp' ? [] : blocks(6);
  const anonymous = (list: string[]) => (list.length === 1 ? (list[0] ?? '') : `{ ${list.join(', ')} }`);
  if (v4.length) out.push(rule([`ip saddr ${anonymous(v4)}`, match], opening.tag));
  if (v6.length) out.push(rule([`ip6 saddr ${anonymous(v6)}`, match], opening.tag));
  for (const s of from) {
    if (s.kind !== 'set') continue;
    out.push(rule([`ip saddr @${s.set.id}_v4`, match], opening.tag));
    if (opening.transport !== 'icmp') out.push(rule([`ip6 saddr @${s.set.id}_v6`, match], opening.tag));
  }
  return out;
}

export function renderNftables(source: string, policy: PhasePolicy, role: RolePolicy, fileName: string): string {
  const count = role.role.count;
  const machines = count === null ? 'a variable number of machines' : count.max === count.min ? `${count.min} machine${count.min === 1 ? '' : 's'}` : `${count.min} machines or more`;
  const head = [
    '',
    `nftables ruleset of role \`${role.role.name}\` in phase \`${policy.phase.name}\` (${machines}): load it on each of them.`,
    `Check: nft -c -f ${fileName}    Load: nft -f ${fileName}`,
    'Loading is atomic and idempotent: it replaces the table `inet infraspec` as a whole and leaves other tables alone.',
    'Input is dropped unless a rule below accepts it; output is accepted; replies to accepted traffic pass.',
  ];
  if (!role.ssh) head.push('WARNING: no rule opens SSH (22/tcp), because the spec opens none: loading this ruleset blocks new SSH connections (the current one survives).');
  if (policy.sets.length) {
    head.push(
      'The spec names sources without giving their addresses: they are the named sets below, empty until filled.',
      `Put the addresses in ${ADDRESS_INCLUDE} (included at the end), one line per set, e.g.`,
      `  add element inet infraspec ${policy.sets[0]?.id ?? 'set'}_v4 { 192.0.2.10, 198.51.100.0/24 }`,
      'Every ruleset of the phase declares the same sets, so one file fits all its machines.',
    );
  }
  const lines: string[] = [];
  lines.push('table inet infraspec', 'delete table inet infraspec', '', 'table inet infraspec {');
  for (const set of policy.sets) {
    lines.push(`\t# ${commentText(set.label)}: the spec gives no addresses`);
    for (const [suffix, type] of [['v4', 'ipv4_addr'], ['v6', 'ipv6_addr']] as const) {
      lines.push(`\tset ${set.id}_${suffix} {`, `\t\ttype ${type}`, '\t\tflags interval', '\t}');
    }
    lines.push('');
  }
  lines.push('\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state invalid drop', '\t\tct state established,related accept', '\t\tiif "lo" accept');
  for (const l of ICMP_LINES) lines.push(`\t\t${l}`);
  if (role.openings.length) {
    lines.push('', '\t\t# What the spec opens on this role.');
    for (const opening of role.openings) {
      lines.push(`\t\t# ${opening.why}`);
      for (const r of nftRules(opening)) lines.push(`\t\t${r}`);
    }
  }
  if (role.closed.length) {
    lines.push('', '\t\t# Ports the spec names for this role that stay closed on the host:');
    for (const c of role.closed) lines.push(`\t\t# - ${c.text}`);
  }
  lines.push('\t}', '');
  lines.push('\tchain forward {', `\t\t# Policy ${role.forward.policy}: ${commentText(role.forward.why)}.`, `\t\ttype filter hook forward priority filter; policy ${role.forward.policy};`, '\t}', '');
  lines.push('\tchain output {', '\t\t# Policy accept: the spec does not list every outbound need (DNS, NTP, package mirrors, backups).');
  for (const o of role.outbound) lines.push(`\t\t# - ${o}`);
  lines.push('\t\ttype filter hook output priority filter; policy accept;', '\t}', '}');
  if (policy.sets.length) lines.push('', `include "${ADDRESS_INCLUDE}"`);
  return `${generatedHeader(source)}${commentBlock(head)}\n${lines.join('\n')}\n`;
}
