import type { ComponentModel, Model, PhaseModel } from '../../spec/model.js';
import { formatVersion, rangeMinimum } from '../../units/version.js';
import { dnsLabel } from '../names.js';
import type { EmitContext } from '../types.js';
import { acyclicEdges } from './dependencies.js';
import { decideEnv } from './env.js';
import { healthCheck } from './health.js';
import { officialImage, type OfficialImage } from './images.js';
import { tiersOf } from './networks.js';
import { NoteSink } from './notes.js';
import type { BindMount, Container, ContainerPhase, ContainerPort, ContainerVolume, EnvVar, Exposure, NetworkDefinition, PortProtocol } from './types.js';
import { volumeNames } from './volumes.js';

/** Whether a component is run as a container at all, and if not, why. */
export function notRunReason(component: ComponentModel): string | null {
  if (component.kind === 'external') return 'is external (a third-party service the system calls): nothing to run';
  const managed = component.input.managed;
  if (managed) return `is a managed service (${managed.provider} ${managed.service}): not run as a container; its clients reach the provider's endpoint`;
  return null;
}

function imageTag(component: ComponentModel): string | null {
  const version = component.version;
  if (!version) return null;
  if (version.pinned) return version.pinned;
  for (const range of [version.recommended, version.minimum]) {
    const lowest = range ? rangeMinimum(range) : undefined;
    if (lowest) return formatVersion(lowest);
  }
  return null;
}

/** The repository of an image reference, without registry host, tag or digest: `docker.io/library/postgres:17` → `postgres`. */
function repositoryName(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const last = withoutDigest.split('/').pop() ?? withoutDigest;
  return last.split(':')[0] ?? last;
}

interface ImageChoice {
  image: string;
  source: Container['imageSource'];
  official: OfficialImage | undefined;
}

function chooseImage(model: Model, component: ComponentModel, notes: NoteSink): ImageChoice {
  const official = officialImage(component.input.engine);
  const given = component.input.image;
  if (given !== undefined) {
    const matches = official !== undefined && repositoryName(given) === repositoryName(official.repository);
    return { image: given, source: 'spec', official: matches ? official : undefined };
  }
  if (official) {
    const tag = imageTag(component);
    const image = `${official.repository}:${tag ?? 'latest'}`;
    notes.add(
      `${component.name}: the spec names the engine \`${component.input.engine ?? ''}\` and no image; it runs the engine's official image \`${image}\`` +
        (tag === null ? ' (the spec gives no version: pin a tag)' : ' (the tag is the lowest version the spec admits)'),
      component.at,
    );
    return { image, source: 'engine', official };
  }
  const image = `localhost/${dnsLabel(model.system.name)}/${dnsLabel(component.name)}:latest`;
  notes.add(`${component.name}: the spec gives no image${component.input.engine ? ` and \`${component.input.engine}\` has no official image here` : ''}; it runs \`${image}\`: build or tag that image on the host`, component.at);
  return { image, source: 'local', official: undefined };
}

/**
 * A reference as Docker resolves it: a first component with a `.` or `:`, or
 * `localhost`, is a registry; anything else is on Docker Hub, under `library/`
 * when it has no namespace (the "distribution reference" rules).
 */
