import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compileSpec, type CompileResult } from './compile.js';

/**
 * The I/O edge of spec loading: a path (file, or directory holding
 * `infraspec.yaml`) to a compiled spec. Everything past reading bytes is pure.
 */
export const SPEC_FILE_NAME = 'infraspec.yaml';

export function resolveSpecPath(pathArgument: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, pathArgument);
  try {
    if (statSync(absolute).isDirectory()) return join(absolute, SPEC_FILE_NAME);
  } catch {
    // Not there: compileSpec reports it with the path the user gave.
  }
  return absolute;
}

export function loadSpec(pathArgument: string, cwd: string = process.cwd()): CompileResult {
  const entry = resolveSpecPath(pathArgument, cwd);
  return compileSpec(
    entry,
    (path) => {
      try {
        if (statSync(path).isDirectory()) return { ok: false, message: `\`${path}\` is a directory without an ${SPEC_FILE_NAME}` };
        return { ok: true, bytes: readFileSync(path) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { ok: false, message: code === 'ENOENT' ? `no spec at \`${path}\`` : `cannot read \`${path}\`: ${(error as Error).message}` };
      }
    },
    (from, relative) => resolve(dirname(from), relative),
  );
}
