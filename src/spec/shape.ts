import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { closest } from '../units/suggest.js';
import type { PositionIndex } from './yaml.js';

/**
 * Shape validation: the zod schema's issues become positioned diagnostics,
 * with the keys the object does accept as "did you mean" candidates.
 */

type Path = readonly PropertyKey[];

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** Strip wrappers (optional, nullable, default, lazy, pipe) down to the schema that does the work. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (def.innerType && (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly' || def.type === 'nonoptional' || def.type === 'catch' || def.type === 'prefault')) {
      current = def.innerType;
    } else if (def.type === 'lazy' && def.getter) {
      current = def.getter();
    } else if (def.type === 'pipe' && def.in) {
      current = def.in;
    } else {
      return current;
    }
  }
  return current;
}

/** The schema one step down from `option` (an object, record or array) at `key`, if any. */
function childSchema(option: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  const def = defOf(option);
  if (def.type === 'object' && def.shape && typeof key === 'string') return def.shape[key];
  if (def.type === 'record') return def.valueType;
  if (def.type === 'array' && typeof key === 'number') return def.element;
  return undefined;
}

/** The object schemas that could describe the value at `path` (several for unions). */
function objectSchemasAt(root: z.ZodType, path: Path): z.ZodType[] {
  let candidates = [unwrap(root)];
  for (const key of path) {
    candidates = candidates.flatMap(expandUnions).flatMap((option) => {
      const child = childSchema(option, key);
      return child ? [unwrap(child)] : [];
    });
  }
  return candidates.flatMap(expandUnions).filter((s) => defOf(s).type === 'object');
}

function expandUnions(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.type === 'union' && def.options) return def.options.map(unwrap).flatMap(expandUnions);
  return [schema];
}

function knownKeys(root: z.ZodType, path: Path): string[] {
  const keys = new Set<string>();
  for (const schema of objectSchemasAt(root, path)) for (const key of Object.keys(defOf(schema).shape ?? {})) keys.add(key);
  return [...keys];
}

function describeExpected(schema: z.ZodType | undefined): string | undefined {
  if (!schema) return undefined;
  const meta = (schema as unknown as { meta?: () => Record<string, unknown> | undefined }).meta?.();
  if (meta && typeof meta['description'] === 'string') {
    const examples = Array.isArray(meta['examples']) ? (meta['examples'] as unknown[]).slice(0, 3).map((e) => `\`${String(e)}\``).join(', ') : '';
    const title = typeof meta['title'] === 'string' ? `a ${meta['title']}` : undefined;
    if (title && examples) return `${title}, e.g. ${examples}`;
  }
  return undefined;
}

function schemaAt(root: z.ZodType, path: Path): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const key of path) {
    if (!current) return undefined;
    current = expandUnions(unwrap(current))
      .map((option) => childSchema(option, key))
      .find((child) => child !== undefined);
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text \`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `\`${value}\``;
  return typeof value;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const EXPECTED_TYPE: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: '`true` or `false`',
  object: 'a mapping (`key: value` lines)',
  array: 'a list (`- item` lines)',
  record: 'a mapping of names to entries',
};

/**
 * Validate `data` against `schema`; every issue becomes a diagnostic at the
 * offending key or value. `where` names the section for messages.
 */
export interface ShapeResult {
  diagnostics: Diagnostic[];
  /** The data path of every problem, so that callers can set the broken parts aside. */
  issuePaths: (string | number)[][];
  /** Paths of unknown keys (the key last): stripping them leaves the rest usable. */
  unknownKeyPaths: (string | number)[][];
}

