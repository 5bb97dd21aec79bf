import { parseCidr, parsePortRange, type PortRange } from '../../spec/network.js';
import type { ComponentModel, Model, PhaseModel, RoleModel } from '../../spec/model.js';
import type { SourceSpan } from '../../spec/source.js';
import type { Notes } from '../notes.js';
import { Placement } from './placement.js';
import { commentText, opensSsh, portText, tagText, type AddressSet, type Closed, type Opening, type PhasePolicy, type RolePolicy, type Source, type Transport } from './policy.js';
import { dedupe, roleSet, sourceKey, SourceResolver } from './sources.js';

/**
 * What each machine role of a phase must let in, from three places in the
 * spec: the ports of the components placed on it (by exposure), the
 * `network.firewall` rules of the phase, and the ingress rules of the security
 * groups that apply to it. Everything else is dropped by the input policy.
 */

type Network = NonNullable<Model['input']['network']>;
type FirewallRule = NonNullable<Network['firewall']>[number];

interface RoleBuilder {
  policy: RolePolicy;
  keys: Map<string, Opening>;
}

function forwardPolicy(role: RoleModel): RolePolicy['forward'] {
  if (role.input.container?.rootless === true) {
    return { policy: 'drop', why: 'its containers run rootless (`container.rootless: true`): ports are published by a userspace forwarder, nothing is routed through the machine' };
  }
  return {
    policy: 'accept',
    why: 'the machine may route container or pod traffic (Kubernetes CNI and kube-proxy, rootful Docker or Podman networks publish ports through forwarding); set `container.rootless: true` on the role to drop forwarded traffic',
  };
}

function transportOf(protocol: string | undefined): Transport {
  const lower = (protocol ?? 'tcp').toLowerCase();
  return lower === 'udp' ? 'udp' : lower === 'sctp' ? 'sctp' : 'tcp';
}

function covers(opening: Opening, closed: Closed): boolean {
  if (opening.transport !== 'any' && opening.transport !== closed.transport) return false;
  return opening.ports === null || (opening.ports.low <= closed.ports.low && closed.ports.high <= opening.ports.high);
}

function reasons(unresolved: ReadonlyArray<{ why: string }>): string {
  return unresolved.map((u) => u.why).join('; ');
}

function describePort(range: PortRange | null, transport: Transport): string {
  if (transport === 'any') return range === null ? 'every protocol' : `ports ${portText(range, '-')} of every protocol`;
  if (transport === 'icmp') return 'ICMP';
  return range === null ? `every ${transport} port` : `${portText(range, '-')}/${transport}`;
}

