import { endOfLifeVersion } from '../../../src/lint/rules/end-of-life-version.js';
import { testRule } from '../rule-tester.js';

testRule(endOfLifeVersion, {
  valid: [
    { name: 'supported lines only, a managed service and managed Kubernetes', spec: `kubernetes: { distribution: eks, version: 1.28+ }
components:
  pg: { kind: datastore, engine: postgresql, version: { minimum: 15+, recommended: 17+ } }
  cache: { kind: datastore, engine: redis, version: { pinned: '7.0' }, managed: { provider: aws, service: elasticache } }
roles:
  host:
    minimum: { os: [Ubuntu 24.04 LTS, Debian 12], software: { python3: 3.11+ } }
` },
    { name: 'the day before PostgreSQL 14 ends', asOf: '2026-11-12', spec: `components:
  pg: { kind: datastore, engine: postgresql, version: 14+ }
` },
  ],
  invalid: [
    { name: 'a minimum that admits ended lines, a pinned ended version', spec: `components:
  pg:
    kind: datastore
    engine: postgresql
    version: { minimum: 13+, recommended: 16+ }
  cache:
    kind: datastore
    engine: redis
    version: { pinned: '7.0.15' }
`, findings: [
      { messageId: 'admitsEol', message: '`pg` accepts PostgreSQL 13+, which admits 13 (end of life 2025-11-13) and 14 (end of life 2026-11-12): on 2026-11-23 those releases get no security fixes', line: 5, column: 25 },
      { messageId: 'pinnedEol', message: '`cache` pins Redis 7.0.15, whose line 7.0 reached end of life on 2024-07-29: it gets no security fixes', line: 9, column: 25 },
    ] },
    { name: 'the day PostgreSQL 14 has ended', asOf: '2026-11-13', spec: `components:
  pg: { kind: datastore, engine: postgresql, version: { minimum: 14+ } }
`, findings: [
      { messageId: 'admitsEol', message: '`pg` accepts PostgreSQL 14+, which admits 14 (end of life 2026-11-12): on 2026-11-13 those releases get no security fixes', line: 2, column: 66 },
    ] },
    { name: 'an ended OS, a range of OS releases and a recommended Kubernetes range that has ended', spec: `kubernetes:
  distribution: k3s
  version: { minimum: 1.30+, recommended: '>=1.31 <1.33' }
roles:
  host:
    minimum: { os: [Ubuntu 20.04, Debian 11+] }
    recommended: { software: { node: '20' } }
`, findings: [
      { messageId: 'admitsEol', message: '`kubernetes.version` accepts Kubernetes 1.30+, which admits 5 lines from 1.30 to 1.34 (end of life 2025-06-28 to 2026-10-27): on 2026-11-23 those releases get no security fixes', line: 3, column: 23 },
      { messageId: 'recommendedEol', message: '`kubernetes.version` recommends Kubernetes >=1.31 <1.33, and every release it admits is past end of life on 2026-11-23: 1.31 (end of life 2025-10-28) and 1.32 (end of life 2026-02-28)', line: 3, column: 44 },
      { messageId: 'osEol', message: 'the acceptable OS `Ubuntu 20.04` is past end of life on 2026-11-23: 20.04 (end of life 2025-05-31); machines on it get no security fixes', line: 6, column: 21 },
      { messageId: 'osAdmitsEol', message: 'the acceptable OS `Debian 11+` admits 11 (end of life 2026-08-31): on 2026-11-23 those releases get no security fixes', line: 6, column: 35 },
      { messageId: 'recommendedEol', message: '`node` recommends Node.js 20, and every release it admits is past end of life on 2026-11-23: 20 (end of life 2026-04-30)', line: 7, column: 39 },
    ] },
  ],
});
