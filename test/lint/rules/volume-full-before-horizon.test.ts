import { volumeFullBeforeHorizon } from '../../../src/lint/rules/volume-full-before-horizon.js';
import { testRule } from '../rule-tester.js';

testRule(volumeFullBeforeHorizon, {
  valid: [
    { name: 'a volume that fills exactly at the horizon', spec: `components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 24GB, used: 12GB, growth: +1GB/month }
` },
    { name: 'a retention window levels usage off below the size', spec: `components:
  loki:
    kind: datastore
    volumes:
      - { name: data, size: 50Gi, retention: 7d, growth: +2GB/week }
` },
    { name: 'no growth given', spec: `components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 20GB, used: 19GB }
` },
  ],
  invalid: [
    { name: 'a volume that fills in five months', spec: `components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 20GB, used: 15GB, growth: +1GB/month }
`, findings: [{ messageId: 'fills', message: 'volume `data` of `postgres` (20GB) fills in 5 months at +1GB/month from 15GB used, within the 12-month planning horizon: it would need 27 GB by then', line: 5, column: 29 }] },
    { name: 'a volume already full', spec: `components:
  redis:
    kind: datastore
    volumes:
      - { name: data, size: 10Gi, used: 10Gi }
`, findings: [{ messageId: 'full', message: 'volume `data` of `redis` is already full: 10Gi used of 10Gi, so writes fail now', line: 5, column: 41 }] },
    { name: 'a longer horizon set in the spec', spec: `lint:
  horizon: 24 months
components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 60GB, used: 5GB, growth: +100MB/day }
`, findings: [{ messageId: 'fills', message: 'volume `data` of `postgres` (60GB) fills in 18 months at +100MB/day from 5GB used, within the 24-month planning horizon: it would need 78.05 GB by then', line: 7, column: 29 }] },
    { name: 'an empty volume, in the phase that shrinks it', spec: `components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 10GB, growth: +200MB/month }
phases:
  big: {}
  small:
    components:
      postgres:
        volumes:
          - { name: data, size: 1GB, growth: +200MB/month }
`, findings: [{ messageId: 'fills', message: 'volume `data` of `postgres` (1GB) fills in 5 months at +200MB/month starting empty, within the 12-month planning horizon: it would need 2.4 GB by then', line: 12, column: 33, phase: 'small' }] },
  ],
});
