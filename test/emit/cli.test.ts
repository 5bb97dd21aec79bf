import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMITTERS } from '../../src/emit/registry.js';
import { MANIFEST } from '../../src/emit/write.js';
import { ROOT, runCli, tempSpec } from '../helpers.js';

describe('infraspec generate', () => {
  it('writes one target into --out, and every target under a folder each with --target all', () => {
    const dir = tempSpec({});
    const one = runCli(['generate', 'examples/clean', '--target', 'kubernetes', '--out', join(dir, 'k8s')], { cwd: ROOT });
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^wrote \d+ files to .*k8s\n$/);
    expect(readdirSync(join(dir, 'k8s')).sort()).toEqual([MANIFEST, 'production']);
    const all = runCli(['generate', 'examples/clean', '--target', 'all', '--out', join(dir, 'all')], { cwd: ROOT });
    expect(all.status, all.stderr).toBe(0);
    expect(readdirSync(join(dir, 'all')).filter((f) => f !== MANIFEST).sort()).toEqual(EMITTERS.map((e) => e.id).sort());
    // The files are the golden ones: what the tests review is what users get.
    expect(readFileSync(join(dir, 'all', 'docs', 'requirements.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'test/golden/clean/docs/requirements.md'), 'utf8'));
  });

  it('--check exits 0 when the directory is up to date and 1 with a summary when it drifted', () => {
    const dir = tempSpec({});
    const out = join(dir, 'deploy');
    expect(runCli(['generate', 'examples/clean', '--target', 'compose', '--out', out], { cwd: ROOT }).status).toBe(0);
    const clean = runCli(['generate', 'examples/clean', '--target', 'compose', '--out', out, '--check'], { cwd: ROOT });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('up to date (1 file)');
    const compose = join(out, 'production', 'compose.yaml');
    writeFileSync(compose, readFileSync(compose, 'utf8').replace('registry.example.com/shop/web:2.4.1', 'registry.example.com/shop/web:2.4.0'));
    writeFileSync(join(out, 'stray.yaml'), 'x: 1\n');
    const drift = runCli(['generate', 'examples/clean', '--target', 'compose', '--out', out, '--check'], { cwd: ROOT });
    expect(drift.status).toBe(1);
    expect(drift.stdout).toContain('2 files differ from what the spec generates');
    expect(drift.stdout).toContain('  M production/compose.yaml  (+1 −1)');
    expect(drift.stdout).toContain('  D stray.yaml  (+0 −1)');
    const json = JSON.parse(runCli(['generate', 'examples/clean', '--target', 'compose', '--out', out, '--check', '--json'], { cwd: ROOT }).stdout) as { schemaVersion: string; upToDate: boolean; changes: unknown[] };
    expect(json).toMatchObject({ schemaVersion: '1.0', upToDate: false, changes: [{ path: 'production/compose.yaml', change: 'change', added: 1, removed: 1 }, { path: 'stray.yaml', change: 'remove' }] });
  });

  it('refuses to replace a directory it did not write, and leaves it alone', () => {
    const dir = tempSpec({ 'notes.txt': 'mine' });
    const run = runCli(['generate', 'examples/clean', '--target', 'docs', '--out', dir], { cwd: ROOT });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('holds files infraspec did not write (notes.txt)');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('rejects a missing or unknown target, a missing --out and an unknown phase as usage errors', () => {
    expect(runCli(['generate', 'examples/clean', '--out', '/tmp/x']).stderr).toContain('missing --target');
    const unknown = runCli(['generate', 'examples/clean', '--target', 'kubernets', '--out', '/tmp/x']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown target `kubernets`; did you mean `kubernetes`?');
    expect(runCli(['generate', 'examples/clean', '--target', 'docs']).stderr).toContain('missing --out DIR');
    const phase = runCli(['generate', 'examples/clean', '--target', 'docs', '--out', '/tmp/x', '--phase', 'prod']);
    expect(phase.status).toBe(2);
    expect(phase.stderr).toContain('unknown phase `prod`');
  });

  it('exits 2 on an invalid spec without writing anything', () => {
    const dir = tempSpec({ 'infraspec.yaml': 'infraspec: 1\nsystem: { name: x }\ncomponents:\n  a: { kind: servise }\n' });
    const run = runCli(['generate', dir, '--target', 'docs', '--out', join(dir, 'out')]);
    expect(run.status).toBe(2);
    expect(readdirSync(dir)).toEqual(['infraspec.yaml']);
  });
});
