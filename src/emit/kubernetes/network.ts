import { flowPorts, flowTransport, formatCidr, parseCidr, policyIndex, rulePeersMatch, type NetworkPolicyInput, type PolicyPeerInput, type PolicyRuleInput } from '../../spec/network.js';
import type { ComponentModel, FlowModel } from '../../spec/model.js';
import { dnsLabel } from '../names.js';
import { codeList, runsInCluster, type NoteCall, type PhaseEnv } from './context.js';
import { nameLabel, selectorOf, systemLabels } from './labels.js';
import type { KubeObject, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort, Protocol } from './types.js';

/**
 * NetworkPolicies.
 *
 * Without `network.policies` in the spec, every namespace is default-deny
 * (`default-deny` selects every pod, for Ingress and Egress) and what the
 * spec declares is allowed back: `<component>-allow` admits each declared
 * flow at its target (from its source, on the flow's port, or the target's
 * ports when the flow names none) and lets it out of its source; ports with
 * `exposure: public` or `node` admit any source, `restricted` ones their
 * `from`; replicas of a highly available component reach each other on its
 * ports (replication). `allow-dns` lets every pod ask the cluster DNS
 * (`k8s-app: kube-dns` in `kube-system`, UDP and TCP 53). Traffic the spec
 * does not declare is blocked.
 *
 * With `network.policies`, the spec's policies are written as the page has
 * them (a policy without a namespace goes in the workloads' namespace). Where
 * they restrict a component (a policy of that direction selects it) and do
 * not admit something the spec declares (a flow, an exposed port,
 * replication, DNS), the same derived rules are added for it, in
 * `<component>-allow` and `allow-dns`: NetworkPolicies only add up, so the
 * page's rules stay intact, directions it leaves open stay open, and every
 * declared flow passes.
 */

const EVERYWHERE = '0.0.0.0/0';
const DNS_PEER: NetworkPolicyPeer = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};
const DNS_PORTS: NetworkPolicyPort[] = [
  { port: 53, protocol: 'UDP' },
  { port: 53, protocol: 'TCP' },
];
// HA modes whose replicas talk to each other (replication, quorum, gossip).
const PEERING_MODES = new Set(['replicated', 'primary-replica', 'sentinel', 'cluster', 'active-active', 'leader-follower', 'sharded']);

type Direction = 'ingress' | 'egress';

/** Something the spec declares a component sends or receives. */
interface Declared {
  peers: NetworkPolicyPeer[] | null;
  /** `peers` as a key, equal exactly when the peers are (see Peers); OPEN for every peer. */
  key: string;
  /** null: every port. */
  ports: NetworkPolicyPort[] | null;
  /** The other end, to ask the page's policies about it: a component, or any source at all. */
  other: ComponentModel | 'anywhere' | null;
  /** How a note names it: `api → redis` (only the page's policies' note does: empty without them). */
  label: string;
}

/** The key of no peer list: every peer (JSON would write it `null`). */
const OPEN = 'null';

/**
 * Peers with their key. Every peer list is a component's pods or a list of
 * CIDRs, so the key is the pods' name label (the system, the other selector
 * label, is the same for the whole phase) or the CIDRs: keys are equal exactly
 * when the peers' JSON is, without writing it.
 */
interface Peers {
  peers: NetworkPolicyPeer[];
  key: string;
}

function podPeers(env: PhaseEnv, componentName: string): Peers {
  return { peers: [{ podSelector: selectorOf(env, componentName) }], key: `pods:${nameLabel(componentName)}` };
}

function blockPeers(cidrs: readonly string[]): Peers {
  return { peers: cidrs.map((cidr) => ({ ipBlock: { cidr } })), key: `blocks:${cidrs.join(' ')}` };
}

/** Ports as a key, equal for equal lists (`port` is a number and `protocol` a word, so this is as exact as their JSON). */
function portsKey(ports: readonly NetworkPolicyPort[] | null): string {
  if (ports === null) return '*';
  let key = '';
  for (const p of ports) key += `${p.port}/${p.protocol},`;
  return key;
}

/** Rules by peer, in first-seen order; ports of one peer add up (anything without ports opens them all). */
class Rules {
  readonly #byPeer = new Map<string, { peers: NetworkPolicyPeer[] | null; ports: NetworkPolicyPort[] | null }>();
  /**
   * Everything added, in order: the rules are a function of it, so two Rules
   * with the same signature write the same rules (what lets a phase reuse the
   * policy an earlier phase built).
   */
  signature = '';

