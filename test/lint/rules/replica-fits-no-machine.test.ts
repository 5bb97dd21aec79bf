import { replicaFitsNoMachine } from '../../../src/lint/rules/replica-fits-no-machine.js';
import { testRule } from '../rule-tester.js';

testRule(replicaFitsNoMachine, {
  valid: [
    { name: 'a request exactly the size of the machine', spec: `roles:
  db:
    count: 3
    recommended: { cpu: 8 cores, memory: 16GB }
components:
  postgres:
    kind: datastore
    resources:
      requests: { cpu: "8", memory: 16GB }
    placement: { role: db }
` },
    { name: 'a role of unknown size may hold it', spec: `roles:
  small:
    count: 2
    recommended: { cpu: 2 cores, memory: 4GB }
  gpu:
    count: 1
components:
  trainer:
    kind: worker
    resources:
      requests: { cpu: "8", memory: 64GB }
` },
    { name: 'it fits the larger of the roles it may run on', spec: `roles:
  small:
    count: 2
    recommended: { cpu: 2 cores, memory: 4GB }
  large:
    count: 1
    recommended: { cpu: 8 cores, memory: 32GB }
components:
  trainer:
    kind: worker
    resources:
      requests: { cpu: "8", memory: 30GB }
` },
  ],
  invalid: [
    { name: 'a 16Gi request on a 16 GB machine', spec: `roles:
  db:
    count: 3
    recommended: { cpu: 8 cores, memory: 16GB }
components:
  postgres:
    kind: datastore
    resources:
      requests: { cpu: "2", memory: 16Gi }
    placement: { role: db }
`, findings: [{ messageId: 'oneRole', message: 'one replica of `postgres` requests 16Gi (17.18 GB) of memory, more than one `db` machine can allocate (16GB): it can never be scheduled', line: 9, column: 37 }] },
    { name: 'larger than every role, counting what is reserved', spec: `roles:
  small:
    count: 2
    recommended: { cpu: 2 cores, memory: 4GB }
  large:
    count: 1
    reserved: { cpu: 1, memory: 2GB }
    recommended: { cpu: 8 cores, memory: 32GB }
components:
  trainer:
    kind: worker
    resources:
      requests: { cpu: "8", memory: 8GB }
`, findings: [{ messageId: 'anyRole', message: 'one replica of `trainer` requests 8 cores of CPU, more than any machine of `small`, `large` can allocate (at most `large`’s 7 cores: 8 cores less 1 core reserved): it can never be scheduled', line: 13, column: 25 }] },
    { name: 'a daemon must fit on every machine of its roles', spec: `roles:
  small:
    count: 2
    recommended: { cpu: 2 cores, memory: 4GB }
  large:
    count: 1
    recommended: { cpu: 8 cores, memory: 32GB }
components:
  agent:
    kind: daemon
    resources:
      requests: { cpu: 100m, memory: 6GB }
`, findings: [{ messageId: 'daemon', message: '`agent` runs on every `small` machine and requests 6GB of memory, more than one can allocate (4GB): it can never be scheduled there', line: 12, column: 38 }] },
    { name: 'only in the phase that places it on small machines', spec: `roles:
  small:
    count: 2
    recommended: { cpu: 2 cores, memory: 4GB }
  large:
    count: 1
    recommended: { cpu: 8 cores, memory: 32GB }
components:
  trainer:
    kind: worker
    resources:
      requests: { cpu: "1", memory: 8GB }
    placement: { role: large }
phases:
  one: {}
  two:
    components:
      trainer: { placement: { role: small } }
`, findings: [{ messageId: 'oneRole', message: 'one replica of `trainer` requests 8GB of memory, more than one `small` machine can allocate (4GB): it can never be scheduled', line: 12, column: 37, phase: 'two' }] },
  ],
});
