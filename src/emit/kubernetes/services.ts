import type { ComponentModel } from '../../spec/model.js';
import { dnsLabel } from '../names.js';
import type { PhaseEnv } from './context.js';
import { componentLabels, selectorLabels } from './labels.js';
import type { ContainerPort, KubeObject, Protocol } from './types.js';

/**
 * Services, by exposure. Every port but `localhost` ones is on the
 * ClusterIP Service `<component>` (how other pods reach it by name).
 * `exposure: node` ports are also on the NodePort Service
 * `<component>-nodeport`, with the spec's `nodePort`; `exposure: public`
 * ports on the LoadBalancer Service `<component>-public` (on a cluster
 * without a load-balancer controller it stays pending, and its node ports
 * still answer). Separate Services, so that no internal port is ever given a
 * node port or a public address. A StatefulSet also gets the headless
 * Service `<component>-headless` that names its pods.
 */

type PortInput = NonNullable<ComponentModel['input']['ports']>[number];

export interface PlannedPort {
  input: PortInput;
  name: string;
  protocol: Protocol;
}

const IANA_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$/;

function portNameFrom(text: string): string | null {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '').slice(0, 15).replace(/-+$/, '');
  return IANA_NAME.test(cleaned) ? cleaned : null;
}

/** The ports that listen beyond loopback, each with a unique IANA service name (≤ 15 characters). */
export function plannedPorts(env: PhaseEnv, component: ComponentModel): PlannedPort[] {
  const out: PlannedPort[] = [];
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const input of component.input.ports ?? []) {
    if (input.exposure === 'localhost') continue;
    const protocol: Protocol = input.protocol ?? 'TCP';
    const key = `${input.port}/${protocol}`;
    if (seen.has(key)) {
      env.notes.add(`\`${component.name}\` declares port ${key} twice: once is written`, env.at(input, 'port', component.at));
      continue;
    }
    seen.add(key);
    let name = input.name === undefined ? null : portNameFrom(input.name);
    if (name === null || names.has(name)) name = `${protocol.toLowerCase()}-${input.port}`;
    names.add(name);
    out.push({ input, name, protocol });
  }
  return out;
}

export function containerPorts(ports: readonly PlannedPort[]): ContainerPort[] | undefined {
  return ports.length ? ports.map((p) => ({ name: p.name, containerPort: p.input.port, protocol: p.protocol })) : undefined;
}

/** A Service name (DNS-1035: starts with a letter), `<base>` or `<base>-<suffix>`, at most 63 characters. */
export function serviceName(component: string, suffix?: string): string {
  let base = dnsLabel(component);
  if (!/^[a-z]/.test(base)) base = `s-${base}`;
  if (suffix === undefined) return dnsLabel(base);
  return `${base.slice(0, 62 - suffix.length).replace(/-+$/, '')}-${suffix}`;
}

interface ServicePort {
  name: string;
  port: number;
  targetPort: number;
  protocol: Protocol;
  appProtocol?: string;
  nodePort?: number;
}

function servicePort(port: PlannedPort, withNodePort: boolean): ServicePort {
  const out: ServicePort = { name: port.name, port: port.input.port, targetPort: port.input.port, protocol: port.protocol };
  // Kubernetes' own name for WebSocket (KEP-3726); the others are IANA service names as the spec writes them.
  if (port.input.appProtocol !== undefined) out.appProtocol = port.input.appProtocol === 'websocket' ? 'kubernetes.io/ws' : port.input.appProtocol;
  if (withNodePort && port.input.nodePort !== undefined) out.nodePort = port.input.nodePort;
  return out;
}

export function servicesOf(env: PhaseEnv, component: ComponentModel, ports: readonly PlannedPort[], headless: boolean): KubeObject[] {
  const labels = componentLabels(env, component);
  const selector = selectorLabels(env, component.name);
  const meta = (name: string) => ({ name, namespace: env.namespace, labels });
  const out: KubeObject[] = [];
  if (headless) {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(serviceName(component.name, 'headless')),
      // Peers find each other before they are ready (replication, cluster membership).
      spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector, ...(ports.length ? { ports: ports.map((p) => servicePort(p, false)) } : {}) },
    });
  }
  if (component.kind === 'job' || ports.length === 0) return out;
  out.push({ apiVersion: 'v1', kind: 'Service', metadata: meta(serviceName(component.name)), spec: { type: 'ClusterIP', selector, ports: ports.map((p) => servicePort(p, false)) } });
  const node = ports.filter((p) => p.input.exposure === 'node');
  if (node.length) {
    for (const p of node) {
      if (p.input.nodePort === undefined) env.notes.add(`\`${component.name}\` port ${p.input.port} is exposed on the nodes without a \`nodePort\`: Kubernetes assigns one`, env.at(p.input, 'port', component.at));
    }
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: meta(serviceName(component.name, 'nodeport')), spec: { type: 'NodePort', selector, ports: node.map((p) => servicePort(p, true)) } });
  }
  const open = ports.filter((p) => p.input.exposure === 'public');
  if (open.length) {
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: meta(serviceName(component.name, 'public')), spec: { type: 'LoadBalancer', selector, ports: open.map((p) => servicePort(p, true)) } });
  }
  return out;
}
