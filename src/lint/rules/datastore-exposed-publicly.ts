import type { ComponentModel } from '../../spec/model.js';
import { DATASTORE_PORTS, UNAMBIGUOUS_DATASTORE_PORTS } from '../data/datastore-ports.js';
import { formatPortRange, isEverywhere, parseCidr, parsePortRange, placedRoles, type PortRange } from '../../spec/network.js';
import type { Rule } from '../types.js';

type Message = 'public' | 'firewall' | 'firewallPort' | 'securityGroup' | 'securityGroupPort';

/** The ports a datastore listens on: those the page lists, else its engine's defaults. */
function datastorePorts(component: ComponentModel): number[] {
  const listed = (component.input.ports ?? []).map((p) => p.port);
  if (listed.length) return listed;
  const engine = component.input.engine?.toLowerCase();
  return engine === undefined ? [] : [...(DATASTORE_PORTS[engine] ?? [])];
}

function isDatastore(component: ComponentModel): boolean {
  return component.kind === 'datastore';
}

function fromEverywhere(names: readonly string[] | undefined): boolean {
  if (!names) return true;
  return names.some((n) => {
    const block = parseCidr(n);
    return block !== null && isEverywhere(block);
  });
}

interface Listener {
  component: ComponentModel;
  /** The roles it surely runs on (null: any). */
  roles: string[] | null;
}

/** The phase's datastores by the ports they listen on, sorted, so a rule's range is a binary search away. */
class DatastorePorts {
  readonly #byPort = new Map<number, Listener[]>();
  readonly #ports: number[];
  constructor(listeners: Array<Listener & { ports: number[] }>) {
    for (const listener of listeners) for (const port of listener.ports) this.#byPort.set(port, [...(this.#byPort.get(port) ?? []), listener]);
    this.#ports = [...this.#byPort.keys()].sort((a, b) => a - b);
  }
  /** The first datastore in the range that the filter accepts. */
  first(range: PortRange, accept: (l: Listener) => boolean): { component: string; port: number } | null {
    let lo = 0;
    let hi = this.#ports.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#ports[mid] ?? 0) < range.low) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.#ports.length; i++) {
      const port = this.#ports[i];
      if (port === undefined || port > range.high) break;
      const listener = (this.#byPort.get(port) ?? []).find(accept);
      if (listener) return { component: listener.component.name, port };
    }
    return null;
  }
}

/** A single port that means a datastore anywhere (a range that opens many is named only through a datastore of the phase). */
function wellKnown(range: PortRange): { engine: string; port: number } | null {
  if (range.low !== range.high) return null;
  const engine = UNAMBIGUOUS_DATASTORE_PORTS.get(range.low);
  return engine === undefined ? null : { engine, port: range.low };
}

