import { cores, goDuration, memory } from './format.js';
import type { Container, ContainerPort } from './types.js';

/**
 * One setting of a container as Podman takes it: the `podman run` flags, and the
 * Quadlet `[Container]` key that says the same where one exists (the Quadlet
 * emitter uses the key when its target version has it, the flags otherwise).
 */
export interface PodmanSetting {
  key: string | null;
  value: string;
  args: string[];
}

/** `80:80`, `127.0.0.1:5432:5432`, `53:53/udp` (`podman run --publish`). */
export function publishSpec(port: ContainerPort, hostPort: number, hostIp: string | null): string {
  const suffix = port.protocol === 'tcp' ? '' : `/${port.protocol}`;
  return `${hostIp ? `${hostIp}:` : ''}${hostPort}:${port.port}${suffix}`;
}

/**
 * Everything of a container but its name, image, networks and named volumes
 * (which the two Podman targets name differently), in a stable order.
 * `published`: the ports published on this host.
 */
export function podmanSettings(container: Container, published: ReadonlyArray<{ port: ContainerPort; hostPort: number; hostIp: string | null }>): PodmanSetting[] {
  const out: PodmanSetting[] = [];
  const add = (key: string | null, value: string, args: string[]) => out.push({ key, value, args });
  for (const p of published) {
    const spec = publishSpec(p.port, p.hostPort, p.hostIp);
    add('PublishPort', spec, ['--publish', spec]);
  }
  for (const bind of container.binds) add('Volume', `${bind.source}:${bind.target}`, ['--volume', `${bind.source}:${bind.target}`]);
  for (const env of container.env) {
    if (env.literal !== null) add('Environment', `${env.name}=${env.literal}`, ['--env', `${env.name}=${env.literal}`]);
    else if (env.secret !== null) add('Secret', `${env.secret},type=env,target=${env.name}`, ['--secret', `${env.secret},type=env,target=${env.name}`]);
  }
  if (container.user !== null) add('User', container.user, ['--user', container.user]);
  if (container.readOnly) add('ReadOnly', 'true', ['--read-only']);
  if (container.privileged) add(null, '', ['--privileged']);
  for (const cap of container.capDrop) add('DropCapability', cap, ['--cap-drop', cap]);
  for (const cap of container.capAdd) add('AddCapability', cap, ['--cap-add', cap]);
  if (container.cpuLimitMillicores !== null) add(null, '', ['--cpus', cores(container.cpuLimitMillicores)]);
  if (container.memoryLimitBytes !== null) add(null, '', ['--memory', memory(container.memoryLimitBytes)]);
  if (container.memoryRequestBytes !== null) add(null, '', ['--memory-reservation', memory(container.memoryRequestBytes)]);
  const health = container.health;
  if (health) {
    add('HealthCmd', health.command, ['--health-cmd', health.command]);
    if (health.intervalMs !== null) add('HealthInterval', goDuration(health.intervalMs), ['--health-interval', goDuration(health.intervalMs)]);
    if (health.timeoutMs !== null) add('HealthTimeout', goDuration(health.timeoutMs), ['--health-timeout', goDuration(health.timeoutMs)]);
    if (health.retries !== null) add('HealthRetries', String(health.retries), ['--health-retries', String(health.retries)]);
    if (health.startPeriodMs !== null) add('HealthStartPeriod', goDuration(health.startPeriodMs), ['--health-start-period', goDuration(health.startPeriodMs)]);
    // Unhealthy: Podman kills the container and systemd's Restart= starts it again.
    add('HealthOnFailure', 'kill', ['--health-on-failure', 'kill']);
  }
  return out;
}
