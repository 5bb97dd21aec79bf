import { describe, expect, it } from 'vitest';
import { EXAMPLES, runCli, tempSpec } from './helpers.js';

const MINIMAL = `infraspec: 1
system:
  name: shop
roles:
  node:
    count: 2
    recommended: {cpu: 4 cores, memory: 16GB}
components:
  postgres:
    kind: datastore
    resources:
      requests: {cpu: 500m, memory: 1Gi}
      limits: {cpu: "1", memory: 2Gi}
    volumes:
      - {name: data, size: 20Gi}
  api:
    kind: service
    replicas: {min: 2, max: 4}
    resources:
      requests: {cpu: 250m, memory: 256Mi}
    flows:
      - {to: postgres, port: 5432}
`;

describe('infraspec validate', () => {
  it.each(EXAMPLES)('accepts the %s example and exits 0', (name) => {
    const result = runCli(['validate', `examples/${name}`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/valid/);
  });

  it('accepts a minimal spec given by file path', () => {
    const dir = tempSpec({ 'infraspec.yaml': MINIMAL });
    const result = runCli(['validate', 'infraspec.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('infraspec.yaml: valid — 2 components, 1 role, 1 phase, 0 backups, 1 file\n');
  });

  it('reports a misspelled key at its line and column with a did-you-mean hint, and exits 2', () => {
    const dir = tempSpec({ 'infraspec.yaml': MINIMAL.replace('requests: {cpu: 250m, memory: 256Mi}', 'requests: {cpu: 250m, memroy: 256Mi}') });
    const result = runCli(['validate', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('infraspec.yaml:20:29: error[unknown-key]: unknown key `memroy` in `components.api.resources.requests`');
    expect(result.stderr).toContain('= hint: did you mean `memory`?');
    expect(result.stderr).toContain('20 |       requests: {cpu: 250m, memroy: 256Mi}');
    expect(result.stderr).toContain('   |                             ^^^^^^\n');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('points at the bad suffix of a malformed quantity and suggests the right one', () => {
    const dir = tempSpec({ 'infraspec.yaml': MINIMAL.replace('memory: 256Mi}', 'memory: 256Mq}') });
    const result = runCli(['validate', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/infraspec\.yaml:20:40: error\[bad-memory\]/);
    expect(result.stderr).toContain('did you mean `Mi`?');
  });

  it('rejects a malformed CPU value with its position', () => {
    const dir = tempSpec({ 'infraspec.yaml': MINIMAL.replace('cpu: 250m', 'cpu: 2 corez') });
    const result = runCli(['validate', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/infraspec\.yaml:20:25: error\[bad-cpu\]/);
    expect(result.stderr).toContain('did you mean `cores`?');
  });

  it('reports an unknown reference with the closest name', () => {
    const dir = tempSpec({ 'infraspec.yaml': MINIMAL.replace('to: postgres', 'to: postgress') });
    const result = runCli(['validate', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('error[unknown-reference]: unknown component `postgress`');
    expect(result.stderr).toContain('did you mean `postgres`?');
  });

  it('reports every problem in one run, not only the first', () => {
    const broken = MINIMAL.replace('memory: 256Mi}', 'memory: 256Mq}').replace('to: postgres', 'to: postgress').replace('count: 2', 'cuont: 2');
    const result = runCli(['validate', tempSpec({ 'infraspec.yaml': broken }), '--json']);
    expect(result.status).toBe(2);
    const json = JSON.parse(result.stdout) as { schemaVersion: string; valid: boolean; diagnostics: Array<{ code: string; at: { line: number; column: number } }>; summary: { errors: number } };
    expect(json.schemaVersion).toBe('1.0');
    expect(json.valid).toBe(false);
    expect(json.diagnostics.map((d) => [d.code, d.at.line])).toEqual([
      ['unknown-key', 6],
      ['bad-memory', 20],
      ['unknown-reference', 22],
    ]);
    expect(json.summary.errors).toBe(3);
  });

  it('answers a YAML syntax error with a position and exit 2', () => {
    const result = runCli(['validate', tempSpec({ 'infraspec.yaml': 'infraspec: 1\nsystem: {name: x\n' })]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/infraspec\.yaml:2:17: error\[yaml-syntax\]/);
    expect(result.stderr).toContain('= hint: the `{` on line 2 is never closed: add `}`');
  });

  it('refuses a file that is not UTF-8, pointing at the bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('infraspec: 1\nsystem:\n  name: caf'), 0xe9, ...new TextEncoder().encode('\n')]);
    const result = runCli(['validate', tempSpec({ 'infraspec.yaml': bytes })]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('infraspec.yaml:3:12: error[not-utf8]');
  });

  it('reports duplicate keys with the line of the first', () => {
    const result = runCli(['validate', tempSpec({ 'infraspec.yaml': `${MINIMAL}  api:\n    kind: worker\n` })]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('error[duplicate-key]: duplicate key `api`');
    expect(result.stderr).toContain('already set at line 16');
  });

  it('merges included files and reports a name defined twice', () => {
    const dir = tempSpec({
      'infraspec.yaml': 'infraspec: 1\nsystem: {name: split}\ninclude: [parts/db.yaml]\ncomponents:\n  api: {kind: service, flows: [{to: db}]}\n',
      'parts/db.yaml': 'components:\n  db: {kind: datastore, volumes: [{name: data, size: 10Gi}]}\n',
    });
    expect(runCli(['validate', dir]).stdout).toContain('2 components, 0 roles, 1 phase, 0 backups, 2 files');
    const dup = tempSpec({
      'infraspec.yaml': 'infraspec: 1\nsystem: {name: split}\ninclude: [db.yaml]\ncomponents:\n  db: {kind: service}\n',
      'db.yaml': 'components:\n  db: {kind: datastore}\n',
    });
    const result = runCli(['validate', dup]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/db\.yaml:2:3: error\[duplicate-name\]: `components\.db` is defined in two files/);
  });

  it('exits 2 with usage for a missing spec argument or an unknown command', () => {
    expect(runCli(['validate']).status).toBe(2);
    const unknown = runCli(['valdate', 'x']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('did you mean `validate`?');
    const missing = runCli(['validate', 'no/such/dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no spec at');
  });
});

describe('infraspec plan', () => {
  it('computes totals over replica ranges and per-role headroom', () => {
    const result = runCli(['plan', tempSpec({ 'infraspec.yaml': MINIMAL }), '--json']);
    expect(result.status).toBe(0);
    const plan = JSON.parse(result.stdout);
    const phase = plan.phases[0];
    expect(phase.name).toBe('default');
    // postgres 500m×1 + api 250m×2..4
    expect(phase.totals.cpuRequestsMillicores).toEqual({ min: 1000, max: 1500 });
    // 1Gi + 256Mi×2..4
    expect(phase.totals.memoryRequestsBytes).toEqual({ min: 1610612736, max: 2147483648 });
    // api has no limits: counted as 0, and listed
    expect(phase.totals.cpuLimitsMillicores).toEqual({ min: 1000, max: 1000 });
    expect(phase.totals.missingLimits).toEqual(['api']);
    expect(phase.totals.volumeBytes).toBe(21474836480);
    const node = phase.roles[0];
    expect(node.capacity.cpuMillicores).toEqual({ min: 8000, max: 8000 });
    expect(node.capacity.memoryBytes).toEqual({ min: 32000000000, max: 32000000000 });
    expect(node.headroom.cpuMillicores).toBe(6500);
    expect(node.headroom.memoryBytes).toBe(32000000000 - 2147483648);
  });

  it('exits 1 when a stated figure does not hold, and says which', () => {
    const spec = `${MINIMAL}stated:\n  - {figure: cpuRequests, value: ~2 cores, label: Total CPU}\n  - {figure: volumes, value: 20Gi}\n`;
    const result = runCli(['plan', tempSpec({ 'infraspec.yaml': spec }), '--json']);
    expect(result.status).toBe(1);
    const stated = JSON.parse(result.stdout).phases[0].stated;
    expect(stated.map((s: { what: string; ok: boolean; computedValue: number }) => [s.what, s.ok, s.computedValue])).toEqual([
      ['cpuRequests', false, 1000],
      ['volumes', true, 21474836480],
    ]);
    expect(stated[0].at.line).toBe(24);
  });

  it('rejects an unknown phase with the list of phases', () => {
    const result = runCli(['plan', 'examples/senex-trader', '--phase', 'mvpp']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('did you mean `mvp`?');
  });

  it('renders Markdown with --format md', () => {
    const result = runCli(['plan', tempSpec({ 'infraspec.yaml': MINIMAL }), '--format', 'md']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('# shop — plan');
    expect(result.stdout).toContain('| CPU | 1 – 1500m | 1 |');
  });
});

describe('infraspec schema', () => {
  it('prints a draft 2020-12 JSON Schema that rejects unknown keys', () => {
    const result = runCli(['schema']);
    expect(result.status).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['infraspec', 'system']);
  });
});

describe('problems in overlays', () => {
  it('reports a base component’s mistake once, even when phases override the component', () => {
    const spec = `infraspec: 1
system: {name: phased}
components:
  api:
    kind: service
    resources: {requests: {cpu: 100m, memory: 64Mq}}
phases:
  small: {components: {api: {replicas: 1}}}
  large: {components: {api: {replicas: 3}}}
`;
    const result = runCli(['validate', tempSpec({ 'infraspec.yaml': spec }), '--json']);
    expect(result.status).toBe(2);
    const codes = JSON.parse(result.stdout).diagnostics.map((d: { code: string; at: { line: number } }) => [d.code, d.at.line]);
    expect(codes).toEqual([['bad-memory', 6]]);
  });

  it('reports an unknown key and a bad unit in the same component together', () => {
    const spec = `infraspec: 1
system: {name: both}
components:
  db:
    kind: datastore
    resources:
      requests: {cpu: 500m, memroy: 1Gi}
      limits: {cpu: 1, memory: 2Gq}
`;
    const result = runCli(['validate', tempSpec({ 'infraspec.yaml': spec }), '--json']);
    const codes = JSON.parse(result.stdout).diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toEqual(['unknown-key', 'bad-memory']);
  });
});

describe('references across sections', () => {
  it('checks phases named by firewall rules, hosts of subnets, offers of roles and sources of security groups', () => {
    const spec = `infraspec: 1
system: {name: refs}
roles:
  web: {offer: cx41}
components:
  api: {kind: service}
phases:
  mvp: {}
network:
  firewall:
    - {port: 443, scope: external, phases: [mvpp]}
  subnets:
    app: {cidr: 10.0.1.0/24, hosts: [api, wbe]}
  securityGroups:
    db: {ingress: [{protocol: tcp, port: 5432, from: ap}]}
    app: {}
cost:
  offers:
    - {provider: hetzner, offer: CX41, price: €12/month}
`;
    const result = runCli(['validate', tempSpec({ 'infraspec.yaml': spec }), '--json']);
    expect(result.status).toBe(2);
    const found = JSON.parse(result.stdout).diagnostics.map((d: { message: string; hint?: string }) => [d.message, d.hint]);
    expect(found).toEqual([
      ['unknown offer `cx41` in role `web`', 'did you mean `CX41`?'],
      ['unknown phase `mvpp` in firewall rule 1', 'did you mean `mvp`?'],
      ['unknown role or component `wbe` in subnet `app`', 'did you mean `web`?'],
      ['unknown security group `ap` in `db`', 'did you mean `app`?'],
    ]);
  });
});
