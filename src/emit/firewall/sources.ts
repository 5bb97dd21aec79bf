import { cidrContains, formatCidr, parseCidr, type Cidr } from '../../spec/network.js';
import type { Model } from '../../spec/model.js';
import { dnsLabel, identifier } from '../names.js';
import type { Placement } from './placement.js';
import type { AddressSet, Source } from './policy.js';

/**
 * Turning the names a spec allows traffic from (`from: [db-server, known-ips,
 * 10.0.0.0/16, load-balancer]`) into addresses. The spec gives CIDRs for
 * subnets and literal blocks, but never the addresses of machines: a role, a
 * subnet without a CIDR and `known-ips` become named sets the operator fills.
 */

export const KNOWN_IPS = 'known-ips';

export interface Resolved {
  sources: Source[];
  /** Names that resolve to nothing, with the reason. */
  unresolved: Array<{ name: string; why: string }>;
}

function setFor(kind: 'role' | 'subnet' | 'known', name: string): AddressSet {
  if (kind === 'known') return { id: 'known_ips', env: 'INFRASPEC_KNOWN_IPS', label: 'the known addresses (`known-ips`)' };
  const id = `${kind}_${identifier(dnsLabel(name)).toLowerCase()}`;
  return { id, env: `INFRASPEC_${id.toUpperCase()}`, label: kind === 'role' ? `the machines of role \`${name}\`` : `subnet \`${name}\`` };
}

export function roleSet(role: string): AddressSet {
  return setFor('role', role);
}

export function knownIpsSet(): AddressSet {
  return setFor('known', KNOWN_IPS);
}

type NetworkInput = NonNullable<Model['input']['network']>;

export class SourceResolver {
  readonly #placement: Placement;
  readonly #allRoles: ReadonlySet<string>;
  readonly #subnets: NonNullable<NetworkInput['subnets']>;
  readonly #groups: NonNullable<NetworkInput['securityGroups']>;
  /** Subnets by the role or component they host. */
  readonly #subnetsOf = new Map<string, string[]>();

  constructor(model: Model, placement: Placement) {
    this.#placement = placement;
    this.#allRoles = new Set(model.roles.map((r) => r.name));
    this.#subnets = model.input.network?.subnets ?? {};
    this.#groups = model.input.network?.securityGroups ?? {};
    for (const [name, subnet] of Object.entries(this.#subnets)) {
      for (const host of subnet.hosts ?? []) {
        const list = this.#subnetsOf.get(host);
        if (list) list.push(name);
        else this.#subnetsOf.set(host, [name]);
      }
    }
  }

  resolve(names: readonly string[]): Resolved {
    const out: Resolved = { sources: [], unresolved: [] };
    for (const name of names) this.#resolveOne(name, out, 0);
    out.sources = dedupe(out.sources);
    return out;
  }

  #resolveOne(name: string, out: Resolved, depth: number): void {
    const phase = this.#placement.phase.name;
    if (name === KNOWN_IPS) {
      out.sources.push({ kind: 'set', set: knownIpsSet() });
      return;
    }
    const block = parseCidr(name);
    if (block) {
      out.sources.push(cidrSource(block));
      return;
    }
    if (this.#placement.roleNames.has(name)) {
      out.sources.push({ kind: 'set', set: roleSet(name) });
      return;
    }
    const subnet = this.#subnets[name];
    if (subnet) {
      out.sources.push(this.#subnetSource(name));
      return;
    }
    const group = this.#groups[name];
    if (group && depth === 0) {
      const before = out.sources.length;
      for (const member of group.appliesTo ?? []) this.#resolveOne(member, { sources: out.sources, unresolved: [] }, depth + 1);
      if (out.sources.length === before) out.unresolved.push({ name, why: `security group \`${name}\` applies to nothing with a known address in phase \`${phase}\`` });
      return;
    }
    const component = this.#placement.components.get(name);
    if (component) {
      const before = out.sources.length;
      for (const role of this.#placement.rolesOf(component) ?? []) out.sources.push({ kind: 'set', set: roleSet(role) });
      for (const subnetName of this.#subnetsOf.get(name) ?? []) out.sources.push(this.#subnetSource(subnetName));
      if (out.sources.length === before) {
        const why =
          component.kind === 'external'
            ? `\`${name}\` is a third-party service: the spec gives none of its addresses`
            : `\`${name}\` runs on no known machine in phase \`${phase}\` (no placement on one of its roles, no subnet)`;
        out.unresolved.push({ name, why });
      }
      return;
    }
    if (this.#allRoles.has(name)) {
      out.unresolved.push({ name, why: `role \`${name}\` has no machines in phase \`${phase}\`` });
      return;
    }
    out.unresolved.push({ name, why: `\`${name}\` names no role, component, subnet, security group or CIDR of phase \`${phase}\`` });
  }

  #subnetSource(name: string): Source {
    const text = this.#subnets[name]?.cidr;
    const block = text === undefined ? null : parseCidr(text);
    return block ? cidrSource(block) : { kind: 'set', set: setFor('subnet', name) };
  }
}

function cidrSource(block: Cidr): Source {
  return { kind: 'cidr', family: block.family, cidr: formatCidr(block) };
}

export function sourceKey(source: Source): string {
  return source.kind === 'cidr' ? `cidr:${source.cidr}` : `set:${source.set.id}`;
}

/** Sources without repeats, and without blocks that a broader block of the list already holds. */
export function dedupe(sources: readonly Source[]): Source[] {
  const seen = new Set<string>();
  const unique: Source[] = [];
  for (const s of sources) {
    const key = sourceKey(s);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(s);
  }
  const blocks = unique.map((s) => (s.kind === 'cidr' ? parseCidr(s.cidr) : null));
  return unique.filter((s, i) => {
    const mine = blocks[i];
    if (!mine) return true;
    // nftables refuses overlapping intervals in one anonymous set: keep only the outermost blocks.
    return !blocks.some((other, j) => other !== null && j !== i && cidrContains(other, mine) && (other.prefix < mine.prefix || j < i));
  });
}
