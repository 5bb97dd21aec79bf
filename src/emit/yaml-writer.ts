/**
 * YAML for plain data (mappings, sequences, strings, numbers, booleans, null), written by hand:
 * js-yaml's `dump` builds a syntax tree first and takes about a second per 10,000 services,
 * which the benchmark cannot afford. Block style throughout; a string is written plain only
 * when every YAML 1.1 and 1.2 reader reads it back as the same string, else double-quoted.
 */

type Compare = (a: string, b: string) => number;

// Plain scalars a YAML 1.1 or 1.2 reader would take for something else: booleans, nulls,
// numbers in any base, base-60 numbers (`22:22`), timestamps, infinities and NaN.
const RESOLVES = new RegExp(
  [
    '^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$',
    '^(?:~|null|Null|NULL)$',
    '^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?)$',
    '^[-+]?(?:[0-9][0-9_]*)?\\.?[0-9_]*(?:[eE][-+]?[0-9]+)?$',
    '^[-+]?\\.(?:inf|Inf|INF)$|^\\.(?:nan|NaN|NAN)$',
    '^\\d{4}-\\d\\d?-\\d\\d?(?:(?:[Tt]|[ \\t]+)\\d\\d?:\\d\\d:\\d\\d(?:\\.\\d*)?(?:[ \\t]*(?:Z|[-+]\\d\\d?(?::\\d\\d)?))?)?$',
  ].join('|'),
);

function isPlainSafe(s: string): boolean {
  if (s === '' || s !== s.trim()) return false;
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) return false;
  // Indicators that cannot start a plain scalar; `-`, `?` and `:` only when a space or nothing follows.
  if (/^[[\]{}#&*!|>'"%@`,]/.test(s)) return false;
  if (/^[-?:](?:\s|$)/.test(s)) return false;
  // What would end the scalar or start a comment; flow indicators are quoted to be safe in any context.
  if (s.includes(': ') || s.endsWith(':') || s.includes(' #') || /[,[\]{}]/.test(s)) return false;
  return !RESOLVES.test(s) && s !== '<<';
}

/** Single quotes where they can hold the string (no escapes but `''`: PromQL and regexes stay readable), else double. */
function quoted(s: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) return `'${s.replace(/'/g, "''")}'`;
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

// Generated files repeat the same strings (labels, ports, images) thousands of times.
const STRING_CACHE = new Map<string, string>();

function scalarString(value: string): string {
  let written = STRING_CACHE.get(value);
  if (written === undefined) {
    written = isPlainSafe(value) ? value : quoted(value);
    if (STRING_CACHE.size > 100_000) STRING_CACHE.clear();
    STRING_CACHE.set(value, written);
  }
  return written;
}

function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return scalarString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
    if (Object.is(value, -0)) return '0';
    // YAML 1.1 floats need a dot and a signed exponent (`1.0e+21`), which 1.2 readers accept too.
    const text = String(value);
    return /e/.test(text) && !text.includes('.') ? text.replace('e', '.0e') : text;
  }
  throw new Error(`cannot write a ${typeof value} as YAML`);
}

/**
 * A multi-line string as a literal block (`|`), which keeps PromQL, scripts and
 * certificates readable; only when the block can carry it exactly: no control
 * characters besides line breaks, and no leading space on the first line (that
 * would need an indentation indicator).
 */
function blockLines(value: string): { header: string; lines: string[] } | null {
  if (!value.includes('\n') || /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value) || /^[ \n]/.test(value)) return null;
  const trailing = /\n*$/.exec(value)?.[0].length ?? 0;
  const body = value.slice(0, value.length - trailing);
  if (body === '') return null;
  // Chomping: `-` strips the final line break, none keeps one, `+` keeps them all.
  const header = trailing === 0 ? '|-' : trailing === 1 ? '|' : '|+';
  const lines = body.split('\n');
  for (let i = 1; i < trailing; i++) lines.push('');
  return { header, lines };
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if ((value as Record<string, unknown>)[key] !== undefined) return false;
  return true;
}

// Indentation by depth, two spaces a level: made once, not concatenated at every nested container.
const INDENTS: string[] = [''];

/** Two spaces per level of `depth`. */
export function indentAt(depth: number): string {
  while (INDENTS.length <= depth) INDENTS.push(`${INDENTS[INDENTS.length - 1] ?? ''}  `);
  return INDENTS[depth] ?? '';
}

// The same followed by `- `, which starts a mapping that is an item of a sequence (a container's ports, env, rules).
const ITEM_LEADS: string[] = [];

function itemLeadAt(depth: number): string {
  let lead = ITEM_LEADS[depth];
  if (lead === undefined) {
    lead = `${indentAt(depth)}- `;
    ITEM_LEADS[depth] = lead;
  }
  return lead;
}

// `key: ` before a scalar and `key:` + line break before a container, per key: generated objects use a few hundred keys.
const KEY_BEFORE_SCALAR = new Map<string, string>();
const KEY_BEFORE_CONTAINER = new Map<string, string>();

function keyBeforeScalar(key: string): string {
  let text = KEY_BEFORE_SCALAR.get(key);
  if (text === undefined) {
    text = `${scalarString(key)}: `;
    if (KEY_BEFORE_SCALAR.size > 100_000) KEY_BEFORE_SCALAR.clear();
    KEY_BEFORE_SCALAR.set(key, text);
  }
  return text;
}

function keyBeforeContainer(key: string): string {
  let text = KEY_BEFORE_CONTAINER.get(key);
  if (text === undefined) {
    text = `${scalarString(key)}:\n`;
    if (KEY_BEFORE_CONTAINER.size > 100_000) KEY_BEFORE_CONTAINER.clear();
    KEY_BEFORE_CONTAINER.set(key, text);
  }
  return text;
}

