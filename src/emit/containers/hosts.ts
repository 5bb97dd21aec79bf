import { dnsLabel } from '../names.js';
import { sameStrings } from './build.js';
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
  const known = grouped(phase);
  notes.addAll(known.notes);
  return known.groups;
}

// Quadlet and systemd group the same phases (`generate --target all`): grouped once, read by both.
const GROUPED = new WeakMap<ContainerPhase, Grouping>();

function grouped(phase: ContainerPhase): Grouping {
  let known = GROUPED.get(phase);
  if (!known) {
    known = groupByHost(phase, phase.previous === null ? null : grouped(phase.previous));
    GROUPED.set(phase, known);
  }
  return known;
}

/** A flow of the container at a position that crosses machines: to the container at `target`. */
interface Crossing {
  target: number;
  port: number | null;
}

/**
 * A phase's host groups, with what the next phase's grouping starts from. Phases share most
 * containers (the same objects at the same positions, see build.ts), and what a host does with a
 * container depends on few others: which flows of a container cross machines depends on it and
 * on the containers it calls; what it waits for on a host, on it and the containers it waits for;
 * what it publishes, on it and the flows that reach it from other machines. A phase whose
 * containers have the names and the groups of the previous phase's therefore works out again only
 * what involves a container that is not the previous phase's object at its position; the rest is
 * taken over, hosted containers included (so that the units made from them can be shared by
 * identity). At 10k components, about 1 % of the containers differ from one phase to the next.
 */
interface Grouping {
  groups: HostGroup[];
  notes: NoteSink;
  containers: readonly Container[];
  /** Group keys (roles, then `unplaced`), in the groups' order. */
  keys: readonly string[];
  /** Position of each container by name; `null` when two containers share a name (then nothing is taken over). */
  index: Map<string, number> | null;
  /** By position, the flows that cross machines (`null`: one group, none do). */
  crossings: Array<readonly Crossing[]> | null;
  /** By position, the positions of the containers whose flows go to it (any that ever did: may hold more than it needs to). */
  callers: Array<number[] | undefined> | null;
  /** By group key, the hosted container at each position. */
  hosted: Map<string, Array<HostedContainer | undefined>>;
}

const UNPLACED: readonly string[] = ['unplaced'];
const NO_CROSSINGS: readonly Crossing[] = [];

function hostsOf(c: Container): readonly string[] {
  return c.roles.length ? c.roles : UNPLACED;
}

