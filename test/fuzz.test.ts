import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../src/diagnostics.js';
import { compileSpec, type CompileResult } from '../src/spec/compile.js';
import { locate } from '../src/spec/source.js';

/**
 * Fuzzing the spec front end: whatever bytes arrive, `compileSpec` never throws and
 * always answers — a model without errors, or at least one error — and every
 * diagnostic points at a real place in the file. The CLI, on a sample, exits 0 or 2
 * with `file:line:col` and never a stack trace.
 *
 * Runs are seeded (FUZZ_SEED, default below) so a failure reproduces; set
 * FUZZ_SEED=random to explore, and FUZZ_SCALE=10 for a longer run.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = process.env['FUZZ_SEED'] === 'random' ? Date.now() % 2 ** 31 : Number(process.env['FUZZ_SEED'] ?? 20261123);
const SCALE = Number(process.env['FUZZ_SCALE'] ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

const EXAMPLE_DIR = join(ROOT, 'examples');
const EXAMPLES: { name: string; text: string }[] = readdirSync(EXAMPLE_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    try {
      return [{ name: d.name, text: readFileSync(join(EXAMPLE_DIR, d.name, 'infraspec.yaml'), 'utf8') }];
    } catch {
      return [];
    }
  });

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);

/** Cases run per property, for the summary printed at the end. */
const counted: Record<string, number> = {};

const FILE = 'fuzz.yaml';

function compile(bytes: Uint8Array): CompileResult {
  return compileSpec(FILE, () => ({ ok: true, bytes }), (_from, relative) => relative);
}

/** The property every input must satisfy; throws (for fast-check to shrink) when it does not. */
function checkAnswer(bytes: Uint8Array, label: string): CompileResult {
  counted[label] = (counted[label] ?? 0) + 1;
  let result: CompileResult;
  try {
    result = compile(bytes);
  } catch (error) {
    throw new Error(`compileSpec threw: ${(error as Error).stack ?? String(error)}`);
  }
  const { model, diagnostics, files } = result;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (model === null && errors.length === 0) throw new Error(`no model and no error diagnostic (diagnostics: ${JSON.stringify(diagnostics.map((d) => d.code))})`);
  if (model !== null && errors.length > 0) throw new Error(`a model together with errors: ${errors.map((d) => d.code).join(', ')}`);
  for (const d of diagnostics) {
    const where = `diagnostic ${d.code} (${d.message})`;
    if (typeof d.code !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(d.code)) throw new Error(`${where}: bad code ${JSON.stringify(d.code)}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') throw new Error(`${where}: empty message`);
    if (d.severity !== 'error' && d.severity !== 'warning') throw new Error(`${where}: bad severity`);
    if (!d.at) throw new Error(`${where}: no position`);
    const { file, start, end } = d.at;
    if (!files.includes(file) || file.path !== FILE) throw new Error(`${where}: position in an unknown file ${file?.path}`);
    if (!Number.isInteger(start) || !Number.isInteger(end)) throw new Error(`${where}: non-integer span ${start}..${end}`);
    if (!(start >= 0 && start <= end && end <= file.text.length)) throw new Error(`${where}: span ${start}..${end} outside 0..${file.text.length}`);
    const loc = locate(d.at);
    if (loc.line < 1 || loc.column < 1) throw new Error(`${where}: location ${loc.line}:${loc.column}`);
  }
  // Rendering (what the CLI prints) must not throw either.
  renderDiagnostics(diagnostics, { color: false });
  return result;
}

/**
 * Failures by kind (message without the variable parts, plus the top stack frame),
 * keeping the shortest input of each: all distinct problems are reported at once,
 * not only the first one.
 */
interface Failure {
  label: string;
  message: string;
  input: Uint8Array;
  count: number;
}

function signature(error: Error): string {
  const frame = /\n\s+at [^\n]*/.exec(error.message)?.[0]?.trim() ?? '';
  const first = error.message.split('\n')[0]!.replace(/\(.*\)/, '(…)').replace(/\d+/g, 'N').replace(/`[^`]*`/g, '`…`');
  return `${first} ${frame}`;
}

function describeInput(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return JSON.stringify(text.length > 600 ? `${text.slice(0, 600)}…(${text.length} chars)` : text);
}

/** Reports of the properties run so far in the current test (all run, then the test fails once). */
let pending: string[] = [];

function assertNoFailures(): void {
  const reports = pending;
  pending = [];
  if (reports.length) throw new Error(reports.join('\n\n'));
}

function property<T>(label: string, arbitrary: fc.Arbitrary<T>, toBytes: (value: T) => Uint8Array, numRuns: number): void {
  const failures = new Map<string, Failure>();
  fc.assert(
    fc.property(arbitrary, (value) => {
      const bytes = toBytes(value);
      try {
        checkAnswer(bytes, label);
      } catch (error) {
        const key = signature(error as Error);
        const seen = failures.get(key);
        if (!seen) failures.set(key, { label, message: (error as Error).message, input: bytes, count: 1 });
        else {
          seen.count++;
          if (bytes.length < seen.input.length) Object.assign(seen, { input: bytes, message: (error as Error).message });
        }
      }
    }),
    { numRuns: runs(numRuns), seed: SEED },
  );
  const dump = process.env['FUZZ_DUMP'];
  if (dump) [...failures.values()].forEach((f, i) => writeFileSync(join(dump, `${label.replace(/\W+/g, '-')}-${i}.yaml`), f.input));
  if (failures.size) {
    const report = [...failures.values()].map((f) => `× ${f.count} case(s) like ${describeInput(f.input)}\n  ${f.message.split('\n').slice(0, 4).join('\n  ')}`);
    pending.push(`${label}: ${failures.size} distinct failure(s) in ${runs(numRuns)} cases (seed ${SEED})\n${report.join('\n')}`);
  }
}

// ───────────────────────────── building blocks ─────────────────────────────

const YAML_PUNCTUATION = [...':-?,[]{}#&*!|>\'"%@`~<=+.^$\\/ \t\n\n\n  \r'];
const yamlishChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...YAML_PUNCTUATION) },
  { weight: 3, arbitrary: fc.constantFrom(...'abcxyz019eE_') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0085', '\u2028', '\uFEFF', '\uFFFE', '\u00e9', '\ud83d\ude00', '\u0007') },
);

