import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

describe('infraspec preflight', () => {
  it('checks senex-trader on this machine: ≥15 results with cpu, memory, disk, OS and podman, honest exit code', () => {
    const home = mkdtempSync(join(tmpdir(), 'infraspec-home-'));
    const run = runCli(['preflight', 'examples/senex-trader', '--json', '--offline'], { env: { HOME: home } });
    expect([0, 1]).toContain(run.status);
    const report = JSON.parse(run.stdout);
    expect(report.schemaVersion).toBe('1.0');
    expect(report.results.length).toBeGreaterThanOrEqual(15);
    const ids: string[] = report.results.map((r: { check: string }) => r.check);
    for (const family of ['cpu.cores', 'memory.total', 'disk.', 'os.distribution', 'software.podman']) expect(ids.some((id) => id.startsWith(family))).toBe(true);
    expect(report.host).toMatchObject({ arch: expect.any(String), kernel: expect.any(String), cores: expect.any(Number) });
    // Debian 12's podman 4.3.1 is below the 4.4 the page requires: an honest run fails and says so.
    const podman = report.results.find((r: { check: string }) => r.check === 'software.podman');
    expect(podman).toMatchObject({ status: 'fail', measured: '4.3.1', at: { file: expect.stringContaining('senex-trader/infraspec.yaml'), line: expect.any(Number) } });
    expect(run.status).toBe(1);
    expect(readdirSync(home)).toEqual([]);
  });

  it('exits 2 on an unknown role, listing the roles with a suggestion', () => {
    const run = runCli(['preflight', 'examples/senex-trader', '--role', 'app-sever']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown role `app-sever`');
    expect(run.stderr).toContain('did you mean `app-server`?');
    expect(run.stderr).toContain('Usage: infraspec preflight');
  });

  it('exits 2 on an --only pattern that matches no check', () => {
    const run = runCli(['preflight', 'examples/senex-trader', '--role', 'app-server', '--only', 'sofware']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('did you mean `software`?');
  });

  it('exits 0 when nothing reaches --fail-on, and 1 with --fail-on warn when something warns', () => {
    const args = ['preflight', 'examples/senex-trader', '--role', 'app-server', '--offline', '--only', 'os'];
    // This machine runs Debian 12: supported by the page, not among its recommended systems.
    expect(runCli(args).status).toBe(0);
    expect(runCli([...args, '--fail-on', 'warn']).status).toBe(1);
  });

  it('writes JUnit with one testsuite per role, failures, skips, as fast-xml-parser reads it', () => {
    const run = runCli(['preflight', 'examples/senex-trader', '--phase', 'separated', '--offline', '--format', 'junit']);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run.stdout);
    const suites = [parsed.testsuites.testsuite].flat();
    expect(suites.map((s: { name: string }) => s.name).slice(0, 3)).toEqual(['app-server', 'db-server', 'redis-server']);
    const app = suites[0];
    const podman = [app.testcase].flat().find((c: { name: string }) => c.name === 'software.podman');
    expect(podman.failure.message).toContain('4.3.1');
    expect(Number(app.failures)).toBeGreaterThan(0);
    expect(Number(parsed.testsuites.tests)).toBe(suites.reduce((n: number, s: { tests: string }) => n + Number(s.tests), 0));
  });

  it('prints a pretty report grouped by role with marks, positions and a summary of what the host can serve', () => {
    const run = runCli(['preflight', 'examples/senex-trader', '--role', 'app-server', '--offline', '--only', 'cpu,memory,software.podman']);
    expect(run.stdout).toContain('role app-server');
    expect(run.stdout).toMatch(/✘ software\.podman\s+4\.3\.1\s+minimum 4\.4 or later, recommended 5\.0 or later\n {6}podman 4\.3\.1 is below the required 4\.4 or later {2}examples\/senex-trader\/infraspec\.yaml:184:31\n/);
    // A pass is one line: no message, no position.
    expect(run.stdout).toMatch(/✔ cpu\.cores\s+2 cores\s+recommended 2 cores\n {2}✔ memory\.total/);
    // Narrow enough for a terminal.
    for (const line of run.stdout.split('\n')) if (!line.startsWith('      ')) expect(line.length).toBeLessThanOrEqual(100);
    expect(run.stdout).toContain('this host cannot serve app-server (1 fail)');
  });

  it('writes Markdown tables', () => {
    const run = runCli(['preflight', 'examples/senex-trader', '--role', 'app-server', '--offline', '--only', 'cpu', '--format', 'md']);
    expect(run.stdout).toContain('## Role app-server');
    expect(run.stdout).toContain('| ✔ pass | `cpu.cores` |');
  });

  it('rejects a bad --timeout with exit 2', () => {
    const run = runCli(['preflight', 'examples/senex-trader', '--timeout', 'soon']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--timeout');
  });
});
