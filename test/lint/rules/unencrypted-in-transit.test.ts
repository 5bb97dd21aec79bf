import { unencryptedInTransit } from '../../../src/lint/rules/unencrypted-in-transit.js';
import { testRule } from '../rule-tester.js';

testRule(unencryptedInTransit, {
  valid: [
    { name: 'HTTPS flows to a TLS-only service; Redis flow to a TLS Redis', spec: `components:
  api:
    kind: service
    flows:
      - { to: billing, protocol: HTTPS }
      - { to: cache, protocol: Redis }
  billing:
    kind: service
    encryption: { inTransit: true }
    ports: [{ port: 8443, appProtocol: https }]
  cache:
    kind: datastore
    engine: redis
    encryption: { inTransit: true }
    connection: rediss://cache:6380
` },
    { name: 'plain HTTP where nothing requires TLS', spec: `components:
  web: { kind: service, flows: [{ to: app, protocol: HTTP }] }
  app: { kind: service, ports: [{ port: 8000, appProtocol: http }] }
network:
  cdn: { provider: cloudflare, viewerProtocol: allow-all }
` },
  ],
  invalid: [
    { name: 'a plain HTTP flow and plain listener on a TLS-only service', spec: `components:
  api:
    kind: service
    flows:
      - { to: billing, protocol: HTTP }
  billing:
    kind: service
    encryption: { inTransit: true }
    ports: [{ port: 8080, appProtocol: http }]
`, findings: [
      { messageId: 'flow', message: '`api` reaches `billing` over plain HTTP, but `billing`\'s `encryption.inTransit: true` requires encryption in transit: the traffic crosses the network readable', line: 5, column: 34 },
      { messageId: 'port', message: '`billing` serves plain HTTP on port 8080 and no HTTPS port, but its `encryption.inTransit: true` requires encryption in transit', line: 9, column: 40 },
    ] },
    { name: 'a TLS-only Redis reached with redis:// and TLS switched off', spec: `components:
  cache:
    kind: datastore
    engine: redis
    encryption: { inTransit: true }
    connection: redis://cache:6379/0
    settings: { tls: false }
`, findings: [
      { messageId: 'connection', message: '`cache` is reached with plain `redis://` (TLS is `rediss://`), but its `encryption.inTransit: true` requires encryption in transit: credentials and data cross the network in clear', line: 6, column: 17 },
      { messageId: 'setting', message: '`cache` sets `tls: false`, but its `encryption.inTransit: true` requires encryption in transit: clients talk to it in clear', line: 7, column: 22 },
    ] },
    { name: 'a CDN that allows plain HTTP under a TLS policy', spec: `network:
  tls: { minVersion: '1.2' }
  cdn:
    provider: aws-cloudfront
    viewerProtocol: allow-all
    origins:
      - { id: api, domain: api.example.com, protocol: http-only }
`, findings: [
      { messageId: 'viewer', message: 'the CDN lets viewers use plain HTTP (`viewerProtocol: allow-all`), while the page\'s TLS policy (`network.tls`) requires encryption in transit: use `redirect-to-https` or `https-only`', line: 5, column: 21 },
      { messageId: 'origin', message: 'CDN origin `api` is fetched over plain HTTP (`protocol: http-only`), while the page\'s TLS policy (`network.tls`) requires encryption in transit: the CDN-to-origin hop is in clear', line: 7, column: 55 },
    ] },
    { name: 'a transit policy for every flow', spec: `encryption:
  inTransit: { enabled: true }
components:
  web: { kind: service, flows: [{ to: app, protocol: HTTP }] }
  app: { kind: service }
`, findings: [
      { messageId: 'flow', message: '`web` reaches `app` over plain HTTP, but the page\'s `encryption.inTransit` policy requires encryption in transit: the traffic crosses the network readable', line: 4, column: 54 },
    ] },
  ],
});
