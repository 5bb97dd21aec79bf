import { haMemberCounts, isStateful, machinesFor, managedRedundant } from '../helpers/backup-availability.js';
import type { Rule } from '../types.js';

export const singlePointOfFailure: Rule<'singleReplica' | 'oneMachine'> = {
  id: 'single-point-of-failure',
  severity: 'warning',
  category: 'availability',
  summary: 'In a production phase, stateful components should have more than one copy, on more than one machine.',
  messages: {
    singleReplica: '`{component}` keeps state with {replicas} and no HA mode in a production phase: when it or its machine fails, its data is unreachable until it is restarted or restored',
    oneMachine: '{copies} of `{component}` all run on {machines}, the only machine of the phase that may run it: losing that machine loses every copy',
  },
  docs: {
    why: 'A production phase is where an outage costs users. A datastore (or any component with volumes) with one replica and no HA mode is down, with its data unreachable, from the moment it or its machine fails until someone restores it; replicas that can only land on one machine fail together with it. Only phases marked `production: true` are judged; managed services that keep a standby in another zone (`multiAz`) are not single points.',
    invalid: `components:
  postgres:
    kind: datastore
    replicas: 1
phases:
  production:
    production: true
`,
    valid: `components:
  postgres:
    kind: datastore
    replicas: 2
    ha: { mode: primary-replica, replicas: 1, failover: automatic }
roles:
  db: { count: 2 }
phases:
  production:
    production: true
`,
    fix: 'Run a replica with failover (`ha: {mode: primary-replica, failover: automatic}`) on a second machine, use a managed multi-AZ service, or accept the risk with a suppression that says why.',
  },
  check(_model, report, analysis) {
    for (const phase of analysis.productionPhases) {
      for (const component of phase.components) {
        if (!isStateful(component) || component.perNode || managedRedundant(component.input)) continue;
        const input = component.input;
        const ha = input.ha;
        const highlyAvailable = ha !== undefined && ha.mode !== 'single';
        if (component.replicas.min <= 1 && !highlyAvailable) {
          const at = input.replicas !== undefined ? analysis.at(input, 'replicas') : ha !== undefined ? analysis.at(ha, 'mode') : component.at;
          report({ at, message: 'singleReplica', data: { component: component.name, replicas: component.replicas.min === 1 ? 'one replica' : `${component.replicas.min} replicas` }, phase: phase.name });
          continue;
        }
        if (input.managed) continue;
        const machines = machinesFor(analysis, phase, component);
        if (!machines || machines.max !== 1) continue;
        const members = Math.max(component.replicas.min, ...(haMemberCounts(ha) ?? []));
        const placement = input.placement;
        const at = placement?.role !== undefined ? analysis.at(placement, 'role') : input.replicas !== undefined ? analysis.at(input, 'replicas') : component.at;
        report({
          at,
          message: 'oneMachine',
          data: { component: component.name, copies: members > 1 ? `the ${members} replicas` : 'the copies', machines: machines.roles.filter((r) => (r.count?.max ?? 0) > 0).map((r) => `\`${r.name}\``).join(', ') },
          phase: phase.name,
        });
      }
    }
  },
};
