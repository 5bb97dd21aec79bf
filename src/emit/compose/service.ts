import { cores, goDuration, memory, type Container, type ContainerPort } from '../containers/index.js';

/** `"80:80"`, `"127.0.0.1:5432:5432"`, `"53:53/udp"` (compose's short syntax). */
export function portMapping(port: ContainerPort): string | null {
  if (!port.publish) return null;
  const suffix = port.protocol === 'tcp' ? '' : `/${port.protocol}`;
  const host = port.publish.hostIp ? `${port.publish.hostIp}:` : '';
  return `${host}${port.publish.hostPort}:${port.port}${suffix}`;
}

function resources(container: Container): Record<string, unknown> | undefined {
  const limits: Record<string, string> = {};
  const reservations: Record<string, string> = {};
  if (container.cpuLimitMillicores !== null) limits['cpus'] = cores(container.cpuLimitMillicores);
  if (container.memoryLimitBytes !== null) limits['memory'] = memory(container.memoryLimitBytes);
  if (container.cpuRequestMillicores !== null) reservations['cpus'] = cores(container.cpuRequestMillicores);
  if (container.memoryRequestBytes !== null) reservations['memory'] = memory(container.memoryRequestBytes);
  const out: Record<string, unknown> = {};
  if (Object.keys(limits).length) out['limits'] = limits;
  if (Object.keys(reservations).length) out['reservations'] = reservations;
  return Object.keys(out).length ? out : undefined;
}

function healthcheck(container: Container): Record<string, unknown> | undefined {
  const health = container.health;
  if (!health) return undefined;
  const out: Record<string, unknown> = { test: ['CMD-SHELL', health.command] };
  if (health.intervalMs !== null) out['interval'] = goDuration(health.intervalMs);
  if (health.timeoutMs !== null) out['timeout'] = goDuration(health.timeoutMs);
  if (health.retries !== null) out['retries'] = health.retries;
  if (health.startPeriodMs !== null) out['start_period'] = goDuration(health.startPeriodMs);
  return out;
}

/** One compose service for a container. `segmented`: the file declares networks, so each service lists its own. */
export function composeService(container: Container, segmented: boolean): Record<string, unknown> {
  const service: Record<string, unknown> = { image: container.image };
  if (container.env.length) service['environment'] = Object.fromEntries(container.env.map((e) => [e.name, e.compose]));
  const published = container.ports.map(portMapping).filter((p): p is string => p !== null);
  if (published.length) service['ports'] = published;
  const exposed = container.ports.filter((p) => !p.publish).map((p) => (p.protocol === 'tcp' ? `${p.port}` : `${p.port}/${p.protocol}`));
  if (exposed.length) service['expose'] = exposed;
  const mounts = [...container.volumes.map((v) => `${v.name}:${v.target}`), ...container.binds.map((b) => `${b.source}:${b.target}`)];
  if (mounts.length) service['volumes'] = mounts;
  const check = healthcheck(container);
  if (check) service['healthcheck'] = check;
  if (container.dependsOn.length) {
    service['depends_on'] = Object.fromEntries(container.dependsOn.map((d) => [d.name, { condition: d.healthy ? 'service_healthy' : 'service_started' }]));
  }
  const deploy: Record<string, unknown> = { replicas: container.replicas };
  const limits = resources(container);
  if (limits) deploy['resources'] = limits;
  service['deploy'] = deploy;
  service['restart'] = container.schedule !== undefined ? 'no' : 'unless-stopped';
  if (container.schedule !== undefined) service['profiles'] = ['jobs'];
  if (segmented) service['networks'] = [...container.networks];
  if (container.user !== null) service['user'] = container.user;
  if (container.readOnly) service['read_only'] = true;
  if (container.privileged) service['privileged'] = true;
  if (container.capAdd.length) service['cap_add'] = [...container.capAdd];
  if (container.capDrop.length) service['cap_drop'] = [...container.capDrop];
  return service;
}
