import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempSpec } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('gives the two commands: one that installs and plans the bundled example, one that runs every test', () => {
    expect(readme).toContain('npm ci && npx infraspec plan examples/battlescope');
    expect(readme).toContain('npm test ');
  });

  it('has a spec example that is valid and plans as the text says', () => {
    const spec = /## The spec\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(spec).toBeDefined();
    const dir = tempSpec({ 'infraspec.yaml': spec! });
    expect(runCli(['validate', dir]).status).toBe(0);
    const result = runCli(['plan', dir, '--json']);
    expect(result.status).toBe(1);
    const stated = JSON.parse(result.stdout).phases[0].stated;
    expect(stated.map((s: { what: string; ok: boolean; computedValue: number }) => [s.what, s.ok, s.computedValue])).toEqual([
      ['cpuRequests', false, 1000],
      ['backupStorage', true, 60_000_000_000],
    ]);
  });

  it('shows the plan of the main example as the CLI prints it today', () => {
    const shown = /\$ npx infraspec plan examples\/battlescope --phase current\n([\s\S]*?)```/.exec(readme)?.[1];
    const actual = runCli(['plan', 'examples/battlescope', '--phase', 'current']).stdout;
    // Paths in the README are relative to the repository, as a user at its root sees them.
    expect(shown).toBe(actual);
  });
});
