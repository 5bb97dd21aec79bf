import { dnsLabel } from '../names.js';
import { NoteSink } from './notes.js';
import type { Container, ContainerPhase, ContainerPort, Dependency } from './types.js';

/** A container as one host runs it: what it waits for there, and what it publishes there. */
export interface HostedContainer {
  container: Container;
  dependsOn: Dependency[];
  published: Array<{ port: ContainerPort; hostPort: number; hostIp: string | null }>;
}

export interface HostGroup {
  /** The role whose machines run these units (`null`: the phase has one kind of machine, or none). */
  role: string | null;
  /** Folder of the group's files: `<phase>` or `<phase>/<role>`. */
  dir: string;
  containers: HostedContainer[];
}

/**
 * Units are installed machine by machine: when a phase places its containers on
 * more than one role, each role gets a folder with the units its machines run. A
 * container waits only for containers on the same machine; a port another
 * machine calls is published on the host (the firewall decides who reaches it).
 */
export function hostGroups(phase: ContainerPhase, notes: NoteSink): HostGroup[] {
  let known = GROUPED.get(phase);
  if (!known) {
    const own = new NoteSink();
    known = { groups: groupByHost(phase, own), notes: own };
    GROUPED.set(phase, known);
  }
  notes.addAll(known.notes);
  return known.groups;
}

// Quadlet and systemd group the same phases (`generate --target all`): grouped once, read by both.
const GROUPED = new WeakMap<ContainerPhase, { groups: HostGroup[]; notes: NoteSink }>();

function groupByHost(phase: ContainerPhase, notes: NoteSink): HostGroup[] {
  const phaseDir = dnsLabel(phase.phase.name);
  const roles: string[] = [];
  for (const c of phase.containers) for (const r of c.roles) if (!roles.includes(r)) roles.push(r);
  const unplaced = phase.containers.filter((c) => c.roles.length === 0);
  if (roles.length <= 1) {
    const only = roles[0] ?? null;
    return [{ role: only, dir: phaseDir, containers: phase.containers.map((c) => ({ container: c, dependsOn: c.dependsOn, published: basePublished(c) })) }];
  }
  const groupKeys = [...roles, ...(unplaced.length ? ['unplaced'] : [])];
  const byName = new Map(phase.containers.map((c) => [c.name, c]));
  // The hosts of the container of that name (the last of that name, as a map by name keeps it), read through
  // `byName` rather than a second map by name: 10,000 containers a phase at 10k components.
  const hostsOf = (name: string): readonly string[] => {
    const c = byName.get(name);
    return c === undefined ? [] : c.roles.length ? c.roles : UNPLACED;
  };
  if (unplaced.length) {
    notes.add(`phase \`${phase.phase.name}\` places no role for ${unplaced.map((c) => c.component.name).join(', ')}: their units are under \`${phaseDir}/unplaced/\`, to install on one machine of the phase`, phase.phase.at);
  }
  // Ports that callers on other machines reach: published on the target's machines.
  const remoteTargets = new Map<string, Set<number | null>>();
  const crossing: string[] = [];
  for (const c of phase.containers) {
    const mine = hostsOf(c.name);
    for (const flow of c.component.flows) {
      const target = byName.get(dnsLabel(flow.to));
      if (!target || target === c) continue;
      const theirs = hostsOf(target.name);
      if (mine.every((h) => theirs.includes(h))) continue;
      const ports = remoteTargets.get(target.name) ?? new Set<number | null>();
      ports.add(flow.port);
      remoteTargets.set(target.name, ports);
      if (crossing.length < 10) crossing.push(`${c.component.name} (${mine.join(', ')}) → ${target.component.name} (${theirs.join(', ')})`);
      else crossing.push('');
    }
  }
  if (crossing.length) {
    const shown = crossing.filter((x) => x !== '');
    const more = crossing.length - shown.length;
    notes.add(`phase \`${phase.phase.name}\`: ${crossing.length === 1 ? 'a flow crosses' : `${crossing.length} flows cross`} machines, with no start dependency across them (callers reach the target at its machine's address): ${shown.join('; ')}${more ? `; and ${more} more` : ''}`, phase.phase.at);
  }
  // Each group's containers in document order, gathered in one pass over the phase.
  const members = new Map<string, Container[]>(groupKeys.map((key) => [key, []]));
  for (const c of phase.containers) {
    for (const host of hostsOf(c.name)) {
      const list = members.get(host);
      if (list && list[list.length - 1] !== c) list.push(c);
    }
  }
  return groupKeys.map((key) => {
    const here = members.get(key) ?? [];
    const local = new Set(here.map((c) => c.name));
    return {
    role: key === 'unplaced' ? null : key,
    dir: `${phaseDir}/${dnsLabel(key)}`,
    containers: here
      .map((c) => {
        const wanted = remoteTargets.get(c.name);
        // Most containers publish nothing and wait only for containers of their own machine: nothing to build.
        const dependsOn = c.dependsOn.every((d) => local.has(d.name)) ? c.dependsOn : c.dependsOn.filter((d) => local.has(d.name));
        if (c.ports.length === 0) return { container: c, dependsOn, published: [] };
        const published = c.ports
          .map((port) => {
            if (port.publish) return { port, hostPort: port.publish.hostPort, hostIp: port.publish.hostIp };
            if (wanted && (wanted.has(port.port) || wanted.has(null))) {
              notes.add(`phase \`${phase.phase.name}\`: ${c.component.name} publishes its ${port.exposure} port ${port.port} on its machines, since callers on other machines reach it there`, c.component.at);
              return { port, hostPort: port.port, hostIp: null };
            }
            return null;
          })
          .filter((p): p is HostedContainer['published'][number] => p !== null);
        return { container: c, dependsOn, published };
      }),
    };
  });
}

const UNPLACED: readonly string[] = ['unplaced'];

function basePublished(c: Container): HostedContainer['published'] {
  return c.ports.flatMap((port) => (port.publish ? [{ port, hostPort: port.publish.hostPort, hostIp: port.publish.hostIp }] : []));
}
