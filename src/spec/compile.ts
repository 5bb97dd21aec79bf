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
  const invalidPaths = new Set<string>();
  const merged: Record<string, unknown> = {};
  const origin = new Map<string, { container: object }>();
  let mainRoot: Record<string, unknown> | undefined;
  let systemSpan: SourceSpan | undefined;
  const visiting: string[] = [];

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
    diagnostics.push(...loaded.diagnostics);
    if (loaded.diagnostics.some((d) => d.severity === 'error' && (d.code === 'yaml-syntax' || d.code === 'alias-bomb'))) return;
    const data = loaded.value;
    if (data === undefined) return;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      diagnostics.push({ code: 'wrong-type', severity: 'error', message: 'a spec file must be a mapping of sections (`system:`, `components:`…)', at: { file, start: 0, end: Math.max(1, Math.min(file.text.length, file.text.indexOf('\n') === -1 ? file.text.length : file.text.indexOf('\n'))) }, expected: isMain ? '`infraspec: 1` and `system:` at the top level' : 'sections such as `components:`' });
      return;
    }
    const root = data as Record<string, unknown>;
    const shape = validateShape(isMain ? SpecSchema : IncludedSchema, root, index, root);
    diagnostics.push(...shape);
    for (const d of shape) {
      if (!d.at) continue;
      // Mark the entity that holds the problem (e.g. components.api) as invalid: normalize skips it.
      const path = pathAt(root, index, d.at);
      for (let i = 1; i <= path.length; i++) invalidPaths.add(path.slice(0, i).join('\u0000'));
    }
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
        merged[section] = kind === 'list' ? [...(value as unknown[])] : value;
        origin.set(section, { container: root });
        continue;
      }
      if (kind === 'list' && Array.isArray(existing) && Array.isArray(value)) {
        existing.push(...value);
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
  const topLevelBroken = ['infraspec', 'system'].some((key) => invalidPaths.has(key));
  if (topLevelBroken) return { model: null, diagnostics, files };

  const input = { ...merged } as unknown as SpecInput;
  // The merged root shares positions with the main file's root.
  const origins = new Map<string, object>();
  for (const key of Object.keys(input)) origins.set(key, origin.get(key)?.container ?? mainRoot);
  index.registerMerged(input as unknown as Record<string, unknown>, origins, mainRoot);
  const { model, diagnostics: normalizeDiagnostics } = normalize(input, { index, invalidPaths, files, systemSpan });
  diagnostics.push(...normalizeDiagnostics);
  return { model: hasErrors(diagnostics) ? null : model, diagnostics, files };
}

/** The data path of the node a span points into (for marking invalid entities). */
function pathAt(root: unknown, index: PositionIndex, span: SourceSpan): (string | number)[] {
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (let depth = 0; depth < 64; depth++) {
    if (typeof node !== 'object' || node === null) break;
    let next: { key: string | number; value: unknown } | undefined;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      const keySpan = index.entrySpan(node, key, 'key');
      const valueSpan = index.entrySpan(node, key, 'value');
      if (!keySpan || !valueSpan || keySpan.file !== span.file) continue;
      const start = Math.min(keySpan.start, valueSpan.start);
      const end = Math.max(keySpan.end, valueSpan.end);
      if (span.start >= start && span.start < Math.max(end, start + 1)) {
        next = { key, value: (node as Record<string | number, unknown>)[key] };
        break;
      }
    }
    if (!next) break;
    path.push(next.key);
    node = next.value;
  }
  return path;
}