/**
 * The keys of a mapping in the order `compare` gives. Generated mappings come in a few
 * shapes repeated thousands of times (labels, ports, probes), so each list of keys is
 * sorted once: the sorted list hangs at the end of the path its keys spell, key by key,
 * in a tree (one lookup per key, nothing built to look it up).
 */
interface Shape {
  next: Map<string, Shape>;
  sorted: string[] | null;
}

const SHAPES = new WeakMap<Compare, { root: Shape; size: number }>();
// Mappings with more keys than this (a compose file's services) are one of a kind: sorted, not remembered.
const SHAPE_KEYS_LIMIT = 32;
const SHAPES_LIMIT = 50_000;

function orderedKeys(record: object, compare: Compare): string[] {
  const keys = Object.keys(record);
  if (keys.length < 2) return keys;
  if (keys.length > SHAPE_KEYS_LIMIT) return keys.sort(compare);
  let tree = SHAPES.get(compare);
  if (!tree || tree.size > SHAPES_LIMIT) {
    tree = { root: { next: new Map(), sorted: null }, size: 0 };
    SHAPES.set(compare, tree);
  }
  let shape = tree.root;
  for (const key of keys) {
    let next = shape.next.get(key);
    if (next === undefined) {
      next = { next: new Map(), sorted: null };
      shape.next.set(key, next);
      tree.size++;
    }
    shape = next;
  }
  return (shape.sorted ??= [...keys].sort(compare));
}

/**
 * A mapping or sequence written once (by `writeYamlBlock`) to be placed, as it is, as the value
 * of a key at `depth - 1` in several documents: compose files of phases that run the same container.
 */
export class WrittenYaml {
  constructor(
    readonly text: string,
    readonly depth: number,
  ) {}
}

/**
 * The text is gathered as pieces joined once at the end: the joined string is
 * flat, where one built by `+=` would be a tree of pieces that lives as long as
 * the text and slows every collection of the young generation.
 */
export function writeYaml(value: unknown, compare: Compare, head = ''): string {
  return writeText(value, compare, head, 0);
}

/**
 * A value as it is written under a key at `depth - 1`: a non-empty container's lines at `depth`
 * (as a `WrittenYaml`); anything else is returned as it is, to be written in place.
 */
export function writeYamlBlock(value: unknown, compare: Compare, depth: number): unknown {
  if (value instanceof WrittenYaml || !isContainer(value) || isEmpty(value)) return value;
  return new WrittenYaml(writeText(value, compare, '', depth), depth);
}

/**
 * A scalar (or an empty container) as it is written after its `key: ` or `- ` on a line at `depth`, with
 * its line break; a literal block's lines go one level deeper. Exported for writers that produce the text
 * of a known shape directly (kubernetes/text/): they write their values, and so quote them, through this.
 */
export function pushScalarTo(out: string[], v: unknown, depth: number): void {
  if (typeof v === 'string') {
    const block = blockLines(v);
    if (!block) {
      out.push(scalarString(v), '\n');
      return;
    }
    out.push(block.header, '\n');
    const inner = indentAt(depth + 1);
    for (const line of block.lines) {
      if (line === '') out.push('\n');
      else out.push(inner, line, '\n');
    }
    return;
  }
  out.push(isContainer(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v), '\n');
}

function writeText(value: unknown, compare: Compare, head: string, startDepth: number): string {
  // `head` (a comment block) starts the text: joined with it rather than added to it afterwards, which would copy the text again.
  const out: string[] = [head];
  // `node` is a non-empty container; its items go on lines of their own, indented `depth` levels, but for the
  // first line, which starts with `lead` (as long as the indentation): the first entry of a container that is
  // an item of a sequence shares the `- ` line.
  const write = (node: object, depth: number, lead: string): void => {
    const indent = indentAt(depth);
    let first = lead;
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) {
        const v = item === undefined ? null : item;
        if (v instanceof WrittenYaml) throw new Error('a written block is only a value of a mapping');
        if (isContainer(v) && !isEmpty(v)) write(v, depth + 1, first === indent ? itemLeadAt(depth) : `${first}- `);
        else {
          out.push(first, '- ');
          pushScalarTo(out, v, depth);
        }
        first = indent;
      }
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key of orderedKeys(record, compare)) {
      const v = record[key];
      if (v === undefined) continue;
      // Scalars first: most values are, and they need neither the `instanceof` nor the emptiness test.
      if (!isContainer(v)) {
        out.push(first, keyBeforeScalar(key));
        pushScalarTo(out, v, depth);
      } else if (v instanceof WrittenYaml) {
        if (v.depth !== depth + 1) throw new Error(`a block written at depth ${v.depth} placed at depth ${depth + 1}`);
        out.push(first, keyBeforeContainer(key), v.text);
      } else if (!isEmpty(v)) {
        out.push(first, keyBeforeContainer(key));
        write(v, depth + 1, indentAt(depth + 1));
      } else {
        out.push(first, keyBeforeScalar(key));
        pushScalarTo(out, v, depth);
      }
      first = indent;
    }
  };
  if (value instanceof WrittenYaml) throw new Error('a written block is only a value of a mapping');
  if (startDepth > 0) write(value as object, startDepth, indentAt(startDepth));
  else if (isContainer(value) && !isEmpty(value)) write(value, 0, '');
  else out.push(isContainer(value) ? (Array.isArray(value) ? '[]' : '{}') : scalar(value), '\n');
  return out.join('');
}
