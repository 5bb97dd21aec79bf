import type { ComponentModel } from '../../spec/model.js';
import { nameList } from '../helpers/text.js';
import { componentsByName, mayHoldClusterAddress, parseCidr, policyIndex, type NetworkPolicyInput, type PolicyPeerInput, type Transport } from '../../spec/network.js';
import type { Rule } from '../types.js';

const DNS_PORT = 53;
// Names of cluster DNS servers a page may model as a component (CoreDNS, kube-dns, NodeLocal DNSCache).
const DNS_ENGINES = /^(coredns|kube-dns|dns|nodelocaldns|node-local-dns)$/i;

/**
 * Whether a peer may be the cluster DNS: any destination, the `kube-system`
 * namespace (where CoreDNS runs), a CIDR that may hold a cluster address (the
 * page does not give the DNS service's), or a DNS server the page models.
 */
function mayBeDns(peer: PolicyPeerInput, byName: Map<string, ComponentModel>): boolean {
  if (peer.all === true) return true;
  if (peer.cidr !== undefined) {
    const block = parseCidr(peer.cidr);
    return block === null || mayHoldClusterAddress(block);
  }
  if (peer.component !== undefined) {
    const target = byName.get(peer.component);
    return DNS_ENGINES.test(peer.component) || (target?.input.engine !== undefined && DNS_ENGINES.test(target.input.engine));
  }
  return peer.namespace === 'kube-system';
}

function dnsAllowed(policies: NetworkPolicyInput[], transport: Transport, byName: Map<string, ComponentModel>): boolean {
  return policies.some((policy) =>
    (policy.egress ?? []).some((rule) => {
      const portOk = !rule.ports?.length || rule.ports.some((p) => p.port === DNS_PORT && (p.protocol ?? 'TCP') === transport);
      const peerOk = !rule.peers?.length || rule.peers.some((peer) => mayBeDns(peer, byName));
      return portOk && peerOk;
    }),
  );
}

export const egressWithoutDns: Rule<'none' | 'noUdp' | 'noTcp'> = {
  id: 'egress-without-dns',
  severity: 'error',
  category: 'network',
  summary: 'A component whose egress NetworkPolicies restrict must still be allowed DNS (port 53 over UDP and TCP) to reach anything by name.',
  messages: {
    none: '`{component}` calls {targets} by name, but `{policy}` restricts its egress and no egress rule allows DNS (port 53 over UDP and TCP): every lookup fails before a connection is tried',
    noUdp: '`{component}` calls {targets} by name, but the egress rules that select it allow DNS over TCP only, not UDP port 53: resolvers ask over UDP first, so lookups time out',
    noTcp: '`{component}` calls {targets} by name, but the egress rules that select it allow DNS over UDP only, not TCP port 53: answers too large for UDP are retried over TCP and fail',
  },
  docs: {
    why: 'Pods reach Services and third-party APIs by name, and the name is resolved by the cluster DNS (CoreDNS in `kube-system`) on port 53 — over UDP, and over TCP when an answer is truncated. An `Egress` NetworkPolicy drops that traffic like any other unless a rule allows it, so a default-deny egress policy that allows only the database port still leaves the pod unable to find the database: connections fail with "name or service not known" while the allow rule looks right.',
    invalid: `components:
  api:
    kind: service
    flows: [{ to: postgres, port: 5432 }]
  postgres:
    kind: datastore
network:
  policies:
    - name: api-egress
      selector: api
      types: [Egress]
      egress: [{ peers: [{ component: postgres }], ports: [{ port: 5432 }] }]
`,
    valid: `components:
  api:
    kind: service
    flows: [{ to: postgres, port: 5432 }]
  postgres:
    kind: datastore
network:
  policies:
    - name: api-egress
      selector: api
      types: [Egress]
      egress:
        - { peers: [{ component: postgres }], ports: [{ port: 5432 }] }
        - { peers: [{ namespace: kube-system }], ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }] }
`,
    fix: 'Add an egress rule to the `kube-system` namespace (or to any destination) on port 53 over both UDP and TCP, in a policy that selects the component.',
  },
  check(model, report, analysis) {
    if (!model.input.network?.policies?.length) return;
    for (const phase of model.phases) {
      const index = policyIndex(model, phase);
      const byName = componentsByName(phase);
      // Most components share their policies (a default-deny and a DNS rule on `*`): judge each set once.
      const verdicts = new Map<string, { udp: boolean; tcp: boolean }>();
      const order = new Map((model.input.network?.policies ?? []).map((p, i) => [p, i]));
      for (const component of phase.components) {
        if (component.flows.length === 0) continue;
        const policies = index.selecting(component, 'Egress');
        const first = policies[0];
        if (!first) continue;
        const key = policies.map((p) => order.get(p)).join(',');
        const verdict = verdicts.get(key) ?? { udp: dnsAllowed(policies, 'UDP', byName), tcp: dnsAllowed(policies, 'TCP', byName) };
        verdicts.set(key, verdict);
        const { udp, tcp } = verdict;
        if (udp && tcp) continue;
        const targets = nameList([...new Set(component.flows.map((f) => f.to))]);
        const message = !udp && !tcp ? 'none' : udp ? 'noTcp' : 'noUdp';
        report({ at: analysis.at(component.input, 'flows', 'key'), message, data: message === 'none' ? { component: component.name, targets, policy: first.name } : { component: component.name, targets }, phase: phase.name });
      }
    }
  },
};
