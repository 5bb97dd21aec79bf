import { statedStorageMatch } from '../../../src/lint/rules/stated-storage-match.js';
import { testRule } from '../rule-tester.js';

testRule(statedStorageMatch, {
  valid: [
    { name: "a disk layout that adds up to the one-line figure", spec: `roles:
  db:
    recommended:
      disks:
        - { mount: /, size: 20GB }
        - { mount: /data, size: 60GB }
    stated:
      - { figure: disk, value: 80GB }
` },
    { name: "per-replica volumes in GiB against a GiB total", spec: `components:
  db:
    kind: datastore
    replicas: 2
    volumes:
      - { name: data, size: 50Gi, perReplica: true }
  cache:
    kind: datastore
    volumes:
      - { name: data, size: 10Gi }
stated:
  - { figure: volumes, value: ~110Gi }
` },
    { name: "data items within the ~ of the total", spec: `components:
  db:
    kind: datastore
    data:
      - { name: events, size: 4GB }
      - { name: users, size: 500MB }
    stated:
      - { figure: dataSize, value: ~5GB }
` },
  ],
  invalid: [
    { name: "a one-line disk figure below the layout", spec: `roles:
  db:
    count: 1
    recommended:
      disks:
        - { mount: /, size: 20GB }
        - { mount: /data, size: 60GB }
        - { mount: /backups, size: 60GB }
    stated:
      - { figure: disk, value: 80GB, label: "Storage: 80GB SSD" }
`, findings: [{"messageId":"more","message":"`Storage: 80GB SSD` states 80GB, but one `db` machine has 140 GB of disk, 60 GB more than stated: a disk or volume bought for the stated figure would be too small","line":10,"column":32}] },
    { name: "a GB total against GiB volumes", spec: `components:
  db:
    kind: datastore
    volumes:
      - { name: data, size: 100Gi }
stated:
  - { figure: volumes, value: 100GB, label: "Volumes: 100GB" }
`, findings: [{"messageId":"more","message":"`Volumes: 100GB` states 100GB, but the components' volumes add up to 107.37 GB, 7.37 GB more than stated: a disk or volume bought for the stated figure would be too small","line":7,"column":31}] },
    { name: "data items that do not reach the total", spec: `components:
  db:
    kind: datastore
    data:
      - { name: battles, size: ~50MB }
      - { name: killmails, size: ~2GB }
      - { name: participants, size: ~1GB }
    stated:
      - { figure: dataSize, value: ~5GB, label: "Total ~5GB" }
`, findings: [{"messageId":"less","message":"`Total ~5GB` states ~5GB, but the data items of `db` add up to 3.05 GB, 1.95 GB less than stated: the total does not follow from the parts it sums, so one of them is wrong","line":9,"column":36}] },
  ],
});