export function qualifiedImage(image: string): string {
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  if (slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost')) return image;
  return slash === -1 ? `docker.io/library/${image}` : `docker.io/${image}`;
}

function protocolOf(protocol: string | undefined): PortProtocol {
  return protocol === 'UDP' ? 'udp' : protocol === 'SCTP' ? 'sctp' : 'tcp';
}

/** `running`: the names of the phase's running components (a set, or a map by name). */
function portsOf(component: ComponentModel, running: { has(name: string): boolean }, notes: NoteSink): ContainerPort[] {
  return (component.input.ports ?? []).map((p) => {
    const exposure: Exposure = p.exposure ?? 'internal';
    let publish: ContainerPort['publish'] = null;
    if (exposure === 'public') publish = { hostIp: null, hostPort: p.port };
    else if (exposure === 'node') publish = { hostIp: null, hostPort: p.nodePort ?? p.port };
    else if (exposure === 'localhost') publish = { hostIp: '127.0.0.1', hostPort: p.port };
    else if (exposure === 'restricted') {
      const from = p.from ?? [];
      if (from.length === 0 || !from.every((source) => running.has(source))) {
        publish = { hostIp: null, hostPort: p.port };
        notes.add(`${component.name}: port ${p.port} is restricted to ${from.length ? from.map((f) => `\`${f}\``).join(', ') : 'unnamed sources'}, ${from.length === 1 ? 'which does not run' : 'which do not all run'} beside it: it is published on the host, and the firewall must admit only those sources`, component.at);
      }
    }
    return { name: p.name ?? null, port: p.port, protocol: protocolOf(p.protocol), exposure, publish };
  });
}

// A rootless Podman volume's path on the host (`~/.local/share/containers/storage/volumes/<name>`):
// where the volume lives, not where the container sees it.
const HOST_VOLUME_PATH = /\/containers\/storage\/volumes\//;

function volumesOf(component: ComponentModel, official: OfficialImage | undefined, named: (component: string, volume: string) => string, notes: NoteSink): ContainerVolume[] {
  const inputs = component.input.volumes ?? [];
  return component.volumes.map((volume, i) => {
    const mount = inputs.find((v) => v.name === volume.name)?.mount;
    let target: string;
    if (mount !== undefined && mount.startsWith('/') && !HOST_VOLUME_PATH.test(mount)) target = mount;
    else if (official && i === 0) target = official.dataPath;
    else {
      target = `/data/${volume.name}`;
      notes.add(`${component.name}: volume \`${volume.name}\` gives no mount path inside the container; it is mounted at \`${target}\``, volume.at);
    }
    return { name: named(component.name, volume.name), target, volume };
  });
}

function bindsOf(component: ComponentModel, volumes: readonly ContainerVolume[], notes: NoteSink): BindMount[] {
  const binds: BindMount[] = [];
  for (const path of component.input.security?.hostPaths ?? []) {
    if (volumes.some((v) => v.target === path)) {
      notes.add(`${component.name}: host path \`${path}\` is also where volume \`${volumes.find((v) => v.target === path)?.volume.name ?? ''}\` is mounted; the volume is mounted there, not the host path`, component.at);
      continue;
    }
    if (path.startsWith('/')) binds.push({ source: path, target: path });
    else notes.add(`${component.name}: host path \`${path}\` is not a path on the host (a socket or device name?): not mounted`, component.at);
  }
  return binds;
}

function envOf(component: ComponentModel, official: OfficialImage | undefined, notes: NoteSink): EnvVar[] {
  const env: EnvVar[] = [];
  for (const [key, value] of Object.entries(component.input.env ?? {})) {
    const decision = decideEnv(key, value);
    if (decision.withheld) {
      notes.add(`${component.name}: \`env.${key}\` holds a literal ${decision.withheld === 'named-secret' ? 'secret' : 'password in a URL'} (not written here): it is read from the secret \`${decision.variable.secret ?? key}\`; rotate it, it is in the spec's history`, component.at);
    }
    if (decision.partial) {
      notes.add(`${component.name}: \`env.${key}\` mixes text and \`\${…}\`: compose interpolates it; Podman takes the whole value from the secret \`${decision.variable.secret ?? key}\``, component.at);
    }
    env.push(decision.variable);
  }
  for (const required of official?.requiredSecrets ?? []) {
    if (env.some((e) => e.name === required)) continue;
    env.push({ name: required, literal: null, secret: required, compose: `\${${required}}` });
    notes.add(`${component.name}: its image does not start without \`${required}\`, read from the secret \`${required}\``, component.at);
  }
  return env;
}

/** Roles of the phase that run the component: its placement, else every role for a daemon. */
function rolesOf(component: ComponentModel, phase: PhaseModel, phaseRoles: readonly string[], notes: NoteSink): string[] {
  if (component.roles.length === 0) return component.kind === 'daemon' ? [...phaseRoles] : [];
  const present = component.roles.filter((r) => phaseRoles.includes(r));
  if (present.length === 0) notePlacedElsewhere(component, phase, phaseRoles, notes);
  return present;
}

