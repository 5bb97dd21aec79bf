import { backupExceedsTarget } from '../../../src/lint/rules/backup-exceeds-target.js';
import { testRule } from '../rule-tester.js';

testRule(backupExceedsTarget, {
  valid: [
    { name: "backups that fill the partition exactly", spec: `roles:
  db:
    recommended:
      disks:
        - { mount: /, size: 20GB }
        - { mount: /var/backups, size: 60GB }
components:
  postgres: { kind: datastore, placement: { role: db } }
backups:
  base: { of: postgres, type: full, frequency: daily, compressedSize: 2GB, retention: 30d, target: "db:/var/backups" }
` },
    { name: "64 GB of backups on a 60 GiB partition (64.42 GB)", spec: `roles:
  db:
    recommended:
      disks: [{ mount: /var/backups, size: 60GiB }]
components:
  postgres: { kind: datastore, placement: { role: db } }
backups:
  base: { of: postgres, type: full, frequency: daily, compressedSize: 2GB, retention: 32d, target: "db:/var/backups" }
` },
    { name: "backups without a size cannot be summed", spec: `roles:
  db:
    recommended:
      disks: [{ mount: /var/backups, size: 10GB }]
components:
  postgres: { kind: datastore, placement: { role: db } }
backups:
  base: { of: postgres, type: full, frequency: daily, retention: 30d, target: "db:/var/backups" }
` },
    { name: "a phase without the target machine", spec: `roles:
  db:
    recommended:
      disks: [{ mount: /var/backups, size: 10GB }]
  server: {}
components:
  postgres: { kind: datastore }
backups:
  base: { of: postgres, type: full, frequency: daily, size: 1GB, retention: 30d, target: "db:/var/backups" }
phases:
  mvp:
    roles:
      db: null
` },
  ],
  invalid: [
    {
      name: "two backups sharing a partition, in the docs' words",
      spec: `roles:
  db:
    recommended:
      disks:
        - { mount: /, size: 20GB }
        - { mount: /var/backups, size: 60GB }
components:
  postgres: { kind: datastore, placement: { role: db } }
backups:
  base:
    of: postgres
    type: full
    frequency: daily
    compressedSize: 2GB
    retention: 30d
    target: db:/var/backups
  wal:
    of: postgres
    type: wal
    rate: 500MB/day
    retention: 30d
    target: db:/var/backups
`,
      findings: [
        {messageId: "exceeds",message: "`base` and `wal` keep 75 GB of backups under their retention on `db:/var/backups`, which holds 60 GB: 15 GB too much, so new backups fail before the oldest ones expire",line: 16,column: 13},
      ],
    },
    {
      name: "60 GiB of backups in a subdirectory of a 60 GB partition",
      spec: `roles:
  db:
    recommended:
      disks:
        - { mount: /, size: 20GB }
        - { mount: /var/backups, size: 60GB }
components:
  postgres: { kind: datastore, placement: { role: db } }
backups:
  base:
    of: postgres
    type: full
    frequency: daily
    compressedSize: 2GiB
    retention: 30d
    target: db:/var/backups/postgres
`,
      findings: [
        {messageId: "exceeds",message: "`base` keeps 64.42 GB of backups under their retention on `db:/var/backups/postgres`, which holds 60 GB: 4.42 GB too much, so new backups fail before the oldest ones expire",line: 16,column: 13},
      ],
    },
    {
      name: "snapshots kept on the component's own volume",
      spec: `components:
  redis:
    kind: datastore
    volumes: [{ name: data, size: 5Gi }]
backups:
  rdb:
    of: redis
    type: snapshot
    frequency: every 6h
    size: 500Mi
    retention: 7d
    target: redis/data
`,
      findings: [
        {messageId: "exceeds",message: "`rdb` keeps 13.67 GiB of backups under their retention on `redis/data`, which holds 5 GiB: 8.67 GiB too much, so new backups fail before the oldest ones expire",line: 12,column: 13},
      ],
    },
    {
      name: "a sized bucket",
      spec: `components:
  app: { kind: service }
buckets:
  archive: { provider: minio, size: 1TB }
backups:
  logs: { of: app, type: logs, rate: 20GB/day, retention: 30d, target: archive }
  files: { of: app, type: files, size: 500GB, target: archive }
`,
      findings: [
        {messageId: "exceeds",message: "`logs` and `files` keep 1.1 TB of backups under their retention on `archive`, which holds 1 TB: 100 GB too much, so new backups fail before the oldest ones expire",line: 6,column: 72},
      ],
    },
    {
      name: "only the phase with the smaller disk",
      spec: `roles:
  db:
    recommended:
      disks: [{ mount: /var/backups, size: 100GB }]
components:
  postgres: { kind: datastore, placement: { role: db } }
backups:
  base: { of: postgres, type: full, frequency: daily, size: 3GB, retention: 30d, target: "db:/var/backups" }
phases:
  small:
    roles:
      db:
        recommended:
          disks: [{ mount: /var/backups, size: 80GB }]
  large: {}
`,
      findings: [
        {messageId: "exceeds",message: "`base` keeps 90 GB of backups under their retention on `db:/var/backups`, which holds 80 GB: 10 GB too much, so new backups fail before the oldest ones expire",line: 8,column: 91,phase: "small"},
      ],
    },
  ],
});
