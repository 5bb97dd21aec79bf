import type { ComponentModel } from '../../spec/model.js';
import { nameList } from '../helpers/text.js';
import { componentsByName, describePorts, flowInput, flowPorts, flowTransport, policyIndex, policyPortsAllow, rulePeersMatch, type NetworkPolicyInput, type Transport } from '../../spec/network.js';
import type { Rule } from '../types.js';

/** Whether some rule of the policies lets the flow through, in the direction given. */
function allowed(policies: NetworkPolicyInput[], direction: 'egress' | 'ingress', other: ComponentModel, ports: number[] | null, transport: Transport, namespace: string | null): boolean {
  return policies.some((policy) => (policy[direction] ?? []).some((rule) => policyPortsAllow(rule, ports, transport) && rulePeersMatch(rule, other, namespace)));
}

export const flowBlockedByPolicy: Rule<'egress' | 'ingress' | 'both'> = {
  id: 'flow-blocked-by-policy',
  severity: 'error',
  category: 'network',
  summary: 'Every declared flow must be allowed by the NetworkPolicies that select its source (egress) and its target (ingress).',
  messages: {
    egress: '`{from}` cannot reach `{to}` on {port}: `{policy}` makes the egress of `{from}` default-deny and no egress rule allows this flow',
    ingress: '`{from}` cannot reach `{to}` on {port}: `{policy}` makes the ingress of `{to}` default-deny and no ingress rule admits `{from}`',
    both: '`{from}` cannot reach `{to}` on {port}: under {policies} the egress of `{from}` and the ingress of `{to}` are default-deny, and no rule on either side allows this flow',
  },
  docs: {
    why: 'Once any NetworkPolicy of type `Egress` selects a pod, everything that pod sends is dropped unless some policy selecting it allows it; the same holds for `Ingress` on the receiving pod. A page that declares a flow (the API calls PostgreSQL) next to a default-deny policy without the matching allow rules describes a deployment whose pods time out on their first connection: the manifests apply cleanly and the application fails at run time. Both ends must allow the flow, with the port when the rule lists ports; a third-party API is reached through `cidr` or `all` peers, never through a pod selector.',
    invalid: `components:
  api:
    kind: service
    flows:
      - { to: postgres, port: 5432 }
  postgres:
    kind: datastore
    ports: [{ port: 5432 }]
network:
  policies:
    - { name: default-deny, selector: "*", types: [Ingress, Egress] }
    - name: api-to-database
      selector: postgres
      types: [Ingress]
      ingress: [{ peers: [{ component: api }], ports: [{ port: 5432 }] }]
`,
    valid: `components:
  api:
    kind: service
    flows:
      - { to: postgres, port: 5432 }
  postgres:
    kind: datastore
    ports: [{ port: 5432 }]
network:
  policies:
    - { name: default-deny, selector: "*", types: [Ingress, Egress] }
    - name: api-to-database
      selector: postgres
      types: [Ingress]
      ingress: [{ peers: [{ component: api }], ports: [{ port: 5432 }] }]
    - name: api-egress
      selector: api
      types: [Egress]
      egress: [{ peers: [{ component: postgres }], ports: [{ port: 5432 }] }]
`,
    fix: 'Add an `Egress` policy selecting the source that allows the target and port, and an `Ingress` policy selecting the target that admits the source; for a third-party API allow its CIDR (or `all`) on its port.',
  },
  check(model, report, analysis) {
    if (!model.input.network?.policies?.length) return;
    for (const phase of model.phases) {
      const index = policyIndex(model, phase);
      const byName = componentsByName(phase);
      for (const source of phase.components) {
        const egressPolicies = index.selecting(source, 'Egress');
        source.flows.forEach((flow, i) => {
          const target = byName.get(flow.to);
          if (!target || target === source) return;
          const input = flowInput(source, i);
          const transport = flowTransport(input);
          const ports = flowPorts(flow, target);
          const ingressPolicies = index.selecting(target, 'Ingress');
          const egressDenied = egressPolicies.length > 0 && !allowed(egressPolicies, 'egress', target, ports, transport, index.namespace);
          const ingressDenied = ingressPolicies.length > 0 && !allowed(ingressPolicies, 'ingress', source, ports, transport, index.namespace);
          if (!egressDenied && !ingressDenied) return;
          const at = input ? analysis.at(input, 'to') : flow.at;
          const data = { from: source.name, to: target.name, port: describePorts(ports, transport) };
          const egressPolicy = egressPolicies[0]?.name ?? '';
          const ingressPolicy = ingressPolicies[0]?.name ?? '';
          if (egressDenied && ingressDenied) report({ at, message: 'both', data: { ...data, policies: nameList([...new Set([egressPolicy, ingressPolicy])]) }, phase: phase.name });
          else if (egressDenied) report({ at, message: 'egress', data: { ...data, policy: egressPolicy }, phase: phase.name });
          else report({ at, message: 'ingress', data: { ...data, policy: ingressPolicy }, phase: phase.name });
        });
      }
    }
  },
};
