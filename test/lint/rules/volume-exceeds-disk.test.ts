import { volumeExceedsDisk } from '../../../src/lint/rules/volume-exceeds-disk.js';
import { testRule } from '../rule-tester.js';

testRule(volumeExceedsDisk, {
  valid: [
    { name: 'volumes that exactly fill the disk they name', spec: `roles:
  server:
    count: 1
    recommended:
      disks:
        - { mount: /data, size: 100GB }
components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 60GB, disk: /data }
  redis:
    kind: datastore
    volumes:
      - { name: data, size: 40GB, disk: /data }
` },
    { name: 'one replica volume per machine, the size of the disk', spec: `roles:
  metald:
    count: 3
    minimum:
      disks:
        - { size: 500 GB, media: nvme }
components:
  metald:
    kind: service
    replicas: 3
    volumes:
      - { name: jailer, size: 500GB, perReplica: true }
    placement: { role: metald }
` },
    { name: 'network storage does not live on the machine disk', spec: `roles:
  node:
    count: 1
    recommended: { disk: 20GB }
components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 100Gi, media: network }
` },
    { name: 'a role without disks is not judged', spec: `roles:
  node: { count: 1 }
components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 100Gi }
` },
  ],
  invalid: [
    { name: 'a GiB volume on the GB partition it names', spec: `roles:
  db:
    count: 1
    recommended:
      disks:
        - { mount: /, size: 20GB }
        - { mount: /var/lib/postgresql, size: 60GB }
components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 60Gi, disk: /var/lib/postgresql }
    placement: { role: db }
`, findings: [{ messageId: 'volume', message: 'volume `data` of `postgres` is 60Gi (64.42 GB), larger than `/var/lib/postgresql` on a `db` machine (60GB): it cannot be provisioned there', line: 12, column: 29 }] },
    { name: 'more replicas than machines put two volumes on one disk', spec: `roles:
  store:
    count: 2
    minimum:
      disks:
        - { size: 300GB }
components:
  minio:
    kind: datastore
    replicas: 4
    volumes:
      - { name: data, size: 200GB, perReplica: true }
    placement: { role: store }
`, findings: [{ messageId: 'replicas', message: '2 replicas of `minio` share a `store` machine and their `data` volumes of 200GB each need 400 GB, more than the 300GB disk of a `store` machine: they cannot all be provisioned', line: 12, column: 29 }] },
    { name: 'volumes that fit one by one but not together', spec: `roles:
  server:
    count: 1
    recommended:
      disks:
        - { mount: /data, size: 100GB }
        - { mount: /, size: 20GB }
components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 60GB, disk: /data }
  redis:
    kind: datastore
    volumes:
      - { name: data, size: 50GB, disk: /data }
`, findings: [{ messageId: 'sum', message: 'the volumes on `/data` on a `server` machine (100GB) add up to 110 GB (`postgres/data` 60GB, `redis/data` 50GB), more than it holds: they cannot all be provisioned', line: 6, column: 11 }] },
    { name: 'a role that gives one disk figure, in a phase', spec: `roles:
  gateway:
    count: { min: 1 }
    recommended: { disk: 50GB }
components:
  worker:
    kind: worker
    volumes:
      - { name: images, size: 50Gi+ }
phases:
  development:
    roles:
      gateway: { count: 1 }
`, findings: [{ messageId: 'volume', message: 'volume `images` of `worker` is 50Gi+ (53.69 GB), larger than the 50GB disk of a `gateway` machine: it cannot be provisioned there', line: 9, column: 31, phase: 'development' }] },
  ],
});