  add(key: string, peers: NetworkPolicyPeer[] | null, ports: NetworkPolicyPort[] | null): void {
    this.signature += `${key}\u0001${portsKey(ports)}\u0002`;
    const rule = this.#byPeer.get(key);
    if (!rule) {
      this.#byPeer.set(key, { peers, ports: ports === null ? null : [...ports] });
      return;
    }
    if (rule.ports === null) return;
    if (ports === null) {
      rule.ports = null;
      return;
    }
    for (const p of ports) if (!rule.ports.some((q) => q.port === p.port && q.protocol === p.protocol)) rule.ports.push(p);
  }

  get size(): number {
    return this.#byPeer.size;
  }

  /**
   * The rules: those a rule open to every peer already covers are left out,
   * and peers allowed on the same ports share one rule.
   */
  #kept(): Array<{ peers: NetworkPolicyPeer[] | null; ports: NetworkPolicyPort[] | null }> {
    const open = this.#byPeer.get(OPEN);
    const covered = (r: { ports: NetworkPolicyPort[] | null }) => open !== undefined && (open.ports === null || (r.ports !== null && r.ports.every((p) => open.ports?.some((q) => q.port === p.port && q.protocol === p.protocol))));
    const byPorts = new Map<string, { peers: NetworkPolicyPeer[] | null; ports: NetworkPolicyPort[] | null }>();
    for (const rule of this.#byPeer.values()) {
      if (rule !== open && covered(rule)) continue;
      const key = rule.peers === null ? '\u0000open' : portsKey(rule.ports);
      const same = byPorts.get(key);
      if (same?.peers && rule.peers) same.peers = [...same.peers, ...rule.peers];
      else byPorts.set(key, { peers: rule.peers, ports: rule.ports });
    }
    return [...byPorts.values()];
  }

  ingress(): NetworkPolicyIngressRule[] {
    return this.#kept().map((r) => ({ ...(r.peers ? { from: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) }));
  }

  egress(): NetworkPolicyEgressRule[] {
    return this.#kept().map((r) => ({ ...(r.peers ? { to: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) }));
  }
}

/** Whether a page rule's ports admit every one of `ports` (all ports only when the rule lists none). */
function rulePortsAdmit(rule: PolicyRuleInput, ports: NetworkPolicyPort[] | null): boolean {
  if (!rule.ports?.length) return true;
  if (ports === null) return false;
  return ports.every((p) => rule.ports?.some((q) => q.port === p.port && (q.protocol ?? 'TCP') === p.protocol));
}

function rulePeersAdmit(rule: PolicyRuleInput, other: Declared['other'], namespace: string | null): boolean {
  if (!rule.peers?.length) return true;
  if (other === null) return false;
  if (other === 'anywhere') return rule.peers.some((p) => p.all === true || (p.cidr !== undefined && parseCidr(p.cidr)?.prefix === 0));
  return rulePeersMatch(rule, other, namespace);
}

/** Whether the page's policies (those selecting the component in that direction) already admit it. */
function pageAdmits(policies: readonly NetworkPolicyInput[], direction: Direction, item: Declared, namespace: string | null): boolean {
  return policies.some((p) => (p[direction] ?? []).some((rule) => rulePortsAdmit(rule, item.ports) && rulePeersAdmit(rule, item.other, namespace)));
}

/** Whether the page's egress rules let a pod ask the cluster DNS over both UDP and TCP. */
function pageAllowsDns(policies: readonly NetworkPolicyInput[]): boolean {
  const peerOk = (p: PolicyPeerInput) => p.all === true || p.cidr !== undefined || (p.namespace === 'kube-system' && p.component === undefined);
  return (['UDP', 'TCP'] as const).every((protocol) =>
    policies.some((policy) => (policy.egress ?? []).some((rule) => rulePortsAdmit(rule, [{ port: 53, protocol }]) && (!rule.peers?.length || rule.peers.some(peerOk)))),
  );
}

/**
 * Policies built in earlier phases, by name, with what they were built from:
 * a phase that would build the same policy reuses the object (and so its
 * serialization).
 */
type PoliciesByName = Map<string, { signature: string; object: KubeObject }>;