/** The note of a component left unplaced because the phase has none of its roles (its words name the phase). */
function notePlacedElsewhere(component: ComponentModel, phase: PhaseModel, phaseRoles: readonly string[], notes: NoteSink): void {
  if (component.roles.length === 0 || phaseRoles.length === 0) return;
  notes.add(`${component.name}: placed on ${component.roles.map((r) => `\`${r}\``).join(', ')}, which phase \`${phase.name}\` does not have: treated as unplaced there`, component.at);
}

function podmanImageOf(component: ComponentModel, image: string, notes: NoteSink): string {
  const qualified = qualifiedImage(image);
  if (qualified !== image) notes.add(`${component.name}: \`${image}\` is a short image name; the Podman units run \`${qualified}\` (Docker Hub, as Docker reads it), since Podman under systemd cannot ask which registry is meant`, component.at);
  return qualified;
}

export interface BuildOptions {
  /** Where what cannot be expressed, and the choices made, are said (once each). */
  notes: NoteSink;
}

// compose, quadlet and systemd read the same containers: `generate --target all` builds them once.
const BUILT = new WeakMap<EmitContext, { phases: ContainerPhase[]; notes: NoteSink }>();

/**
 * The containers of every phase to generate, with what the three targets share;
 * built once per generate run (targets only read them), the notes said to each target.
 */
export function containerPhases(context: EmitContext, options: BuildOptions): ContainerPhase[] {
  let built = BUILT.get(context);
  if (!built) {
    const notes = new NoteSink();
    built = { phases: buildContainerPhases(context, { notes }), notes };
    BUILT.set(context, built);
  }
  options.notes.addAll(built.notes);
  return built.phases;
}

/** What a container takes from its component alone, the same in every phase. */
type Own = Omit<Container, 'ports' | 'networks' | 'dependsOn' | 'roles' | 'rootless'>;

