import type { ComponentModel } from '../../spec/model.js';
import { parseDuration } from '../../units/duration.js';
import type { OfficialImage } from './images.js';
import type { NoteSink } from './notes.js';
import type { HealthCheck } from './types.js';

function duration(text: string | number | undefined): bigint | null {
  if (text === undefined) return null;
  const parsed = parseDuration(text);
  return parsed.ok ? parsed.value : null;
}

// Characters a URL may hold without the shell reading them; anything else is single-quoted.
const SHELL_SAFE = /^[A-Za-z0-9/._~:%+,=@-]*$/;

function shellWord(word: string): string {
  return SHELL_SAFE.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * An HTTP check that needs curl or wget in the image: curl first, wget (busybox
 * has one) when curl is missing; any failure of both is unhealthy.
 */
function httpCommand(scheme: 'http' | 'https', port: number, path: string): string {
  const url = shellWord(`${scheme}://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`);
  const insecure = scheme === 'https';
  return `curl -fsS${insecure ? 'k' : ''} -o /dev/null ${url} || wget -q${insecure ? ' --no-check-certificate' : ''} -O /dev/null ${url} || exit 1`;
}

/**
 * The container's health check: the spec's `health` endpoint over HTTP, else the
 * engine's own readiness command when the image is the engine's official one.
 */
export function healthCheck(component: ComponentModel, official: OfficialImage | undefined, notes: NoteSink): HealthCheck | null {
  const health = component.input.health;
  const ports = component.input.ports ?? [];
  if (health) {
    const timing = {
      intervalMs: duration(health.interval),
      timeoutMs: duration(health.timeout),
      retries: health.unhealthyThreshold ?? null,
      startPeriodMs: duration(health.initialDelay),
    };
    if ((health.healthyThreshold ?? 1) > 1) {
      notes.add(`${component.name}: \`healthyThreshold: ${health.healthyThreshold}\` has no equivalent in container health checks: one success makes the container healthy`, component.at);
    }
    if (health.readiness !== undefined || health.readinessPath !== undefined) {
      notes.add(`${component.name}: the readiness check has no equivalent outside Kubernetes; the health check probes \`${health.path ?? '(no path)'}\``, component.at);
    }
    if (health.path === undefined) {
      notes.add(`${component.name}: \`health\` gives no path, so there is no HTTP check to run, and the spec gives no command: no health check`, component.at);
      return null;
    }
    const port = health.port ?? ports.find((p) => p.appProtocol === 'http' || p.appProtocol === 'https')?.port ?? ports[0]?.port;
    if (port === undefined) {
      notes.add(`${component.name}: \`health\` gives no port and the component has none: no health check`, component.at);
      return null;
    }
    if (health.port === undefined) notes.add(`${component.name}: \`health\` gives no port; the check uses port ${port}, the component's first HTTP port`, component.at);
    const scheme = ports.find((p) => p.port === port)?.appProtocol === 'https' ? 'https' : 'http';
    notes.add(`${component.name}: the health check runs curl (or wget) inside the image; an image with neither (distroless, scratch) needs another check`, component.at);
    return { command: httpCommand(scheme, port, health.path), source: 'spec', ...timing };
  }
  if (official?.healthCommand) {
    const command = official.healthCommand(ports[0]?.port ?? null);
    notes.add(`${component.name}: the spec gives no health check; it is checked with \`${command}\`, which the ${component.input.engine ?? 'engine'} image ships, with the tools' default timing`, component.at);
    return { command, source: 'engine', intervalMs: null, timeoutMs: null, retries: null, startPeriodMs: null };
  }
  return null;
}
