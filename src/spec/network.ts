import type { ComponentModel, FlowModel, Model, PhaseModel } from './model.js';
import type { ComponentInput, SpecInput } from './schema.js';

/**
 * What the network lint rules and the policy and firewall emitters share:
 * exact CIDR arithmetic (bigint, IPv4 and IPv6),
 * port ranges as security groups, ACLs and firewalls write them, the
 * NetworkPolicies that select a component, and the machines a component
 * surely runs on.
 */

export type NetworkInput = NonNullable<SpecInput['network']>;
export type NetworkPolicyInput = NonNullable<NetworkInput['policies']>[number];
export type PolicyRuleInput = NonNullable<NetworkPolicyInput['egress']>[number];
export type PolicyPeerInput = NonNullable<PolicyRuleInput['peers']>[number];
export type FirewallRuleInput = NonNullable<NetworkInput['firewall']>[number];
export type SecurityGroupInput = NonNullable<NetworkInput['securityGroups']>[string];
export type SecurityRuleInput = NonNullable<SecurityGroupInput['ingress']>[number];
export type AclInput = NonNullable<NetworkInput['acls']>[string];
export type AclRuleInput = NonNullable<AclInput['inbound']>[number];
export type SubnetInput = NonNullable<NetworkInput['subnets']>[string];
export type PortInput = NonNullable<ComponentInput['ports']>[number];
export type FlowInput = NonNullable<ComponentInput['flows']>[number];

// ─────────────────────────────────── CIDRs ───────────────────────────────────

export interface Cidr {
  family: 4 | 6;
  /** First and last address of the block, as integers. */
  start: bigint;
  end: bigint;
  prefix: number;
  /** The address has bits set below the prefix (`10.0.1.5/24`): the block is `start/prefix`. */
  hostBitsSet: boolean;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  let head = text;
  let tail = '';
  const double = text.indexOf('::');
  if (double !== -1) {
    if (text.indexOf('::', double + 1) !== -1) return null;
    head = text.slice(0, double);
    tail = text.slice(double + 2);
  }
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] ?? '';
      // An embedded IPv4 address (`::ffff:10.0.0.1`) fills the last two groups.
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === null) return null;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
      out.push(parseInt(piece, 16));
    }
    return out;
  };
  const first = groups(head);
  const last = groups(tail);
  if (!first || !last) return null;
  const missing = 8 - first.length - last.length;
  if (double === -1 ? missing !== 0 : missing < 1) return null;
  const all = [...first, ...new Array<number>(double === -1 ? 0 : missing).fill(0), ...last];
  let value = 0n;
  for (const group of all) value = (value << 16n) | BigInt(group);
  return value;
}

/** A CIDR block (`10.0.1.0/24`, `2001:db8::/32`); a bare address is a /32 or /128. Null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const family: 4 | 6 = address.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  const value = family === 4 ? parseIpv4(address) : parseIpv6(address);
  if (value === null) return null;
  let prefix = bits;
  if (slash !== -1) {
    const prefixText = trimmed.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > bits) return null;
  }
  const size = 1n << BigInt(bits - prefix);
  const start = value - (value % size);
  return { family, start, end: start + size - 1n, prefix, hostBitsSet: start !== value };
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.start <= inner.start && inner.end <= outer.end;
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

export function formatCidr(c: Cidr): string {
  if (c.family === 4) {
    const octets = [24n, 16n, 8n, 0n].map((shift) => String((c.start >> shift) & 0xffn));
    return `${octets.join('.')}/${c.prefix}`;
  }
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((c.start >> shift) & 0xffffn).toString(16));
  // The longest run of zero groups (two or more) becomes `::` (RFC 5952).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const text = bestStart === -1 ? groups.join(':') : `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
  return `${text}/${c.prefix}`;
}

// RFC 1918, loopback, link-local, CGNAT (RFC 6598), IPv6 unique-local, loopback and link-local: never on the public internet.
const PRIVATE_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10', 'fc00::/7', '::1/128', 'fe80::/10'].map((text) => parseCidr(text)).filter((c): c is Cidr => c !== null);

/** Whether every address of the block is private (a third-party API on the internet is never in it). */
export function isPrivateOnly(c: Cidr): boolean {
  return PRIVATE_BLOCKS.some((block) => cidrContains(block, c));
}

/** Whether the block may hold a cluster address (a pod, a Service, the cluster DNS): every address, or some private space. */
export function mayHoldClusterAddress(c: Cidr): boolean {
  return isEverywhere(c) || PRIVATE_BLOCKS.some((p) => cidrOverlaps(p, c));
}

/** `0.0.0.0/0` or `::/0`: every address. */
export function isEverywhere(c: Cidr): boolean {
  return c.prefix === 0;
}

// ─────────────────────────────────── ports ───────────────────────────────────

export interface PortRange {
  low: number;
  high: number;
}

const ALL_PORTS: PortRange = { low: 0, high: 65535 };
/** The ephemeral range a stateless ACL must let replies through: every client OS picks its source port in it (AWS's guidance). */
export const EPHEMERAL: PortRange = { low: 1024, high: 65535 };

/** A port as security groups, ACLs and firewalls write it: `80`, `"80"`, `"1024-65535"`, `"6000:6007"`, `all`. Null when unreadable. */
export function parsePortRange(value: number | string | undefined): PortRange | null {
  if (value === undefined) return ALL_PORTS;
  if (typeof value === 'number') return Number.isInteger(value) && value >= -1 && value <= 65535 ? (value === -1 ? ALL_PORTS : { low: value, high: value }) : null;
  const text = value.trim().toLowerCase();
  if (text === 'all' || text === 'any' || text === '*' || text === '-1') return ALL_PORTS;
  const single = /^(\d{1,5})$/.exec(text);
  if (single) {
    const port = Number(single[1]);
    return port <= 65535 ? { low: port, high: port } : null;
  }
  const range = /^(\d{1,5})\s*[-:]\s*(\d{1,5})$/.exec(text);
  if (range) {
    const low = Number(range[1]);
    const high = Number(range[2]);
    return low <= high && high <= 65535 ? { low, high } : null;
  }
  return null;
}

