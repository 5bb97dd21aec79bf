import type { SourceSpan } from '../../spec/source.js';
import { listeningTcpPorts } from '../host/facts.js';
import { errorOutcome, outcome, spanOf } from '../judge.js';
import type { CheckModule, PlannedCheck } from '../types.js';

/**
 * TCP ports from the role's `ports`: `free` ones must have no listener yet (the
 * deployment binds them), `listening` ones must have one. Read from /proc/net/tcp and
 * tcp6 (state LISTEN), with no connection made.
 */
export const portsCheck: CheckModule = {
  id: 'port',
  description: 'TCP ports from `ports.free` (nothing listens yet) and `ports.listening` (something listens), read from /proc/net/tcp{,6}.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const ports = role.input.ports;
    if (ports === undefined) return [];
    const checks: PlannedCheck[] = [];
    const plan = (list: number[] | undefined, want: 'free' | 'listening') =>
      (list ?? []).forEach((port, i) => {
        const at: SourceSpan = spanOf(model, list, i, role.at);
        checks.push({
          check: `port.${want}:${port}`,
          role: role.name,
          component: null,
          minimum: want,
          recommended: null,
          at,
          async run(ctx) {
            const listening = await listeningTcpPorts(ctx);
            if (listening === null) return errorOutcome('cannot read /proc/net/tcp or /proc/net/tcp6');
            const taken = listening.has(port);
            const measured = taken ? 'listening' : 'free';
            if (want === 'free') return outcome(taken ? 'fail' : 'pass', measured, taken ? `TCP port ${port} is already taken: something listens on it` : `TCP port ${port} is free`);
            return outcome(taken ? 'pass' : 'fail', measured, taken ? `something listens on TCP port ${port}` : `nothing listens on TCP port ${port}`);
          },
        });
      });
    plan(ports.free, 'free');
    plan(ports.listening, 'listening');
    return checks;
  },
};