/** Lines that stress the loader when spliced into a real spec. */
const SPICY_LINES = [
  'cpu: 1e400',
  'memory: 99999999999999999999999999Gi',
  'replicas: -0',
  'replicas: .inf',
  'replicas: -.inf',
  'replicas: .nan',
  'replicas: 0x7fffffffffffffffff',
  'replicas: 0o777777777777777777777',
  'size: 1e999999999Gi',
  'size: -1Gi',
  'cpu: 0.0000000001m',
  'cpu: 1e-400',
  '<<: *nope',
  '<<: [*a, *b]',
  'base: &a { kind: service }',
  'copy: *a',
  '? [complex, key]',
  ': no key',
  '- stray item',
  'key: value: another',
  'key: "unterminated',
  "key: 'unterminated",
  'key: |',
  'key: >-',
  '---',
  '...',
  '%YAML 1.2',
  '%TAG ! tag:example.com,2000:',
  'tagged: !!binary aGVsbG8=',
  'tagged: !custom x',
  'tagged: !!int nope',
  'tagged: !!bool maybe',
  'tagged: !!map {}',
  'tagged: !!set { a }',
  '__proto__: { polluted: true }',
  'constructor: 1',
  'toString: 1',
  '"": empty',
  'null: 1',
  '~: 2',
  '\tkind: service',
  'kind:\tservice',
  '  # comment',
  '{',
  '[',
  '}',
  ']',
  '&',
  '*',
  '!',
  '&anchor',
  '*alias',
];

