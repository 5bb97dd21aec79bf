import { backupSameFailureDomain } from '../../../src/lint/rules/backup-same-failure-domain.js';
import { testRule } from '../rule-tester.js';

testRule(backupSameFailureDomain, {
  valid: [
    { name: "a second backup of the same component goes to a bucket", spec: `components:
  postgres: { kind: datastore, placement: { role: db } }
roles:
  db: { recommended: { disks: [{ mount: /var/backups, size: 100GB }] } }
buckets:
  offsite: { provider: s3-compatible }
backups:
  local: { of: postgres, type: full, frequency: daily, retention: 7d, target: "db:/var/backups" }
  remote: { of: postgres, type: full, frequency: daily, retention: 30d, target: offsite }
` },
    { name: "a copy replicated across regions", spec: `components:
  redis: { kind: datastore, volumes: [{ name: data, size: 5Gi }] }
backups:
  rdb: { of: redis, type: snapshot, frequency: every 6h, retention: 7d, target: redis/data, crossRegion: eu-west-1 }
` },
    { name: "the backup machine does not run the component", spec: `components:
  postgres: { kind: datastore, placement: { role: db } }
roles:
  db: {}
  backup: { recommended: { disks: [{ mount: /srv, size: 1TB }] } }
backups:
  base: { of: postgres, type: full, frequency: daily, retention: 7d, target: "backup:/srv" }
` },
    { name: "a component that may also run elsewhere is not judged by one role", spec: `components:
  postgres: { kind: datastore, placement: { role: [db, spare] } }
roles:
  db: {}
  spare: {}
backups:
  base: { of: postgres, type: full, frequency: daily, retention: 7d, target: "db:/var/backups" }
` },
  ],
  invalid: [
    {
      name: "backups on the database server only",
      spec: `components:
  postgres:
    kind: datastore
    placement: { role: db }
roles:
  db:
    recommended:
      disks: [{ mount: /var/backups, size: 100GB }]
backups:
  base:
    of: postgres
    type: full
    frequency: daily
    retention: 7d
    target: db:/var/backups
`,
      findings: [
        {messageId: "machine",message: "`base` keeps the backups of `postgres` on `db:/var/backups`, the machine that runs `postgres`, and no copy goes elsewhere: losing that machine loses the data and its backups together",line: 15,column: 13},
      ],
    },
    {
      name: "snapshots on the component's own volume",
      spec: `components:
  redis: { kind: datastore, volumes: [{ name: data, size: 5Gi }] }
backups:
  rdb: { of: redis/data, type: snapshot, frequency: every 6h, retention: 7d, target: redis/data }
`,
      findings: [
        {messageId: "volume",message: "`rdb` keeps the backups of `redis` on `redis/data`, a volume of `redis` itself, and no copy goes elsewhere: losing that volume loses the data and its backups together",line: 4,column: 86},
      ],
    },
    {
      name: "only the phase where the only machine runs it",
      spec: `components:
  postgres: { kind: datastore }
roles:
  server: {}
backups:
  base: { of: postgres, type: full, frequency: daily, retention: 7d, target: "server:/var/backups" }
phases:
  single: {}
  separated:
    roles:
      db: {}
`,
      findings: [
        {messageId: "machine",message: "`base` keeps the backups of `postgres` on `server:/var/backups`, the machine that runs `postgres`, and no copy goes elsewhere: losing that machine loses the data and its backups together",line: 6,column: 79,phase: "single"},
      ],
    },
  ],
});
