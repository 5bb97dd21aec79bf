import { rpoExceedsBackupInterval } from '../../../src/lint/rules/rpo-exceeds-backup-interval.js';
import { testRule } from '../rule-tester.js';

testRule(rpoExceedsBackupInterval, {
  valid: [
    { name: "WAL every 5 minutes meets an RPO of exactly 5 minutes", spec: `components:
  postgres: { kind: datastore }
backups:
  full: { of: postgres, type: full, frequency: daily, retention: 30d }
  wal: { of: postgres, type: wal, frequency: every 5 minutes, retention: 7d }
objectives:
  recovery:
    database: { of: [postgres], rpo: 5 minutes }
` },
    { name: "AOF with a one-second fsync closes the gap between snapshots", spec: `components:
  redis:
    kind: datastore
    persistence: { aof: { enabled: true, fsync: 1s } }
backups:
  rdb: { of: redis, type: snapshot, frequency: every 6h, retention: 7d }
objectives:
  recovery:
    redis: { of: [redis], rpo: 1 hour }
` },
    { name: "replication with automatic failover closes the gap", spec: `components:
  redis:
    kind: datastore
    replicas: 3
    ha: { mode: sentinel, replicas: 2, failover: automatic }
backups:
  rdb: { of: redis, type: snapshot, frequency: daily, retention: 7d }
objectives:
  recovery:
    all: { rpo: 15 minutes }
` },
    { name: "a tier without `of` judges only components with backups", spec: `components:
  cache: { kind: datastore }
  postgres: { kind: datastore }
backups:
  wal: { of: postgres, type: wal, rate: 1GB/day, retention: 7d }
  full: { of: postgres, type: full, frequency: daily, retention: 7d }
objectives:
  recovery:
    everything: { rpo: 1 minute }
` },
  ],
  invalid: [
    {
      name: "a system-wide RPO against daily and weekly backups",
      spec: `components:
  search:
    kind: datastore
  dashboards:
    kind: service
    volumes: [{ name: data, size: 5Gi }]
backups:
  search:
    of: search
    type: snapshot
    frequency: daily
    retention: 7d
  dashboards:
    of: dashboards/data
    type: snapshot
    frequency: weekly
    retention: 28d
objectives:
  recovery:
    full-system:
      rto: 4 hours
      rpo: 1 hour
`,
      findings: [
        {messageId: "interval",message: "the `full-system` RPO of 1 hour is shorter than the recovery points of `dashboards` (backup `dashboards`, weekly): a failure just before the next one loses up to 7d of data",line: 22,column: 12},
        {messageId: "interval",message: "the `full-system` RPO of 1 hour is shorter than the recovery points of `search` (backup `search`, daily): a failure just before the next one loses up to 1d of data",line: 22,column: 12},
      ],
    },
    {
      name: "manual failover does not close the gap",
      spec: `components:
  postgres:
    kind: datastore
    replicas: 2
    ha: { mode: primary-replica, replicas: 1, failover: manual }
backups:
  full: { of: postgres, type: full, frequency: every 6h, retention: 7d }
objectives:
  recovery:
    database: { of: [postgres], rpo: 1 hour }
`,
      findings: [
        {messageId: "interval",message: "the `database` RPO of 1 hour is shorter than the recovery points of `postgres` (backup `full`, every 6h): a failure just before the next one loses up to 6h of data",line: 10,column: 38},
      ],
    },
    {
      name: "a component named by the tier with no backup at all",
      spec: `components:
  postgres:
    kind: datastore
objectives:
  recovery:
    database: { of: [postgres], rpo: 5 minutes }
`,
      findings: [
        {messageId: "noBackup",message: "the `database` RPO of 5 minutes covers `postgres`, which has no backup, persistence or automatic failover: a lost volume loses all of its data",line: 6,column: 38},
      ],
    },
    {
      name: "only the phase where failover is manual",
      spec: `components:
  redis:
    kind: datastore
    replicas: 3
    ha: { mode: sentinel, replicas: 2, failover: automatic }
backups:
  rdb: { of: redis, type: snapshot, frequency: hourly, retention: 7d }
objectives:
  recovery:
    cache: { of: [redis], rpo: 10 minutes }
phases:
  auto: {}
  manual:
    components:
      redis: { ha: { mode: sentinel, replicas: 2, failover: manual } }
`,
      findings: [
        {messageId: "interval",message: "the `cache` RPO of 10 minutes is shorter than the recovery points of `redis` (backup `rdb`, hourly): a failure just before the next one loses up to 1h of data",line: 10,column: 32,phase: "manual"},
      ],
    },
  ],
});