type Mutation =
  | { op: 'insertChar'; at: number; text: string }
  | { op: 'deleteChars'; at: number; length: number }
  | { op: 'replaceChar'; at: number; text: string }
  | { op: 'insertLine'; line: number; text: string; indent: number }
  | { op: 'deleteLine'; line: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'reindent'; line: number; delta: number }
  | { op: 'tabIndent'; line: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insertChar' as const), at: fc.nat(), text: fc.string({ unit: yamlishChar, minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant('deleteChars' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('replaceChar' as const), at: fc.nat(), text: fc.string({ unit: yamlishChar, minLength: 1, maxLength: 1 }) }),
  fc.record({ op: fc.constant('insertLine' as const), line: fc.nat(), text: fc.constantFrom(...SPICY_LINES), indent: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ op: fc.constant('deleteLine' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('reindent' as const), line: fc.nat(), delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('tabIndent' as const), line: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let current = text;
  for (const m of mutations) {
    const lines = current.split('\n');
    const lineAt = (n: number) => n % Math.max(1, lines.length);
    const pos = (n: number) => n % (current.length + 1);
    switch (m.op) {
      case 'insertChar':
        current = current.slice(0, pos(m.at)) + m.text + current.slice(pos(m.at));
        break;
      case 'deleteChars':
        current = current.slice(0, pos(m.at)) + current.slice(pos(m.at) + m.length);
        break;
      case 'replaceChar':
        current = current.slice(0, pos(m.at)) + m.text + current.slice(pos(m.at) + 1);
        break;
      case 'insertLine':
        lines.splice(lineAt(m.line), 0, ' '.repeat(m.indent) + m.text);
        current = lines.join('\n');
        break;
      case 'deleteLine':
        lines.splice(lineAt(m.line), 1);
        current = lines.join('\n');
        break;
      case 'swapLines': {
        const a = lineAt(m.a);
        const b = lineAt(m.b);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        current = lines.join('\n');
        break;
      }
      case 'duplicateLine': {
        const i = lineAt(m.line);
        lines.splice(i, 0, lines[i]!);
        current = lines.join('\n');
        break;
      }
      case 'reindent': {
        const i = lineAt(m.line);
        const line = lines[i]!;
        lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + line : line.replace(new RegExp(`^ {0,${-m.delta}}`), '');
        current = lines.join('\n');
        break;
      }
      case 'tabIndent': {
        const i = lineAt(m.line);
        lines[i] = lines[i]!.replace(/^( *)/, (spaces) => '\t'.repeat(Math.ceil(spaces.length / 2)));
        current = lines.join('\n');
        break;
      }
    }
  }
  return current;
}

/** A small valid spec; `${…}` holes are filled by the properties below. */
function template(v: Record<string, string>): string {
  const get = (key: string, fallback: string) => v[key] ?? fallback;
  return [
    'infraspec: 1',
    'system:',
    `  name: ${get('name', 'fuzz')}`,
    'roles:',
    '  node:',
    `    count: ${get('count', '2')}`,
    '    minimum:',
    `      cpu: ${get('roleCpu', '4 cores')}`,
    `      memory: ${get('roleMemory', '8GB')}`,
    'components:',
    '  api:',
    '    kind: service',
    '    resources:',
    `      requests: { cpu: ${get('cpu', '250m')}, memory: ${get('memory', '128Mi')} }`,
    `      limits: { cpu: ${get('limitCpu', '1')}, memory: ${get('limitMemory', '1Gi')} }`,
    `    replicas: ${get('replicas', '{ min: 1, max: 3 }')}`,
    `    ports: [{ port: ${get('port', '8080')} }]`,
    '    placement: { role: node }',
    '    flows: [{ to: db }]',
    '  db:',
    '    kind: datastore',
    '    volumes:',
    `      - { name: data, size: ${get('size', '20Gi')}, growth: ${get('growth', '+1GB/month')} }`,
    'backups:',
    '  db-full:',
    '    of: db/data',
    '    type: full',
    `    size: ${get('backupSize', '5GB')}`,
    `    retention: ${get('retention', '30d')}`,
    'phases:',
    '  one:',
    '    targets:',
    `      users: ${get('users', '1000')}`,
    '    stated:',
    `      - { figure: cpuRequests, value: "${get('stated', '~0.75 cores')}" }`,
    'usage:',
    `  bw: { per: users, rate: ${get('rate', '65MB/user/month')} }`,
    '',
  ].join('\n');
}

// ────────────────────────────────── tests ──────────────────────────────────

describe('fuzz: compileSpec never throws and always answers with positions', () => {
  it('the template and the examples compile cleanly (the fuzz starts from valid input)', () => {
    expect(EXAMPLES.length).toBeGreaterThan(0);
    for (const { name, text } of [{ name: 'template', text: template({}) }, ...EXAMPLES]) {
      const result = checkAnswer(utf8(text), 'seeds');
      expect(result.diagnostics.filter((d) => d.severity === 'error'), name).toEqual([]);
    }
  });

  it('random YAML-ish text', () => {
    property('random text', fc.string({ unit: yamlishChar, maxLength: 120 }), utf8, 3000);
    // Longer, line-structured text: keys, indentation and flow punctuation.
    const line = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.string({ unit: yamlishChar, maxLength: 30 })).map(([indent, body]) => ' '.repeat(indent) + body);
    property('random lines', fc.array(line, { maxLength: 30 }).map((lines) => lines.join('\n')), utf8, 1500);
    assertNoFailures();
  });

  it('mutations of the real example files', () => {
    property(
      'example mutations',
      fc.record({ example: fc.constantFrom(...EXAMPLES), mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }) }),
      ({ example, mutations }) => utf8(mutate(example.text, mutations)),
      2500,
    );
    property('template mutations', fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => utf8(mutate(template({}), mutations)), 1000);
    assertNoFailures();
  });

  it('deep nesting (to depth 400)', () => {
    const depth = fc.integer({ min: 1, max: 400 });
    const nested = fc.oneof(
      depth.map((d) => '['.repeat(d) + ']'.repeat(d)),
      depth.map((d) => '['.repeat(d) + ']'.repeat(Math.max(0, d - 1))), // unbalanced
      depth.map((d) => 'a: '.concat('{a: '.repeat(d), '1', '}'.repeat(d))),
      depth.map((d) => '{a: '.repeat(d) + '1' + '}'.repeat(d)),
      depth.map((d) => Array.from({ length: d }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1'),
      depth.map((d) => Array.from({ length: d }, (_, i) => `${' '.repeat(2 * i)}- `).join('\n') + 'x'),
      depth.map((d) => '- '.repeat(d) + 'x'),
      depth.map((d) => `${'&a '.repeat(1)}${'['.repeat(d)}*a${']'.repeat(d)}`),
      depth.map((d) => template({ replicas: '{min: '.repeat(d) + '1' + '}'.repeat(d) })),
      depth.map((d) => template({ cpu: '['.repeat(d) + '1' + ']'.repeat(d) })),
    );
    property('deep nesting', nested, utf8, 700);
    assertNoFailures();
  });

  it('huge, tiny and special numbers in every unit-bearing field', () => {
    const numberText = fc.oneof(
      fc.constantFrom('1e400', '-1e400', '1e-400', '99999999999999999999999999Gi', '99999999999999999999999999', '-0', '-0.0', '.inf', '-.inf', '.nan', '.NaN', '0x', '0x1F', '0o17', '0b101', '1_000', '1,000', '1e3', '1E+3', '+1', '--1', '1..2', '.5', '5.', '1e', 'e1', '0.0000000000000000000001m', '1e999999999', '1e-999999999', '9'.repeat(400), `1${'0'.repeat(400)}Ki`, '1.5Gi', '2 GB', '1 TiB', '~5GB', '5GB+', '$1e400/month', '1e400ms', '1e400d', 'NaN', 'Infinity', '1/0', '0/0'),
      fc.double().map((x) => String(x)),
      fc.bigInt().map((x) => x.toString()),
      fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.constantFrom('', 'm', 'Mi', 'Gi', 'GB', 'e3', 'e400', ' cores', 'k', 'Ei', 'EB', '/month', '%')).map(([n, unit]) => `${n}${unit}`),
    );
    const FIELDS = ['count', 'roleCpu', 'roleMemory', 'cpu', 'memory', 'limitCpu', 'limitMemory', 'replicas', 'port', 'size', 'growth', 'backupSize', 'retention', 'users', 'stated', 'rate'];
    property(
      'special numbers',
      fc.dictionary(fc.constantFrom(...FIELDS), numberText, { minKeys: 1, maxKeys: 4 }),
      (values) => utf8(template(values)),
      900,
    );
    assertNoFailures();
  });

  it('anchors, aliases and merge keys (recursive, forward, merged, bombs)', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'd');
    const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('1', 'x', 'null', '250m', '"q"'),
        name.map((n) => `*${n}`),
        fc.tuple(name, tie('node')).map(([n, v]) => `&${n} ${v}`),
        fc.array(tie('node'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
        fc.array(fc.tuple(fc.constantFrom('k', 'kind', '<<', 'cpu', 'k'), tie('node')), { maxLength: 4 }).map((entries) => `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      ),
    })).node;
    const document = fc.array(fc.tuple(fc.constantFrom('x', 'y', 'z', '<<', 'components', 'system', 'infraspec'), node), { minLength: 1, maxLength: 6 }).map((entries) => entries.map(([k, v]) => `${k}: ${v}`).join('\n'));
    property('aliases', document, utf8, 900);

    // Merge keys inside a real spec: defaults shared by components.
    const merge = fc.tuple(fc.constantFrom('*defaults', '[*defaults, *defaults]', '*scalar', '[*scalar]', '*list', '{ kind: worker }', '5', '*missing', '[]', '*defaults\n    <<: *defaults'), fc.boolean()).map(
      ([source, override]) =>
        [
          'infraspec: 1',
          'system: { name: merged }',
          'x-defaults: &defaults { kind: service, replicas: 2, resources: { requests: { cpu: 100m } } }',
          'x-scalar: &scalar 1',
          'x-list: &list [1, 2]',
          'components:',
          '  api:',
          `    <<: ${source}`,
          override ? '    kind: worker' : '    description: merged',
          '',
        ].join('\n'),
    );
    property('merge keys', merge, utf8, 100);

    // Alias fan-out: n anchors, each a list of k aliases to the previous one.
    const bomb = fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.boolean()).map(([levels, fanout, asSpec]) => {
      const lines = ['l0: &l0 [x, x]'];
      for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: fanout }, () => `*l${i - 1}`).join(', ')}]`);
      if (asSpec) lines.unshift('infraspec: 1', 'system: { name: bomb }'), lines.push(`components: { api: { kind: service, flows: *l${levels} } }`);
      return lines.join('\n');
    });
    property('alias fan-out', bomb, utf8, 300);
    assertNoFailures();
  });

  it('aliases that multiply shape errors (a 4 KB file, 130,000 issues) are answered, not thrown', () => {
    // Each `*s` is a checklist section whose 1,000 items are numbers, not text: the alias
    // budget (1M nodes) lets this through, and every item becomes a diagnostic.
    const items = `[${Array.from({ length: 1000 }, () => '1').join(', ')}]`;
    const text = ['infraspec: 1', 'system: { name: amplified }', `x-items: &items ${items}`, 'x-section: &s { section: x, items: *items }', `checklist: [${Array.from({ length: 130 }, () => '*s').join(', ')}]`, ''].join('\n');
    const started = performance.now();
    property('alias amplification', fc.constant(text), utf8, 1);
    assertNoFailures();
    expect(performance.now() - started).toBeLessThan(30_000); // sanity bound only
  });

  it('duplicate keys and tabs', () => {
    const key = fc.constantFrom('infraspec', 'system', 'components', 'kind', 'name', 'api', 'cpu', '__proto__', '"kind"', "'kind'", 'kind ', '? kind');
    const duplicated = fc.tuple(fc.array(fc.tuple(key, fc.constantFrom('1', 'service', '{}', '[]', '')), { minLength: 2, maxLength: 6 }), fc.boolean()).map(([entries, nested]) => {
      const body = entries.map(([k, v]) => `${nested ? '  ' : ''}${k}: ${v}`).join('\n');
      return nested ? `infraspec: 1\nsystem: { name: dup }\ncomponents:\n  api:\n    kind: service\n  api2:\n${body.replace(/^/gm, '  ')}` : body;
    });
    property('duplicate keys', duplicated, utf8, 400);
    const tabs = fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(fc.nat(), { minLength: 1, maxLength: 5 })).map(([example, at]) => {
      let text = example.text;
      for (const n of at) {
        const i = n % (text.length + 1);
        text = text.slice(0, i) + '\t' + text.slice(i);
      }
      return text;
    });
    property('tabs', tabs, utf8, 400);
    assertNoFailures();
  });

  it('bytes that are not UTF-8 (and BOMs)', () => {
    property('random bytes', fc.uint8Array({ maxLength: 400 }), (b) => b, 1000);
    const BAD = [
      [0xe9], // latin-1 é
      [0x80], // lone continuation
      [0xbf, 0xbf],
      [0xc0, 0x80], // overlong NUL
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf5],
      [0xff, 0xfe], // UTF-16 LE BOM
      [0xfe, 0xff],
      [0xc3], // truncated é
      [0xe2, 0x82], // truncated €
      [0xef, 0xbb, 0xbf], // a second BOM
      [0x00],
    ];
    const corrupted = fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BAD)), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([example, inserts, bom]) => {
      let bytes = Array.from(utf8(example.text));
      for (const [n, seq] of inserts) {
        const i = n % (bytes.length + 1);
        bytes = [...bytes.slice(0, i), ...seq, ...bytes.slice(i)];
      }
      return new Uint8Array(bom ? [0xef, 0xbb, 0xbf, ...bytes] : bytes);
    });
    property('corrupted examples', corrupted, (b) => b, 600);
    const bomGarbage = fc.uint8Array({ maxLength: 200 }).map((garbage) => new Uint8Array([0xef, 0xbb, 0xbf, ...garbage]));
    property('BOM then garbage', bomGarbage, (b) => b, 300);
    assertNoFailures();
  });

  it('billion laughs is refused as alias-bomb, fast', () => {
    const lol = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
      '',
    ].join('\n');
    for (const prefix of ['', 'infraspec: 1\nsystem: { name: lol }\n']) {
      const started = performance.now();
      const result = checkAnswer(utf8(prefix + lol), 'billion laughs');
      const ms = performance.now() - started;
      expect(result.model).toBeNull();
      expect(result.diagnostics.map((d) => d.code)).toContain('alias-bomb');
      expect(ms).toBeLessThan(5000); // sanity bound only; it takes milliseconds
    }
  });
});

