import { lookup } from 'node:dns/promises';
import { Socket } from 'node:net';
import type { ComponentModel } from '../../spec/model.js';
import { ipVersion, isLoopbackHost } from '../host/ip.js';
import { errorOutcome, outcome, spanOf } from '../judge.js';
import type { CheckModule, Outcome, PlannedCheck, RunContext } from '../types.js';

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'https:': 443, 'wss:': 443, 'http:': 80, 'ws:': 80, 'postgres:': 5432, 'postgresql:': 5432, 'redis:': 6379, 'rediss:': 6379 };

export interface Endpoint {
  host: string;
  port: number;
}

/** Host and port of an external component: its `endpoint` URL, the port from the URL, its first port, or the scheme's. */
export function endpointOf(component: ComponentModel): Endpoint | null {
  const text = component.input.endpoint;
  if (text === undefined || text.includes('${')) return null;
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `tcp://${text}`);
  } catch {
    return null;
  }
  if (url.hostname === '') return null;
  const port = url.port !== '' ? Number(url.port) : (component.input.ports?.[0]?.port ?? DEFAULT_PORTS[url.protocol]);
  return port === undefined ? null : { host: url.hostname.replace(/^\[|\]$/g, ''), port };
}

function connect(host: string, port: number, ctx: RunContext): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = new Socket();
    const done = (result: Outcome) => {
      socket.destroy();
      ctx.signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = () => done(errorOutcome('the run\'s time bound was reached'));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(ctx.timeoutMs, () => done(outcome('fail', 'timeout', `no answer from ${host}:${port} within ${ctx.timeoutMs} ms`)));
    socket.once('connect', () => done(outcome('pass', `${Math.round(performance.now() - started)} ms`, `connected to ${host}:${port}`)));
    socket.once('error', (error: NodeJS.ErrnoException) => done(outcome('fail', error.code ?? 'error', `cannot connect to ${host}:${port}: ${error.code ?? error.message}`)));
    socket.connect({ host, port });
  });
}

/**
 * Outbound reachability of the external services the role's components call (flows to a
 * `kind: external` component with an `endpoint`): the name resolves, and a TCP connection
 * opens. With `--offline`, only loopback targets are contacted; the rest are skipped.
 */
export const reachCheck: CheckModule = {
  id: 'reach',
  description: 'Outbound DNS resolution and TCP connect to the external endpoints the role\'s components call; skipped when offline unless loopback.',
  scope: 'role',
  plan({ model, phase, role, components }) {
    if (role === null) return [];
    const called = new Set(components.flatMap((c) => c.flows.map((f) => f.to)));
    const checks: PlannedCheck[] = [];
    for (const external of phase.components) {
      if (external.kind !== 'external' || !called.has(external.name)) continue;
      const endpoint = endpointOf(external);
      if (endpoint === null) continue;
      const at = spanOf(model, external.input, 'endpoint', external.at);
      const base = { role: role.name, component: external.name, recommended: null, at };
      const { host, port } = endpoint;
      const offlineSkip = (ctx: RunContext, what: string) => (ctx.offline && !isLoopbackHost(host) ? outcome('skip', null, `offline: would ${what}`) : null);
      if (ipVersion(host) === 0) {
        checks.push({
          ...base,
          check: `reach.dns:${host}`,
          minimum: 'resolves',
          async run(ctx) {
            const skipped = offlineSkip(ctx, `resolve ${host}`);
            if (skipped) return skipped;
            const answer = await Promise.race([
              lookup(host, { all: true }).then((list) => list.map((a) => a.address)).catch((error: NodeJS.ErrnoException) => error.code ?? 'error'),
              new Promise<string>((resolve) => setTimeout(resolve, ctx.timeoutMs, 'timeout').unref()),
            ]);
            if (typeof answer === 'string') return outcome('fail', answer, `${host} does not resolve: ${answer}`);
            return outcome('pass', answer.join(', '), `${host} resolves to ${answer.join(', ')}`);
          },
        });
      }
      checks.push({
        ...base,
        check: `reach.tcp:${host}:${port}`,
        minimum: 'connects',
        async run(ctx) {
          return offlineSkip(ctx, `connect to ${host}:${port}`) ?? connect(host, port, ctx);
        },
      });
    }
    return checks;
  },
};
