import type { PortRange } from '../../spec/network.js';
import type { PhaseModel, RoleModel } from '../../spec/model.js';

/**
 * The host firewall of one machine role in one phase, as plain data: what the
 * nftables and ufw renderers both write, so the two files always say the same.
 */

/** A named list of addresses the spec refers to but does not give (a role's machines, `known-ips`). */
export interface AddressSet {
  /** nftables set name without the family suffix: `role_db_server` (sets `role_db_server_v4` and `_v6`). */
  id: string;
  /** Environment variable the ufw script reads the addresses from: `INFRASPEC_ROLE_DB_SERVER`. */
  env: string;
  /** What the set holds, for comments: "the machines of role `db-server`". */
  label: string;
}

/** Where connections may come from. */
export type Source =
  | { kind: 'cidr'; family: 4 | 6; cidr: string }
  | { kind: 'set'; set: AddressSet };

export type Transport = 'tcp' | 'udp' | 'sctp' | 'icmp' | 'any';

/** One inbound allowance: a transport and port range from some sources (or from anywhere). */
export interface Opening {
  transport: Transport;
  /** null: every port (or none applies: `icmp`, `any`). */
  ports: PortRange | null;
  /** `anywhere`, or the sources (never empty: an allowance with no source left is not an opening). */
  from: 'anywhere' | Source[];
  /** What the spec says, for the comment above the rule. */
  why: string;
  /** A short ASCII tag for `comment` in nftables and ufw, from spec ids. */
  tag: string;
}

/** A port the spec names that the host firewall keeps closed (a comment, unless some opening covers it). */
export interface Closed {
  transport: Transport;
  ports: PortRange;
  text: string;
}

export interface RolePolicy {
  role: RoleModel;
  openings: Opening[];
  /** Ports the spec names for the role that stay closed on the host, and why (comments only). */
  closed: Closed[];
  /** Outbound rules of the spec, all allowed by the accepting output policy (comments only). */
  outbound: string[];
  forward: { policy: 'accept' | 'drop'; why: string };
  /** Whether some opening admits SSH (22/tcp). */
  ssh: boolean;
}

export interface PhasePolicy {
  phase: PhaseModel;
  roles: RolePolicy[];
  /** Every address set a ruleset of the phase declares (the same in each, so one address file fits all). */
  sets: AddressSet[];
}

export function portText(range: PortRange, separator: '-' | ':'): string {
  return range.low === range.high ? String(range.low) : `${range.low}${separator}${range.high}`;
}

/** Whether an opening lets SSH in (22/tcp, from wherever). */
export function opensSsh(opening: Opening): boolean {
  if (opening.transport !== 'tcp' && opening.transport !== 'any') return false;
  return opening.ports === null || (opening.ports.low <= 22 && 22 <= opening.ports.high);
}

/** Text safe inside an nftables `comment "…"` and a single-quoted shell word: ASCII, no quotes, at most 120 characters. */
export function tagText(text: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ._:/()+,=-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > 120 ? cleaned.slice(0, 120).trimEnd() : cleaned;
}

/** One line of free text for a `#` comment. */
export function commentText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
