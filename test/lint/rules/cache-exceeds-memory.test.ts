import { cacheExceedsMemory } from '../../../src/lint/rules/cache-exceeds-memory.js';
import { testRule } from '../rule-tester.js';

const offers = `cost:
  offers:
    - { provider: aws, offer: cache.r5.large, cpu: 2 vCPU, memory: 16 GiB }
`;

testRule(cacheExceedsMemory, {
  valid: [
    { name: 'a budget exactly the limit, in redis.conf units (2gb is 2 GiB)', spec: `components:
  redis:
    kind: datastore
    engine: redis
    resources:
      limits: { memory: 2Gi }
    settings: { maxmemory: 2gb }
` },
    { name: 'a managed node within what its reserved share leaves', spec: `${offers}components:
  redis:
    kind: datastore
    engine: redis
    managed:
      provider: aws
      service: elasticache
      instanceClass: cache.r5.large
      settings: { reservedMemoryPercent: 25 }
    settings: { maxmemory: 12Gi }
` },
    { name: 'an instance class the spec does not size', spec: `components:
  redis:
    kind: datastore
    engine: redis
    managed: { provider: aws, service: elasticache, instanceClass: cache.m6g.large }
    settings: { maxmemory: 64GB }
` },
    { name: 'maxmemory 0 means no budget', spec: `components:
  redis:
    kind: datastore
    engine: redis
    resources:
      limits: { memory: 2Gi }
    settings: { maxmemory: 0 }
` },
  ],
  invalid: [
    { name: 'a 16GB budget on a 16 GiB managed node with 25 % reserved', spec: `${offers}components:
  redis:
    kind: datastore
    engine: redis
    managed:
      provider: aws
      service: elasticache
      instanceClass: cache.r5.large
      settings: { reservedMemoryPercent: 25 }
    settings: { maxmemory-policy: allkeys-lru, maxmemory: 16GB }
`, findings: [{ messageId: 'aboveMachine', message: '`maxmemory: 16GB` lets `redis` keep that much data in memory, more than the 12 GiB (12.88 GB) one `cache.r5.large` machine leaves it (16 GiB, less 25 % reserved): Redis runs out of memory before it starts evicting keys', line: 13, column: 59 }] },
    { name: 'a self-hosted budget above the machine less what is reserved', spec: `roles:
  cache:
    count: 1
    reserved: { memory: 1GB }
    recommended: { cpu: 2 cores, memory: 8GB }
components:
  redis:
    kind: datastore
    engine: redis
    settings: { maxmemory: 7.5GB }
`, findings: [{ messageId: 'aboveMachine', message: '`maxmemory: 7.5GB` lets `redis` keep that much data in memory, more than the 7 GB one `cache` machine leaves it (8GB, less 1GB reserved): Redis runs out of memory before it starts evicting keys', line: 10, column: 28 }] },
    { name: 'memcached megabytes above the container limit', spec: `components:
  sessions:
    kind: datastore
    engine: memcached
    resources:
      limits: { memory: 2Gi }
    settings: { memory_limit: 4096 }
`, findings: [{ messageId: 'aboveLimit', message: '`memory_limit: 4096` (4 GiB) lets `sessions` keep more data in memory than its memory limit 2Gi: the container is OOM-killed before memcached starts evicting keys', line: 7, column: 31 }] },
  ],
});