describe('fuzz: the CLI exits 0 or 2 with positions, never a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on a sample of mutated examples and random bytes', () => {
    const cases = [
      ...fc.sample(fc.record({ example: fc.constantFrom(...EXAMPLES), mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }) }).map(({ example, mutations }) => utf8(mutate(example.text, mutations))), { numRuns: runs(20), seed: SEED }),
      ...fc.sample(fc.uint8Array({ maxLength: 200 }), { numRuns: runs(5), seed: SEED }),
      utf8('['.repeat(300)),
      utf8('a: &a [*a]'),
      new Uint8Array([0xef, 0xbb, 0xbf, 0xe9, 0x0a]),
      utf8(''),
      utf8(template({ cpu: '1e400', memory: '99999999999999999999999999Gi' })),
    ];
    const file = join(dir, FILE);
    const failures: string[] = [];
    for (const bytes of cases) {
      writeFileSync(file, bytes);
      const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'infraspec.js'), 'validate', FILE], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
      counted['cli'] = (counted['cli'] ?? 0) + 1;
      const problems: string[] = [];
      if (result.status !== 0 && result.status !== 2) problems.push(`exit ${result.status}${result.signal ? ` (${result.signal})` : ''}`);
      if (/^ {4}at /m.test(result.stderr)) problems.push('a stack trace');
      if (/internal error/i.test(result.stderr)) problems.push('an internal error');
      if (result.status === 2 && !/fuzz\.yaml:\d+:\d+/.test(result.stderr)) problems.push('no fuzz.yaml:LINE:COL');
      if (problems.length) failures.push(`${problems.join(', ')} for ${describeInput(bytes)}\n  stderr: ${result.stderr.split('\n').slice(0, 3).join('\n  ')}`);
    }
    expect(failures, `${failures.length} of ${cases.length} CLI runs misbehaved`).toEqual([]);
  });
});

afterAll(() => {
  const total = Object.values(counted).reduce((a, b) => a + b, 0);
  // eslint-disable-next-line no-console
  console.log(`fuzz cases (seed ${SEED}): ${total} total\n${Object.entries(counted).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
});
