import { deprecatedKubernetesApi } from '../../../src/lint/rules/deprecated-kubernetes-api.js';
import { testRule } from '../rule-tester.js';

testRule(deprecatedKubernetesApi, {
  valid: [
    { name: 'a minimum at the newest GA the features need', spec: `kubernetes:
  version: 1.23+
components:
  api: { kind: service, replicas: { min: 2, max: 4 }, disruption: { minAvailable: 1 } }
  nightly: { kind: job, schedule: '0 3 * * *' }
` },
    { name: 'no version stated', spec: `kubernetes: { namespace: app }
components:
  api: { kind: service, replicas: { min: 2, max: 4 } }
` },
  ],
  invalid: [
    { name: 'a minimum below the HPA and CronJob GA', spec: `kubernetes:
  version: 1.20+
components:
  api: { kind: service, replicas: { min: 2, max: 4 } }
  nightly: { kind: job, schedule: '0 3 * * *' }
`, findings: [
      { messageId: 'belowGa', message: '`kubernetes.version` 1.20+ admits Kubernetes below 1.21, but the CronJob of `nightly` needs `batch/v1`, GA in 1.21 (its beta `batch/v1beta1` was removed in 1.25): generated manifests and current documentation do not apply there', line: 2, column: 12 },
      { messageId: 'belowGa', message: '`kubernetes.version` 1.20+ admits Kubernetes below 1.23, but the HorizontalPodAutoscaler of `api` needs `autoscaling/v2`, GA in 1.23 (its beta `autoscaling/v2beta2` was removed in 1.26): generated manifests and current documentation do not apply there', line: 2, column: 12 },
    ] },
    { name: 'a phase that admits an older cluster for the PDB and Ingress', spec: `kubernetes:
  version: 1.25+
components:
  web:
    kind: service
    disruption: { maxUnavailable: 1 }
    ports: [{ port: 443, appProtocol: https, exposure: public }]
phases:
  prod: {}
  legacy:
    kubernetes: { version: '>=1.18 <1.30' }
`, findings: [
      { messageId: 'belowGa', message: '`kubernetes.version` >=1.18 <1.30 admits Kubernetes below 1.19, but the Ingress of `web` needs `networking.k8s.io/v1`, GA in 1.19 (its beta `networking.k8s.io/v1beta1` was removed in 1.22): generated manifests and current documentation do not apply there', line: 11, column: 29 },
      { messageId: 'belowGa', message: '`kubernetes.version` >=1.18 <1.30 admits Kubernetes below 1.21, but the PodDisruptionBudget of `web` needs `policy/v1`, GA in 1.21 (its beta `policy/v1beta1` was removed in 1.25): generated manifests and current documentation do not apply there', line: 11, column: 29 },
    ] },
  ],
});