function buildContainerPhases(context: EmitContext, options: BuildOptions): ContainerPhase[] {
  const { notes } = options;
  const model = context.model;
  const named = volumeNames(model);
  const tiers = tiersOf(model);
  let sizeNoted = false;
  // What does not depend on the phase is decided once per component: phases share most components.
  // (Maps, not WeakMaps: they live for this call only, weak keys would gain nothing.)
  const decided = new Map<ComponentModel, Own>();
  const perComponent = (component: ComponentModel): Own => {
    const known = decided.get(component);
    if (known) return known;
    const { image, source, official } = chooseImage(model, component, notes);
    const volumes = volumesOf(component, official, named, notes);
    if (volumes.length > 0 && !sizeNoted) {
      sizeNoted = true;
      notes.add('volume sizes are not enforced: local named volumes (compose, Podman) grow until their file system is full; the sizes are checked by `infraspec plan` and `preflight`');
    }
    const security = component.input.security ?? {};
    if (security.runAsNonRoot === true && security.runAsUser === undefined) {
      notes.add(`${component.name}: \`runAsNonRoot\` without \`runAsUser\`: containers run as the image's user; nothing checks that it is not root`, component.at);
    }
    if (security.fsGroup !== undefined) {
      notes.add(`${component.name}: \`fsGroup: ${security.fsGroup}\` has no equivalent for named volumes: give the volume's files that group when it is created`, component.at);
    }
    const gpu = component.input.resources?.limits?.gpu ?? component.input.resources?.requests?.gpu;
    if (gpu !== undefined && gpu > 0) notes.add(`${component.name}: asks for ${gpu} GPU(s); the units pass no device: add the GPU (CDI) device for the host`, component.at);
    const { min, max } = component.replicas;
    if (component.kind !== 'job' && component.kind !== 'daemon' && min !== max) {
      notes.add(`${component.name}: replicas ${min}–${max} scale with load in Kubernetes; here they are fixed at ${min}`, component.at);
    }
    // Replicas of a datastore are copies kept in sync by the engine (streaming replication,
    // Sentinel, a cluster); containers started side by side on one volume are not that.
    let replicas = component.kind === 'job' || component.kind === 'daemon' ? 1 : min;
    if (component.kind === 'datastore' && replicas > 1) {
      notes.add(`${component.name}: ${replicas} replicas of a datastore${component.input.ha ? ` (${component.input.ha.mode}${component.input.ha.tool ? `, ${component.input.ha.tool}` : ''})` : ''} need the engine's replication, which these units do not set up: one instance runs`, component.at);
      replicas = 1;
    }
    const own: Own = {
      component,
      name: dnsLabel(component.name),
      image,
      podmanImage: podmanImageOf(component, image, notes),
      imageSource: source,
      env: envOf(component, official, notes),
      volumes,
      binds: bindsOf(component, volumes, notes),
      health: healthCheck(component, official, notes),
      cpuLimitMillicores: component.limits.cpuMillicores,
      memoryLimitBytes: component.limits.memoryBytes,
      cpuRequestMillicores: component.requests.cpuMillicores,
      memoryRequestBytes: component.requests.memoryBytes,
      replicas,
      user: security.runAsUser === undefined ? null : String(security.runAsUser),
      readOnly: security.readOnlyRootFilesystem === true,
      privileged: security.privileged === true,
      capAdd: security.capabilities?.add ?? [],
      capDrop: security.capabilities?.drop ?? [],
      schedule: component.kind === 'job' ? (component.input.schedule ?? null) : undefined,
    };
    decided.set(component, own);
    return own;
  };
  // The container each component ran as in the latest phase that ran it: a phase that runs it the same way shares the object.
  const latest = new Map<ComponentModel, Container>();
  let previous: Worked | null = null;
  let before: ContainerPhase | null = null;
  return context.phases.map((phase) => {
    const running = phase.components.filter((c) => {
      const reason = notRunReason(c);
      if (reason) notes.add(`${c.name} ${reason}`, c.at);
      return reason === null;
    });
    const phaseRoles = phase.roles.map((r) => r.name);
    const rootlessRoles = new Set(phase.roles.filter((r) => r.input.container?.rootless === true).map((r) => r.name));
    const rolesKey = phase.roles.map((r) => `${r.name}${rootlessRoles.has(r.name) ? '\u0000rootless' : ''}`).join('\u0001');
    const worked = workPhase(running, rolesKey, previous);
    const { index, dirty } = worked;
    // Each container's own notes in document order, as building every container of the phase would say them:
    // a container taken over from the previous phase has said its notes there (the same words at the same
    // place: said once anyway), all but the one that names the phase.
    const containers: Container[] = new Array<Container>(running.length);
    for (let i = 0; i < running.length; i++) {
      const component = running[i] as ComponentModel;
      if (!dirty[i] && previous !== null) {
        const kept = previous.containers[i] as Container;
        if (kept.roles.length === 0) notePlacedElsewhere(component, phase, phaseRoles, notes);
        containers[i] = kept;
        continue;
      }
      const own = perComponent(component);
      const roles = rolesOf(component, phase, phaseRoles, notes);
      const rootless = roles.length > 0 ? roles.every((r) => rootlessRoles.has(r)) : phase.roles.length > 0 && phase.roles.every((r) => rootlessRoles.has(r.name));
      containers[i] = containerOf(own, portsOf(component, index, notes), roles, rootless);
    }

    // Start order: each container waits for the containers it calls (cycles broken in workPhase).
    const at = (name: string): Container | undefined => {
      const i = index.get(name);
      return i === undefined ? undefined : containers[i];
    };
    for (const { from, to } of worked.dropped) {
      notes.add(`${from} and ${to} call each other (a cycle of flows): ${from} does not wait for ${to} to start`, at(from)?.component.at);
    }
    // Networks: a container joins its own segments and those of what it calls.
    const homes: Array<string[] | undefined> = new Array<string[] | undefined>(running.length);
    const home = (i: number): string[] => {
      let list = homes[i];
      if (list === undefined) {
        const c = containers[i] as Container;
        list = tiers(c.component.name, c.roles);
        homes[i] = list;
      }
      return list;
    };
    for (let i = 0; i < containers.length; i++) {
      if (!dirty[i]) continue;
      const c = containers[i] as Container;
      c.dependsOn = (worked.kept.get(c.component.name) ?? []).map((to) => {
        const target = at(to);
        return { name: target?.name ?? dnsLabel(to), healthy: target?.health !== null && target !== undefined };
      });
      const joined: string[] = [];
      const join = (list: readonly string[]) => {
        for (const key of list.length ? list : ['default']) if (!joined.includes(key)) joined.push(key);
      };
      // The segments of the container of its name (the last of a name, as any lookup by name finds).
      join(home(index.get(c.component.name) ?? i));
      for (const flow of c.component.flows) {
        const target = index.get(flow.to);
        if (target !== undefined && flow.to !== c.component.name) join(home(target));
      }
      c.networks = joined;
    }
    const networks: NetworkDefinition[] = [];
    const known = new Set<string>();
    for (const c of containers) {
      for (const key of c.networks) {
        if (known.has(key)) continue;
        known.add(key);
        networks.push({ key, tier: key === 'default' ? null : key });
      }
    }
    const segmented = networks.length > 1 || (networks.length === 1 && networks[0]?.key !== 'default');
    // Phases repeat most containers unchanged: sharing the object lets each target render such a container once
    // for all the phases (its text only names the phase, if at all). One taken over from the previous phase is
    // already the one `latest` holds.
    for (let i = 0; i < containers.length; i++) {
      if (!dirty[i]) continue;
      const c = containers[i] as Container;
      const earlier = latest.get(c.component);
      if (earlier && sameInPhase(earlier, c)) containers[i] = earlier;
      else latest.set(c.component, c);
    }
    previous = { ...worked, containers };
    const built: ContainerPhase = { phase, containers, networks, segmented, previous: before };
    before = built;
    return built;
  });
}