/**
 * What earlier phases built. Phases repeat most components, and a phase's
 * derived policies are a function of what its components declare about the
 * network (see `networkFingerprint`), its namespace and the system: a phase
 * that declares the same as an earlier one gets that phase's policies and
 * notes without working them out again (at 10k components, a tenth of a
 * second per phase). The page's own policies (`network.policies`) select
 * components by phase (`policyIndex`): with them, every phase is worked out.
 */
export class PolicyCache {
  readonly byName: PoliciesByName = new Map();
  readonly #phases = new Map<string, { objects: KubeObject[]; calls: NoteCall[] }>();
  // Each distinct fingerprint as a small number, so that a phase's key is short.
  readonly #ids = new Map<string, number>();
  readonly #idOf = new Map<ComponentModel, number>();

  #id(component: ComponentModel): number {
    let id = this.#idOf.get(component);
    if (id === undefined) {
      const fingerprint = networkFingerprint(component);
      id = this.#ids.get(fingerprint);
      if (id === undefined) {
        id = this.#ids.size;
        this.#ids.set(fingerprint, id);
      }
      this.#idOf.set(component, id);
    }
    return id;
  }

  /** The key of what a phase's derived policies depend on: equal keys, equal policies and notes. */
  phaseKey(env: PhaseEnv): string {
    const ids: number[] = new Array<number>(env.list.length);
    for (let i = 0; i < env.list.length; i++) ids[i] = this.#id(env.list[i] as ComponentModel);
    return `${env.namespace}\u0000${env.system}\u0000${ids.join(',')}`;
  }

  reused(key: string): { objects: KubeObject[]; calls: NoteCall[] } | undefined {
    return this.#phases.get(key);
  }

  keep(key: string, objects: KubeObject[], calls: NoteCall[]): void {
    this.#phases.set(key, { objects, calls });
  }
}

/**
 * Everything of a component that the derived policies read: its name, whether it runs in the
 * cluster, its flows (targets, ports, transport), its ports (exposure, sources) and whether its
 * replicas talk to each other. A phase that only changes its replica count (and not whether it
 * peers) or its resources leaves it the same. The notes read its position too, but a note says
 * the same words for the same fingerprint, and the first phase to say it gives the position.
 */
function networkFingerprint(c: ComponentModel): string {
  const peering = c.input.ha !== undefined && PEERING_MODES.has(c.input.ha.mode) && c.replicas.max > 1;
  return JSON.stringify([
    c.name,
    runsInCluster(c),
    peering,
    c.flows.map((f) => [f.to, f.port]),
    (c.input.flows ?? []).map((f) => f?.protocol ?? null),
    (c.input.ports ?? []).map((p) => [p.port, p.protocol ?? null, p.exposure ?? null, p.from ?? null]),
  ]);
}

export function networkPolicies(env: PhaseEnv, inCluster: readonly ComponentModel[], cache: PolicyCache): KubeObject[] {
  if ((env.model.input.network?.policies ?? []).length > 0) return buildPolicies(env, inCluster, cache.byName);
  const key = cache.phaseKey(env);
  const known = cache.reused(key);
  if (known) {
    env.notes.replay(known.calls, env.phase.name);
    return known.objects;
  }
  const { value, calls } = env.notes.record(() => buildPolicies(env, inCluster, cache.byName));
  cache.keep(key, value, calls);
  return value;
}

