import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toUnitFile, toYaml, toYamlStream } from '../../src/emit/serialize.js';
import { checkedInPathOrder, checkPaths, compareGenerated, MANIFEST, OutputError, writeGenerated } from '../../src/emit/write.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'infraspec-out-'));

describe('the serializer', () => {
  it('puts apiVersion, kind and metadata first, sorts the rest, quotes what YAML 1.1 would misread', () => {
    expect(toYaml({ spec: { replicas: 2 }, metadata: { name: 'api', labels: { b: '1', a: 'on' } }, kind: 'Deployment', apiVersion: 'apps/v1', zeta: '1.0' })).toBe(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels:\n    a: 'on'\n    b: '1'\nspec:\n  replicas: 2\nzeta: '1.0'\n",
    );
  });

  it('never folds long lines and joins documents with ---', () => {
    const long = 'x '.repeat(200).trim();
    expect(toYaml({ a: long })).toBe(`a: ${long}\n`);
    expect(toYamlStream([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
  });

  it('writes unit files section by section, leaving out empty sections', () => {
    expect(toUnitFile([{ name: 'Unit', entries: [['Description', 'api']] }, { name: 'Install', entries: [] }, { name: 'Service', entries: [['Restart', 'always']] }])).toBe('[Unit]\nDescription=api\n\n[Service]\nRestart=always\n');
  });
});

describe('writing generated files', () => {
  it('writes the files and a manifest, replacing what an earlier run wrote, as a whole', () => {
    const out = join(fresh(), 'out');
    writeGenerated(out, [{ path: 'a/one.yaml', content: 'one\n' }, { path: 'two.sh', content: '#!/bin/sh\n', mode: 0o755 }]);
    expect(readFileSync(join(out, 'a/one.yaml'), 'utf8')).toBe('one\n');
    expect(statSync(join(out, 'two.sh')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(out, MANIFEST), 'utf8')).toContain('  a/one.yaml');
    writeGenerated(out, [{ path: 'three.yaml', content: 'three\n' }]);
    expect(readdirSync(out).sort()).toEqual([MANIFEST, 'three.yaml']);
    // Nothing is left beside the output.
    expect(readdirSync(join(out, '..'))).toEqual(['out']);
  });

  it('refuses a directory that holds files it did not write, and changes nothing there', () => {
    const out = fresh();
    writeFileSync(join(out, 'mine.txt'), 'keep me');
    expect(() => writeGenerated(out, [{ path: 'a.yaml', content: 'a\n' }])).toThrow(OutputError);
    expect(readdirSync(out)).toEqual(['mine.txt']);
  });

  it('leaves the old output in place when writing fails half-way', () => {
    const out = join(fresh(), 'out');
    writeGenerated(out, [{ path: 'a.yaml', content: 'old\n' }]);
    // A file and a directory of the same name cannot both be written: the second write fails.
    expect(() => writeGenerated(out, [{ path: 'b', content: 'x' }, { path: 'b/c.yaml', content: 'y' }])).toThrow();
    expect(readFileSync(join(out, 'a.yaml'), 'utf8')).toBe('old\n');
    expect(readdirSync(join(out, '..'))).toEqual(['out']);
  });

  it('rejects paths that would leave the output directory', () => {
    for (const path of ['../x', '/etc/passwd', 'a/../../b', '', 'a//b', 'a\\b']) expect(() => checkPaths([{ path, content: '' }]), path).toThrow();
    expect(() => checkPaths([{ path: 'a', content: '' }, { path: 'a', content: '' }])).toThrow(/twice/);
  });

  it('puts files in path order, code unit by code unit, after the same checks', () => {
    const paths = ['b/x.yaml', 'a/b.yaml', 'a-b/c.yaml', 'B/z.yaml', 'a/B.yaml', 'ä/x.yaml', 'a/b.yaml.d/x'];
    const sorted = checkedInPathOrder(paths.map((path) => ({ path, content: path })));
    expect(sorted.map((f) => f.path)).toEqual(['B/z.yaml', 'a-b/c.yaml', 'a/B.yaml', 'a/b.yaml', 'a/b.yaml.d/x', 'b/x.yaml', 'ä/x.yaml']);
    expect(sorted.every((f) => f.content === f.path)).toBe(true);
    expect(() => checkedInPathOrder([{ path: 'a', content: '' }, { path: 'a', content: '' }])).toThrow(/twice/);
    expect(() => checkedInPathOrder([{ path: '../a', content: '' }])).toThrow(/bad path/);
    // The first fault in the files' order is the one reported, as `checkPaths` reports it.
    expect(() => checkedInPathOrder([{ path: 'z', content: '' }, { path: 'z', content: '' }, { path: 'a//b', content: '' }])).toThrow(/"z" twice/);
    expect(() => checkedInPathOrder([{ path: 'a//b', content: '' }, { path: 'z', content: '' }, { path: 'z', content: '' }])).toThrow(/bad path/);
    expect(() => checkedInPathOrder([{ path: 'b', content: '' }, { path: 'a', content: '' }, { path: 'b', content: '' }, { path: 'a', content: '' }])).toThrow(/"b" twice/);
    expect(() => checkedInPathOrder([{ path: MANIFEST, content: '' }])).toThrow(/twice/);
  });
});

describe('comparing generated files with a directory (--check)', () => {
  it('lists added, changed and removed files with line counts, and nothing when up to date', () => {
    const out = join(fresh(), 'out');
    const files = [{ path: 'keep.yaml', content: 'a\nb\nc\n' }, { path: 'change.yaml', content: 'one\ntwo\n' }, { path: 'gone.yaml', content: 'x\n' }];
    writeGenerated(out, files);
    expect(compareGenerated(out, files)).toEqual([]);
    const next = [{ path: 'keep.yaml', content: 'a\nb\nc\n' }, { path: 'change.yaml', content: 'one\n2\nthree\n' }, { path: 'new/added.yaml', content: 'n\n' }];
    expect(compareGenerated(out, next)).toEqual([
      { path: 'change.yaml', change: 'change', added: 2, removed: 1 },
      { path: 'new/added.yaml', change: 'add', added: 1, removed: 0 },
      { path: 'gone.yaml', change: 'remove', added: 0, removed: 1 },
    ]);
    expect(existsSync(join(out, 'new'))).toBe(false);
  });

  it('treats a missing directory as everything to add', () => {
    expect(compareGenerated(join(fresh(), 'none'), [{ path: 'a.yaml', content: 'a\n' }])).toEqual([{ path: 'a.yaml', change: 'add', added: 1, removed: 0 }]);
  });
});
