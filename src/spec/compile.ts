import type { Diagnostic } from '../diagnostics.js';
import { hasErrors } from '../diagnostics.js';
import type { Model } from './model.js';
import { normalize } from './normalize.js';
import { IncludedSchema, SpecSchema, type SpecInput } from './schema.js';
import { validateShape } from './shape.js';
import { SourceFile, type SourceSpan } from './source.js';
import { loadYaml, PositionIndex } from './yaml.js';

/**
 * The pure core of loading a spec: text in, Model and diagnostics out. File
 * reading (and so `include:`) is the caller's: it passes a `read` function.
 */

export interface CompileResult {
  model: Model | null;
  diagnostics: Diagnostic[];
  files: SourceFile[];
}

export type ReadSource = (path: string) => { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Join a path relative to the including file's directory (POSIX separators, as spec files use). */
export type ResolvePath = (fromFile: string, relative: string) => string;

const SECTION_KINDS: Record<string, 'map' | 'list' | 'object'> = {
  components: 'map',
  roles: 'map',
  phases: 'map',
  usage: 'map',
  backups: 'map',
  buckets: 'map',
  network: 'object',
  cost: 'object',
  objectives: 'object',
  alerts: 'list',
  kubernetes: 'object',
  checklist: 'list',
  stated: 'list',
  notes: 'list',
  observability: 'object',
  iam: 'object',
  encryption: 'map',
  storage: 'object',
};

/** Decode UTF-8 strictly; a bad byte is a positioned error, not mojibake. */
export function decodeUtf8(path: string, bytes: Uint8Array): { file: SourceFile; diagnostic?: Diagnostic } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
    return { file: new SourceFile(path, text) };
  } catch {
    const bad = firstInvalidUtf8(bytes, start);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(start, bad));
    const file = new SourceFile(path, prefix + new TextDecoder('utf-8').decode(bytes.subarray(bad)));
    const byte = bytes[bad] ?? 0;
    return {
      file,
      diagnostic: {
        code: 'not-utf8',
        severity: 'error',
        message: `the file is not valid UTF-8: byte 0x${byte.toString(16).padStart(2, '0')} cannot start or continue a character here`,
        at: { file, start: prefix.length, end: prefix.length + 1 },
        expected: 'UTF-8 text',
        hint: 'save the file as UTF-8 (for example with `iconv -f latin1 -t utf-8`)',
      },
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlongs and surrogates are invalid too.
    if (need === 2) {
      const c = bytes[i + 1]!;
      if ((b === 0xe0 && c < 0xa0) || (b === 0xed && c >= 0xa0)) return i;
    }
    if (need === 3) {
      const c = bytes[i + 1]!;
      if ((b === 0xf0 && c < 0x90) || (b === 0xf4 && c >= 0x90)) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

export function compileSpec(entryPath: string, read: ReadSource, resolvePath: ResolvePath): CompileResult {
  const index = new PositionIndex();
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  const merged: Record<string, unknown> = {};
  const origin = new Map<string, { container: object }>();
  let mainRoot: Record<string, unknown> | undefined;
  let systemSpan: SourceSpan | undefined;
  const visiting: string[] = [];
  const knownNames = new Set<string>();
  let brokenTop = false;

  const loadFile = (path: string, includedFrom: SourceSpan | undefined, isMain: boolean): void => {
    if (visiting.includes(path)) {
      diagnostics.push({ code: 'include-cycle', severity: 'error', message: `\`${path}\` includes itself through ${[...visiting, path].join(' → ')}`, at: includedFrom });
      return;
    }
    if (files.some((f) => f.path === path)) {
      diagnostics.push({ code: 'include-twice', severity: 'error', message: `\`${path}\` is included more than once`, at: includedFrom, hint: 'remove the second `include:` entry' });
      return;
    }
    const bytes = read(path);
    if (!bytes.ok) {
      diagnostics.push({ code: 'file-not-found', severity: 'error', message: bytes.message, at: includedFrom, hint: includedFrom ? 'paths in `include:` are relative to the including file' : undefined });
      return;
    }
    const { file, diagnostic } = decodeUtf8(path, bytes.bytes);
    files.push(file);
    if (diagnostic) {
      diagnostics.push(diagnostic);
      return;
    }
    const loaded = loadYaml(file, index);
    for (const d of loaded.diagnostics) diagnostics.push(d);
    if (loaded.diagnostics.some((d) => d.severity === 'error' && (d.code === 'yaml-syntax' || d.code === 'alias-bomb'))) return;
    const data = loaded.value;
    if (data === undefined) return;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      diagnostics.push({ code: 'wrong-type', severity: 'error', message: 'a spec file must be a mapping of sections (`system:`, `components:`…)', at: { file, start: 0, end: Math.max(1, Math.min(file.text.length, file.text.indexOf('\n') === -1 ? file.text.length : file.text.indexOf('\n'))) }, expected: isMain ? '`infraspec: 1` and `system:` at the top level' : 'sections such as `components:`' });
      return;
    }
    const parsedRoot = data as Record<string, unknown>;
    const shape = validateShape(isMain ? SpecSchema : IncludedSchema, parsedRoot, index, parsedRoot);
    for (const d of shape.diagnostics) diagnostics.push(d);
    for (const section of Object.keys(SECTION_KINDS)) {
      const value = parsedRoot[section];
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) for (const name of Object.keys(value)) knownNames.add(`${section}\u0000${name}`);
    }
    // Without a well-formed `infraspec:` and `system:` there is no spec to normalize.
    if (isMain && shape.issuePaths.some((path) => path.length === 0 || path[0] === 'system' || path[0] === 'infraspec')) brokenTop = true;
    // The normalizer sees only well-shaped data: each entity with a shape problem is set aside
    // (its problems are already reported), so one bad component cannot hide the others' errors.
    let stripped: Record<string, unknown> = parsedRoot;
    for (const path of shape.unknownKeyPaths) stripped = withoutKey(stripped, path, index) as Record<string, unknown>;
    const root = setAside(stripped, shape.issuePaths, index);
    if (isMain) {
      mainRoot = root;
      systemSpan = index.entrySpan(root, 'system', 'key') ?? { file, start: 0, end: 1 };
    }
    // Merge the file's sections.
    for (const [section, value] of Object.entries(root)) {
      const kind = SECTION_KINDS[section];
      if (!kind) {
        if (section !== 'include' && section !== '$schema' && isMain) merged[section] = value;
        continue;
      }
      if (value === null || typeof value !== 'object') continue;
      const existing = merged[section];
      if (existing === undefined) {
        if (kind === 'list') {
          const list = [...(value as unknown[])];
          index.registerList(list, value as unknown[], list.map((_, i) => i));
          merged[section] = list;
        } else merged[section] = value;
        origin.set(section, { container: root });
        continue;
      }
      if (kind === 'list' && Array.isArray(existing) && Array.isArray(value)) {
        for (const item of value) existing.push(item);
        continue;
      }
      if (typeof existing === 'object' && existing !== null && !Array.isArray(existing)) {
        const target = existing as Record<string, unknown>;
        for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
          if (key in target) {
            const first = index.entrySpan(existing, key, 'key');
            const firstAt = first ? `${first.file.path}:${first.file.lineColumn(first.start).line}` : 'another file';
            diagnostics.push({ code: 'duplicate-name', severity: 'error', message: `\`${section}.${key}\` is defined in two files`, at: index.entrySpan(value, key, 'key'), hint: `the first definition is at ${firstAt}` });
            continue;
          }
          target[key] = entry;
        }
        // Keep positions of included entries reachable from the merged section.
        const origins = new Map<string, object>();
        for (const key of Object.keys(target)) origins.set(key, index.entrySpan(existing, key) ? existing : (value as object));
        index.registerMerged(target, origins, existing);
      }
    }
    const include = root['include'];
    if (Array.isArray(include)) {
      visiting.push(path);
      include.forEach((relative, i) => {
        if (typeof relative !== 'string') return;
        loadFile(resolvePath(path, relative), index.entrySpan(include, i), false);
      });
      visiting.pop();
    }
  };

  loadFile(entryPath, undefined, true);

  if (!mainRoot || !systemSpan || hasErrors(diagnostics.filter((d) => d.code === 'yaml-syntax' || d.code === 'not-utf8' || d.code === 'file-not-found' || d.code === 'alias-bomb' || d.code === 'empty-file'))) {
    return { model: null, diagnostics, files };
  }
  const input = { ...merged } as unknown as SpecInput;
  // A broken `system:` is reported already; normalize the rest anyway for its own errors.
  if (brokenTop) input.system = { name: '' };
  // The merged root shares positions with the main file's root.
  const origins = new Map<string, object>();
  for (const key of Object.keys(input)) origins.set(key, origin.get(key)?.container ?? mainRoot);
  index.registerMerged(input as unknown as Record<string, unknown>, origins, mainRoot);
  const { model, diagnostics: normalizeDiagnostics } = normalize(input, { index, files, systemSpan, knownNames });
  for (const d of normalizeDiagnostics) diagnostics.push(d);
  return { model: brokenTop || hasErrors(diagnostics) ? null : model, diagnostics, files };
}

