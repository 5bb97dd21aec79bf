import { imageUnpinned } from '../../../src/lint/rules/image-unpinned.js';
import { testRule } from '../rule-tester.js';

testRule(imageUnpinned, {
  valid: [
    { name: 'a version tag, a digest, a registry port', spec: `components:
  a: { kind: service, image: ghcr.io/acme/a:1.4.2 }
  b: { kind: service, image: 'acme/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' }
  c: { kind: service, image: 'registry.local:5000/acme/c:2.0' }
` },
    { name: 'latest with a digest', spec: `components:
  a: { kind: service, image: 'acme/a:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' }
` },
  ],
  invalid: [
    { name: 'latest', spec: `components:
  gateway:
    kind: service
    image: unkey/gatewayd:latest
`, findings: [
      { messageId: 'latest', message: '`gateway` runs `unkey/gatewayd:latest`: `latest` names whatever was pushed last, so two deployments of this page can run different code and a rollback has nothing to return to', line: 4, column: 12 },
    ] },
    { name: 'no tag behind a registry port', spec: `components:
  api:
    kind: service
    image: registry.local:5000/acme/api
`, findings: [
      { messageId: 'noTag', message: '`api` runs `registry.local:5000/acme/api` with no tag, which means `latest`: two deployments of this page can run different code and a rollback has nothing to return to', line: 4, column: 12 },
    ] },
  ],
});