function buildPolicies(env: PhaseEnv, inCluster: readonly ComponentModel[], cache: PoliciesByName): KubeObject[] {
  const { model, phase } = env;
  const pagePolicies = model.input.network?.policies ?? [];
  const pageMode = pagePolicies.length > 0;
  const objects: KubeObject[] = [];
  const names = new Set<string>(pagePolicies.map((p) => dnsLabel(p.name)));
  const unique = (wanted: string): string => {
    let name = wanted;
    for (let n = 2; names.has(name); n++) name = `${wanted.slice(0, 60)}-${n}`;
    names.add(name);
    return name;
  };
  // `signature` determines the spec; with the name, namespace and system (the labels) it determines the policy.
  const policy = (name: string, namespace: string, signature: string, spec: () => object): KubeObject => {
    const full = `${namespace}\u0000${env.system}\u0000${signature}`;
    const known = cache.get(name);
    if (known && known.signature === full) return known.object;
    const object: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace, labels: systemLabels(env, 'network-policy') },
      spec: spec(),
    };
    cache.set(name, { signature: full, object });
    return object;
  };

  for (const page of pagePolicies) objects.push(translate(env, page, policy));
  const index = pageMode ? policyIndex(model, phase) : null;
  const selecting = (c: ComponentModel, direction: Direction): readonly NetworkPolicyInput[] | null => {
    if (!index) return null;
    const list = index.selecting(c, direction === 'ingress' ? 'Ingress' : 'Egress');
    return list.length ? list : null;
  };
  if (!pageMode) {
    objects.push(policy(unique('default-deny'), env.namespace, '', () => ({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] })));
    env.notes.add('the spec has no `network.policies`: each namespace is default-deny (`default-deny`), and allow policies derived from the declared flows and exposed ports (`<component>-allow`) and `allow-dns` let back exactly what the spec declares; anything else is blocked');
  }

  // ── what the spec declares, per component and direction ──
  const declared = new Map<string, { ingress: Declared[]; egress: Declared[] }>(inCluster.map((c) => [c.name, { ingress: [], egress: [] }]));
  const outside = outsidePeers(env);
  // The same peers for every flow of a component: they are never changed once made (rules copy what they gather).
  const peersByComponent = new Map<string, Peers>();
  const peerOf = (c: ComponentModel): Peers => {
    let known = peersByComponent.get(c.name);
    if (!known) {
      known = runsInCluster(c) ? podPeers(env, c.name) : outside(c);
      peersByComponent.set(c.name, known);
    }
    return known;
  };
  for (const source of env.list) {
    source.flows.forEach((flow, i) => {
      const target = env.components.get(flow.to);
      if (!target || target.name === source.name) return;
      const ports = portsOf(flowPorts(flow, target), flowTransport(source.input.flows?.[i]));
      if (ports === null && (runsInCluster(source) || runsInCluster(target))) unknownPortNote(env, flow);
      const label = pageMode ? `\`${source.name}\` → \`${target.name}\`` : '';
      const egress = declared.get(source.name)?.egress;
      if (egress) {
        const { peers, key } = peerOf(target);
        egress.push({ peers, key, ports, other: target, label });
      }
      const ingress = declared.get(target.name)?.ingress;
      if (ingress) {
        const { peers, key } = peerOf(source);
        ingress.push({ peers, key, ports, other: source, label });
      }
    });
  }
  for (const component of inCluster) {
    const own = declared.get(component.name);
    if (!own) continue;
    for (const port of component.input.ports ?? []) {
      const ports: NetworkPolicyPort[] = [{ port: port.port, protocol: port.protocol ?? 'TCP' }];
      const label = pageMode ? `\`${component.name}\` port ${port.port} (${port.exposure ?? 'internal'})` : '';
      if (port.exposure === 'public' || port.exposure === 'node') own.ingress.push({ peers: null, key: OPEN, ports, other: 'anywhere', label });
      else if (port.exposure === 'restricted') {
        for (const source of port.from ?? []) {
          const peers = restrictedPeers(env, component, source, peerOf);
          if (peers) own.ingress.push({ ...peers, ports, other: env.components.get(source) ?? null, label });
        }
      }
    }
    const ha = component.input.ha;
    if (ha && PEERING_MODES.has(ha.mode) && component.replicas.max > 1) {
      const listening = (component.input.ports ?? []).filter((p) => p.exposure !== 'localhost').map((p): NetworkPolicyPort => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
      const ports = listening.length ? listening : null;
      const item: Declared = { ...peerOf(component), ports, other: component, label: pageMode ? `\`${component.name}\` replication` : '' };
      own.ingress.push(item);
      own.egress.push(item);
    }
  }

  if (!pageMode) {
    for (const component of inCluster) {
      const listening = (component.input.ports ?? []).filter((p) => p.exposure === undefined || p.exposure === 'internal' || (p.exposure === 'restricted' && !p.from?.length));
      if (listening.length && !declared.get(component.name)?.ingress.some((item) => item.other !== component)) {
        env.notes.add(`\`${component.name}\` listens on ${listening.map((p) => p.port).join(', ')}, but no declared flow reaches it: under \`default-deny\` nothing can; declare the flows that use it`, env.at(component.input, 'ports', component.at));
      }
    }
  }

  // ── DNS for every pod whose egress is restricted and not already allowed it ──
  const needDns = inCluster.filter((c) => {
    if (!pageMode) return true;
    const policies = selecting(c, 'egress');
    return policies !== null && !pageAllowsDns(policies);
  });
  if (needDns.length) {
    const podSelector = needDns.length === inCluster.length ? {} : { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: needDns.map((c) => dnsLabel(c.name)) }] };
    objects.push(policy(unique('allow-dns'), env.namespace, JSON.stringify(podSelector), () => ({ podSelector, policyTypes: ['Egress'], egress: [{ to: [DNS_PEER], ports: DNS_PORTS }] })));
    env.notes.add('pods whose egress is restricted may query the cluster DNS (`allow-dns`: pods `k8s-app: kube-dns` in `kube-system`, UDP and TCP port 53); a cluster whose DNS answers elsewhere (NodeLocal DNSCache) needs that address added');
  }

  // ── one allow policy per component, with what its restricted directions do not admit yet ──
  // What the page's policies block, by item: which ends needed a rule.
  const fixed = new Map<string, Set<Direction>>();
  for (const component of inCluster) {
    const own = declared.get(component.name);
    if (!own) continue;
    const built: Array<{ direction: Direction; rules: Rules }> = [];
    for (const direction of ['ingress', 'egress'] as const) {
      const policies = selecting(component, direction);
      if (pageMode && policies === null) continue;
      const rules = new Rules();
      for (const item of own[direction]) {
        if (policies && pageAdmits(policies, direction, item, index?.namespace ?? null)) continue;
        rules.add(item.key, item.peers, item.ports);
        if (pageMode) fixed.set(item.label, (fixed.get(item.label) ?? new Set<Direction>()).add(direction));
      }
      if (rules.size) built.push({ direction, rules });
    }
    if (!built.length) continue;
    const signature = `${peerOf(component).key}${built.map((b) => `\u0000${b.direction}\u0000${b.rules.signature}`).join('')}`;
    objects.push(policy(unique(`${nameLabel(component.name).slice(0, 57).replace(/-+$/, '')}-allow`), env.namespace, signature, () => {
      const spec: Record<string, unknown> = { podSelector: selectorOf(env, component.name) };
      for (const { direction, rules } of built) spec[direction] = direction === 'ingress' ? rules.ingress() : rules.egress();
      spec['policyTypes'] = built.map((b) => (b.direction === 'ingress' ? 'Ingress' : 'Egress'));
      return spec;
    }));
  }
  if (pageMode && (fixed.size || needDns.length)) {
    const parts = [...fixed].map(([label, ends]) => `${label} (${ends.size === 2 ? 'both ends' : ends.has('egress') ? 'sending end' : 'receiving end'})`);
    if (needDns.length) parts.push(`DNS lookups of ${needDns.length === inCluster.length ? 'every pod' : needDns.map((c) => `\`${c.name}\``).join(', ')}`);
    env.notes.inPhase(
      `the spec's NetworkPolicies (${pagePolicies.map((p) => `\`${p.name}\``).join(', ')}) block what it declares: ${parts.join(', ')}; they are written as the page has them, and allow policies (\`<component>-allow\`, \`allow-dns\`) are added so that all of it passes`,
      phase.name,
      model.positions.entrySpan(model.input.network ?? {}, 'policies', 'key') ?? null,
    );
  }
  return objects;
}