/**
 * A copy of `node` without the key at the end of `path` (an unknown key, already
 * reported): the objects along the path are copied, with their positions.
 */
function withoutKey(node: unknown, path: readonly (string | number)[], index: PositionIndex): unknown {
  if (path.length === 0 || node === null || typeof node !== 'object') return node;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(node)) {
    if (typeof head !== 'number' || rest.length === 0) return node;
    const copy = [...node];
    copy[head] = withoutKey(node[head], rest, index);
    index.registerList(copy, node, node.map((_, i) => i));
    return copy;
  }
  const source = node as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  const origins = new Map<string, object>();
  for (const [key, value] of Object.entries(source)) {
    if (rest.length === 0 && key === String(head)) continue;
    copy[key] = rest.length > 0 && key === String(head) ? withoutKey(value, rest, index) : value;
    origins.set(key, source);
  }
  index.registerMerged(copy, origins, source);
  return copy;
}

/**
 * A copy of a file's root without the entities that failed shape validation: the entry
 * of a section (`components.api`, `network.policies`, `alerts[3]`) that holds a problem.
 */
function setAside(root: Record<string, unknown>, issuePaths: (string | number)[][], index: PositionIndex): Record<string, unknown> {
  if (issuePaths.length === 0) return root;
  const broken = new Map<string, Set<string | number>>();
  const brokenSections = new Set<string>();
  for (const path of issuePaths) {
    const [section, entry] = path;
    if (section === undefined) continue;
    if (entry === undefined) brokenSections.add(String(section));
    else {
      const set = broken.get(String(section)) ?? new Set<string | number>();
      set.add(entry);
      broken.set(String(section), set);
    }
  }
  const copy: Record<string, unknown> = {};
  const origins = new Map<string, object>();
  for (const [section, value] of Object.entries(root)) {
    if (brokenSections.has(section)) continue;
    origins.set(section, root);
    const entries = broken.get(section);
    if (!entries || value === null || typeof value !== 'object') {
      copy[section] = value;
      continue;
    }
    if (Array.isArray(value)) {
      const kept = value.filter((_, i) => !entries.has(i));
      copy[section] = kept;
      // Positions of list items are by index: keep the original list's positions for the kept items.
      index.registerList(kept, value, value.map((_, i) => i).filter((i) => !entries.has(i)));
      continue;
    }
    const kept: Record<string, unknown> = {};
    const sectionOrigins = new Map<string, object>();
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (entries.has(key)) continue;
      kept[key] = entry;
      sectionOrigins.set(key, value);
    }
    index.registerMerged(kept, sectionOrigins, value);
    copy[section] = kept;
  }
  index.registerMerged(copy, origins, root);
  return copy;
}
