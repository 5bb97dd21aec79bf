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

  it('shows validate on an example as the CLI prints it today', () => {
    expect(readme).toContain(`$ npx infraspec validate examples/senex-trader\n${runCli(['validate', 'examples/senex-trader']).stdout}`);
  });

  it('shows the plan of the main example as the CLI prints it today', () => {
    const shown = /\$ npx infraspec plan examples\/battlescope --phase current\n([\s\S]*?)```/.exec(readme)?.[1];
    const actual = runCli(['plan', 'examples/battlescope', '--phase', 'current']).stdout;
    // Paths in the README are relative to the repository, as a user at its root sees them.
    expect(shown).toBe(actual);
  });
});

describe('README lint tour', () => {
  const excerpt = (command: string) => {
    const start = readme.indexOf(`$ npx infraspec ${command}\n`);
    expect(start, command).toBeGreaterThan(-1);
    const body = readme.slice(start + `$ npx infraspec ${command}\n`.length);
    return body.slice(0, Math.min(...['\n$ ', '\n```'].map((end) => (body.indexOf(end) === -1 ? body.length : body.indexOf(end) + 1))));
  };
  const head = (text: string, lines: number) => `${text.split('\n').slice(0, lines).join('\n')}\n`;

  it('shows lint on an example as the CLI prints it today', () => {
    expect(excerpt('lint examples/bettafish --as-of 2026-11-23')).toBe(runCli(['lint', 'examples/bettafish', '--as-of', '2026-11-23']).stdout);
  });

  it('shows the start of `rules` and `explain` as the CLI prints them today', () => {
    expect(excerpt('rules | head -6')).toBe(head(runCli(['rules']).stdout, 6));
    expect(excerpt('explain backup-exceeds-target | head -12')).toBe(head(runCli(['explain', 'backup-exceeds-target']).stdout, 12));
  });

  it('counts the rules it says there are', () => {
    const count = JSON.parse(runCli(['rules', '--json']).stdout).length as number;
    expect(readme).toContain(`${count} rules, each general`);
  });
});

describe('README generate tour', () => {
  it('shows excerpts that are, line for line, in the golden files the tests keep', () => {
    const excerpts = [...readme.matchAll(/From `(test\/golden\/[^`]+)`:\n\n(`{3,4})\w+\n([\s\S]*?)\2\n/g)];
    expect(excerpts.length).toBeGreaterThanOrEqual(7);
    for (const [, path, , body] of excerpts) expect(readFileSync(join(ROOT, path!), 'utf8'), path).toContain(body);
  });

  it('counts the files generate writes for the example it shows', () => {
    const dir = tempSpec({});
    const run = runCli(['generate', 'examples/clean', '--target', 'all', '--out', join(dir, 'deploy')]);
    expect(readme).toContain(`$ npx infraspec generate examples/clean --target all --out deploy 2>/dev/null\n${run.stdout.replace(join(dir, 'deploy'), 'deploy')}`);
    const check = runCli(['generate', 'examples/clean', '--target', 'all', '--out', join(dir, 'deploy'), '--check']);
    expect(readme).toContain(`$ npx infraspec generate examples/clean --target all --out deploy --check 2>/dev/null\n${check.stdout.replace(join(dir, 'deploy'), 'deploy')}`);
  });
});

describe('README place, cost and preflight tour', () => {
  const shown = (command: string) => {
    const match = new RegExp(`\\$ npx infraspec ${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n([\\s\\S]*?)\`\`\``).exec(readme);
    expect(match, command).not.toBeNull();
    return match![1]!;
  };
  // The solver's own time is the one figure that differs between runs.
  const withoutTimes = (text: string) => text.replace(/; \d+ ms$/gm, '; … ms');

  it('shows place on an example as the CLI prints it today', () => {
    const run = runCli(['place', 'examples/battlescope', '--phase', 'current']);
    expect(withoutTimes(shown('place examples/battlescope --phase current'))).toBe(withoutTimes(run.stdout));
  });

  it('shows cost on an example as the CLI prints it today', () => {
    expect(shown('cost examples/senex-trader --phase separated')).toBe(runCli(['cost', 'examples/senex-trader', '--phase', 'separated']).stdout);
  });

  it('shows a preflight whose checks and verdicts are what this kind of machine gives', () => {
    const command = 'preflight examples/senex-trader --role app-server --offline --only cpu,memory,disk,os,kernel,cgroup,software,rootless.linger,reach';
    const text = shown(command);
    const run = runCli(command.split(' '));
    expect(run.status).toBe(1);
    // Measured figures (free space, memory) belong to the machine; the checks and how they are judged must match.
    const verdicts = (out: string) => [...out.matchAll(/^ {2}([✔!✘?-]) (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(verdicts(run.stdout)).toEqual(verdicts(text));
  });
});
