import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeOrder, composeDocument, composeText, type ServiceTexts } from '../../src/emit/compose/document.js';
import { composeService } from '../../src/emit/compose/service.js';
import { serviceText } from '../../src/emit/compose/text.js';
import { containerPhases, NoteSink } from '../../src/emit/containers/index.js';
import { toYaml, toYamlBlock } from '../../src/emit/serialize.js';
import type { EmitContext } from '../../src/emit/types.js';
import { WrittenYaml } from '../../src/emit/yaml-writer.js';
import { compileText } from '../../src/lint/tester.js';
import { loadSpec } from '../../src/spec/files.js';
import type { Model } from '../../src/spec/model.js';
import { ROOT } from '../helpers.js';

/**
 * compose/text.ts writes a service's YAML directly, and compose/document.ts a phase's file; service.ts
 * and `composeDocument` keep the service and the file as objects, which the generic writer writes.
 * Both must give the same bytes for every container, with and without the networks of a segmented
 * file, and for every phase, whichever phase came before.
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

// What the examples do not show: keys and values that must be quoted, a multi-line value, a port over
// UDP, a bind mount, capabilities, a job, a health check with every timing, a name YAML reads as a number.
const ODD = `
roles:
  app: { minimum: { cpu: 2, memory: 4GiB } }
network:
  subnets:
    front: { hosts: [app], tier: app }
components:
  web:
    kind: service
    image: "registry.example.com/web:1.2"
    placement: { role: app }
    resources:
      requests: { cpu: 250m, memory: 256Mi }
      limits: { cpu: "1.5", memory: 512Mi }
    replicas: { min: 2, max: 4 }
    ports:
      - { name: http, port: 8080, exposure: public }
      - { name: dns, port: 53, protocol: UDP, exposure: public }
      - { name: admin, port: 9000, exposure: localhost }
      - { name: metrics, port: 9100, protocol: UDP }
    health: { path: /healthz, port: 8080, interval: 10s, timeout: 2s, unhealthyThreshold: 3, initialDelay: 1m30s }
    env:
      "yes": "no"
      LOG_LEVEL: "info # not a comment"
      EMPTY: ""
      MULTI: "first line\\nsecond: line\\n"
      PRICE: "$5"
      TYPE: "1.0"
      API_TOKEN: \${API_TOKEN}
      "123": "on"
    security: { runAsUser: 1000, readOnlyRootFilesystem: true, privileged: true, capabilities: { add: [NET_ADMIN, "SYS_TIME"], drop: [ALL] }, hostPaths: [/srv/data, docker.sock] }
    flows:
      - { to: "2024", port: 5432 }
      - { to: cache, port: 6379 }
  "2024":
    kind: datastore
    engine: postgresql
    version: { minimum: "16" }
    ports: [{ port: 5432 }]
    volumes: [{ name: pgdata, size: 10Gi }]
  cache:
    kind: datastore
    image: docker.io/valkey/valkey:8
    ports: [{ port: 6379 }]
    flows: [{ to: web, port: 8080 }]
  nightly:
    kind: job
    image: ghcr.io/acme/report:1.0
    schedule: '30 2 * * *'
    flows: [{ to: "2024", port: 5432 }, { to: web, port: 8080 }]
`;

function models(): Array<[string, Model]> {
  const out: Array<[string, Model]> = [];
  for (const example of EXAMPLES) {
    const loaded = loadSpec(join(ROOT, 'examples', example), ROOT).model;
    if (!loaded) throw new Error(`examples/${example} does not compile`);
    out.push([example, loaded]);
  }
  const compiled = compileText(ODD);
  if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  out.push(['odd', compiled.model]);
  return out;
}

describe('compose services written directly', () => {
  for (const [name, model] of models()) {
    it(`${name}: writes every service as the generic writer writes its object`, () => {
      const context: EmitContext = { model, phases: model.phases, plan: () => { throw new Error('no plan'); }, source: model.system.name };
      let services = 0;
      for (const phase of containerPhases(context, { notes: new NoteSink() })) {
        for (const container of phase.containers) {
          for (const segmented of [false, true]) {
            const generic = toYamlBlock(composeService(container, segmented), 2);
            if (!(generic instanceof WrittenYaml)) throw new Error('a service is a non-empty mapping');
            expect(serviceText(container, segmented, 2).text, `${phase.phase.name} ${container.name}`).toBe(generic.text);
            services += 1;
          }
        }
      }
      expect(services).toBeGreaterThan(0);
    });

    it(`${name}: writes every phase's file as the generic writer writes its document, with the same notes`, () => {
      const context: EmitContext = { model, phases: model.phases, plan: () => { throw new Error('no plan'); }, source: model.system.name };
      const phases = containerPhases(context, { notes: new NoteSink() });
      const direct = { notes: new NoteSink(), written: new Map() as ServiceTexts, order: new ComposeOrder() };
      const generic = { notes: new NoteSink(), written: new Map() as ServiceTexts };
      // Each phase, then all of them again in reverse: the order of names is taken over only where it holds.
      for (const phase of [...phases, ...[...phases].reverse()]) {
        expect(composeText(phase, direct.notes, direct.written, direct.order), phase.phase.name).toBe(toYaml(composeDocument(phase, generic.notes, generic.written)));
      }
      expect(direct.notes.notes).toEqual(generic.notes.notes);
    });
  }
});
