import { statedBackupMatch } from '../../../src/lint/rules/stated-backup-match.js';
import { testRule } from '../rule-tester.js';

testRule(statedBackupMatch, {
  valid: [
    { name: "copies × stored size at the written precision", spec: `components:
  redis: { kind: datastore }
backups:
  snapshots:
    of: redis
    type: snapshot
    frequency: hourly
    compressedSize: 200MB
    retention: 7d
    stated:
      - { figure: retained, value: 34GB }
      - { figure: perDay, value: 4.8GB }
` },
    { name: "a stream over its retention, and the total of two backups", spec: `components:
  pg: { kind: datastore }
backups:
  base:
    of: pg
    type: full
    frequency: daily
    compressedSize: 2GB
    retention: 30d
  wal:
    of: pg
    type: wal
    rate: 500MB/day
    retention: 30d
stated:
  - { figure: backupStorage, of: [base, wal], value: 75GB }
` },
  ],
  invalid: [
    { name: "a retained size below copies × size", spec: `components:
  redis: { kind: datastore }
backups:
  snapshots:
    of: redis
    type: snapshot
    frequency: hourly
    compressedSize: 200MB
    retention: 7d
    stated:
      - { figure: retained, value: 4.8GB, label: "7-day retention: 4.8GB" }
`, findings: [{"messageId":"more","message":"`7-day retention: 4.8GB` states 4.8GB, but backup `snapshots` keeps 33.6 GB, 28.8 GB more than stated: backup storage bought for the stated figure fills up before the retention window ends","line":11,"column":36}] },
    { name: "a total above what the backups keep, in GiB", spec: `components:
  pg: { kind: datastore }
backups:
  base:
    of: pg
    type: full
    frequency: daily
    compressedSize: 2GiB
    retention: 7d
stated:
  - { figure: backupStorage, value: 20GiB, label: "Backups: 20GiB" }
`, findings: [{"messageId":"less","message":"`Backups: 20GiB` states 20GiB, but the backups keep 14 GiB, 6 GiB less than stated: the figure does not follow from the frequency, size and retention it is computed from, so one of them is wrong","line":11,"column":37}] },
    { name: "a daily figure for a weekly backup", spec: `components:
  pg: { kind: datastore }
backups:
  base:
    of: pg
    type: full
    frequency: weekly
    compressedSize: 7GB
    retention: 28d
    stated:
      - { figure: perDay, value: 7GB }
`, findings: [{"messageId":"less","message":"the daily size figure of backup `base` states 7GB, but backup `base` adds 1 GB a day, 6 GB less than stated: the figure does not follow from the frequency, size and retention it is computed from, so one of them is wrong","line":11,"column":34}] },
  ],
});
