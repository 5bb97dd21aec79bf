import { workloadNamespace } from '../../spec/network.js';
import type { Rule } from '../types.js';

export const policyNamespaceUnset: Rule<'unset' | 'mixed' | 'elsewhere'> = {
  id: 'policy-namespace-unset',
  severity: 'warning',
  category: 'network',
  summary: 'Every NetworkPolicy should be created in the namespace of the workloads it selects.',
  messages: {
    unset: 'NetworkPolicy `{policy}` names no namespace and `kubernetes.namespace` is unset: it is created wherever kubectl points (`default` unless set), which the page does not tie to its workloads',
    mixed: 'NetworkPolicy `{policy}` names no namespace while `{other}` names `{namespace}`: applied as the page writes it, it lands in the current kubectl namespace (usually `default`) and selects none of the workloads in `{workloads}`',
    elsewhere: 'NetworkPolicy `{policy}` is in namespace `{namespace}` but the workloads run in `{workloads}`: a policy selects pods of its own namespace only, so it applies to none of them',
  },
  docs: {
    why: 'A NetworkPolicy selects pods of its own namespace only. A manifest without `metadata.namespace` is created in whatever namespace kubectl points at, usually `default`, so a policy meant to open the database to the API ends up selecting nothing while the default-deny beside it, which names its namespace, blocks the traffic. The page should give each policy the workloads\' namespace, or state the namespace once under `kubernetes.namespace` and name none in the policies.',
    invalid: `kubernetes:
  namespace: shop
network:
  policies:
    - { name: default-deny, namespace: shop, selector: "*", types: [Ingress] }
    - { name: allow-web, selector: "*", types: [Ingress], ingress: [{ ports: [{ port: 80 }] }] }
`,
    valid: `kubernetes:
  namespace: shop
network:
  policies:
    - { name: default-deny, namespace: shop, selector: "*", types: [Ingress] }
    - { name: allow-web, namespace: shop, selector: "*", types: [Ingress], ingress: [{ ports: [{ port: 80 }] }] }
`,
    fix: 'Write `namespace:` on every policy, equal to `kubernetes.namespace`.',
  },
  check(model, report, analysis) {
    const policies = model.input.network?.policies ?? [];
    if (!policies.length) return;
    const named = policies.find((p) => p.namespace !== undefined);
    for (const phase of model.phases) {
      const workloads = workloadNamespace(model, phase);
      for (const policy of policies) {
        if (policy.namespace === undefined) {
          if (workloads === null) report({ at: analysis.at(policy, 'name'), message: 'unset', data: { policy: policy.name }, phase: phase.name });
          else if (named?.namespace !== undefined) report({ at: analysis.at(policy, 'name'), message: 'mixed', data: { policy: policy.name, other: named.name, namespace: named.namespace, workloads }, phase: phase.name });
        } else if (workloads !== null && policy.namespace !== workloads) {
          report({ at: analysis.at(policy, 'namespace'), message: 'elsewhere', data: { policy: policy.name, namespace: policy.namespace, workloads }, phase: phase.name });
        }
      }
    }
  },
};