export const datastoreExposedPublicly: Rule<Message> = {
  id: 'datastore-exposed-publicly',
  severity: 'error',
  category: 'network',
  summary: 'A datastore port must not be published to the internet: not with `exposure: public`, an external firewall rule, or a security group open to 0.0.0.0/0.',
  messages: {
    public: '`{component}` publishes {what} port {port} with `exposure: public`: anyone on the internet can reach it and try its credentials',
    firewall: 'this external firewall rule opens {ports}/{protocol} to any address, and `{component}` listens on port {port}: the datastore is reachable from the whole internet',
    firewallPort: 'this external firewall rule opens port {port}/{protocol}, the port of {engine}, to any address: a datastore there is reachable from the whole internet',
    securityGroup: 'security group `{group}` admits {cidr} on {ports}, and `{component}` listens on port {port}: the datastore is reachable from the whole internet',
    securityGroupPort: 'security group `{group}` admits {cidr} on port {port}, the port of {engine}: a datastore there is reachable from the whole internet',
  },
  docs: {
    why: 'Databases, caches and search engines are found by internet-wide scanners within hours of listening on a public address; Redis and Elasticsearch have no authentication by default, and a PostgreSQL or MySQL login is brute-forced from there. Only the application should reach a datastore: keep its ports internal, and open them in firewalls and security groups to the application\'s machines or group, never to `0.0.0.0/0`.',
    invalid: `components:
  postgres:
    kind: datastore
    engine: postgresql
    ports:
      - { port: 5432, exposure: public }
`,
    valid: `components:
  postgres:
    kind: datastore
    engine: postgresql
    ports:
      - { port: 5432, exposure: internal }
`,
    fix: 'Set `exposure: internal` (or `restricted` with `from`), give the firewall rule `scope: inter-server` with the client roles, and admit the application\'s security group instead of a CIDR.',
  },
  check(model, report, analysis) {
    const network = model.input.network;
    const groups = Object.entries(network?.securityGroups ?? {});
    const firewall = network?.firewall ?? [];
    for (const phase of model.phases) {
      for (const component of phase.components) {
        for (const port of component.input.ports ?? []) {
          if (port.exposure !== 'public') continue;
          if (!isDatastore(component) && port.appProtocol !== 'postgresql' && port.appProtocol !== 'redis') continue;
          const what = isDatastore(component) ? 'its datastore' : port.appProtocol === 'postgresql' ? 'a PostgreSQL' : 'a Redis';
          report({ at: analysis.at(port, 'exposure'), message: 'public', data: { component: component.name, what, port: port.port }, phase: phase.name });
        }
      }
      if (!firewall.length && !groups.length) continue;

      const listeners = phase.components.filter(isDatastore).map((component) => ({ component, roles: placedRoles(phase, component), ports: datastorePorts(component) }));
      const index = new DatastorePorts(listeners);

      for (const rule of firewall) {
        if (rule.scope !== 'external' || (rule.direction ?? 'inbound') !== 'inbound' || !fromEverywhere(rule.from)) continue;
        if (rule.phases && !rule.phases.includes(phase.name)) continue;
        const range = parsePortRange(rule.port);
        if (!range) continue;
        const to = rule.to;
        // A rule that names its machines opens the port only there; a datastore placed nowhere in particular may be on any.
        const found = index.first(range, (l) => !to || to.includes(l.component.name) || l.roles === null || l.roles.some((r) => to.includes(r)));
        const protocol = rule.protocol ?? 'tcp';
        const at = analysis.at(rule, 'scope');
        if (found) report({ at, message: 'firewall', data: { ports: formatPortRange(range), protocol, component: found.component, port: found.port }, phase: phase.name });
        else {
          const known = wellKnown(range);
          if (known) report({ at, message: 'firewallPort', data: { port: known.port, protocol, engine: known.engine }, phase: phase.name });
        }
      }

      if (!groups.length) continue;
      // Which datastores each group applies to, through their names and roles.
      const byHost = new Map<string, Set<ComponentModel>>();
      for (const l of listeners) for (const host of [l.component.name, ...(l.roles ?? l.component.roles)]) byHost.set(host, (byHost.get(host) ?? new Set()).add(l.component));
      for (const [name, group] of groups) {
        const applies = new Set((group.appliesTo ?? []).flatMap((host) => [...(byHost.get(host) ?? [])]));
        for (const rule of group.ingress ?? []) {
          if (rule.protocol === 'icmp') continue;
          const range = rule.protocol === '-1' || rule.protocol === 'all' ? { low: 0, high: 65535 } : parsePortRange(rule.port);
          if (!range) continue;
          (rule.cidr ?? []).forEach((text, i) => {
            const block = parseCidr(text);
            if (!block || !isEverywhere(block)) return;
            const at = analysis.at(rule.cidr ?? rule, i);
            const found = applies.size ? index.first(range, (l) => applies.has(l.component)) : null;
            if (found) {
              report({ at, message: 'securityGroup', data: { group: name, cidr: text, ports: formatPortRange(range), component: found.component, port: found.port }, phase: phase.name });
              return;
            }
            const known = wellKnown(range);
            if (known) report({ at, message: 'securityGroupPort', data: { group: name, cidr: text, port: known.port, engine: known.engine }, phase: phase.name });
          });
        }
      }
    }
  },
};
