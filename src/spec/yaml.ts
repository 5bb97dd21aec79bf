import { getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceFile, SourceSpan } from './source.js';

/**
 * YAML to plain values plus a position index, in one linear pass over
 * js-yaml's event stream. `yaml`'s Document model keeps positions too but
 * grows faster than linearly on large files (see shared/NOTES.md); the event
 * parser is linear and gives every node's source offsets.
 */

/**
 * Where the entries of one mapping or sequence sit in the source. Offsets are kept
 * in one flat number array (four per entry) rather than an object per entry: a
 * 50,000-component spec has millions of entries, and allocation is what costs.
 */
export class ContainerInfo {
  readonly file: SourceFile;
  readonly start: number;
  end: number;
  /** Keys in order for a mapping; null for a sequence (entries by index). */
  readonly keys: string[] | null;
  /** keyStart, keyEnd, valueStart, valueEnd for each entry. */
  readonly spans: number[] = [];
  /** Per-entry file, only for containers merged from several files. */
  files: Array<SourceFile | undefined> | null = null;
  #lookup: Map<string, number> | null = null;

  constructor(file: SourceFile, start: number, end: number, isMapping: boolean) {
    this.file = file;
    this.start = start;
    this.end = end;
    this.keys = isMapping ? [] : null;
  }

  get size(): number {
    return this.spans.length >> 2;
  }

  add(key: string | null, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, file?: SourceFile): void {
    const index = this.size;
    if (this.keys !== null && key !== null) {
      this.keys.push(key);
      this.#lookup?.set(key, index);
    }
    this.spans.push(keyStart, keyEnd, valueStart, valueEnd);
    if (file !== undefined && file !== this.file) {
      this.files ??= [];
      this.files[index] = file;
    }
  }

  /** Entry index of a key (mapping) or of an index (sequence); -1 when absent. */
  indexOf(key: string | number): number {
    if (this.keys === null) {
      const i = Number(key);
      return Number.isInteger(i) && i >= 0 && i < this.size ? i : -1;
    }
    const name = String(key);
    // Small mappings are searched; large ones (a `components:` of 50,000) get a map.
    if (this.keys.length <= 16) return this.keys.indexOf(name);
    if (this.#lookup === null) {
      this.#lookup = new Map();
      this.keys.forEach((k, i) => {
        if (!this.#lookup!.has(k)) this.#lookup!.set(k, i);
      });
    }
    return this.#lookup.get(name) ?? -1;
  }

  span(index: number, part: 'key' | 'value'): SourceSpan {
    const file = this.files?.[index] ?? this.file;
    const at = index * 4 + (part === 'key' ? 0 : 2);
    return { file, start: this.spans[at]!, end: this.spans[at + 1]! };
  }

  /** Copy entry `index` of `from` into this container (under `key` for a mapping). */
  copyFrom(from: ContainerInfo, index: number, key: string | null): void {
    const at = index * 4;
    this.add(key, from.spans[at]!, from.spans[at + 1]!, from.spans[at + 2]!, from.spans[at + 3]!, from.files?.[index] ?? from.file);
  }
}

/**
 * Positions of every container and entry, keyed by the container objects the
 * loader built. Values reached through an alias share the anchor's positions.
 */
export class PositionIndex {
  readonly #containers = new Map<object, ContainerInfo>();

  register(container: object, info: ContainerInfo): void {
    this.#containers.set(container, info);
  }

  info(container: object): ContainerInfo | undefined {
    return this.#containers.get(container);
  }

  /**
   * Register a mapping built by merging others (phase overlays): each key keeps
   * the position it had in the object it came from.
   */
  registerMerged(merged: Record<string, unknown>, origins: ReadonlyMap<string, object>, fallback: object): void {
    const base = this.#containers.get(fallback);
    if (!base) return;
    const info = new ContainerInfo(base.file, base.start, base.end, true);
    for (const [key, origin] of origins) {
      const from = this.#containers.get(origin);
      const index = from ? from.indexOf(key) : -1;
      if (from && index !== -1) info.copyFrom(from, index, key);
    }
    this.#containers.set(merged, info);
  }