/**
 * What a phase's containers are worked out from, kept for the next phase. Phases overlay a base:
 * at 10k components about 1 % of the components differ from one phase to the next, and a phase
 * whose roles and running components (by name, in order) are those of the previous phase only
 * works out again the containers that can differ: those of a component object the previous phase
 * did not run at that place (`changed`), those whose start dependencies changed, and those that
 * call a changed one (whose health decides how they wait for it, whose roles decide the networks
 * they join). Every other container is the previous phase's object, which building it again
 * would have found equal and shared (`sameInPhase`).
 */
interface Worked {
  running: readonly ComponentModel[];
  /** The phase's roles, with whether each runs rootless Podman. */
  rolesKey: string;
  /** Position of each running component, by name. */
  index: Map<string, number>;
  /** The targets each container calls, by position (in the phase, not itself, each once). */
  edges: string[][];
  /** The calls kept as start dependencies (cycles broken), by caller name. */
  kept: Map<string, string[]>;
  dropped: Array<{ from: string; to: string }>;
  /** Containers to work out again (every one when there is no previous phase to start from). */
  dirty: boolean[];
  containers: Container[];
}

function workPhase(running: readonly ComponentModel[], rolesKey: string, previous: Worked | null): Omit<Worked, 'containers'> {
  let prev = previous !== null && previous.rolesKey === rolesKey && previous.running.length === running.length ? previous : null;
  if (prev !== null) {
    for (let i = 0; i < running.length; i++) {
      // The same component at the same place has the same name: compared without reading it.
      if (running[i] !== prev.running[i] && running[i]?.name !== prev.running[i]?.name) {
        prev = null;
        break;
      }
    }
  }
  let index: Map<string, number>;
  if (prev !== null) index = prev.index;
  else {
    index = new Map();
    for (let i = 0; i < running.length; i++) index.set((running[i] as ComponentModel).name, i);
    // Two components of one name (which the spec does not allow): nothing is taken over, positions would not say which.
    if (index.size !== running.length) prev = null;
  }
  // Components not run at that place in the previous phase.
  const changed: boolean[] = new Array<boolean>(running.length);
  const edges: string[][] = new Array<string[]>(running.length);
  const changedNames = new Set<string>();
  let edgesChanged = prev === null;
  for (let i = 0; i < running.length; i++) {
    const component = running[i] as ComponentModel;
    if (prev !== null && prev.running[i] === component) {
      changed[i] = false;
      edges[i] = prev.edges[i] as string[];
      continue;
    }
    changed[i] = true;
    changedNames.add(component.name);
    const targets: string[] = [];
    for (const flow of component.flows) if (flow.to !== component.name && index.has(flow.to) && !targets.includes(flow.to)) targets.push(flow.to);
    edges[i] = targets;
    if (prev !== null && !sameStrings(targets, prev.edges[i] as string[])) edgesChanged = true;
  }
  let kept: Map<string, string[]>;
  let dropped: Array<{ from: string; to: string }>;
  const dirty = changed.slice();
  if (prev === null || edgesChanged) {
    const byName = new Map<string, string[]>();
    for (let i = 0; i < running.length; i++) byName.set((running[i] as ComponentModel).name, edges[i] as string[]);
    ({ kept, dropped } = acyclicEdges(
      running.map((c) => c.name),
      byName,
    ));
    if (prev !== null) {
      for (let i = 0; i < running.length; i++) {
        const name = (running[i] as ComponentModel).name;
        if (!sameStrings(kept.get(name) ?? [], prev.kept.get(name) ?? [])) dirty[i] = true;
      }
    }
  } else {
    kept = prev.kept;
    dropped = prev.dropped;
  }
  if (prev !== null && changedNames.size > 0) {
    for (let i = 0; i < running.length; i++) {
      if (dirty[i]) continue;
      for (const flow of (running[i] as ComponentModel).flows) {
        if (changedNames.has(flow.to)) {
          dirty[i] = true;
          break;
        }
      }
    }
  }
  return { running, rolesKey, index, edges, kept, dropped, dirty };
}

