import { unencryptedAtRest } from '../../../src/lint/rules/unencrypted-at-rest.js';
import { testRule } from '../rule-tester.js';

testRule(unencryptedAtRest, {
  valid: [
    { name: 'database policy and an encrypted database; S3 policy with a default algorithm', spec: `encryption:
  database: { enabled: true }
  s3: { algorithm: AES256 }
components:
  pg: { kind: datastore, engine: postgresql, encryption: { atRest: true } }
buckets:
  media: { provider: aws-s3 }
` },
    { name: 'a disabled policy does not require anything', spec: `encryption:
  database: { enabled: false }
components:
  pg: { kind: datastore, engine: postgresql, encryption: { atRest: false } }
buckets:
  media: { encryption: { type: none } }
` },
    { name: 'a cache outside the database scope', spec: `encryption:
  database: { enabled: true }
components:
  cache: { kind: datastore, engine: redis, encryption: { atRest: false } }
` },
  ],
  invalid: [
    { name: 'a database turned off under the database policy, and its managed setting', spec: `encryption:
  database: { enabled: true }
components:
  pg:
    kind: datastore
    engine: postgresql
    encryption: { atRest: false }
    managed: { provider: aws, service: rds, settings: { storageEncrypted: false } }
`, findings: [
      { messageId: 'componentOff', message: '`pg` turns encryption at rest off, but the page\'s `encryption.database` policy requires it: its data and snapshots sit in clear on disk', line: 7, column: 27 },
      { messageId: 'managedOff', message: '`pg` sets `storageEncrypted: false` on its managed service, but the page\'s `encryption.database` policy requires encryption at rest: the provider stores its data in clear', line: 8, column: 75 },
    ] },
    { name: 'buckets under an S3 policy without a default: none, and missing', spec: `encryption:
  s3: { enabled: true }
buckets:
  media:
    encryption: { type: none }
  logs:
    provider: aws-s3
`, findings: [
      { messageId: 'bucketNone', message: 'bucket `media` says `encryption: none`, but the page\'s `encryption.s3` policy requires encryption at rest: its objects are stored in clear', line: 5, column: 25 },
      { messageId: 'bucketMissing', message: 'bucket `logs` names no encryption, and the page\'s `encryption.s3` policy requires encryption at rest without a default algorithm or key to inherit: nothing says how its objects are encrypted', line: 6, column: 3 },
    ] },
    { name: 'backups of an encrypted database stored in clear', spec: `components:
  pg: { kind: datastore, engine: postgresql, encryption: { atRest: true } }
buckets:
  dumps: { encryption: { type: none } }
backups:
  nightly: { of: pg, type: full, target: dumps }
  manual: { of: pg, type: snapshot, encrypted: false }
`, findings: [
      { messageId: 'backupTarget', message: 'backup `nightly` of `pg` goes to bucket `dumps`, which says `encryption: none`, while its own `encryption.atRest: true` requires encryption at rest: the copies expose what the live data hides', line: 6, column: 42 },
      { messageId: 'backupOff', message: 'backup `manual` of `pg` is stored unencrypted, while its own `encryption.atRest: true` requires encryption at rest: the copies expose what the live data hides', line: 7, column: 48 },
    ] },
    { name: 'a phase that moves a bucket to an unencrypted provider', spec: `encryption:
  objects: { enabled: true, algorithm: AES256 }
buckets:
  media: { encryption: { type: SSE-S3 } }
phases:
  dev:
    buckets:
      media: { provider: localstack, encryption: { type: none } }
`, findings: [
      { messageId: 'bucketNone', message: 'bucket `media` says `encryption: none`, but the page\'s `encryption.objects` policy requires encryption at rest: its objects are stored in clear', line: 8, column: 58 },
    ] },
  ],
});
