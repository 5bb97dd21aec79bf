import { parseImage } from '../helpers/security-versions.js';
import type { Rule } from '../types.js';

export const imageUnpinned: Rule<'latest' | 'noTag'> = {
  id: 'image-unpinned',
  severity: 'info',
  category: 'versions',
  summary: 'Container images should be pinned to a version tag or a digest, not `latest`.',
  messages: {
    latest: '`{component}` runs `{image}`: `latest` names whatever was pushed last, so two deployments of this page can run different code and a rollback has nothing to return to',
    noTag: '`{component}` runs `{image}` with no tag, which means `latest`: two deployments of this page can run different code and a rollback has nothing to return to',
  },
  docs: {
    why: '`latest` (or no tag, which means `latest`) is a moving pointer: each node pulls whatever the registry holds when it starts the pod, so replicas of one deployment can run different builds, a restart can upgrade silently, and there is no earlier version to roll back to. Pin a version tag (`:1.4.2`) or, to be exact, a digest (`@sha256:…`).',
    invalid: `components:
  gateway:
    kind: service
    image: unkey/gatewayd:latest
`,
    valid: `components:
  gateway:
    kind: service
    image: unkey/gatewayd:1.4.2
`,
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      for (const component of phase.components) {
        const image = component.input.image;
        if (image === undefined || image.trim() === '') continue;
        const reference = parseImage(image);
        if (reference.digest !== null) continue;
        const data = { component: component.name, image };
        const at = analysis.at(component.input, 'image');
        if (reference.tag === null) report({ at, message: 'noTag', data, phase: phase.name });
        else if (reference.tag.toLowerCase() === 'latest') report({ at, message: 'latest', data, phase: phase.name });
      }
    }
  },
};
