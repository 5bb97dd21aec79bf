import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failsAt, matchesPattern, preflight, selectRoles } from '../../src/preflight/run.js';
import { HOST_CHECKS } from '../../src/preflight/checks/index.js';
import type { CheckModule } from '../../src/preflight/types.js';
import { redactSecrets } from '../../src/spec/secrets.js';
import { loadSpec } from '../../src/spec/files.js';
import { fakeBin, roleSpec, runHost } from './support.js';
import { ROOT } from '../helpers.js';

const senex = () => {
  const model = loadSpec(join(ROOT, 'examples', 'senex-trader')).model;
  if (!model) throw new Error('senex-trader does not compile');
  return model;
};

describe('the preflight runner', () => {
  it('lists results in role order, then plan order, the same on every run', async () => {
    const model = senex();
    const first = await preflight(model, { phase: 'separated', modules: HOST_CHECKS, context: { offline: true } });
    const second = await preflight(model, { phase: 'separated', modules: HOST_CHECKS, context: { offline: true } });
    expect(first.roles).toEqual(['app-server', 'db-server', 'redis-server']);
    expect(first.results.map((r) => `${r.role} ${r.check}`)).toEqual(second.results.map((r) => `${r.role} ${r.check}`));
    const roleOrder = first.results.map((r) => first.roles.indexOf(r.role ?? ''));
    expect(roleOrder).toEqual([...roleOrder].sort((a, b) => a - b));
    expect(first.summary.roles.map((r) => r.role)).toEqual(first.roles);
  });

  it('says per role whether the host can serve it: no fail and no error', async () => {
    const report = await runHost(roleSpec('minimum: { cpu: 100000 cores }'), { only: ['cpu'] });
    expect(report.summary.roles).toEqual([{ role: 'host', phase: expect.any(String), canServe: false, counts: { pass: 0, warn: 0, fail: 1, skip: 0, error: 0 } }]);
    expect(report.summary.worst).toBe('fail');
    expect(failsAt(report, 'fail')).toBe(true);
  });

  it('without --role and --phase checks every role of every phase, each as the first phase that has it defines it', async () => {
    const report = await preflight(senex(), { only: ['cpu.cores'], modules: HOST_CHECKS, context: { offline: true } });
    expect(report.phase).toBeNull();
    expect(report.summary.roles.map((r) => `${r.role}@${r.phase}`)).toEqual([
      'server@mvp', 'app-server@separated', 'db-server@separated', 'redis-server@separated', 'lb@ha', 'celery-server@ha', 'monitoring-server@ha',
    ]);
    // The mvp server asks for 4 cores, the separated app server for 2: each role is judged by its own phase.
    const cores = new Map(report.results.map((r) => [r.role, r.recommended]));
    expect(cores.get('server')).toBe('4 cores');
    expect(cores.get('app-server')).toBe('2 cores');
    const one = await preflight(senex(), { role: 'db-server', only: ['cpu.cores'], modules: HOST_CHECKS, context: { offline: true } });
    expect(one.phase).toBe('separated');
  });

  it('takes ids and family prefixes in --only and --skip', async () => {
    expect(matchesPattern('software.podman', 'software')).toBe(true);
    expect(matchesPattern('disk.size:/var', 'disk.size')).toBe(true);
    expect(matchesPattern('disk.size:/var', 'disk')).toBe(true);
    expect(matchesPattern('software.podman', 'software.pod')).toBe(false);
    const model = senex();
    const only = await preflight(model, { role: 'app-server', only: ['disk', 'software.podman'], modules: HOST_CHECKS, context: { offline: true } });
    expect(only.results.map((r) => r.check)).toEqual(['disk.total', 'disk.free:/', 'software.podman']);
    const skipped = await preflight(model, { role: 'app-server', skip: ['package', 'directory'], modules: HOST_CHECKS, context: { offline: true } });
    expect(skipped.results.some((r) => r.check.startsWith('package.') || r.check.startsWith('directory:'))).toBe(false);
  });

  it('answers an unknown role with the roles there are and a suggestion', () => {
    const selection = selectRoles(senex(), { role: 'app-sever' });
    expect(selection).toMatchObject({ ok: false, hint: 'did you mean `app-server`?' });
    expect(selection.ok ? '' : selection.message).toContain('server');
    const abstract = selectRoles(senex(), { role: 'host' });
    expect(abstract.ok ? '' : abstract.hint).toContain('abstract');
  });

  it('stops checks at the run bound and reports them as errors', async () => {
    const slow = fakeBin({ podman: 'sleep 5' });
    const started = Date.now();
    const report = await runHost(roleSpec('minimum:\n  software: { podman: 4.4+ }'), { path: `${slow}:/bin`, only: ['software'], timeoutMs: 4000, boundMs: 300 });
    expect(report.results[0]).toMatchObject({ check: 'software.podman', status: 'error' });
    expect(report.results[0]?.message).toContain('bound');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('turns a check that throws into an error result, not a crash', async () => {
    const throwing: CheckModule = {
      id: 'boom',
      description: 'throws',
      scope: 'role',
      plan: ({ role }) => [{ check: 'boom.now', role: role?.name ?? null, component: null, minimum: null, recommended: null, at: null, run: () => Promise.reject(new Error('kaput')) }],
    };
    const report = await preflight(roleSpec('description: x'), { modules: [throwing], context: { offline: true } });
    expect(report.results[0]).toMatchObject({ status: 'error', message: 'the check failed: kaput' });
  });

  it('redacts passwords and tokens in every message, and secret values from the environment', async () => {
    expect(redactSecrets('cannot connect to postgres://app:s3cret@db:5432/app')).toBe('cannot connect to postgres://app:***@db:5432/app');
    expect(redactSecrets('GET /api?token=abc123&x=1 failed')).toBe('GET /api?token=***&x=1 failed');
    // A `${VAR}` reference names the variable to set; it is not the secret and stays readable.
    expect(redactSecrets('set `REDIS_PASSWORD`: redis://:${REDIS_PASSWORD}@127.0.0.1:6379 and token=${API_TOKEN}')).toBe('set `REDIS_PASSWORD`: redis://:${REDIS_PASSWORD}@127.0.0.1:6379 and token=${API_TOKEN}');
    const leaky: CheckModule = {
      id: 'leak',
      description: 'echoes a secret',
      scope: 'role',
      plan: ({ role }) => [{ check: 'leak.it', role: role?.name ?? null, component: null, minimum: null, recommended: null, at: null, run: async () => ({ status: 'fail', measured: 'hunter22', message: 'redis://:hunter22@127.0.0.1:6379 said NOAUTH, password hunter22; the driver echoed p%40ss and p@ss' }) }],
    };
    const report = await preflight(roleSpec('description: x'), { modules: [leaky], context: { offline: true, env: { REDIS_PASSWORD: 'hunter22', PG_PASSWORD: 'p@ss' } } });
    const text = JSON.stringify(report.results);
    expect(text).not.toContain('hunter22');
    // The same redactor as the probes': a secret is masked percent-encoded too.
    expect(text).not.toContain('p@ss');
    expect(text).not.toContain('p%40ss');
  });

  it('writes nothing: a full role preflight leaves an empty HOME and working directory empty', async () => {
    const home = mkdtempSync(join(tmpdir(), 'infraspec-home-'));
    const model = senex();
    await preflight(model, { role: 'app-server', modules: HOST_CHECKS, context: { offline: true, env: { ...process.env, HOME: home, XDG_RUNTIME_DIR: home } } });
    expect(readdirSync(home)).toEqual([]);
  });
});
