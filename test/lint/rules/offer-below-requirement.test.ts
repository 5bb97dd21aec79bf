import { offerBelowRequirement } from '../../../src/lint/rules/offer-below-requirement.js';
import { testRule } from '../rule-tester.js';

testRule(offerBelowRequirement, {
  valid: [
    { name: "an offer exactly at the minimum, named with its provider", spec: `roles:
  server:
    offer: DigitalOcean/Basic 8GB
    minimum: { cpu: 2 cores, memory: 8GB }
cost:
  offers:
    - { provider: DigitalOcean, offer: Basic 8GB, cpu: 2 vCPU, memory: 8GB, price: $48/month }
` },
    { name: "a GiB offer above a GB requirement", spec: `roles:
  server:
    offer: t3.large
    recommended: { memory: 8GB }
cost:
  offers:
    - { provider: aws, offer: t3.large, cpu: 2 vCPU, memory: 8 GiB }
` },
    { name: "an unnamed offer that can serve a smaller role", spec: `roles:
  big:
    offer: CX41
    recommended: { memory: 16GB }
  small:
    offer: CX21
    recommended: { memory: 4GB }
cost:
  offers:
    - { provider: Hetzner, offer: CX41, memory: 16GB, price: €12/month }
    - { provider: Hetzner, offer: CX21, memory: 4GB, price: €6/month }
    - { provider: Vultr, offer: HF 4GB, memory: 4GB, price: $24/month }
` },
    { name: "an offer used by a managed datastore is not a machine alternative", spec: `roles:
  app:
    offer: t3.large
    recommended: { cpu: 2 vCPU, memory: 8 GiB }
components:
  db:
    kind: datastore
    managed: { provider: aws, service: rds, instanceClass: db.t3.small }
cost:
  offers:
    - { provider: aws, offer: t3.large, cpu: 2 vCPU, memory: 8 GiB }
    - { provider: aws, offer: db.t3.small, cpu: 2 vCPU, memory: 2 GiB }
` },
  ],
  invalid: [
    { name: "an offer below the role minimum", spec: `roles:
  server:
    offer: Basic 4GB
    minimum: { cpu: 2 cores, memory: 8GB }
cost:
  offers:
    - { provider: DigitalOcean, offer: Basic 4GB, cpu: 2 vCPU, memory: 4GB, price: $24/month }
`, findings: [{"messageId":"belowMinimum","message":"role `server` is bought as `DigitalOcean/Basic 4GB`, which has 4GB of memory, below the role's minimum of 8GB of memory: a machine of that offer fails the page's own requirements","line":3,"column":12}] },
    { name: "a GB offer below a GiB recommendation", spec: `roles:
  server:
    offer: Small
    minimum: { memory: 4GiB }
    recommended: { memory: 8GiB }
cost:
  offers:
    - { provider: Acme, offer: Small, memory: 8GB, price: $20/month }
`, findings: [{"messageId":"belowRecommended","message":"role `server` is bought as `Acme/Small`, which has 8GB of memory, below the 8GiB of memory the role recommends: the page prices a machine smaller than the one it recommends","line":3,"column":12}] },
    { name: "alternatives that can serve no role the page buys", spec: `roles:
  server:
    offer: Hetzner/CX41
    minimum: { disk: 80GB }
    recommended: { cpu: 4 cores, memory: 8GB }
cost:
  offers:
    - { provider: Hetzner, offer: CX41, price: "€12/month (~$13)" }
    - { provider: DigitalOcean, offer: Basic 4GB, memory: 4GB, price: $48/month }
    - { provider: Linode, offer: Dedicated 8GB, memory: 8GB, price: $60/month }
    - { provider: Backblaze, offer: B2, price: $0.006/GB/month }
`, findings: [{"messageId":"servesNoneRecommended","message":"offer `DigitalOcean/Basic 4GB` has 4GB of memory, below what every role the page buys from its offers recommends (`server` recommends 8GB of memory): recommending it contradicts the page's own machine sizes","line":9,"column":59}] },
    { name: "a catalog below every role minimum, disk in a phase", spec: `roles:
  app:
    minimum: { cpu: 2 cores, memory: 4GB }
phases:
  production:
    roles:
      app: { offer: Tiny, minimum: { disk: 100GB } }
cost:
  offers:
    - { provider: Acme, offer: Tiny, cpu: 2 vCPU, memory: 4GB, disk: 50GB }
    - { provider: Acme, offer: Nano, cpu: 1 vCPU, memory: 1GB }
`, findings: [{"messageId":"belowMinimum","message":"role `app` is bought as `Acme/Tiny`, which has 50GB of disk, below the role's minimum of 100GB of disk: a machine of that offer fails the page's own requirements","line":7,"column":21,"phase":"production"},{"messageId":"servesNoneMinimum","message":"offer `Acme/Nano` has 1 vCPU, below the minimum of every role the page buys from its offers (`app` needs 2 cores): it cannot run any of them","line":11,"column":43,"phase":null}] },
  ],
});
