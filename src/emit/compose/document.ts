import { NoteSink, type Container, type ContainerPhase } from '../containers/index.js';
import { compareKeys, toYaml } from '../serialize.js';
import { indentAt, pushScalarTo, type WrittenYaml } from '../yaml-writer.js';
import { serviceText } from './text.js';

/**
 * Services written ahead, by container: phases that run a container alike (the same
 * object, see build.ts) share its service's text rather than writing it again, and
 * its notes rather than saying them again (they depend on the container alone).
 */
export type ServiceTexts = Map<Container, { segmented: boolean; written: WrittenYaml; notes: NoteSink }>;

// A service is the value of its name under `services:`, two levels deep in the file.
const SERVICE_DEPTH = 2;

/** A phase's services (by position) and named volumes (in first-use order), with the phase's notes said. */
function phaseServices(phase: ContainerPhase, notes: NoteSink, written: ServiceTexts): { services: WrittenYaml[]; volumes: Set<string> } {
  const services: WrittenYaml[] = new Array<WrittenYaml>(phase.containers.length);
  const volumes = new Set<string>();
  const roles = new Set<string>();
  for (let i = 0; i < phase.containers.length; i++) {
    const container = phase.containers[i] as Container;
    let service = written.get(container);
    if (!service) {
      service = { segmented: phase.segmented, written: serviceText(container, phase.segmented, SERVICE_DEPTH), notes: containerNotes(container) };
      written.set(container, service);
    } else if (service.segmented !== phase.segmented) {
      service = { segmented: phase.segmented, written: serviceText(container, phase.segmented, SERVICE_DEPTH), notes: service.notes };
      written.set(container, service);
    }
    services[i] = service.written;
    for (const v of container.volumes) volumes.add(v.name);
    for (const r of container.roles) roles.add(r);
    notes.addAll(service.notes);
  }
  if (roles.size > 1) {
    notes.add(`phase \`${phase.phase.name}\` places its containers on ${roles.size} roles (${[...roles].map((r) => `\`${r}\``).join(', ')}): its compose file runs them all on one host; the quadlet and systemd targets split them per role`, phase.phase.at);
  }
  return { services, volumes };
}

/** The compose file of one phase as an object: every container of the phase on one host. */
export function composeDocument(phase: ContainerPhase, notes: NoteSink, written: ServiceTexts = new Map()): Record<string, unknown> {
  return documentOf(phase, phaseServices(phase, notes, written));
}

function documentOf(phase: ContainerPhase, { services, volumes }: { services: readonly WrittenYaml[]; volumes: ReadonlySet<string> }): Record<string, unknown> {
  const byName: Record<string, unknown> = {};
  phase.containers.forEach((c, i) => (byName[c.name] = services[i]));
  const document: Record<string, unknown> = { services: byName };
  if (volumes.size) document['volumes'] = Object.fromEntries([...volumes].map((v) => [v, {}]));
  if (phase.segmented) document['networks'] = Object.fromEntries(phase.networks.map((n) => [n.key, {}]));
  return document;
}

/**
 * The order the serializer writes the phase's services and volumes in, kept for the next phase: at
 * 10k components a phase has the previous phase's names (10,000 services, 4,000 volumes), and sorting
 * them again is most of writing its file.
 */
export class ComposeOrder {
  #containers: readonly Container[] = [];
  #names: string[] = [];
  #services: number[] | null = [];
  #volumes: string[] = [];
  #sortedVolumes: string[] = [];

  /** Positions of the services in name order; `null` when two share a name (then the serializer decides). */
  services(containers: readonly Container[]): number[] | null {
    const previous = this.#containers;
    let same = previous.length === containers.length;
    const names = new Array<string>(containers.length);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i] as Container;
      // The same container at the same place has the same name: compared without reading it.
      names[i] = same && c === previous[i] ? (this.#names[i] as string) : c.name;
      if (same && names[i] !== this.#names[i]) same = false;
    }
    if (!same) this.#services = new Set(names).size !== names.length ? null : names.map((_, i) => i).sort((a, b) => compareKeys(names[a] as string, names[b] as string));
    this.#containers = containers;
    this.#names = names;
    return this.#services;
  }

  /** The volume names in name order. */
  volumes(volumes: ReadonlySet<string>): string[] {
    const list = [...volumes];
    if (list.length !== this.#volumes.length || list.some((v, i) => v !== this.#volumes[i])) this.#sortedVolumes = [...list].sort(compareKeys);
    this.#volumes = list;
    return this.#sortedVolumes;
  }
}

/**
 * The compose file of one phase (after its header), written as `toYaml(composeDocument(…))` writes
 * it, byte for byte: each top-level key in the serializer's order, each service's text after its name,
 * without building the document object and sorting its names anew for every phase. A key is written
 * as the writer writes one, through `pushScalarTo` (container and volume names never span lines;
 * if one did, the serializer writes the file).
 */
export function composeText(phase: ContainerPhase, notes: NoteSink, written: ServiceTexts, order: ComposeOrder): string {
  const parts = phaseServices(phase, notes, written);
  const positions = order.services(phase.containers);
  const volumes = order.volumes(parts.volumes);
  if (positions === null || phase.containers.some((c) => c.name.includes('\n')) || volumes.some((v) => v.includes('\n'))) return toYaml(documentOf(phase, parts));
  const keys = ['services'];
  if (volumes.length) keys.push('volumes');
  if (phase.segmented) keys.push('networks');
  const out: string[] = [];
  for (const key of keys.sort(compareKeys)) {
    if (key === 'networks') out.push(toYaml({ networks: Object.fromEntries(phase.networks.map((n) => [n.key, {}])) }));
    else if (key === 'volumes') {
      out.push('volumes:\n');
      for (const name of volumes) keyLine(out, name, ': {}\n');
    } else if (positions.length === 0) out.push('services: {}\n');
    else {
      out.push('services:\n');
      for (const i of positions) {
        keyLine(out, (phase.containers[i] as Container).name, ':\n');
        out.push((parts.services[i] as WrittenYaml).text);
      }
    }
  }
  return out.join('');
}

/** `  name` and `end` on a line one level deep: the name as the writer writes a key (one line, checked above). */
function keyLine(out: string[], name: string, end: string): void {
  out.push(indentAt(1));
  const at = out.length;
  pushScalarTo(out, name, 1);
  out[at + 1] = end;
}

/** What compose cannot do as the spec asks for a container: the same for every phase that runs it. */
function containerNotes(container: Container): NoteSink {
  const notes = new NoteSink();
  const component = container.component;
  const published = container.ports.filter((p) => p.publish);
  if (container.replicas > 1 && published.length) {
    notes.add(`${component.name}: ${container.replicas} replicas publish host port${published.length > 1 ? 's' : ''} ${published.map((p) => p.publish?.hostPort).join(', ')} on one host: only one replica can bind ${published.length > 1 ? 'them' : 'it'} (compose); put a proxy in front or run the replicas on separate hosts`, component.at);
  }
  if (container.replicas > 1 && container.volumes.some((v) => v.volume.perReplica)) {
    notes.add(`${component.name}: compose replicas share one named volume; the spec asks for one volume per replica`, component.at);
  }
  if (component.kind === 'daemon') notes.add(`${component.name} runs once per machine; a compose file is one host, so it runs once`, component.at);
  if (container.schedule !== undefined) {
    notes.add(`${component.name} is a job${container.schedule ? ` (schedule \`${container.schedule}\`)` : ' without a schedule'}: compose cannot schedule it; it is in the profile \`jobs\`, started with \`docker compose run --rm ${container.name}\` from cron or a timer`, component.at);
  }
  return notes;
}
