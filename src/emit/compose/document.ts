import type { Container, ContainerPhase, NoteSink } from '../containers/index.js';
import { toYamlBlock } from '../serialize.js';
import { composeService } from './service.js';

/**
 * Services written ahead, by container: phases that run a container alike (the same
 * object, see build.ts) share its service's text rather than writing it again.
 */
export type ServiceTexts = Map<Container, { segmented: boolean; written: unknown }>;

// A service is the value of its name under `services:`, two levels deep in the file.
const SERVICE_DEPTH = 2;

/** The compose file of one phase: every container of the phase on one host. */
export function composeDocument(phase: ContainerPhase, notes: NoteSink, written: ServiceTexts = new Map()): Record<string, unknown> {
  const services: Record<string, unknown> = {};
  const volumes: Record<string, unknown> = {};
  const roles = new Set<string>();
  for (const container of phase.containers) {
    let service = written.get(container);
    if (!service || service.segmented !== phase.segmented) {
      service = { segmented: phase.segmented, written: toYamlBlock(composeService(container, phase.segmented), SERVICE_DEPTH) };
      written.set(container, service);
    }
    services[container.name] = service.written;
    for (const v of container.volumes) volumes[v.name] = {};
    for (const r of container.roles) roles.add(r);
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
  }
  if (roles.size > 1) {
    notes.add(`phase \`${phase.phase.name}\` places its containers on ${roles.size} roles (${[...roles].map((r) => `\`${r}\``).join(', ')}): its compose file runs them all on one host; the quadlet and systemd targets split them per role`, phase.phase.at);
  }
  const document: Record<string, unknown> = { services };
  if (Object.keys(volumes).length) document['volumes'] = volumes;
  if (phase.segmented) document['networks'] = Object.fromEntries(phase.networks.map((n) => [n.key, {}]));
  return document;
}