  /** Register a list made of some items of another, keeping each item's position. */
  registerList(list: unknown[], from: unknown[], indices: number[]): void {
    const source = this.#containers.get(from);
    if (!source || source.keys !== null) return;
    const info = new ContainerInfo(source.file, source.start, source.end, false);
    for (const i of indices) if (i < source.size) info.copyFrom(source, i, null);
    this.#containers.set(list, info);
  }

  /** Span of the whole container. */
  containerSpan(container: object): SourceSpan | undefined {
    const info = this.#containers.get(container);
    return info ? { file: info.file, start: info.start, end: info.end } : undefined;
  }

  /** Span of an entry's value (`part: 'value'`) or its key (`part: 'key'`). */
  entrySpan(container: object, key: string | number, part: 'key' | 'value' = 'value'): SourceSpan | undefined {
    const info = this.#containers.get(container);
    if (!info) return undefined;
    const index = info.indexOf(key);
    return index === -1 ? undefined : info.span(index, part);
  }

  /**
   * The best span for a path from `root`: the value at the path, or, when the
   * path leaves the data (a missing key), the deepest container that exists.
   */
  spanAt(root: unknown, path: readonly (string | number)[], part: 'key' | 'value' = 'value'): SourceSpan | undefined {
    let node: unknown = root;
    let best: SourceSpan | undefined = isObject(root) ? this.containerSpan(root) : undefined;
    for (let i = 0; i < path.length; i++) {
      if (!isObject(node)) break;
      const key = path[i]!;
      const last = i === path.length - 1;
      const span = this.entrySpan(node, key, last ? part : 'value');
      if (!span) break;
      best = span;
      node = (node as Record<string | number, unknown>)[key as string];
    }
    return best;
  }