function portsOf(ports: number[] | null, transport: Protocol): NetworkPolicyPort[] | null {
  return ports === null ? null : ports.map((port) => ({ port, protocol: transport }));
}

function unknownPortNote(env: PhaseEnv, flow: FlowModel): void {
  env.notes.group('flow-port', `${flow.from} → ${flow.to}`, (flows) =>
    `${flows.length === 1 ? 'the flow' : 'the flows'} ${codeList(flows)} ${flows.length === 1 ? 'names' : 'name'} no port, and ${flows.length === 1 ? 'its target declares' : 'their targets declare'} none: the policies allow ${flows.length === 1 ? 'it' : 'them'} on every port`,
  );
}

/**
 * Peers outside the cluster (a third-party API, a managed service): the
 * CIDRs of the subnets the spec places it in, else anywhere.
 */
function outsidePeers(env: PhaseEnv): (c: ComponentModel) => Peers {
  const byHost = new Map<string, string[]>();
  for (const subnet of Object.values(env.model.input.network?.subnets ?? {})) {
    const block = subnet.cidr === undefined ? null : parseCidr(subnet.cidr);
    if (!block) continue;
    for (const host of subnet.hosts ?? []) byHost.set(host, [...(byHost.get(host) ?? []), formatCidr(block)]);
  }
  return (c) => blockPeers(byHost.get(c.name) ?? [EVERYWHERE]);
}