function groupByHost(phase: ContainerPhase, previous: Grouping | null): Grouping {
  const notes = new NoteSink();
  const containers = phase.containers;
  const n = containers.length;
  const phaseDir = dnsLabel(phase.phase.name);
  const roles: string[] = [];
  for (const c of containers) for (const r of c.roles) if (!roles.includes(r)) roles.push(r);
  let hasUnplaced = false;
  for (const c of containers) {
    if (c.roles.length === 0) {
      hasUnplaced = true;
      break;
    }
  }
  const single = roles.length <= 1;
  const keys = single ? [roles[0] ?? ''] : hasUnplaced ? [...roles, 'unplaced'] : roles;

  // Whether the previous phase's grouping can be taken over in part: same names at the same positions, same groups.
  let prev = previous !== null && previous.index !== null && previous.containers.length === n && sameStrings(previous.keys, keys) ? previous : null;
  if (prev !== null) {
    for (let i = 0; i < n; i++) {
      // The same container at the same place has the same name: compared without reading it.
      const c = containers[i] as Container;
      if (c !== prev.containers[i] && c.name !== (prev.containers[i] as Container).name) {
        prev = null;
        break;
      }
    }
  }
  // The containers that are not the previous phase's objects, by position and by name.
  const changed: boolean[] = new Array<boolean>(n).fill(prev === null);
  const changedAt: number[] = [];
  const changedNames = new Set<string>();
  if (prev !== null) {
    for (let i = 0; i < n; i++) {
      const c = containers[i] as Container;
      if (c !== prev.containers[i]) {
        changed[i] = true;
        changedAt.push(i);
        changedNames.add(c.name);
      }
    }
  }

  if (single) {
    // One group of every container in order: a hosted container depends on its container alone.
    const role = roles[0] ?? null;
    const before = prev?.hosted.get(keys[0] as string);
    const hosted: HostedContainer[] = new Array<HostedContainer>(n);
    for (let i = 0; i < n; i++) {
      const c = containers[i] as Container;
      hosted[i] = !changed[i] && before !== undefined ? (before[i] as HostedContainer) : { container: c, dependsOn: c.dependsOn, published: basePublished(c) };
    }
    return {
      groups: [{ role, dir: phaseDir, containers: hosted }],
      notes,
      containers,
      keys,
      index: prev?.index ?? indexByName(containers),
      crossings: null,
      callers: null,
      hosted: new Map([[keys[0] as string, hosted]]),
    };
  }

  if (hasUnplaced) {
    const names = containers.filter((c) => c.roles.length === 0).map((c) => c.component.name);
    notes.add(`phase \`${phase.phase.name}\` places no role for ${names.join(', ')}: their units are under \`${phaseDir}/unplaced/\`, to install on one machine of the phase`, phase.phase.at);
  }
  const index = prev?.index ?? indexByName(containers);
  // With two containers of one name, a map by name keeps the last: `at` looks names up in such a map.
  const byName = index === null ? new Map(containers.map((c) => [c.name, c])) : null;
  const at = (name: string): number | undefined => {
    if (index !== null) return index.get(name);
    const c = byName?.get(name);
    return c === undefined ? undefined : containers.lastIndexOf(c);
  };
  // The machines of the container of that name (the last of the name, as with any lookup by name).
  const hostsByName = (c: Container): readonly string[] => hostsOf(byName === null ? c : (byName.get(c.name) ?? c));

  // Flows that cross machines, by position: worked out for a changed container and for those that call one.
  const crossings: Array<readonly Crossing[]> = new Array<readonly Crossing[]>(n);
  const callers = prev?.callers ?? new Array<number[] | undefined>(n);
  const recount: boolean[] = changed.slice();
  for (const t of changedAt) for (const i of callers[t] ?? []) recount[i] = true;
  for (let i = 0; i < n; i++) {
    if (!recount[i] && prev?.crossings) {
      crossings[i] = prev.crossings[i] as readonly Crossing[];
      continue;
    }
    const c = containers[i] as Container;
    const mine = hostsByName(c);
    let list: Crossing[] | null = null;
    for (const flow of c.component.flows) {
      const t = at(dnsLabel(flow.to));
      if (t === undefined) continue;
      if (changed[i]) {
        const known = callers[t];
        if (known === undefined) callers[t] = [i];
        else if (known[known.length - 1] !== i) known.push(i);
      }
      const target = containers[t] as Container;
      if (target === c) continue;
      const theirs = hostsOf(target);
      if (mine.every((h) => theirs.includes(h))) continue;
      (list ??= []).push({ target: t, port: flow.port });
    }
    crossings[i] = list ?? NO_CROSSINGS;
  }
  // Ports that callers on other machines reach (published on the target's machines): read from the crossings of
  // the containers that call the target, for the containers whose published ports are worked out.
  const remotePorts = (t: number): Set<number | null> | undefined => {
    let ports: Set<number | null> | undefined;
    for (const j of callers[t] ?? []) {
      for (const x of crossings[j] as readonly Crossing[]) if (x.target === t) (ports ??= new Set()).add(x.port);
    }
    return ports;
  };
  // A container's hosted form changes with it, with the flows that reach it from other machines (only the
  // targets of crossings that changed) and with what it waits for (below).
  const rehost: boolean[] = changed.slice();
  let count = 0;
  const shown: string[] = [];
  for (let i = 0; i < n; i++) {
    const list = crossings[i] as readonly Crossing[];
    if (recount[i] && prev?.crossings) {
      for (const x of prev.crossings[i] as readonly Crossing[]) rehost[x.target] = true;
      for (const x of list) rehost[x.target] = true;
    }
    // The note shows the first ten in document order and counts the others.
    for (const x of list) {
      if (shown.length < 10) {
        const c = containers[i] as Container;
        const target = containers[x.target] as Container;
        shown.push(`${c.component.name} (${hostsByName(c).join(', ')}) → ${target.component.name} (${hostsOf(target).join(', ')})`);
      }
      count += 1;
    }
  }
  if (count > 0) {
    const more = count - shown.length;
    notes.add(`phase \`${phase.phase.name}\`: ${count === 1 ? 'a flow crosses' : `${count} flows cross`} machines, with no start dependency across them (callers reach the target at its machine's address): ${shown.join('; ')}${more ? `; and ${more} more` : ''}`, phase.phase.at);
  }
  if (prev !== null && changedNames.size > 0) {
    for (let i = 0; i < n; i++) {
      if (rehost[i]) continue;
      for (const d of (containers[i] as Container).dependsOn) {
        if (changedNames.has(d.name)) {
          rehost[i] = true;
          break;
        }
      }
    }
  }

  // Each group's containers in document order, gathered in one pass over the phase.
  const members = new Map<string, number[]>(keys.map((key) => [key, []]));
  for (let i = 0; i < n; i++) {
    for (const host of hostsByName(containers[i] as Container)) {
      const list = members.get(host);
      if (list && list[list.length - 1] !== i) list.push(i);
    }
  }
  const hostedByKey = new Map<string, Array<HostedContainer | undefined>>();
  const groups = keys.map((key): HostGroup => {
    const here = members.get(key) ?? [];
    const before = prev?.hosted.get(key);
    const list: Array<HostedContainer | undefined> = new Array<HostedContainer | undefined>(n);
    hostedByKey.set(key, list);
    const local = (name: string): boolean => {
      const t = at(name);
      return t !== undefined && hostsOf(containers[t] as Container).includes(key);
    };
    const hosted = here.map((i): HostedContainer => {
      const c = containers[i] as Container;
      const kept = rehost[i] ? undefined : before?.[i];
      if (kept !== undefined) {
        // Taken over: its notes name the phase, so they are said again for this one.
        for (const p of kept.published) if (p.port.publish === null) notePublished(notes, phase, c, p.port);
        list[i] = kept;
        return kept;
      }
      const wanted = c.ports.length === 0 ? undefined : remotePorts(index === null ? (at(c.name) ?? i) : i);
      // Most containers publish nothing and wait only for containers of their own machine: nothing to build.
      const dependsOn = c.dependsOn.every((d) => local(d.name)) ? c.dependsOn : c.dependsOn.filter((d) => local(d.name));
      let h: HostedContainer;
      if (c.ports.length === 0) h = { container: c, dependsOn, published: [] };
      else {
        const published: HostedContainer['published'] = [];
        for (const port of c.ports) {
          if (port.publish) published.push({ port, hostPort: port.publish.hostPort, hostIp: port.publish.hostIp });
          else if (wanted && (wanted.has(port.port) || wanted.has(null))) {
            notePublished(notes, phase, c, port);
            published.push({ port, hostPort: port.port, hostIp: null });
          }
        }
        h = { container: c, dependsOn, published };
      }
      list[i] = h;
      return h;
    });
    return { role: key === 'unplaced' ? null : key, dir: `${phaseDir}/${dnsLabel(key)}`, containers: hosted };
  });
  return { groups, notes, containers, keys, index, crossings, callers, hosted: hostedByKey };
}

