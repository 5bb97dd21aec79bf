import { policyNamespaceUnset } from '../../../src/lint/rules/policy-namespace-unset.js';
import { testRule } from '../rule-tester.js';

testRule(policyNamespaceUnset, {
  valid: [
    { name: 'the namespace stated once, under kubernetes', spec: `kubernetes: { namespace: shop }
network:
  policies:
    - { name: default-deny, selector: "*", types: [Ingress] }
    - { name: allow-web, selector: "*", types: [Ingress], ingress: [{ ports: [{ port: 80 }] }] }
` },
    { name: 'every policy names the namespace of the workloads', spec: `kubernetes: { namespace: shop }
network:
  policies:
    - { name: default-deny, namespace: shop, selector: "*", types: [Ingress] }
` },
    { name: 'a policy names a namespace and the page gives none for the workloads', spec: `network:
  policies:
    - { name: default-deny, namespace: shop, selector: "*", types: [Ingress] }
` },
  ],
  invalid: [
    { name: 'no namespace anywhere', spec: `network:
  policies:
    - { name: default-deny, selector: "*", types: [Ingress] }
`, findings: [{ messageId: 'unset', message: 'NetworkPolicy `default-deny` names no namespace and `kubernetes.namespace` is unset: it is created wherever kubectl points (`default` unless set), which the page does not tie to its workloads', line: 3, column: 15 }] },
    { name: 'one policy names the namespace and the other does not', spec: `kubernetes: { namespace: battlescope }
network:
  policies:
    - { name: default-deny, namespace: battlescope, selector: "*", types: [Ingress, Egress] }
    - name: api-to-database
      selector: "*"
      types: [Ingress]
`, findings: [{ messageId: 'mixed', message: 'NetworkPolicy `api-to-database` names no namespace while `default-deny` names `battlescope`: applied as the page writes it, it lands in the current kubectl namespace (usually `default`) and selects none of the workloads in `battlescope`', line: 5, column: 13 }] },
    { name: 'a phase moves the workloads to another namespace', spec: `kubernetes: { namespace: shop }
network:
  policies:
    - { name: default-deny, namespace: shop, selector: "*", types: [Ingress] }
phases:
  prod: {}
  staging:
    kubernetes: { namespace: shop-staging }
`, findings: [{ messageId: 'elsewhere', message: 'NetworkPolicy `default-deny` is in namespace `shop` but the workloads run in `shop-staging`: a policy selects pods of its own namespace only, so it applies to none of them', line: 4, column: 40, phase: 'staging' }] },
  ],
});
