import { compileSpec, type CompileResult } from './compile.js';
import type { SpecInput } from './schema.js';

/**
 * The spec written in TypeScript: `defineSystem` only types it (editors
 * complete every key); `compileSystem` validates and normalizes it through the
 * same path as YAML, with positions in its JSON form.
 */
export function defineSystem<const T extends SpecInput>(spec: T): T {
  return spec;
}

export function compileSystem(spec: SpecInput, name = 'spec.ts'): CompileResult {
  const text = JSON.stringify(spec, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2);
  const bytes = new TextEncoder().encode(text);
  return compileSpec(name, (path) => (path === name ? { ok: true, bytes } : { ok: false, message: `\`${path}\` cannot be included from a TypeScript spec` }), (_from, relative) => relative);
}
