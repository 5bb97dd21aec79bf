import { pitrGap } from '../../../src/lint/rules/pitr-gap.js';
import { testRule } from '../rule-tester.js';

testRule(pitrGap, {
  valid: [
    { name: "WAL kept exactly one full-backup interval", spec: `components:
  postgres: { kind: datastore }
backups:
  base: { of: postgres, type: full, tool: pg_basebackup, frequency: weekly, retention: 30d }
  wal: { of: postgres, type: wal, frequency: continuous, retention: 7d }
` },
    { name: "WAL kept as long as the fulls", spec: `components:
  postgres: { kind: datastore, volumes: [{ name: data, size: 10GB }] }
backups:
  base: { of: postgres/data, type: full, frequency: daily, retention: 30d }
  wal: { of: postgres, type: wal, rate: 500MB/day, retention: 30d }
` },
    { name: "a logical dump beside a physical snapshot", spec: `components:
  postgres: { kind: datastore }
backups:
  dump: { of: postgres, type: full, tool: pg_dump, frequency: daily, retention: 30d }
  snap: { of: postgres, type: snapshot, frequency: daily, retention: 7d }
  wal: { of: postgres, type: wal, frequency: continuous, retention: 7d }
` },
    { name: "no WAL or incrementals", spec: `components:
  redis: { kind: datastore }
backups:
  rdb: { of: redis, type: snapshot, frequency: hourly, retention: 1d }
` },
  ],
  invalid: [
    {
      name: "WAL kept less than the interval between fulls",
      spec: `components:
  postgres: { kind: datastore }
backups:
  base: { of: postgres, type: full, frequency: weekly, retention: 30d }
  wal: { of: postgres, type: wal, frequency: continuous, retention: 6d }
`,
      findings: [
        {messageId: "logShorterThanInterval",message: "`wal` keeps WAL for 6d, less than the 7d between full backups of `postgres` (`base`, weekly): for 1d before each new full, the first changes after the last full are already deleted, so no point after that full can be restored",line: 5,column: 69},
      ],
    },
    {
      name: "WAL kept longer than the fulls",
      spec: `components:
  postgres: { kind: datastore }
backups:
  base: { of: postgres, type: full, frequency: daily, retention: 7d }
  wal: { of: postgres, type: wal, frequency: continuous, retention: 30d }
`,
      findings: [
        {messageId: "walOutlivesFulls",message: "`wal` keeps WAL for 30d, but the full backups of `postgres` are kept 7d: WAL older than the oldest full has no base to replay onto, so point-in-time recovery reaches back 7d, not 30d",line: 5,column: 69},
      ],
    },
    {
      name: "incrementals kept longer than the fulls they depend on",
      spec: `components:
  files: { kind: datastore }
backups:
  weekly: { of: files, type: full, frequency: weekly, retention: 14d }
  nightly: { of: files, type: incremental, frequency: daily, retention: 28d }
`,
      findings: [
        {messageId: "incrementalOutlivesFulls",message: "`nightly` keeps incrementals for 28d, but the full backups of `files` they depend on are kept 14d: incrementals older than that cannot be restored",line: 5,column: 73},
      ],
    },
    {
      name: "WAL replayed onto pg_dump output",
      spec: `components:
  postgresql: { kind: datastore }
backups:
  postgresql-full:
    of: postgresql
    type: full
    tool: pg_dump
    frequency: daily
    retention: 30d
  postgresql-wal:
    of: postgresql
    type: wal
    frequency: every 5 minutes
    retention: 7d
`,
      findings: [
        {messageId: "logicalBase",message: "`postgresql-wal` archives WAL of `postgresql` for point-in-time recovery, but its full backups (`postgresql-full` with pg_dump) are logical dumps, which WAL cannot be replayed onto: point-in-time recovery needs a physical base backup",line: 7,column: 11},
      ],
    },
    {
      name: "WAL with no full backup",
      spec: `components:
  postgres: { kind: datastore }
backups:
  wal: { of: postgres, type: wal, frequency: continuous, retention: 7d }
`,
      findings: [
        {messageId: "noBase",message: "`wal` keeps WAL of `postgres`, but no full backup of `postgres` is listed to replay them onto",line: 4,column: 30},
      ],
    },
  ],
});