  /** The raw source text of a scalar entry (exact digits of numbers, e.g. `7.0` or `1e3`). */
  rawText(container: object, key: string | number): string | undefined {
    const span = this.entrySpan(container, key);
    return span ? span.file.text.slice(span.start, span.end) : undefined;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

export interface LoadedYaml {
  value: unknown;
  diagnostics: Diagnostic[];
}

export interface LoadYamlOptions {
  /** Refuse documents whose aliases expand to more nodes than this (billion laughs). */
  maxAliasExpansion?: number;
  maxDepth?: number;
  /** Parse large files section by section (default: above 1 MiB); `false` parses them whole. */
  chunking?: boolean;
}

const CORE_NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const CORE_TRUE = new Set(['true', 'True', 'TRUE']);
const CORE_FALSE = new Set(['false', 'False', 'FALSE']);
const INT_DECIMAL = /^[-+]?[0-9]+$/;
const INT_OCTAL = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(inf|Inf|INF)$/;
const NAN = /^\.(nan|NaN|NAN)$/;

/** YAML 1.2 core schema resolution of a plain scalar. */
function resolvePlain(text: string): unknown {
  // Most plain scalars are words (`service`, `ReadWriteOnce`): only these first characters
  // can start a null, a boolean or a number.
  const first = text.charCodeAt(0);
  const maybeSpecial = text.length === 0 || (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46 || first === 126 || first === 110 || first === 78 || first === 116 || first === 84 || first === 102 || first === 70;
  if (!maybeSpecial) return text;
  if (CORE_NULL.has(text)) return null;
  if (CORE_TRUE.has(text)) return true;
  if (CORE_FALSE.has(text)) return false;
  if (INT_DECIMAL.test(text)) return Number(text);
  if (INT_OCTAL.test(text)) return Number.parseInt(text.slice(2), 8);
  if (INT_HEX.test(text)) return Number.parseInt(text.slice(2), 16);
  if (FLOAT.test(text)) return Number(text);
  if (INFINITY.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (NAN.test(text)) return Number.NaN;
  return text;
}

type Frame =
  | { kind: 'map'; value: Record<string, unknown>; info: ContainerInfo; pendingKey: string | null; pendingStart: number; pendingEnd: number; mergeSources: Array<{ value: unknown; start: number; end: number }> | null; size: number; anchor: string | null }
  | { kind: 'seq'; value: unknown[]; info: ContainerInfo; size: number; anchor: string | null };

/**
 * Parse one YAML file. Never throws: syntax errors, duplicate keys, bad tags,
 * alias bombs and multiple documents become positioned diagnostics.
 */
export function loadYaml(file: SourceFile, index: PositionIndex, options: LoadYamlOptions = {}): LoadedYaml {
  const diagnostics: Diagnostic[] = [];
  const text = file.text;
  // Spans stay inside the text: an error at the very end points at the last character.
  const at = (start: number, end: number): SourceSpan => {
    const length = text.length;
    const s0 = Math.max(0, Math.min(start, length > 0 ? length - 1 : 0));
    return { file, start: s0, end: Math.min(length, Math.max(end, s0 + 1)) };
  };
  const maxDepth = options.maxDepth ?? 64;
  // Large files are parsed section by section (see `splitForParsing`), so that millions of
  // parser events never exist at once; any piece that fails sends us back to one whole parse,
  // which then reports the error exactly as it would have anyway.
  const pieces = options.chunking === false || text.length < CHUNKING_THRESHOLD ? null : splitForParsing(text);
  const sources: Array<() => Event[]> = pieces ?? [() => parseEvents(text, { maxDepth })];
  const parseError = (error: unknown): LoadedYaml => {
    const mark = (error as { mark?: { position?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    const position = Math.min(mark?.position ?? 0, text.length);
    diagnostics.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: `YAML syntax error: ${reason}`,
      at: at(position, position + 1),
      expected: 'valid YAML',
      hint: unclosedFlowHint(file, position) ?? syntaxHint(reason),
    });
    return { value: undefined, diagnostics };
  };

  // Aliases may not grow a document to more than ten times its own size (plus slack for
  // small files): enough for `<<: *defaults` on every entry, far too little for a bomb.
  const maxExpansion = options.maxAliasExpansion ?? 100_000 + 4 * text.length;
  const anchors = new Map<string, { value: unknown; size: number }>();
  const stack: Frame[] = [];
  let root: unknown = undefined;
  let documents = 0;
  let expanded = 0;
  let aborted = false;

  const anchorName = (e: { anchorStart: number; anchorEnd: number }) =>
    e.anchorStart === -1 ? null : text.slice(e.anchorStart, e.anchorEnd);

  // Attach a finished node (scalar, alias or closed container) to its parent.
  const attach = (value: unknown, start: number, end: number, size: number, isMergeKeyValue = false): void => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      documents++;
      if (documents === 1) root = value;
      else if (documents === 2) {
        diagnostics.push({
          code: 'multiple-documents',
          severity: 'error',
          message: 'a spec file holds one YAML document; this file has more than one',
          at: at(start, end),
          hint: 'split the documents into separate files and list them under `include:`',
        });
      }
      return;
    }
    parent.size += size;
    if (parent.kind === 'seq') {
      parent.info.add(null, start, start, start, end);
      parent.value.push(value);
      if (end > parent.info.end) parent.info.end = end;
      return;
    }
    if (parent.pendingKey === null) {
      // This node is a key.
      if (value !== null && typeof value === 'object') {
        diagnostics.push({ code: 'complex-key', severity: 'error', message: 'mapping keys must be plain text, not a mapping or a list', at: at(start, end), expected: 'a key such as `name:`' });
        parent.pendingKey = '\u0000invalid';
        parent.pendingStart = start;
        parent.pendingEnd = end;
        return;
      }
      // Key positions live in the frame's fields: one object per key would be millions.
      parent.pendingKey = value === null ? '' : String(value);
      parent.pendingStart = start;
      parent.pendingEnd = end;
      return;
    }
    const key = parent.pendingKey;
    const keyStart = parent.pendingStart;
    const keyEnd = parent.pendingEnd;
    parent.pendingKey = null;
    if (end > parent.info.end) parent.info.end = end;
    if (key === '\u0000invalid') return;
    if (isMergeKeyValue) {
      (parent.mergeSources ??= []).push({ value, start: keyStart, end });
      return;
    }
    const previous = parent.info.indexOf(key);
    if (previous !== -1) {
      const first = file.lineColumn(parent.info.span(previous, 'key').start);
      diagnostics.push({
        code: 'duplicate-key',
        severity: 'error',
        message: `duplicate key \`${key}\``,
        at: at(keyStart, keyEnd),
        hint: `\`${key}\` is already set at line ${first.line}, column ${first.column}; remove one of them`,
      });
      return;
    }
    parent.info.add(key, keyStart, keyEnd, start, end);
    // `__proto__` would set the prototype on assignment: define it as an own data property.
    if (key === '__proto__') Object.defineProperty(parent.value, key, { value, enumerable: true, writable: true, configurable: true });
    else parent.value[key] = value;
  };

  // An empty value (`key:` with nothing after it) has no offsets of its own: place it
  // right after its key, or at the end of the collection that holds it.
  const emptyValueAt = (): number => {
    const parent = stack[stack.length - 1];
    if (!parent) return 0;
    if (parent.kind === 'map' && parent.pendingKey !== null) return parent.pendingEnd;
    return parent.info.end;
  };

  const isMergeKey = (frame: Frame | undefined): boolean =>
    frame?.kind === 'map' && frame.pendingKey === '<<' && text.slice(frame.pendingStart, frame.pendingEnd) === '<<';

  const feed = (event: Event): void => {
    switch (event.type) {
      case 1: // document start
        break;
      case 2: // sequence
      case 3: {
        // mapping
        const start = event.start;
        const frameInfo = new ContainerInfo(file, start, start + 1, event.type === 3);
        if (event.tagStart !== -1) reportTag(event.tagStart, event.tagEnd, event.type === 2 ? '!!seq' : '!!map');
        if (event.type === 2) {
          const value: unknown[] = [];
          index.register(value, frameInfo);
          stack.push({ kind: 'seq', value, info: frameInfo, size: 1, anchor: anchorName(event) });
        } else {
          const value: Record<string, unknown> = {};
          index.register(value, frameInfo);
          stack.push({ kind: 'map', value, info: frameInfo, pendingKey: null, pendingStart: 0, pendingEnd: 0, mergeSources: null, size: 1, anchor: anchorName(event) });
        }
        break;
      }
      case 4: {
        const scalar = event;
        const start = scalar.valueStart !== -1 ? scalar.valueStart : scalar.tagEnd !== -1 ? scalar.tagEnd : scalar.anchorEnd !== -1 ? scalar.anchorEnd : emptyValueAt();
        const end = scalar.valueEnd === -1 ? start : scalar.valueEnd;
        const value = scalarValue(scalar, start, end);
        const anchor = anchorName(scalar);
        if (anchor !== null) anchors.set(anchor, { value, size: 1 });
        attach(value, start, end, 1);
        break;
      }
      case 5: {
        const name = text.slice(event.anchorStart, event.anchorEnd);
        const target = anchors.get(name);
        const start = Math.max(0, event.anchorStart - 1);
        if (!target) {
          diagnostics.push({ code: 'unknown-alias', severity: 'error', message: `alias \`*${name}\` refers to no anchor defined before it`, at: at(start, event.anchorEnd), hint: `define \`&${name}\` on a value above this line` });
          attach(null, start, event.anchorEnd, 1);
          break;
        }
        expanded += target.size;
        if (expanded > maxExpansion) {
          diagnostics.push({
            code: 'alias-bomb',
            severity: 'error',
            message: `aliases expand to more than ${maxExpansion.toLocaleString('en-US')} nodes; refusing to load`,
            at: at(start, event.anchorEnd),
            hint: 'this looks like a "billion laughs" document: write the values out instead of nesting aliases',
          });
          aborted = true;
          break;
        }
        const merge = isMergeKey(stack[stack.length - 1]);
        attach(target.value, start, event.anchorEnd, target.size, merge);
        break;
      }
      case 6: {
        const frame = stack.pop();
        if (!frame) break; // document end
        if (frame.kind === 'map') {
          if (frame.pendingKey !== null) {
            // A key without a value cannot happen in valid YAML events; treat as null.
            attach(null, frame.pendingEnd, frame.pendingEnd, 1);
          }
          applyMerges(frame);
        }
        if (frame.anchor !== null) anchors.set(frame.anchor, { value: frame.value, size: frame.size });
        const merge = isMergeKey(stack[stack.length - 1]);
        attach(frame.value, frame.info.start, frame.info.end, frame.size, merge);
        break;
      }
    }
  };

  const consumed = consume(sources, feed, () => aborted);
  if (consumed !== true) {
    if (!pieces) return parseError(consumed);
    // A piece did not parse on its own: start again with one whole parse.
    return loadYaml(file, index, { ...options, chunking: false });
  }


  if (!aborted && documents === 0) {
    diagnostics.push({ code: 'empty-file', severity: 'error', message: 'the file holds no YAML document', at: at(0, 0), expected: 'a mapping with at least `system:`' });
  }
  return { value: aborted ? undefined : root, diagnostics };

  function scalarValue(scalar: ScalarEvent, start: number, end: number): unknown {
    const raw = scalar.valueStart === -1 ? '' : getScalarValue(text, scalar);
    if (scalar.tagStart !== -1) {
      const tag = text.slice(scalar.tagStart, scalar.tagEnd);
      switch (tag) {
        case '!!str':
        case '!':
          return raw;
        case '!!int':
        case '!!float': {
          const value = resolvePlain(raw.trim());
          if (typeof value === 'number') return value;
          diagnostics.push({ code: 'bad-tag-value', severity: 'error', message: `\`${raw}\` is not a number, but it is tagged ${tag}`, at: at(start, end) });
          return raw;
        }
        case '!!bool': {
          const value = resolvePlain(raw.trim());
          if (typeof value === 'boolean') return value;
          diagnostics.push({ code: 'bad-tag-value', severity: 'error', message: `\`${raw}\` is not true or false, but it is tagged !!bool`, at: at(start, end) });
          return raw;
        }
        case '!!null':
          return null;
        default:
          reportTag(scalar.tagStart, scalar.tagEnd, '!!str');
          return raw;
      }
    }
    return scalar.style === 1 ? resolvePlain(raw) : raw;
  }

  function reportTag(start: number, end: number, allowed: string): void {
    const tag = text.slice(start, end);
    if (tag === allowed || tag === '!') return;
    diagnostics.push({
      code: 'unsupported-tag',
      severity: 'error',
      message: `unsupported YAML tag \`${tag}\``,
      at: at(start, end),
      hint: 'infraspec reads plain YAML data: remove the tag',
    });
  }

  // YAML merge keys (`<<: *defaults`): keys already present win, earlier sources win.
  function applyMerges(frame: Extract<Frame, { kind: 'map' }>): void {
    if (frame.mergeSources === null) return;
    for (const source of frame.mergeSources) {
      const sources = Array.isArray(source.value) ? source.value : [source.value];
      for (const item of sources) {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          diagnostics.push({ code: 'bad-merge', severity: 'error', message: 'a merge key `<<` takes a mapping or a list of mappings', at: at(source.start, source.end) });
          continue;
        }
        for (const key of Object.keys(item)) {
          if (frame.info.indexOf(key) !== -1) continue;
          const itemInfo = index.info(item);
          const at = itemInfo ? itemInfo.indexOf(key) : -1;
          if (itemInfo && at !== -1) frame.info.copyFrom(itemInfo, at, key);
          else frame.info.add(key, source.start, source.end, source.start, source.end);
          Object.defineProperty(frame.value, key, { value: (item as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
        }
      }
    }
  }
}

/** An unclosed `{` or `[` on the lines before the error is the usual cause of a confusing message. */
function unclosedFlowHint(file: SourceFile, position: number): string | undefined {
  const { line } = file.lineColumn(position);
  for (let l = line; l >= Math.max(1, line - 3); l--) {
    const text = file.lineText(l).replace(/(["'])(?:\\.|(?!\1).)*\1/g, '').replace(/\s#.*$/, '');
    for (const [open, close] of [['{', '}'], ['[', ']']] as const) {
      const opened = text.split(open).length - 1;
      const closed = text.split(close).length - 1;
      if (opened > closed) return `the \`${open}\` on line ${l} is never closed: add \`${close}\``;
    }
  }
  return undefined;
}

function syntaxHint(reason: string): string | undefined {
  if (/tab/i.test(reason)) return 'indent with spaces; YAML does not allow tabs for indentation';
  if (/bad indentation/.test(reason)) return 'check that keys at the same level start in the same column, and quote values that contain `: `';
  if (/flow collection/.test(reason)) return 'close the `[` or `{` that starts this value';
  if (/maxDepth/.test(reason)) return 'the document nests too deeply; a spec never needs more than a few levels';
  if (/duplicated mapping key/.test(reason)) return 'remove one of the two entries';
  return undefined;
}

/** Files above this size are parsed in pieces. */
const CHUNKING_THRESHOLD = 1 << 20;
/** Sections above this size are split into groups of entries of about this size. */
const PIECE_SIZE = 1 << 18;

/** Feed every source's events in order; the error of a source that does not parse, or true. */
function consume(sources: ReadonlyArray<() => Event[]>, feed: (event: Event) => void, aborted: () => boolean): true | unknown {
  for (const source of sources) {
    let events: Array<Event | undefined>;
    try {
      events = source();
    } catch (error) {
      return error;
    }
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      // Let the collector reclaim events as they are consumed: a large file has millions.
      events[i] = undefined;
      feed(event);
      if (aborted()) return true;
    }
  }
  return true;
}

const NO_PROPERTIES = { anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1 } as const;
const TOP_LEVEL_KEY = /^[A-Za-z_$][\w$.-]*[ \t]*:(?:[ \t]+#.*)?[ \t]*\r?$|^[A-Za-z_$][\w$.-]*[ \t]*:[ \t]/;
const BARE_HEADER = /^[A-Za-z_$][\w$.-]*[ \t]*:[ \t]*(?:#.*)?\r?$/;

/** Move a piece's event offsets to where the piece sits in the whole text. */
function shift(event: Event, base: number): Event {
  switch (event.type) {
    case 2:
    case 3:
      event.start += base;
      break;
    case 4:
      if (event.valueStart !== -1) event.valueStart += base;
      if (event.valueEnd !== -1) event.valueEnd += base;
      break;
    default:
      break;
  }
  if (event.type >= 2 && event.type <= 5) {
    const e = event as { anchorStart: number; anchorEnd: number; tagStart?: number; tagEnd?: number };
    if (e.anchorStart !== -1) {
      e.anchorStart += base;
      e.anchorEnd += base;
    }
    if (e.tagStart !== undefined && e.tagStart !== -1) {
      e.tagStart += base;
      e.tagEnd = (e.tagEnd ?? -1) + base;
    }
  }
  return event;
}

/** The events inside a piece's root mapping, at their offsets in the whole text. */
function innerEvents(text: string, start: number, end: number): Event[] {
  const events = parseEvents(text.slice(start, end), { maxDepth: 64 });
  const first = events[0];
  const root = events[1];
  const last = events[events.length - 1];
  const beforeLast = events[events.length - 2];
  if (first?.type !== 1 || root?.type !== 3 || last?.type !== 6 || beforeLast?.type !== 6 || events.length < 4) {
    throw new Error('piece is not one mapping');
  }
  const inner = events.slice(2, events.length - 2);
  for (const event of inner) shift(event, start);
  return inner;
}

/**
 * Cut a large block-style document into pieces that parse on their own: one per
 * top-level key, and a large section (`components:` with 50,000 entries) into groups
 * of its entries. Returns null when the document is not plainly shaped that way
 * (flow style at the top, several documents, tabs, directives): it is then parsed whole.
 */
function splitForParsing(text: string): Array<() => Event[]> | null {
  const tops: number[] = [];
  let sawContent = false;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const c = text[start];
    if (c !== undefined && c !== '\n' && c !== '\r' && c !== ' ' && c !== '#') {
      if (!TOP_LEVEL_KEY.test(text.slice(start, Math.min(end, start + 200)))) return null;
      tops.push(start);
      sawContent = true;
    } else if (!sawContent && c === ' ' && text.slice(start, end).trim() !== '' && !text.slice(start, end).trim().startsWith('#')) {
      return null;
    }
    start = end + 1;
  }
  if (tops.length === 0) return null;
  const pieces: Array<() => Event[]> = [() => [{ type: 1, explicitStart: false, explicitEnd: false, directives: [] }, { type: 3, start: tops[0]!, style: 1, ...NO_PROPERTIES }]];
  tops.forEach((start, k) => {
    const end = tops[k + 1] ?? text.length;
    const entries = end - start > PIECE_SIZE ? sectionEntries(text, start, end) : null;
    if (!entries) {
      pieces.push(() => innerEvents(text, start, end));
      return;
    }
    const headerEnd = text.indexOf('\n', start) + 1;
    pieces.push(() => {
      const key = innerEvents(text, start, headerEnd)[0];
      if (key?.type !== 4) throw new Error('section header is not a plain key');
      // The mapping starts at its first key, as a whole parse reports it.
      const first = entries[0]!;
      let column = first;
      while (text[column] === ' ') column++;
      return [key, { type: 3, start: column, style: 1, ...NO_PROPERTIES }];
    });
    let groupStart = entries[0]!;
    for (let i = 1; i <= entries.length; i++) {
      const boundary = i === entries.length ? end : entries[i]!;
      if (i === entries.length || boundary - groupStart >= PIECE_SIZE) {
        const from = groupStart;
        pieces.push(() => innerEvents(text, from, boundary));
        groupStart = boundary;
      }
    }
    pieces.push(() => [{ type: 6 }]);
  });
  pieces.push(() => [{ type: 6 }, { type: 6 }]);
  return pieces;
}

/**
 * Offsets of the entries of a top-level block mapping section (`key:` alone on its
 * line, children at one indentation), or null when the section is shaped otherwise.
 */
function sectionEntries(text: string, start: number, end: number): number[] | null {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd === -1 || headerEnd >= end || !BARE_HEADER.test(text.slice(start, headerEnd))) return null;
  let indent = -1;
  const entries: number[] = [];
  for (let line = headerEnd + 1; line < end; ) {
    const newline = text.indexOf('\n', line);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    let column = 0;
    while (text[line + column] === ' ') column++;
    const first = text[line + column];
    const blank = first === undefined || line + column >= lineEnd || first === '\r' || first === '\n' || first === '#';
    if (!blank) {
      if (first === '\t') return null;
      if (indent === -1) {
        if (column === 0 || first === '-' || first === '?' || first === '{' || first === '[') return null;
        indent = column;
      }
      if (column < indent) return null;
      if (column === indent) {
        if (first === '-' || first === '?') return null;
        entries.push(line);
      }
    }
    line = lineEnd + 1;
  }
  return entries.length > 1 ? entries : null;
}