function notePublished(notes: NoteSink, phase: ContainerPhase, c: Container, port: ContainerPort): void {
  notes.add(`phase \`${phase.phase.name}\`: ${c.component.name} publishes its ${port.exposure} port ${port.port} on its machines, since callers on other machines reach it there`, c.component.at);
}

/** Position by name, or `null` when two containers share a name. */
function indexByName(containers: readonly Container[]): Map<string, number> | null {
  const index = new Map<string, number>();
  for (let i = 0; i < containers.length; i++) index.set((containers[i] as Container).name, i);
  return index.size === containers.length ? index : null;
}

function basePublished(c: Container): HostedContainer['published'] {
  return c.ports.flatMap((port) => (port.publish ? [{ port, hostPort: port.publish.hostPort, hostIp: port.publish.hostIp }] : []));
}

/**
 * Rootless Podman cannot bind host ports below 1024 unless the machine allows it: say which
 * ports a hosted container publishes there and the sysctl that lets it.
 */
export function noteLowPorts(hosted: HostedContainer, notes: NoteSink): void {
  const c = hosted.container;
  if (!c.rootless) return;
  const low: number[] = [];
  for (const p of hosted.published) if (p.hostPort < 1024) low.push(p.hostPort);
  if (low.length === 0) return;
  notes.add(`${c.component.name} publishes port${low.length > 1 ? 's' : ''} ${low.join(', ')} from rootless Podman: set the sysctl net.ipv4.ip_unprivileged_port_start to ${Math.min(...low)} or lower on its machines`, c.component.at);
}
