import type { ComponentModel } from '../../spec/model.js';
import { compareVersions, parseVersion, rangesOverlap } from '../../units/version.js';
import { nameList } from '../helpers/text.js';
import { kubernetesSettingsOf, rangeOf, writtenRequirement } from '../helpers/security-versions.js';
import type { Rule } from '../types.js';

interface KubernetesApi {
  feature: string;
  api: string;
  /** First release where the API is GA. */
  ga: string;
  /** The beta the page's older clusters would need, and when it was removed. */
  removed: string;
  uses(component: ComponentModel): boolean;
}

// From the Kubernetes deprecated API migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide/).
const APIS: readonly KubernetesApi[] = [
  {
    feature: 'the HorizontalPodAutoscaler',
    api: 'autoscaling/v2',
    ga: '1.23',
    removed: ' (its beta `autoscaling/v2beta2` was removed in 1.26)',
    uses: (c) => c.kind !== 'job' && c.kind !== 'daemon' && c.kind !== 'external' && (c.input.autoscaling !== undefined || c.replicas.min < c.replicas.max),
  },
  { feature: 'the CronJob', api: 'batch/v1', ga: '1.21', removed: ' (its beta `batch/v1beta1` was removed in 1.25)', uses: (c) => c.kind === 'job' },
  { feature: 'the PodDisruptionBudget', api: 'policy/v1', ga: '1.21', removed: ' (its beta `policy/v1beta1` was removed in 1.25)', uses: (c) => c.kind !== 'external' && c.input.disruption !== undefined },
  {
    feature: 'the Ingress',
    api: 'networking.k8s.io/v1',
    ga: '1.19',
    removed: ' (its beta `networking.k8s.io/v1beta1` was removed in 1.22)',
    uses: (c) => c.kind !== 'external' && (c.input.ports ?? []).some((p) => p.exposure === 'public' && (p.appProtocol === 'http' || p.appProtocol === 'https' || p.appProtocol === 'grpc' || p.appProtocol === 'websocket')),
  },
];
const NETWORK_POLICY = { feature: 'the NetworkPolicies', api: 'networking.k8s.io/v1', ga: '1.7', removed: '' };

export const deprecatedKubernetesApi: Rule<'belowGa'> = {
  id: 'deprecated-kubernetes-api',
  severity: 'warning',
  category: 'versions',
  summary: 'The Kubernetes versions a page admits must serve the stable APIs its features need.',
  messages: {
    belowGa: '`kubernetes.version` {range} admits Kubernetes below {ga}, but {feature} of {components} needs `{api}`, GA in {ga}{removed}: generated manifests and current documentation do not apply there',
  },
  docs: {
    why: 'Kubernetes serves an API version only from the release where it appears, and removes betas a few releases after their GA. A page that admits clusters older than the GA of an API its features need — an HPA (`autoscaling/v2`, 1.23), a CronJob or PodDisruptionBudget (`batch/v1`, `policy/v1`, 1.21), an Ingress (`networking.k8s.io/v1`, 1.19) — promises an install that the manifests infraspec generates, and the current upstream documentation, cannot deliver on those clusters. Raise the minimum to the newest GA the page needs.',
    invalid: `kubernetes:
  version: 1.20+
components:
  api:
    kind: service
    replicas: { min: 2, max: 6 }
    autoscaling: { cpu: 70% }
`,
    valid: `kubernetes:
  version: 1.23+
components:
  api:
    kind: service
    replicas: { min: 2, max: 6 }
    autoscaling: { cpu: 70% }
`,
  },
  check(model, report, analysis) {
    const policies = model.input.network?.policies ?? [];
    for (const phase of model.phases) {
      const holder = kubernetesSettingsOf(analysis, phase).version;
      if (!holder) continue;
      const requirement = writtenRequirement(analysis, holder.container, holder.key);
      if (!requirement) continue;
      const written = requirement.minimum ?? requirement.recommended;
      const at = written?.at ?? requirement.pinned?.at;
      const text = written?.text ?? requirement.pinned?.text;
      if (!at || text === undefined) continue;
      const admitsBelow = (ga: string): boolean => {
        if (written) {
          const below = rangeOf(`<${ga}`);
          return below !== null && !written.range.any && rangesOverlap(written.range, below) === true;
        }
        const gaVersion = parseVersion(ga);
        return requirement.pinned?.version != null && gaVersion.ok && compareVersions(requirement.pinned.version, gaVersion.value) < 0;
      };
      for (const api of APIS) {
        if (!admitsBelow(api.ga)) continue;
        const users: string[] = [];
        for (const component of phase.components) if (api.uses(component)) users.push(component.name);
        if (users.length === 0) continue;
        report({ at, message: 'belowGa', data: { range: text, ga: api.ga, feature: api.feature, components: nameList(users, 3), api: api.api, removed: api.removed }, phase: phase.name });
      }
      if (policies.length > 0 && admitsBelow(NETWORK_POLICY.ga)) {
        report({ at, message: 'belowGa', data: { range: text, ga: NETWORK_POLICY.ga, feature: NETWORK_POLICY.feature, components: nameList(policies.map((p) => p.name), 3), api: NETWORK_POLICY.api, removed: '' }, phase: phase.name });
      }
    }
  },
};
