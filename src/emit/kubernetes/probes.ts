import type { ComponentModel } from '../../spec/model.js';
import { parseDuration } from '../../units/duration.js';
import type { PhaseEnv } from './context.js';
import type { Probe } from './types.js';

type HealthInput = NonNullable<ComponentModel['input']['health']>;

/**
 * Liveness and readiness probes from `health`: an HTTP GET when it gives a
 * path, a TCP connect otherwise. Timings are whole seconds in Kubernetes; a
 * duration between seconds is rounded up (a probe never fires sooner than the
 * page allows). `healthyThreshold` becomes the readiness probe's
 * `successThreshold` only: the apiserver accepts nothing but 1 on a liveness probe.
 */

function seconds(env: PhaseEnv, component: ComponentModel, container: object, key: string, minimum: number): number | undefined {
  const value = (container as Record<string, unknown>)[key];
  if (value === undefined || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
  const parsed = parseDuration(value);
  if (!parsed.ok) return undefined;
  const ms = parsed.value;
  const whole = Number((ms + 999n) / 1000n);
  const rounded = Math.max(minimum, whole);
  if (ms % 1000n !== 0n || rounded !== whole) {
    env.notes.add(`\`${component.name}\`: health \`${key}: ${String(value)}\` is written as ${rounded}s (probe timings are whole seconds, at least ${minimum})`, env.at(container, key, component.at));
  }
  return rounded;
}

function timings(env: PhaseEnv, component: ComponentModel, sources: object[]): Pick<Probe, 'initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds'> {
  const pick = (key: string, minimum: number): number | undefined => {
    for (const source of sources) {
      const value = seconds(env, component, source, key, minimum);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const out: Pick<Probe, 'initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds'> = {};
  const initial = pick('initialDelay', 0);
  const period = pick('interval', 1);
  const timeout = pick('timeout', 1);
  if (initial !== undefined) out.initialDelaySeconds = initial;
  if (period !== undefined) out.periodSeconds = period;
  if (timeout !== undefined) out.timeoutSeconds = timeout;
  return out;
}

function action(component: ComponentModel, path: string | undefined, port: number): Pick<Probe, 'httpGet' | 'tcpSocket'> {
  if (path === undefined) return { tcpSocket: { port } };
  const declared = component.input.ports?.find((p) => p.port === port);
  return { httpGet: declared?.appProtocol === 'https' ? { path, port, scheme: 'HTTPS' } : { path, port } };
}

export function probesOf(env: PhaseEnv, component: ComponentModel): { livenessProbe?: Probe; readinessProbe?: Probe } {
  const health: HealthInput | undefined = component.input.health;
  if (!health) return {};
  const hasProbe = health.path !== undefined || health.port !== undefined || health.readiness !== undefined || health.readinessPath !== undefined;
  if (!hasProbe) return {};
  const port = health.port ?? component.input.ports?.[0]?.port;
  if (port === undefined) {
    env.notes.add(`\`${component.name}\`: \`health\` names no port and the component declares none: no probes`, env.at(component.input, 'health', component.at));
    return {};
  }
  const liveness: Probe = { ...action(component, health.path, port), ...timings(env, component, [health]) };
  if (health.unhealthyThreshold !== undefined) liveness.failureThreshold = health.unhealthyThreshold;
  const readinessInput = health.readiness ?? {};
  const readiness: Probe = {
    ...action(component, readinessInput.path ?? health.readinessPath ?? health.path, readinessInput.port ?? port),
    ...timings(env, component, [readinessInput, health]),
  };
  if (health.healthyThreshold !== undefined) {
    readiness.successThreshold = health.healthyThreshold;
    if (health.healthyThreshold > 1) env.notes.add(`\`${component.name}\`: \`healthyThreshold\` ${health.healthyThreshold} applies to the readiness probe only (the apiserver takes nothing but 1 on a liveness probe)`, env.at(health, 'healthyThreshold', component.at));
  }
  if (health.unhealthyThreshold !== undefined) readiness.failureThreshold = health.unhealthyThreshold;
  return { livenessProbe: liveness, readinessProbe: readiness };
}
