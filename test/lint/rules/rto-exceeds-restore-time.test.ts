import { rtoExceedsRestoreTime } from '../../../src/lint/rules/rto-exceeds-restore-time.js';
import { testRule } from '../rule-tester.js';

testRule(rtoExceedsRestoreTime, {
  valid: [
    { name: "a restore that takes exactly the RTO", spec: `components:
  postgres: { kind: datastore, placement: { role: db } }
roles:
  db: { recommended: { network: 100Mbps } }
backups:
  base: { of: postgres, type: full, frequency: daily, size: 22.5GB, retention: 7d }
objectives:
  recovery:
    database: { of: [postgres], rto: 30 minutes }
` },
    { name: "no throughput stated", spec: `components:
  postgres: { kind: datastore }
backups:
  base: { of: postgres, type: full, frequency: daily, size: 500GB, retention: 7d }
objectives:
  recovery:
    database: { of: [postgres], rto: 1 minute }
` },
    { name: "no backup size stated", spec: `components:
  postgres: { kind: datastore, placement: { role: db } }
roles:
  db: { recommended: { network: 1Mbps } }
backups:
  base: { of: postgres, type: full, frequency: daily, retention: 7d }
objectives:
  recovery:
    database: { of: [postgres], rto: 1 minute }
` },
    { name: "the compressed size is what crosses the network", spec: `components:
  postgres: { kind: datastore, placement: { role: db } }
roles:
  db: { recommended: { network: 1 Gbps } }
backups:
  base: { of: postgres, type: full, frequency: daily, size: 400GB, compressedSize: 100GB, retention: 7d }
objectives:
  recovery:
    database: { of: [postgres], rto: 15 minutes }
` },
  ],
  invalid: [
    {
      name: "one byte more than the RTO allows",
      spec: `components:
  postgres: { kind: datastore, placement: { role: db } }
roles:
  db: { recommended: { network: 100Mbps } }
backups:
  base: { of: postgres, type: full, frequency: daily, size: 22500000001B, retention: 7d }
objectives:
  recovery:
    database: { of: [postgres], rto: 30 minutes }
`,
      findings: [
        {messageId: "slow",message: "restoring `base` (22.5 GB) of `postgres` over the 100 Mbps network of `db` takes at least 30m1s, longer than the `database` RTO of 30 minutes",line: 9,column: 38},
      ],
    },
    {
      name: "the backup server's slower network limits the restore",
      spec: `components:
  postgres: { kind: datastore, placement: { role: db } }
roles:
  db: { recommended: { network: 10 Gbps } }
  backup: { minimum: { network: 100Mbps, disks: [{ mount: /srv, size: 2TB }] } }
backups:
  base: { of: postgres, type: full, frequency: daily, compressedSize: 50GiB, retention: 7d, target: "backup:/srv" }
objectives:
  recovery:
    critical: { rto: 15 minutes }
`,
      findings: [
        {messageId: "slow",message: "restoring `base` (50 GiB) of `postgres` over the 100 Mbps network of `backup` takes at least 1h11m35s, longer than the `critical` RTO of 15 minutes",line: 10,column: 22},
      ],
    },
    {
      name: "a managed database's storage throughput",
      spec: `components:
  postgres:
    kind: datastore
    managed: { provider: aws, service: rds, storage: { size: 1000GB, throughput: 100MB/s } }
backups:
  snapshot: { of: postgres, type: snapshot, frequency: daily, size: 1000GB, retention: 7d }
objectives:
  recovery:
    critical: { of: [postgres], rto: 15 minutes }
`,
      findings: [
        {messageId: "slow",message: "restoring `snapshot` (1 TB) of `postgres` over a storage throughput of 100MB/s takes at least 2h46m40s, longer than the `critical` RTO of 15 minutes",line: 9,column: 38},
      ],
    },
  ],
});
