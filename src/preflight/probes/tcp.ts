/**
 * TCP: a connection to components whose connection has no dedicated probe
 * (`tcp://host:port`, `clickhouse://host:9000`, `host:port`), opened and closed at once.
 */
import { connect } from 'node:net';
import type { CheckModule, Outcome } from '../types.js';
import { describeConnectError, targetCheck, withDeadline } from './support/planned.js';
import { outcome } from '../judge.js';
import { bareHost, hostPort, serviceTargets, type ServiceTarget } from './support/target.js';

export const tcpProbe: CheckModule = {
  id: 'tcp',
  description: 'Components whose connection has no dedicated probe: a TCP connection to its host and port.',
  scope: 'service',
  plan({ model, components }) {
    return serviceTargets(model, components, 'tcp').map((target) =>
      targetCheck(target, {
        check: 'tcp.connect',
        minimum: 'accepts connections',
        recommended: null,
        at: target.at,
        measure: (session, ctx) => {
          const port = portOf(target, session.url);
          if (port === null) {
            return Promise.resolve(outcome('error', null, `\`${session.shown}\` names no port and component \`${target.component.name}\` lists none under ports`));
          }
          return connectOnce(bareHost(session.url), port, ctx.timeoutMs, ctx.signal);
        },
      }),
    );
  },
};

function portOf(target: ServiceTarget, url: URL): number | null {
  if (url.port !== '') return Number(url.port);
  return target.component.input.ports?.[0]?.port ?? null;
}

export async function connectOnce(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<Outcome> {
  const where = hostPort(host, port);
  let socket: ReturnType<typeof connect> | null = null;
  const started = performance.now();
  try {
    await withDeadline(
      () =>
        new Promise<void>((resolve, reject) => {
          socket = connect({ host, port });
          socket.once('connect', () => resolve());
          socket.once('error', reject);
        }),
      timeoutMs,
      signal,
      () => (socket as ReturnType<typeof connect> | null)?.destroy(),
    );
    const ms = performance.now() - started;
    return outcome('pass', 'open', `${where} accepted a connection in ${ms.toFixed(1)} ms`);
  } catch (error) {
    const described = describeConnectError(error, where);
    return outcome(described.status, described.status === 'fail' ? 'closed' : null, described.reason);
  } finally {
    (socket as ReturnType<typeof connect> | null)?.destroy();
  }
}
