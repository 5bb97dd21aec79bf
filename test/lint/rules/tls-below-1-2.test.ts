import { tlsBelow12 } from '../../../src/lint/rules/tls-below-1-2.js';
import { testRule } from '../rule-tester.js';

testRule(tlsBelow12, {
  valid: [
    { name: 'TLS 1.3 policy, TLSv1.2 origin, own certificate', spec: `network:
  tls: { minVersion: '1.3' }
  cdn:
    provider: aws-cloudfront
    origins:
      - { id: api, domain: api.example.com, protocol: https-only, tls: [TLSv1.2] }
    viewerCertificate: TLSv1.2_2021
` },
    { name: 'a server setting that names only TLS 1.2 and 1.3', spec: `components:
  web:
    kind: service
    engine: nginx
    settings: { ssl_protocols: TLSv1.2 TLSv1.3 }
` },
    { name: 'a disabled CDN on the default certificate', spec: `network:
  cdn: { provider: aws-cloudfront, enabled: false, viewerCertificate: cloudfront-default }
` },
  ],
  invalid: [
    { name: 'a TLS policy at 1.0', spec: `network:
  tls:
    minVersion: '1.0'
`, findings: [
      { messageId: 'policy', message: 'the TLS policy accepts TLS 1.0 and up: TLS 1.0 and 1.1 are deprecated by RFC 8996, and clients that negotiate them get no protection from downgrade and known attacks', line: 3, column: 18 },
    ] },
    { name: 'a CDN origin that allows TLSv1.1 and the default CloudFront certificate', spec: `network:
  tls: { minVersion: '1.2' }
  cdn:
    provider: aws-cloudfront
    origins:
      - { id: api, domain: api.example.com, tls: [TLSv1.1, TLSv1.2] }
    viewerCertificate: cloudfront-default
`, findings: [
      { messageId: 'origin', message: 'CDN origin `api` lets the CDN reach `api.example.com` over TLSv1.1, deprecated by RFC 8996: traffic between the CDN and the origin can be downgraded', line: 6, column: 51 },
      { messageId: 'defaultCertificate', message: 'the CDN serves the default CloudFront certificate, whose security policy is fixed at TLSv1: viewers can connect with TLS 1.0 although `network.tls.minVersion` asks for 1.2', line: 7, column: 24 },
    ] },
    { name: 'server settings that admit TLS 1.0, in a phase override too', spec: `components:
  web:
    kind: service
    settings: { ssl_protocols: TLSv1 TLSv1.1 TLSv1.2 }
  db:
    kind: datastore
    engine: postgresql
phases:
  prod:
    components:
      db: { settings: { ssl_min_protocol_version: '1.1' } }
`, findings: [
      { messageId: 'setting', message: '`web` sets `ssl_protocols` to a value that admits TLSv1, deprecated by RFC 8996: clients can negotiate it', line: 4, column: 32 },
      { messageId: 'setting', message: '`db` sets `ssl_min_protocol_version` to a value that admits TLS 1.1, deprecated by RFC 8996: clients can negotiate it', line: 11, column: 52 },
    ] },
  ],
});