/** A `from` entry of a restricted port as peers: a component, a CIDR, a subnet; null (with a note) for what a policy cannot name. */
function restrictedPeers(env: PhaseEnv, component: ComponentModel, source: string, peerOf: (c: ComponentModel) => Peers): Peers | null {
  const other = env.components.get(source);
  if (other) return peerOf(other);
  const block = parseCidr(source);
  if (block) return blockPeers([formatCidr(block)]);
  const subnet = env.model.input.network?.subnets?.[source];
  const subnetBlock = subnet?.cidr === undefined ? null : parseCidr(subnet.cidr);
  if (subnetBlock) return blockPeers([formatCidr(subnetBlock)]);
  // A component of another phase: nothing to admit here.
  if (env.model.components.some((c) => c.name === source)) return null;
  env.notes.add(`\`${component.name}\` admits \`${source}\` on a restricted port: a NetworkPolicy names pods, namespaces and CIDRs, and the spec gives no address for \`${source}\`, so it is not admitted`, env.at(component.input, 'ports', component.at));
  return null;
}

/** A policy of the page, field by field. */
function translate(env: PhaseEnv, page: NetworkPolicyInput, policy: (name: string, namespace: string, signature: string, spec: () => object) => KubeObject): KubeObject {
  const at = env.model.positions.containerSpan(page) ?? null;
  let namespace = env.namespace;
  if (page.namespace === undefined) {
    env.notes.add(`NetworkPolicy \`${page.name}\` names no namespace: it is created in \`${env.namespace}\`, with the workloads it selects`, at);
  } else {
    namespace = dnsLabel(page.namespace);
    if (namespace !== env.namespace) env.notes.add(`NetworkPolicy \`${page.name}\` is in namespace \`${page.namespace}\`, not the workloads' \`${env.namespace}\`: written as the spec has it, it selects none of them`, at);
  }
  const spec: Record<string, unknown> = {
    podSelector: page.selector === '*' ? {} : selectorOf(env, page.selector),
    policyTypes: [...page.types],
  };
  // A rule whose every peer is left out is dropped: without peers it would admit everyone.
  const rule = (r: PolicyRuleInput, direction: 'from' | 'to'): Record<string, unknown> | null => {
    const out: Record<string, unknown> = {};
    const peers = r.peers ?? [];
    if (peers.length && !peers.some((p) => p.all === true)) {
      const translated = peers.map((p) => peer(env, page, p)).filter((p): p is NetworkPolicyPeer => p !== null);
      if (!translated.length) return null;
      out[direction] = translated;
    }
    if (r.ports?.length) out['ports'] = r.ports.map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
    return out;
  };
  const rules = (list: PolicyRuleInput[], direction: 'from' | 'to') => list.map((r) => rule(r, direction)).filter((r): r is Record<string, unknown> => r !== null);
  if (page.ingress) spec['ingress'] = rules(page.ingress, 'from');
  if (page.egress) spec['egress'] = rules(page.egress, 'to');
  return policy(dnsLabel(page.name), namespace, JSON.stringify(spec), () => spec);
}

function peer(env: PhaseEnv, page: NetworkPolicyInput, p: PolicyPeerInput): NetworkPolicyPeer | null {
  const at = env.model.positions.containerSpan(p) ?? null;
  if (p.cidr !== undefined) {
    const block = parseCidr(p.cidr);
    if (!block) {
      env.notes.add(`NetworkPolicy \`${page.name}\`: \`${p.cidr}\` is not a CIDR: the peer is left out`, at);
      return null;
    }
    return { ipBlock: { cidr: formatCidr(block) } };
  }
  const out: NetworkPolicyPeer = {};
  if (p.component !== undefined) out.podSelector = selectorOf(env, p.component);
  if (p.namespace !== undefined) out.namespaceSelector = { matchLabels: { 'kubernetes.io/metadata.name': dnsLabel(p.namespace) } };
  if (!out.podSelector && !out.namespaceSelector) {
    env.notes.add(`NetworkPolicy \`${page.name}\` has a peer that names nothing: left out`, at);
    return null;
  }
  return out;
}
