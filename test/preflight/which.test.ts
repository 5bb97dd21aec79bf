import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunContext } from '../../src/preflight/context.js';
import { programFound } from '../../src/preflight/host/which.js';

// A program that is on no PATH entry is reported not found without a process started for it; the
// lookup must find what the child's own search (execvp, from the env given to it) would find.
const root = mkdtempSync(join(tmpdir(), 'infraspec-which-'));
const bin = join(root, 'bin');
const other = join(root, 'other');
mkdirSync(bin);
mkdirSync(other);
const tool = (dir: string, name: string, mode: number, text = '#!/bin/sh\necho "tool 1.2.3"\n') => {
  writeFileSync(join(dir, name), text);
  chmodSync(join(dir, name), mode);
};
tool(bin, 'runs', 0o755);
tool(bin, 'plain', 0o644);
tool(other, 'plain', 0o755, '#!/bin/sh\necho "plain 2.0"\n');
mkdirSync(join(bin, 'folder'));
symlinkSync(join(root, 'nowhere'), join(bin, 'dangling'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('programFound', () => {
  it('finds an executable file on any PATH entry, and nothing else', () => {
    expect(programFound('runs', bin)).toBe(true);
    expect(programFound('runs', `${other}:${bin}`)).toBe(true);
    expect(programFound('absent', `${bin}:${other}`)).toBe(false);
    // Not executable here, but executable further on: execvp goes on too.
    expect(programFound('plain', bin)).toBe(false);
    expect(programFound('plain', `${bin}:${other}`)).toBe(true);
    // A directory or a link to nothing is not a program.
    expect(programFound('folder', bin)).toBe(false);
    expect(programFound('dangling', bin)).toBe(false);
  });

  it('reads an empty entry as the working directory and a missing PATH as /usr/bin:/bin', () => {
    const cwd = process.cwd();
    try {
      process.chdir(bin);
      expect(programFound('runs', `${other}:`)).toBe(true);
      expect(programFound('runs', other)).toBe(false);
    } finally {
      process.chdir(cwd);
    }
    expect(programFound('sh', undefined)).toBe(true);
    expect(programFound('runs', undefined)).toBe(false);
  });

  it('leaves a name with a slash to the child', () => {
    expect(programFound('./runs', other)).toBe(true);
    expect(programFound('/no/such/program', other)).toBe(true);
  });
});

describe('exec through the run context', () => {
  it('says not-found for a program on no PATH entry, and runs one that is', async () => {
    const ctx = createRunContext({ env: { PATH: `${bin}:${other}` }, timeoutMs: 5000 });
    expect(await ctx.exec('absent', ['--version'])).toEqual({ code: null, stdout: '', stderr: '', error: 'not-found' });
    expect(await ctx.exec('runs', ['--version'])).toEqual({ code: 0, stdout: 'tool 1.2.3\n', stderr: '' });
    expect(await ctx.exec('plain', ['--version'])).toEqual({ code: 0, stdout: 'plain 2.0\n', stderr: '' });
  });
});