export function formatPortRange(range: PortRange): string {
  if (range.low === 0 && range.high === 65535) return 'all ports';
  return range.low === range.high ? `port ${range.low}` : `ports ${range.low}–${range.high}`;
}

// ────────────────────────────── flows and ports ──────────────────────────────

export type Transport = 'TCP' | 'UDP' | 'SCTP';

/** The transport a flow travels on: UDP when the page says so, TCP otherwise. */
export function flowTransport(flow: FlowInput | undefined): Transport {
  return flow?.protocol === 'UDP' ? 'UDP' : 'TCP';
}

/** The input object of a flow (for positions), by its index in the component's list. */
export function flowInput(component: ComponentModel, index: number): FlowInput | undefined {
  return component.input.flows?.[index];
}

/**
 * The ports a flow may arrive on: its own port, else the ports the target
 * declares (for a flow that names none); null when neither is known.
 */
export function flowPorts(flow: FlowModel, target: ComponentModel | undefined): number[] | null {
  if (flow.port !== null) return [flow.port];
  const declared = (target?.input.ports ?? []).map((p) => p.port);
  return declared.length ? declared : null;
}

export function describePorts(ports: number[] | null, transport: Transport): string {
  if (ports === null) return 'any port';
  if (ports.length === 1) return `port ${ports[0]}/${transport}`;
  return `ports ${ports.join(', ')}/${transport}`;
}

/** The phase's components by name. */
export function componentsByName(phase: PhaseModel): Map<string, ComponentModel> {
  return new Map(phase.components.map((c) => [c.name, c]));
}

/**
 * The roles a component surely runs on in a phase: its placement, or the
 * phase's only role; null when it may run anywhere among several roles.
 */
export function placedRoles(phase: PhaseModel, component: ComponentModel): string[] | null {
  if (component.kind === 'external') return null;
  if (component.roles.length) return phase.roles.filter((r) => component.roles.includes(r.name)).map((r) => r.name);
  return phase.roles.length === 1 && phase.roles[0] ? [phase.roles[0].name] : null;
}

// ───────────────────────────── NetworkPolicies ──────────────────────────────

/** The namespace the workloads run in, in a phase (null: the page does not say). */
export function workloadNamespace(model: Model, phase: PhaseModel): string | null {
  return phase.input?.kubernetes?.namespace ?? model.input.kubernetes?.namespace ?? null;
}

export interface PolicyIndex {
  /** Policies of the type that select the component, in page order (empty: the direction is unrestricted). */
  selecting(component: ComponentModel, type: 'Ingress' | 'Egress'): NetworkPolicyInput[];
  namespace: string | null;
}

/**
 * The policies by what they select, built once per phase. A policy in a
 * namespace other than the workloads' selects none of them; when either
 * namespace is unstated the policy is taken to apply (the rules that use this
 * must not report a block the page may not have).
 */
export function policyIndex(model: Model, phase: PhaseModel): PolicyIndex {
  const namespace = workloadNamespace(model, phase);
  const bySelector = { Ingress: new Map<string, NetworkPolicyInput[]>(), Egress: new Map<string, NetworkPolicyInput[]>() };
  for (const policy of model.input.network?.policies ?? []) {
    if (policy.namespace !== undefined && namespace !== null && policy.namespace !== namespace) continue;
    for (const type of policy.types) {
      const list = bySelector[type].get(policy.selector) ?? [];
      list.push(policy);
      bySelector[type].set(policy.selector, list);
    }
  }
  const order = new Map((model.input.network?.policies ?? []).map((p, i) => [p, i]));
  return {
    namespace,
    selecting(component, type) {
      if (component.kind === 'external') return [];
      const own = bySelector[type].get(component.name) ?? [];
      const all = bySelector[type].get('*') ?? [];
      if (!all.length) return own;
      if (!own.length) return all;
      return [...all, ...own].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    },
  };
}

/** Whether a policy rule's ports admit one of the ports (unknown ports: any listed port may be the one). */
export function policyPortsAllow(rule: PolicyRuleInput, ports: number[] | null, transport: Transport): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((p) => (p.protocol ?? 'TCP') === transport && (ports === null || ports.includes(p.port)));
}

/**
 * Whether a peer of a policy rule matches a component on the other end. Pods
 * are matched by component (and namespace); a third-party API only by `all`
 * or by a CIDR that reaches beyond private space. A CIDR peer may hold a pod's
 * address, which the page does not give: it is taken to match when it covers
 * private space.
 */
export function peerMatches(peer: PolicyPeerInput, other: ComponentModel, namespace: string | null): boolean {
  if (peer.all === true) return true;
  if (peer.cidr !== undefined) {
    const block = parseCidr(peer.cidr);
    if (!block) return true;
    if (other.kind === 'external') return !isPrivateOnly(block);
    return mayHoldClusterAddress(block);
  }
  if (peer.namespace !== undefined && namespace !== null && peer.namespace !== namespace && other.kind !== 'external') return false;
  if (peer.component !== undefined) return peer.component === other.name;
  if (peer.namespace !== undefined) return other.kind !== 'external';
  return false;
}

export function rulePeersMatch(rule: PolicyRuleInput, other: ComponentModel, namespace: string | null): boolean {
  if (!rule.peers || rule.peers.length === 0) return true;
  return rule.peers.some((peer) => peerMatches(peer, other, namespace));
}
