import type { ComponentModel, PhaseModel, VolumeModel } from '../../spec/model.js';

/**
 * What compose, Quadlet and plain systemd units run, decided once for the
 * three: the same containers with the same images, ports, volumes,
 * environment, limits, health checks and dependencies. Each target only
 * renders this in its own format.
 */

export type PortProtocol = 'tcp' | 'udp' | 'sctp';
export type Exposure = 'public' | 'internal' | 'node' | 'restricted' | 'localhost';

export interface ContainerPort {
  name: string | null;
  port: number;
  protocol: PortProtocol;
  exposure: Exposure;
  /** Published on the host (`null`: reachable only on the containers' network). */
  publish: { hostIp: string | null; hostPort: number } | null;
}

export interface ContainerVolume {
  /** The named volume (unique in the system; the spec's name when it is). */
  name: string;
  /** Where it is mounted in the container. */
  target: string;
  volume: VolumeModel;
}

export interface BindMount {
  source: string;
  target: string;
}

/** One environment variable: a literal, or a secret read from where the target keeps secrets. */
export interface EnvVar {
  name: string;
  /** The literal value (never a secret). */
  literal: string | null;
  /** The secret that holds the value: a compose variable, a Podman secret of that name. */
  secret: string | null;
  /** The compose value: the literal with `$` escaped, or `${SECRET}`, or the spec's own `${…}` text. */
  compose: string;
}

export interface HealthCheck {
  /** A shell command run in the container; exit 0 means healthy. */
  command: string;
  source: 'spec' | 'engine';
  intervalMs: bigint | null;
  timeoutMs: bigint | null;
  retries: number | null;
  startPeriodMs: bigint | null;
}

export interface Dependency {
  /** The container it needs. */
  name: string;
  /** Wait for its health check rather than for its start. */
  healthy: boolean;
}

export interface Container {
  component: ComponentModel;
  /** Service, container and unit name: the component's DNS label. */
  name: string;
  image: string;
  /** The image with its registry spelled out (`docker.io/library/postgres:17.6`): Podman under systemd cannot ask which registry a short name means. */
  podmanImage: string;
  imageSource: 'spec' | 'engine' | 'local';
  env: EnvVar[];
  ports: ContainerPort[];
  volumes: ContainerVolume[];
  binds: BindMount[];
  health: HealthCheck | null;
  cpuLimitMillicores: bigint | null;
  memoryLimitBytes: bigint | null;
  cpuRequestMillicores: bigint | null;
  memoryRequestBytes: bigint | null;
  /** Fixed replicas (the minimum of a range). */
  replicas: number;
  user: string | null;
  readOnly: boolean;
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  /** Networks it joins (keys of `ContainerPhase.networks`). */
  networks: string[];
  /** Same-phase containers it calls, cycles broken. */
  dependsOn: Dependency[];
  /** A job's cron schedule (`null` for a job without one, `undefined` for anything else). */
  schedule: string | null | undefined;
  /** The roles of the phase that run it (empty: unplaced). */
  roles: string[];
  /** Every role that runs it asks for rootless Podman. */
  rootless: boolean;
}

export interface NetworkDefinition {
  /** The key containers refer to: a tier, or `default`. */
  key: string;
  tier: string | null;
}

export interface ContainerPhase {
  phase: PhaseModel;
  /** Document order. */
  containers: Container[];
  /** Networks in first-use order; one `default` when the spec does not segment the containers. */
  networks: NetworkDefinition[];
  /** True when the spec puts containers in subnets of different tiers. */
  segmented: boolean;
  /**
   * The phase before it in this run (`null` for the first): phases share most containers, at the
   * same positions, so what is worked out from a phase's containers can start from that phase's.
   */
  previous: ContainerPhase | null;
}