export function validateShape(schema: z.ZodType, data: unknown, index: PositionIndex, root: unknown, basePath: Path = []): ShapeResult {
  const result = schema.safeParse(data);
  if (result.success) return { diagnostics: [], issuePaths: [], unknownKeyPaths: [] };
  const diagnostics: Diagnostic[] = [];
  const push = (issue: z.core.$ZodIssue, path: Path, part: 'key' | 'value') => {
    const fullPath = [...basePath, ...path].map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
    const at = index.spanAt(root, fullPath, part);
    const value = valueAt(data, path);
    const where = fullPath.length ? `\`${fullPath.join('.')}\`` : 'the spec';
    switch (issue.code) {
      case 'unrecognized_keys':
        break; // handled by the caller loop, one diagnostic per key
      case 'invalid_type': {
        if (value === undefined) {
          const parentPath = fullPath.slice(0, -1);
          const parentSpan = index.spanAt(root, parentPath, 'key');
          const expected = describeExpected(schemaAt(schema, path)) ?? EXPECTED_TYPE[issue.expected] ?? issue.expected;
          diagnostics.push({
            code: 'missing-key',
            severity: 'error',
            message: `${parentPath.length ? `\`${parentPath.join('.')}\`` : 'the spec'} needs \`${String(fullPath[fullPath.length - 1])}\``,
            at: parentSpan ?? at,
            expected: `\`${String(fullPath[fullPath.length - 1])}:\` with ${expected}`,
          });
          return;
        }
        const expected = EXPECTED_TYPE[issue.expected] ?? issue.expected;
        diagnostics.push({
          code: 'wrong-type',
          severity: 'error',
          message: `${where} is ${typeName(value)}, but must be ${expected}`,
          at,
          expected: describeExpected(schemaAt(schema, path)) ?? expected,
          hint: typeof value === 'number' && issue.expected === 'int' ? 'use a whole number' : undefined,
        });
        return;
      }
      case 'invalid_union': {
        const expected = describeExpected(schemaAt(schema, path));
        diagnostics.push({
          code: 'wrong-type',
          severity: 'error',
          message: `${where} is ${typeName(value)}, which is none of the accepted forms`,
          at,
          expected: expected ?? unionForms(schemaAt(schema, path)),
        });
        return;
      }
      case 'invalid_value': {
        const allowed = issue.values.map((v) => String(v));
        if (value === undefined) {
          const parentPath = fullPath.slice(0, -1);
          const key = String(fullPath[fullPath.length - 1]);
          diagnostics.push({
            code: 'missing-key',
            severity: 'error',
            message: `${parentPath.length ? `\`${parentPath.join('.')}\`` : 'the spec'} needs \`${key}\``,
            at: index.spanAt(root, parentPath, 'key') ?? at,
            expected: `\`${key}:\` with ${allowed.length === 1 ? `\`${allowed[0]}\`` : `one of ${allowed.map((v) => `\`${v}\``).join(', ')}`}`,
          });
          return;
        }
        const hint = typeof value === 'string' ? closest(value, allowed) : undefined;
        diagnostics.push({
          code: 'bad-value',
          severity: 'error',
          message: `${where} is ${typeName(value)}, which is not one of the accepted values`,
          at,
          expected: allowed.map((v) => `\`${v}\``).join(', '),
          hint: hint ? `did you mean \`${hint}\`?` : undefined,
        });
        return;
      }
      case 'too_small':
      case 'too_big': {
        const bound = 'minimum' in issue ? issue.minimum : 'maximum' in issue ? issue.maximum : undefined;
        diagnostics.push({
          code: 'out-of-range',
          severity: 'error',
          message: `${where} is ${typeName(value)}, which is ${issue.code === 'too_small' ? 'below the minimum' : 'above the maximum'} of ${String(bound)}`,
          at,
          expected: `a value ${issue.code === 'too_small' ? '≥' : '≤'} ${String(bound)}`,
        });
        return;
      }
      case 'invalid_format':
        diagnostics.push({ code: 'bad-format', severity: 'error', message: `${where} is ${typeName(value)}, which is not in the expected format`, at, expected: 'pattern' in issue && issue.pattern ? `text matching ${String(issue.pattern)}` : issue.format });
        return;
      default:
        diagnostics.push({ code: 'invalid', severity: 'error', message: `${where}: ${issue.message}`, at });
    }
  };

  const pathOf = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
  const issuePaths = result.error.issues.filter((issue) => issue.code !== 'unrecognized_keys').map((issue) => pathOf(issue.path));
  const unknownKeyPaths = result.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...pathOf(issue.path), key]) : []));
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const candidates = knownKeys(schema, issue.path);
      for (const key of issue.keys) {
        const fullPath = [...basePath, ...issue.path, key].map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
        const suggestion = closest(key, candidates);
        diagnostics.push({
          code: 'unknown-key',
          severity: 'error',
          message: `unknown key \`${key}\`${issue.path.length ? ` in \`${[...basePath, ...issue.path].map(String).join('.')}\`` : ''}`,
          at: index.spanAt(root, fullPath, 'key'),
          expected: candidates.length ? `one of ${candidates.map((c) => `\`${c}\``).join(', ')}` : undefined,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : undefined,
        });
      }
      continue;
    }
    push(issue, issue.path, 'value');
  }
  return { diagnostics, issuePaths, unknownKeyPaths };
}

function unionForms(schema: z.ZodType | undefined): string | undefined {
  if (!schema) return undefined;
  const forms = expandUnions(unwrap(schema)).map((option) => {
    const def = defOf(option);
    if (def.type === 'object') return `a mapping with ${Object.keys(def.shape ?? {}).map((k) => `\`${k}\``).join(', ')}`;
    if (def.type === 'literal') return `\`${String((def as unknown as { values: unknown[] }).values[0])}\``;
    return EXPECTED_TYPE[def.type] ?? def.type;
  });
  return forms.join(', or ');
}
