import { backupWithoutRetention } from '../../../src/lint/rules/backup-without-retention.js';
import { testRule } from '../rule-tester.js';

testRule(backupWithoutRetention, {
  valid: [
    { name: "a retention window", spec: `components:
  search: { kind: datastore }
backups:
  daily: { of: search, type: snapshot, frequency: daily, retention: 14d }
` },
    { name: "kept indefinitely on a bucket whose lifecycle expires objects", spec: `components:
  app: { kind: service }
buckets:
  media: { provider: aws-s3, lifecycle: [{ id: expire-old, enabled: true, expire: { after: 3650d } }] }
backups:
  media: { of: app, type: files, retention: indefinite, target: media }
` },
    { name: "configuration in version control", spec: `backups:
  manifests: { of: kubernetes-manifests, type: config, versionControl: true }
` },
    { name: "no retention, but the target bucket expires objects", spec: `components:
  search: { kind: datastore }
buckets:
  snaps: { lifecycle: [{ id: expire, expire: { after: 30d } }] }
backups:
  daily: { of: search, type: snapshot, frequency: daily, target: snaps }
` },
  ],
  invalid: [
    {
      name: "no retention",
      spec: `components:
  search: { kind: datastore }
backups:
  typesense:
    of: search
    type: snapshot
    frequency: daily
`,
      findings: [
        {messageId: "unstated",message: "`typesense` of `search` gives no retention: nothing deletes old copies, so its storage grows without bound and cannot be sized",line: 4,column: 3},
      ],
    },
    {
      name: "indefinite on a bucket without lifecycle",
      spec: `components:
  app: { kind: service }
buckets:
  offsite: { provider: s3-compatible }
backups:
  media:
    of: app
    type: files
    size: 5GB
    retention: indefinite
    target: offsite
`,
      findings: [
        {messageId: "indefinite",message: "`media` of `app` is kept indefinitely on `offsite`, with no lifecycle rule that expires old objects: its storage and cost grow without bound",line: 10,column: 16},
      ],
    },
    {
      name: "a disabled lifecycle rule does not expire anything",
      spec: `components:
  app: { kind: service }
buckets:
  offsite: { lifecycle: [{ id: expire, enabled: false, expire: { after: 30d } }] }
backups:
  media: { of: app, type: files, retention: indefinite, target: offsite }
`,
      findings: [
        {messageId: "indefinite",message: "`media` of `app` is kept indefinitely on `offsite`, with no lifecycle rule that expires old objects: its storage and cost grow without bound",line: 6,column: 45},
      ],
    },
    {
      name: "configuration outside version control",
      spec: `backups:
  secrets: { of: configmaps-secrets, type: config, encrypted: true }
`,
      findings: [
        {messageId: "config",message: "configuration backup `secrets` of `configmaps-secrets` gives no retention: old copies, and any secrets in them, are kept for ever",line: 2,column: 3},
      ],
    },
  ],
});
