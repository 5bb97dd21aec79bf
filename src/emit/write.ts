import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { diffLines } from 'diff';
import type { GeneratedFile } from './types.js';

/**
 * Writing generated files: all or nothing. Everything is written into a
 * temporary directory beside the output, which then replaces it with renames;
 * an error on the way leaves the old output as it was. The output directory is
 * infraspec's: a manifest (`.infraspec-generated`) lists what it wrote, and a
 * directory that holds other files is refused rather than replaced.
 */

export const MANIFEST = '.infraspec-generated';

export class OutputError extends Error {}

export interface FileChange {
  path: string;
  change: 'add' | 'change' | 'remove';
  added: number;
  removed: number;
}

// An empty, `.` or `..` segment anywhere (this also catches `''`, a leading `/` and `a//b`), or a backslash.
// One test per file rather than splitting every path: `generate --target all` checks 210,000 of them at 10k components.
const BAD_PATH = /\\|(?:^|\/)\.{0,2}(?:\/|$)/;

/**
 * Reject paths that would leave the output directory or are not plain relative paths; the files by path.
 * One lookup per file: a path met before leaves the map's size as it was (`has` and then `set`
 * would hash and probe twice, 210,000 times at 10k components).
 */
export function checkPaths(files: readonly GeneratedFile[]): Map<string, GeneratedFile> {
  const byPath = new Map<string, GeneratedFile>();
  for (const f of files) {
    const path = f.path;
    if (BAD_PATH.test(path)) {
      throw new Error(`emitter produced a bad path: ${JSON.stringify(path)}`);
    }
    const size = byPath.size;
    byPath.set(path, f);
    if (byPath.size === size || path === MANIFEST) throw new Error(`emitter produced ${JSON.stringify(path)} twice`);
  }
  return byPath;
}

/**
 * The files in path order, their paths checked as `checkPaths` does. The files are sorted by path
 * as plain strings (code unit by code unit, as `<` compares them); paths are unique when no two
 * neighbours in that order are equal. Sorting the files themselves, with a comparison of their
 * paths, takes about half the time of sorting the paths alone and finding each file again in a map
 * by path (the Kubernetes, Quadlet and systemd files of the 10k-component benchmark, 210,000: 130–200
 * ms against 240–340 ms; the map's inserts and lookups cost more than the comparisons they save).
 * Any fault is reported as `checkPaths` reports it: the first in the files' order.
 */
export function checkedInPathOrder(files: readonly GeneratedFile[]): GeneratedFile[] {
  let faulty = false;
  for (const f of files) {
    if (BAD_PATH.test(f.path) || f.path === MANIFEST) {
      faulty = true;
      break;
    }
  }
  const sorted = faulty ? [] : files.slice().sort(byPath);
  for (let i = 1; !faulty && i < sorted.length; i++) if ((sorted[i] as GeneratedFile).path === (sorted[i - 1] as GeneratedFile).path) faulty = true;
  if (faulty) {
    checkPaths(files);
    throw new Error('emitter produced a bad or repeated path');
  }
  return sorted;
}

function byPath(a: GeneratedFile, b: GeneratedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function manifestText(files: readonly GeneratedFile[]): string {
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => `${createHash('sha256').update(f.content).digest('hex')}  ${f.path}`);
  return `# Files written by infraspec generate; the directory is replaced as a whole on the next run.\n${lines.join('\n')}\n`;
}

/** Every file under a directory, relative, POSIX separators, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Write the files as the whole content of `outDir`, atomically. */
export function writeGenerated(outDir: string, files: readonly GeneratedFile[]): void {
  checkPaths(files);
  const target = resolve(outDir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new OutputError(`${outDir} exists and is not a directory`);
    // With its manifest, the directory is infraspec's: no need to walk its files (210,000 at 10k components, over a second).
    const present = existsSync(join(target, MANIFEST)) ? [MANIFEST] : listFiles(target);
    if (present.length > 0 && !present.includes(MANIFEST)) {
      throw new OutputError(`${outDir} holds files infraspec did not write (${present.slice(0, 3).join(', ')}${present.length > 3 ? '…' : ''}); give an empty or new directory, or one an earlier \`infraspec generate\` wrote`);
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.infraspec-`));
  try {
    // Each folder is made once: `--target all` at 10k components writes 210,000 files into a few hundred folders.
    const made = new Set<string>();
    for (const f of files) {
      const path = join(staging, ...f.path.split('/'));
      const folder = dirname(path);
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(path, f.content, { mode: f.mode ?? 0o644 });
    }
    writeFileSync(join(staging, MANIFEST), manifestText(files));
    if (existsSync(target)) {
      const old = `${staging}.old`;
      renameSync(target, old);
      renameSync(staging, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(staging, target);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** What writing the files would change in `outDir` (nothing is written). */
export function compareGenerated(outDir: string, files: readonly GeneratedFile[]): FileChange[] {
  checkPaths(files);
  const target = resolve(outDir);
  const present = new Set(listFiles(target).filter((p) => p !== MANIFEST));
  const changes: FileChange[] = [];
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (!present.has(f.path)) {
      changes.push({ path: f.path, change: 'add', added: lineCount(f.content), removed: 0 });
      continue;
    }
    present.delete(f.path);
    const old = readFileSync(join(target, ...f.path.split('/')), 'utf8');
    if (old === f.content) continue;
    let added = 0;
    let removed = 0;
    for (const part of diffLines(old, f.content)) {
      if (part.added) added += part.count ?? 0;
      else if (part.removed) removed += part.count ?? 0;
    }
    changes.push({ path: f.path, change: 'change', added, removed });
  }
  for (const path of [...present].sort()) changes.push({ path, change: 'remove', added: 0, removed: lineCount(readFileSync(join(target, ...path.split('/')), 'utf8')) });
  return changes;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