/**
 * A container of the phase: the component's own settings with what the phase decides. Written
 * out field by field rather than spread: a spread of 20 fields plus five more makes V8 build each
 * object by the slow path and leaves 30,000 of them (10k components, 3 phases) in dictionary
 * mode, which every later read of a field pays for (about a second at 10k components).
 */
function containerOf(own: Own, ports: ContainerPort[], roles: string[], rootless: boolean): Container {
  return {
    component: own.component,
    name: own.name,
    image: own.image,
    podmanImage: own.podmanImage,
    imageSource: own.imageSource,
    env: own.env,
    ports,
    volumes: own.volumes,
    binds: own.binds,
    health: own.health,
    cpuLimitMillicores: own.cpuLimitMillicores,
    memoryLimitBytes: own.memoryLimitBytes,
    cpuRequestMillicores: own.cpuRequestMillicores,
    memoryRequestBytes: own.memoryRequestBytes,
    replicas: own.replicas,
    user: own.user,
    readOnly: own.readOnly,
    privileged: own.privileged,
    capAdd: own.capAdd,
    capDrop: own.capDrop,
    networks: [],
    dependsOn: [],
    schedule: own.schedule,
    roles,
    rootless,
  };
}

/** Whether two containers of the same component (so with the same own settings) are also placed and connected alike. */
function sameInPhase(a: Container, b: Container): boolean {
  return (
    a.rootless === b.rootless &&
    sameStrings(a.roles, b.roles) &&
    sameStrings(a.networks, b.networks) &&
    a.dependsOn.length === b.dependsOn.length &&
    a.dependsOn.every((d, i) => d.name === b.dependsOn[i]?.name && d.healthy === b.dependsOn[i]?.healthy) &&
    a.ports.length === b.ports.length &&
    a.ports.every((p, i) => samePort(p, b.ports[i]))
  );
}

/** The same strings in the same order. */
export function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function samePort(a: ContainerPort, b: ContainerPort | undefined): boolean {
  if (!b || a.name !== b.name || a.port !== b.port || a.protocol !== b.protocol || a.exposure !== b.exposure) return false;
  if (a.publish === null || b.publish === null) return a.publish === b.publish;
  return a.publish.hostIp === b.publish.hostIp && a.publish.hostPort === b.publish.hostPort;
}
