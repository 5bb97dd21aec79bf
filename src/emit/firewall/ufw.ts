import { commentBlock, generatedHeader } from '../serialize.js';
import { commentText, portText, type Opening, type PhasePolicy, type RolePolicy } from './policy.js';

/**
 * The ufw script of one role: the same policy as its nftables ruleset, for
 * machines managed with ufw (Ubuntu's default). Additive and idempotent — ufw
 * skips a rule it already has — so running it again changes nothing; a reset
 * (which turns the firewall off until the script enables it again) only on
 * request.
 */

/** A single-quoted shell word (tags and CIDRs never hold a quote, but be safe). */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const ALLOW_FUNCTION = [
  '# allow PROTO PORT COMMENT SOURCES: one `ufw allow` per source. PROTO is tcp, udp or any; PORT a port,',
  '# a range a:b, or empty for every port; SOURCES space-separated addresses or CIDRs, or `any`. Empty',
  '# SOURCES (addresses the spec leaves to the operator, not given) skip the rule with a warning.',
  'allow() {',
  '  local proto=$1 port=$2 comment=$3 source',
  '  local -a sources args',
  '  read -r -a sources <<< "$4"',
  '  if [ "${#sources[@]}" -eq 0 ]; then',
  '    echo "${0##*/}: no addresses for \'$comment\': rule skipped" >&2',
  '    return 0',
  '  fi',
  '  for source in "${sources[@]}"; do',
  '    args=(allow)',
  '    if [ "$proto" != any ]; then args+=(proto "$proto"); fi',
  '    args+=(from "$source" to any)',
  '    if [ -n "$port" ]; then args+=(port "$port"); fi',
  '    ufw "${args[@]}" comment "$comment"',
  '  done',
  '}',
];

/** The `allow` call of an opening, or null with the reason ufw cannot express it. */
export function ufwCall(opening: Opening): { call: string } | { unsupported: string } {
  if (opening.transport === 'icmp') return { unsupported: 'ufw rules cannot match ICMP (its before.rules decide ICMP)' };
  if (opening.transport === 'sctp') return { unsupported: 'ufw rules cannot match SCTP' };
  const proto = opening.transport;
  const port = proto === 'any' || opening.ports === null ? '' : portText(opening.ports, ':');
  let sources: string;
  if (opening.from === 'anywhere') sources = quote('any');
  else {
    const from = opening.from;
    // The order of the ruleset: IPv4 blocks, IPv6 blocks, then the named sets.
    const blocks = (family: 4 | 6) => from.flatMap((s) => (s.kind === 'cidr' && s.family === family ? [s.cidr] : []));
    const words = [...blocks(4), ...blocks(6), ...from.flatMap((s) => (s.kind === 'set' ? [`\${${s.set.env}:-}`] : []))];
    sources = `"${words.join(' ')}"`;
  }
  return { call: `allow ${proto} ${quote(port)} ${quote(opening.tag)} ${sources}` };
}

export function renderUfw(source: string, policy: PhasePolicy, role: RolePolicy, fileName: string, nftFileName: string): string {
  const envs = new Map<string, string>();
  for (const o of role.openings) if (o.from !== 'anywhere') for (const s of o.from) if (s.kind === 'set') envs.set(s.set.env, s.set.label);
  const head = [
    '',
    `ufw rules of role \`${role.role.name}\` in phase \`${policy.phase.name}\`: the same policy as ${nftFileName}, for machines`,
    `managed with ufw. Run as root: ./${fileName}`,
    'Idempotent and additive: it sets the defaults, adds each rule (ufw skips a rule it already has) and',
    'enables ufw, so a second run changes nothing. Rules added by hand or by an earlier spec stay; run with',
    'INFRASPEC_UFW_RESET=1 to start from `ufw --force reset` (ufw is then off until the script enables it).',
    'ufw’s own before.rules accept loopback, established and related traffic and the essential ICMP and ICMPv6.',
  ];
  if (envs.size) {
    head.push('The spec names sources without giving their addresses: pass them as space-separated addresses or CIDRs in');
    const width = Math.max(...[...envs.keys()].map((e) => e.length));
    for (const [env, label] of envs) head.push(`  ${env.padEnd(width)}  ${commentText(label)}`);
  }
  if (!role.ssh) {
    head.push(
      'WARNING: no rule opens SSH (22/tcp), because the spec opens none: enabling ufw blocks new SSH connections.',
      'Run over SSH, the script refuses unless INFRASPEC_ALLOW_NO_SSH=1.',
    );
  }
  const lines: string[] = ['set -euo pipefail', ''];
  if (!role.ssh) {
    lines.push(
      'if [ -n "${SSH_CONNECTION:-}" ] && [ "${INFRASPEC_ALLOW_NO_SSH:-0}" != 1 ]; then',
      '  echo "${0##*/}: this role opens no SSH port and you are connected over SSH: enabling ufw would lock you out" >&2',
      '  echo "${0##*/}: add an SSH rule to the spec, or set INFRASPEC_ALLOW_NO_SSH=1" >&2',
      '  exit 1',
      'fi',
      '',
    );
  }
  lines.push(...ALLOW_FUNCTION, '');
  lines.push('if [ "${INFRASPEC_UFW_RESET:-0}" = 1 ]; then', '  ufw --force reset', 'fi');
  lines.push('ufw default deny incoming', 'ufw default allow outgoing', `ufw default ${role.forward.policy === 'accept' ? 'allow' : 'deny'} routed`);
  for (const opening of role.openings) {
    lines.push('', `# ${opening.why}`);
    const call = ufwCall(opening);
    if ('call' in call) lines.push(call.call);
    else lines.push(`# not expressible: ${call.unsupported}; ${nftFileName} has it`);
  }
  if (role.closed.length) {
    lines.push('', '# Ports the spec names for this role that stay closed on the host:');
    for (const c of role.closed) lines.push(`# - ${c.text}`);
  }
  if (role.outbound.length) {
    lines.push('', '# Outbound (the default allows it):');
    for (const o of role.outbound) lines.push(`# - ${o}`);
  }
  lines.push('', 'ufw --force enable');
  return `#!/usr/bin/env bash\n${generatedHeader(source)}${commentBlock(head)}\n${lines.join('\n')}\n`;
}