export function buildPhasePolicy(model: Model, phase: PhaseModel, notes: Notes): PhasePolicy {
  const placement = new Placement(phase);
  const resolver = new SourceResolver(model, placement);
  const positions = model.positions;
  const spanOf = (container: object | undefined, fallback?: SourceSpan | null): SourceSpan | undefined => (container ? positions.containerSpan(container) : undefined) ?? fallback ?? undefined;
  const allRoles = phase.roles.map((r) => r.name);

  const builders = new Map<string, RoleBuilder>(
    phase.roles.map((role) => [role.name, { policy: { role, openings: [], closed: [], outbound: [], forward: forwardPolicy(role), ssh: false }, keys: new Map() }]),
  );

  const open = (roles: readonly string[], opening: Opening) => {
    const key = `${opening.transport}|${opening.ports ? portText(opening.ports, '-') : '*'}|${opening.from === 'anywhere' ? '*' : opening.from.map(sourceKey).join(',')}`;
    for (const name of roles) {
      const builder = builders.get(name);
      if (!builder) continue;
      const known = builder.keys.get(key);
      if (known) {
        const why = commentText(opening.why);
        if (!known.why.includes(why)) known.why = `${known.why}; also ${why}`;
        continue;
      }
      const copy = { ...opening, why: commentText(opening.why) };
      builder.keys.set(key, copy);
      builder.policy.openings.push(copy);
    }
  };
  // Texts are made comment-safe once, here, not once per role and renderer.
  const closed = (roles: readonly string[], transport: Transport, ports: PortRange, text: string) => {
    const entry = { transport, ports, text: commentText(text) };
    for (const name of roles) builders.get(name)?.policy.closed.push(entry);
  };
  const outbound = (roles: readonly string[], text: string) => {
    const line = commentText(text);
    for (const name of roles) builders.get(name)?.policy.outbound.push(line);
  };
  const reportUnresolved = (unresolved: ReadonlyArray<{ name: string; why: string }>, what: string, at: SourceSpan | undefined) => {
    for (const u of unresolved) notes.add(`${what}: source \`${u.name}\` is left out: ${u.why}`, at, phase.name);
  };

  // ── the ports of the components placed on each role ──
  // Listeners by port, for the firewall rules that do not say which machines they apply to.
  const listeners = new Map<string, ComponentModel[]>();
  for (const component of phase.components) {
    if (component.kind === 'external') continue;
    const ports = component.input.ports ?? [];
    for (const port of ports) {
      const transport = transportOf(port.protocol);
      for (const number of port.nodePort === undefined ? [port.port] : [port.port, port.nodePort]) {
        const key = `${transport}/${number}`;
        const list = listeners.get(key);
        // Components are walked one at a time: a repeat can only be the last one added.
        if (list) {
          if (list[list.length - 1] !== component) list.push(component);
        } else listeners.set(key, [component]);
      }
    }
    if (!ports.length) continue;
    const roles = placement.rolesOf(component);
    for (const port of ports) {
      const exposure = port.exposure ?? 'internal';
      const transport = transportOf(port.protocol);
      const named = port.name === undefined || port.name === component.name ? '' : ` (\`${port.name}\`)`;
      const what = `\`${component.name}\` ${port.port}/${transport}${named}`;
      const tagBase = `${component.name} ${port.name ?? String(port.port)}`;
      if (exposure === 'internal' || exposure === 'localhost') {
        if (roles) closed(roles, transport, { low: port.port, high: port.port }, `${what}: exposure ${exposure} (${exposure === 'internal' ? 'reached over the cluster or container network' : 'loopback only, accepted above'}): not opened`);
        continue;
      }
      const at = spanOf(port, component.at);
      if (roles === null) {
        notes.add(`${what} has exposure ${exposure}, but \`${component.name}\` is placed on none of the phase's roles: no host firewall opens it`, at, phase.name);
        continue;
      }
      if (roles.length === 0) {
        notes.add(`${what} has exposure ${exposure}, but \`${component.name}\` is placed on roles the phase does not have: no host firewall opens it`, at, phase.name);
        continue;
      }
      if (exposure === 'public') {
        open(roles, { transport, ports: { low: port.port, high: port.port }, from: 'anywhere', why: `${what}, exposure public`, tag: tagText(`${tagBase} public`) });
        if (port.nodePort !== undefined) {
          open(roles, { transport, ports: { low: port.nodePort, high: port.nodePort }, from: 'anywhere', why: `NodePort ${port.nodePort}/${transport} of ${what}, exposure public`, tag: tagText(`${tagBase} nodePort public`) });
        }
        continue;
      }
      if (exposure === 'node') {
        if (port.nodePort === undefined) {
          notes.add(`${what} has exposure node but no \`nodePort\`: Kubernetes picks one at random, so no host firewall opens it; give the port its \`nodePort\``, at, phase.name);
          continue;
        }
        open(roles, { transport, ports: { low: port.nodePort, high: port.nodePort }, from: 'anywhere', why: `NodePort ${port.nodePort}/${transport} of ${what}, exposure node`, tag: tagText(`${tagBase} nodePort`) });
        continue;
      }
      // restricted: only from the sources the port names.
      if (!port.from || port.from.length === 0) {
        notes.add(`${what} has exposure restricted but names no sources (\`from\`): it stays closed`, at, phase.name);
        continue;
      }
      const resolved = resolver.resolve(port.from);
      if (!resolved.sources.length) {
        notes.add(`${what} has exposure restricted, but none of its sources has an address (${reasons(resolved.unresolved)}): it stays closed`, at, phase.name);
        continue;
      }
      reportUnresolved(resolved.unresolved, what, at);
      open(roles, { transport, ports: { low: port.port, high: port.port }, from: resolved.sources, why: `${what}, exposure restricted to ${port.from.map((f) => `\`${f}\``).join(', ')}`, tag: tagText(`${tagBase} restricted`) });
    }
  }

  // ── the firewall rules of the phase ──
  const inferTargets = (range: PortRange, transport: Transport): { roles: string[]; why: string } => {
    const found = new Set<ComponentModel>();
    const take = (list: readonly ComponentModel[] | undefined) => {
      for (const c of list ?? []) found.add(c);
    };
    // Walk the shorter of the two: the ports of the range, or the listening ports.
    if (range.high - range.low < listeners.size) {
      for (let port = range.low; port <= range.high; port++) take(listeners.get(`${transport}/${port}`));
    } else {
      for (const [key, list] of listeners) {
        const [proto, number] = key.split('/');
        const port = Number(number);
        if (proto === transport && range.low <= port && port <= range.high) take(list);
      }
    }
    if (!found.size) return { roles: allRoles, why: 'every role, as no component of the phase listens on it' };
    const roles = new Set<string>();
    for (const c of found) {
      const placed = placement.rolesOf(c);
      if (placed === null) return { roles: allRoles, why: `every role, as \`${c.name}\` listens on it and may run on any of them` };
      for (const r of placed) roles.add(r);
    }
    const names = [...found].map((c) => c.name);
    const shown = names.length > 8 ? `${names.slice(0, 8).map((n) => `\`${n}\``).join(', ')} and ${names.length - 8} more` : names.map((n) => `\`${n}\``).join(', ');
    return { roles: [...roles], why: `the roles where ${shown} ${found.size === 1 ? 'listens' : 'listen'}` };
  };
  const namedTargets = (names: readonly string[], what: string, at: SourceSpan | undefined): string[] => {
    const roles: string[] = [];
    for (const name of names) {
      const component = placement.components.get(name);
      const placed = placement.roleNames.has(name) ? [name] : component ? placement.rolesOf(component) : null;
      if (placed === null || placed.length === 0) {
        notes.add(`${what}: \`${name}\` in \`to\` is ${component ? 'placed on none of the phase’s roles' : 'not a role of the phase'}; the rule is not applied there`, at, phase.name);
        continue;
      }
      for (const r of placed) if (!roles.includes(r)) roles.push(r);
    }
    return roles;
  };

  (model.input.network?.firewall ?? []).forEach((rule: FirewallRule, index) => {
    if (rule.phases && !rule.phases.includes(phase.name)) return;
    const at = spanOf(rule);
    const transport = transportOf(rule.protocol);
    const range = parsePortRange(rule.port);
    const service = rule.service === undefined ? '' : ` ${rule.service}`;
    const what = `firewall rule ${index + 1} (${String(rule.port)}/${transport}${service})`;
    const tag = tagText(`firewall rule ${index + 1}${service}`);
    const description = rule.description === undefined ? '' : `: ${rule.description}`;
    if (range === null) {
      notes.add(`${what}: the port \`${String(rule.port)}\` is not a port or range; the rule is left out`, at, phase.name);
      return;
    }
    if ((rule.direction ?? 'inbound') === 'outbound') {
      const to = rule.to?.length ? ` to ${rule.to.map((t) => `\`${t}\``).join(', ')}` : '';
      outbound(allRoles, `${what}${to}${description}: allowed by the accepting output policy`);
      return;
    }
    const targets = rule.to?.length ? { roles: namedTargets(rule.to, what, at), why: `the roles in \`to\`` } : inferTargets(range, transport);
    if (rule.scope === 'internal') {
      closed(targets.roles, transport, range, `${what}${description}: scope internal (container network only): not opened`);
      return;
    }
    let from: Opening['from'];
    let fromText: string;
    if (rule.from?.length) {
      const resolved = resolver.resolve(rule.from);
      if (!resolved.sources.length) {
        notes.add(`${what} opens nothing: none of its sources has an address (${reasons(resolved.unresolved)})`, at, phase.name);
        return;
      }
      reportUnresolved(resolved.unresolved, what, at);
      from = resolved.sources;
      fromText = `from ${rule.from.map((f) => `\`${f}\``).join(', ')}`;
    } else if (rule.scope === 'inter-server') {
      from = dedupe(allRoles.map((r): Source => ({ kind: 'set', set: roleSet(r) })));
      fromText = 'from every machine of the phase';
    } else {
      from = 'anywhere';
      fromText = 'from anywhere';
    }
    if (!targets.roles.length) return;
    open(targets.roles, { transport, ports: range, from, why: `${what}, scope ${rule.scope}, ${fromText}${description} (applied to ${targets.why})`, tag });
  });

  // ── security groups: their ingress rules on the hosts of the components they apply to ──
  for (const [groupName, group] of Object.entries(model.input.network?.securityGroups ?? {})) {
    const at = spanOf(group);
    const roles: string[] = [];
    const elsewhere: string[] = [];
    for (const name of group.appliesTo ?? []) {
      const component = placement.components.get(name);
      const placed = placement.roleNames.has(name) ? [name] : component ? placement.rolesOf(component) : [];
      if (placed === null || (component && placed.length === 0)) elsewhere.push(name);
      for (const r of placed ?? []) if (!roles.includes(r)) roles.push(r);
    }
    if (elsewhere.length) {
      notes.add(
        `security group \`${groupName}\` applies to ${elsewhere.map((n) => `\`${n}\``).join(', ')}, which ${elsewhere.length === 1 ? 'runs' : 'run'} on none of the phase's roles (a managed service, or unplaced): no host firewall carries its rules for ${elsewhere.length === 1 ? 'it' : 'them'}`,
        at,
        phase.name,
      );
    }
    if (!roles.length) continue;
    (group.ingress ?? []).forEach((rule, index) => {
      const ruleAt = spanOf(rule, at);
      const transport: Transport = rule.protocol === 'tcp' || rule.protocol === 'udp' ? rule.protocol : rule.protocol === 'icmp' ? 'icmp' : 'any';
      const range = transport === 'tcp' || transport === 'udp' ? parsePortRange(rule.port) : null;
      const ports = range && !(range.low === 0 && range.high === 65535) ? range : null;
      const what = `security group \`${groupName}\` ingress rule ${index + 1} (${describePort(ports, transport)})`;
      if ((transport === 'tcp' || transport === 'udp') && range === null) {
        notes.add(`${what}: the port \`${String(rule.port)}\` is not a port or range; the rule is left out`, ruleAt, phase.name);
        return;
      }
      const sources: Source[] = [];
      const names: string[] = [];
      if (rule.from !== undefined) {
        const resolved = resolver.resolve([rule.from]);
        reportUnresolved(resolved.unresolved, what, ruleAt);
        sources.push(...resolved.sources);
        names.push(`group \`${rule.from}\``);
      }
      for (const text of rule.cidr ?? []) {
        const block = parseCidr(text);
        if (!block) {
          notes.add(`${what}: \`${text}\` is not a CIDR; it is left out`, ruleAt, phase.name);
          continue;
        }
        sources.push(...resolver.resolve([text]).sources);
        names.push(text);
      }
      if (!sources.length) {
        notes.add(`${what}: no source has an address; the rule opens nothing`, ruleAt, phase.name);
        return;
      }
      const description = rule.description === undefined ? '' : `: ${rule.description}`;
      open(roles, { transport, ports, from: dedupe(sources), why: `${what} from ${names.join(', ')}${description}`, tag: tagText(`security group ${groupName} ingress ${index + 1}`) });
    });
    (group.egress ?? []).forEach((rule, index) => {
      const transport = rule.protocol === 'tcp' || rule.protocol === 'udp' ? rule.protocol : rule.protocol === 'icmp' ? 'icmp' : 'any';
      const range = transport === 'tcp' || transport === 'udp' ? parsePortRange(rule.port) : null;
      const ports = range && !(range.low === 0 && range.high === 65535) ? range : null;
      const to = [...(rule.from === undefined ? [] : [`group \`${rule.from}\``]), ...(rule.cidr ?? [])];
      outbound(roles, `security group \`${groupName}\` egress rule ${index + 1} (${describePort(ports, transport)}${to.length ? ` to ${to.join(', ')}` : ''}): allowed by the accepting output policy`);
    });
  }

  const roles = [...builders.values()].map((b) => {
    const policy = b.policy;
    policy.ssh = policy.openings.some(opensSsh);
    // A port closed by one part of the spec and opened by another (an internal port with an inter-server rule) is open.
    // Single ports are looked up; ranges and whole protocols (few) are scanned.
    const single = new Set<string>();
    const wide: Opening[] = [];
    for (const o of policy.openings) {
      if (o.ports !== null && o.ports.low === o.ports.high && o.transport !== 'any') single.add(`${o.transport}/${o.ports.low}`);
      else wide.push(o);
    }
    policy.closed = policy.closed.filter((c) => !(c.ports.low === c.ports.high && single.has(`${c.transport}/${c.ports.low}`)) && !wide.some((o) => covers(o, c)));
    return policy;
  });
  const sets = new Map<string, AddressSet>();
  for (const role of roles) for (const o of role.openings) if (o.from !== 'anywhere') for (const s of o.from) if (s.kind === 'set') sets.set(s.set.id, s.set);
  return { phase, roles, sets: [...sets.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}
