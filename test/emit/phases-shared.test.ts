import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerPhases, NoteSink } from '../../src/emit/containers/index.js';
import { hostGroups } from '../../src/emit/containers/hosts.js';
import { generate } from '../../src/emit/generate.js';
import { EMITTERS, emitterById } from '../../src/emit/registry.js';
import type { EmitContext, Emitter, GeneratedFile } from '../../src/emit/types.js';
import { compileText } from '../../src/lint/tester.js';
import { loadSpec } from '../../src/spec/files.js';
import type { Model } from '../../src/spec/model.js';
import { ROOT } from '../helpers.js';

/**
 * Phases share what they run alike: a container, a unit, a compose service or a
 * Kubernetes object that two phases would write the same is built and written
 * once (see containers/build.ts, containers/unit-cache.ts, compose/document.ts,
 * kubernetes/index.ts). Whatever is shared, each phase's files must be exactly
 * what generating that phase alone writes, and a phase that runs something
 * differently must say so in its own files.
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];
// Every target but docs writes each phase's files under the phase's folder; docs is one document for all.
const PER_PHASE = EMITTERS.filter((e) => e.id !== 'docs');

function emitter(id: string): Emitter {
  const found = emitterById(id);
  if (!found) throw new Error(`no emitter ${id}`);
  return found;
}

function model(text: string): Model {
  const compiled = compileText(text);
  if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.model;
}

function underPhase(files: readonly GeneratedFile[], folder: string): GeneratedFile[] {
  return files.filter((f) => f.path.startsWith(`${folder}/`));
}

function content(files: readonly GeneratedFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`);
  return file.content;
}

describe('phases that share containers and objects', () => {
  for (const example of EXAMPLES) {
    it(`${example}: each phase's files are those generating that phase alone writes, for every per-phase target`, () => {
      const loaded = loadSpec(join(ROOT, 'examples', example), ROOT).model;
      if (!loaded) throw new Error(`examples/${example} does not compile`);
      for (const target of PER_PHASE) {
        const whole = generate(loaded, { targets: [target] }).files;
        for (const phase of loaded.phases) {
          const alone = generate(loaded, { targets: [target], phase: phase.name }).files;
          const folders = new Set(alone.map((f) => f.path.split('/')[0] ?? ''));
          expect(folders.size, `${target.id} ${phase.name}`).toBe(1);
          const [folder] = [...folders];
          expect(underPhase(whole, folder ?? ''), `${example} ${target.id} ${phase.name}`).toEqual(alone);
        }
      }
    });
  }

  const spec = `
components:
  web:
    kind: service
    image: nginx:1.27
    ports: [{ port: 80, exposure: public }]
    flows: [{ to: api, port: 8080 }]
  api:
    kind: service
    image: ghcr.io/acme/api:1.0
    ports: [{ port: 8080, exposure: restricted, from: [web] }]
    health: { path: /healthz, port: 8080 }
phases:
  one: {}
  two: { components: { web: null } }
  three: {}
`;

  it('writes a unit the phases share once per phase, with that phase in its description', () => {
    const m = model(spec);
    for (const id of ['quadlet', 'systemd']) {
      const files = generate(m, { targets: [emitter(id)] }).files;
      const unit = id === 'quadlet' ? 'api.container' : 'api.service';
      const one = content(files, `one/${unit}`);
      const three = content(files, `three/${unit}`);
      expect(one, id).toContain('), phase one\n');
      expect(three, id).toBe(one.replace('), phase one\n', '), phase three\n'));
    }
  });

  it('gives a phase that runs a container differently its own unit and service', () => {
    // Without `web` in phase two, the port restricted to `web` is published on the host there, and only there.
    const m = model(spec);
    const quadlet = generate(m, { targets: [emitter('quadlet')] }).files;
    expect(content(quadlet, 'one/api.container')).not.toContain('PublishPort=8080');
    expect(content(quadlet, 'two/api.container')).toContain('PublishPort=8080:8080');
    expect(content(quadlet, 'three/api.container')).not.toContain('PublishPort=8080');
    const systemd = generate(m, { targets: [emitter('systemd')] }).files;
    expect(content(systemd, 'two/api.service')).toContain('--publish 8080:8080');
    expect(content(systemd, 'one/api.service')).not.toContain('--publish 8080');
    const compose = generate(m, { targets: [emitter('compose')] }).files;
    expect(content(compose, 'two/compose.yaml')).toMatch(/ {4}ports:\n {6}- 8080:8080\n/);
    expect(content(compose, 'one/compose.yaml')).not.toMatch(/ports:\n {6}- 8080:8080/);
    expect(content(compose, 'three/compose.yaml')).toBe(content(compose, 'one/compose.yaml'));
  });

  it('works out the NetworkPolicies again for a phase whose components declare other flows, ports or peering', () => {
    // `one` and `back` declare the same network; each phase between changes one thing the policies read.
    const m = model(`
components:
  api:
    kind: service
    image: ghcr.io/acme/api:1.0
    ports: [{ port: 8080 }]
    flows: [{ to: cache, port: 6379 }]
  cache:
    kind: datastore
    engine: redis
    image: redis:7.4
    ports: [{ port: 6379 }]
    ha: { mode: replicated }
phases:
  one: {}
  flow: { components: { api: { flows: [{ to: cache, port: 6379 }, { to: cache, port: 6380 }] } } }
  udp: { components: { api: { flows: [{ to: cache, port: 6379, protocol: UDP }] } } }
  public: { components: { api: { ports: [{ port: 8080, exposure: public }] } } }
  peers: { components: { cache: { replicas: 3 } } }
  back: {}
`);
    const files = generate(m, { targets: [emitter('kubernetes')] }).files;
    const policy = (phase: string, name: string) => content(files, `${phase}/02-networkpolicy-${name}.yaml`);
    expect(policy('back', 'api-allow')).toBe(policy('one', 'api-allow'));
    expect(policy('back', 'cache-allow')).toBe(policy('one', 'cache-allow'));
    expect(policy('one', 'api-allow')).not.toContain('6380');
    expect(policy('flow', 'api-allow')).toContain('port: 6380');
    expect(policy('one', 'api-allow')).not.toContain('UDP');
    expect(policy('udp', 'api-allow')).toContain('protocol: UDP');
    expect(policy('one', 'api-allow')).not.toContain('ingress:');
    expect(policy('public', 'api-allow')).toContain('ingress:');
    // Replication between the cache's own pods only where it has more than one replica.
    expect(policy('one', 'cache-allow')).not.toContain('egress:');
    expect(policy('peers', 'cache-allow')).toContain('egress:');
    for (const phase of m.phases.map((p) => p.name)) {
      const alone = generate(m, { targets: [emitter('kubernetes')], phase }).files;
      expect(underPhase(files, phase), phase).toEqual(alone);
    }
  });

  it('writes timers, volume and network units once for the phases that share them, as each phase alone would', () => {
    // quadlet/index.ts and systemd/index.ts keep a job's timer by container and a volume's or network's unit
    // by name: `nightly` runs alike in `one` and `three` and on another schedule in `two`; `db`'s volume and the
    // tiers' networks are the same in every phase, but `two` places the containers on other roles.
    const m = model(`
roles:
  app: { minimum: { cpu: 2, memory: 4GiB } }
  data: { minimum: { cpu: 2, memory: 4GiB } }
network:
  subnets:
    front: { hosts: [api], tier: app }
    back: { hosts: [db, nightly], tier: data }
components:
  api:
    kind: service
    image: ghcr.io/acme/api:1.0
    placement: { role: app }
    ports: [{ port: 8080 }]
    flows: [{ to: db, port: 5432 }]
  db:
    kind: datastore
    engine: postgresql
    image: postgres:17
    placement: { role: data }
    ports: [{ port: 5432 }]
    volumes: [{ name: data, size: 10GiB, mount: /var/lib/postgresql/data }]
  nightly:
    kind: job
    image: ghcr.io/acme/report:1.0
    placement: { role: app }
    schedule: '30 2 * * *'
    flows: [{ to: db, port: 5432 }]
phases:
  one: {}
  two: { components: { nightly: { schedule: '0 4 * * 1' }, db: { placement: { role: app } } } }
  three: {}
`);
    for (const id of ['quadlet', 'systemd']) {
      const files = generate(m, { targets: [emitter(id)] }).files;
      for (const phase of m.phases.map((p) => p.name)) {
        const alone = generate(m, { targets: [emitter(id)], phase: phase }).files;
        expect(underPhase(files, phase), `${id} ${phase}`).toEqual(alone);
      }
      const timers = files.filter((f) => f.path.endsWith('/nightly.timer'));
      expect(timers.map((f) => f.path), id).toEqual(['one/app/nightly.timer', 'three/app/nightly.timer', 'two/nightly.timer']);
      expect(content(files, 'three/app/nightly.timer'), id).toBe(content(files, 'one/app/nightly.timer'));
      expect(content(files, 'two/nightly.timer'), id).not.toBe(content(files, 'one/app/nightly.timer'));
      // The volume's and the networks' units say the same in every phase and folder.
      const volume = id === 'quadlet' ? 'data.volume' : 'data-volume.service';
      const network = id === 'quadlet' ? 'example-data.network' : 'example-data-network.service';
      expect(content(files, `two/${volume}`), id).toBe(content(files, `one/data/${volume}`));
      expect(content(files, `two/${network}`), id).toBe(content(files, `one/data/${network}`));
      expect(content(files, `one/app/${network}`), id).toBe(content(files, `one/data/${network}`));
    }
  });

  // Each phase overrides one thing the containers of other components depend on (containers/build.ts and
  // containers/hosts.ts work out a phase from the previous one, again only where something can differ):
  // `healthy` gives `cache` a health check (`api` waits for it healthy), `moved` puts `cache` on the other
  // role (its machines, its tier's network, and the flows that cross machines change), `calls` changes
  // `worker`'s flows (start dependencies are worked out again), `cycle` closes a cycle through `db` (another
  // call is dropped), `gone` runs one container less (nothing is taken over), `again` and `back` are `one` again.
  const overrides = `
roles:
  app: { minimum: { cpu: 2, memory: 4GiB } }
  data: { minimum: { cpu: 2, memory: 4GiB } }
network:
  subnets:
    front: { hosts: [app], tier: app }
    back: { hosts: [data], tier: data }
components:
  web:
    kind: service
    image: nginx:1.27
    placement: { role: app }
    ports: [{ port: 80, exposure: public }]
    flows: [{ to: api, port: 8080 }]
  api:
    kind: service
    image: ghcr.io/acme/api:1.0
    placement: { role: app }
    ports: [{ port: 8080 }]
    health: { path: /healthz, port: 8080 }
    flows: [{ to: db, port: 5432 }, { to: cache, port: 6379 }]
  worker:
    kind: worker
    image: ghcr.io/acme/worker:1.0
    placement: { role: data }
    flows: [{ to: api, port: 8080 }, { to: db, port: 5432 }]
  db:
    kind: datastore
    engine: postgresql
    image: postgres:17
    placement: { role: data }
    ports: [{ port: 5432 }]
  cache:
    kind: datastore
    image: redis:7.4
    placement: { role: data }
    ports: [{ port: 6379 }]
    flows: [{ to: api, port: 8080 }]
phases:
  one: {}
  again: {}
  healthy: { components: { cache: { health: { path: /ping, port: 6379 } } } }
  moved: { components: { cache: { placement: { role: app } } } }
  calls: { components: { worker: { flows: [{ to: cache, port: 6379 }] } } }
  cycle: { components: { db: { flows: [{ to: worker, port: 9000 }] } } }
  gone: { components: { web: null } }
  back: {}
`;

  it('gives each phase the files of that phase alone when overrides change what other containers wait for, join or publish', () => {
    const m = model(overrides);
    for (const target of PER_PHASE) {
      const whole = generate(m, { targets: [target] }).files;
      for (const phase of m.phases.map((p) => p.name)) {
        const alone = generate(m, { targets: [target], phase }).files;
        expect(underPhase(whole, phase), `${target.id} ${phase}`).toEqual(alone);
      }
    }
    const compose = generate(m, { targets: [emitter('compose')] }).files;
    expect(content(compose, 'healthy/compose.yaml')).toMatch(/ {4}depends_on:\n {6}cache:\n {8}condition: service_healthy\n/);
    expect(content(compose, 'one/compose.yaml')).toMatch(/ {4}depends_on:\n {6}cache:\n {8}condition: service_started\n/);
    expect(content(compose, 'back/compose.yaml')).toBe(content(compose, 'one/compose.yaml'));
  });

  it('works out the containers and host groups of each phase as that phase alone, sharing what the phase before runs alike', () => {
    const m = model(overrides);
    const context = (phases: EmitContext['phases']): EmitContext => ({ model: m, phases, plan: () => { throw new Error('no plan'); }, source: m.system.name });
    const built = containerPhases(context(m.phases), { notes: new NoteSink() });
    for (const [i, phase] of m.phases.entries()) {
      const whole = built[i];
      const [alone] = containerPhases(context([phase]), { notes: new NoteSink() });
      if (!whole || !alone) throw new Error(`no containers for ${phase.name}`);
      expect(whole.containers, phase.name).toEqual(alone.containers);
      expect(whole.networks, phase.name).toEqual(alone.networks);
      expect(whole.segmented, phase.name).toBe(alone.segmented);
      const wholeNotes = new NoteSink();
      const aloneNotes = new NoteSink();
      expect(hostGroups(whole, wholeNotes), phase.name).toEqual(hostGroups(alone, aloneNotes));
      expect(wholeNotes.notes, phase.name).toEqual(aloneNotes.notes);
    }
    // A phase that runs a container as the phase before does takes over the object, and its hosted forms.
    const [one, again, healthy, moved] = built;
    const byName = (phase: typeof one, name: string) => phase?.containers.find((c) => c.name === name);
    expect(byName(healthy, 'web')).toBe(byName(one, 'web'));
    expect(byName(moved, 'db')).toBe(byName(one, 'db'));
    expect(byName(healthy, 'api')).not.toBe(byName(one, 'api'));
    const hosted = (phase: typeof one) => (phase ? hostGroups(phase, new NoteSink()) : []).flatMap((g) => g.containers);
    const first = hosted(one);
    expect(first.length).toBe(5);
    hosted(again).forEach((h, i) => expect(h).toBe(first[i]));
    expect(hosted(healthy).find((h) => h.container.name === 'api')).not.toBe(first.find((h) => h.container.name === 'api'));
  });

  it('says each note once, as generating without any sharing would, whichever target comes first', () => {
    const m = model(spec);
    const all = generate(m, { targets: EMITTERS }).notes;
    const reversed = generate(m, { targets: [...EMITTERS].reverse() }).notes;
    const messages = (notes: typeof all) => notes.map((n) => `${n.message} [${[...n.targets].sort().join(',')}]`).sort();
    expect(messages(reversed)).toEqual(messages(all));
    expect(new Set(all.map((n) => n.message)).size).toBe(all.length);
    for (const target of EMITTERS) {
      const alone = generate(m, { targets: [target] }).notes.map((n) => n.message);
      // Order in `all` follows the first target that said a note; the set is each target's own.
      expect(all.filter((n) => n.targets.includes(target.id)).map((n) => n.message).sort(), target.id).toEqual([...alone].sort());
    }
  });
});
