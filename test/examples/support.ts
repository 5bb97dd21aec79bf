import { execFileSync } from 'node:child_process';
import { ROOT } from '../helpers.js';

/**
 * Shared by the example tests: a runner for the built CLI, accessors for the plan's JSON and the
 * units the hand arithmetic is written in.
 */

export interface Run {
  code: number;
  stdout: string;
}

/** Run `bin/infraspec.js` from the repository root; a non-zero exit is a result, not a throw. */
export function run(args: string[]): Run {
  try {
    return { code: 0, stdout: execFileSync(process.execPath, ['bin/infraspec.js', ...args], { cwd: ROOT, encoding: 'utf8' }) };
  } catch (error) {
    const failed = error as { status?: number | null; stdout?: string };
    return { code: failed.status ?? -1, stdout: failed.stdout ?? '' };
  }
}

/** `plan <spec> --json`: its exit code and its output, parsed (when first read). */
export function runPlan(spec: string): { code: number; readonly json: unknown } {
  const result = run(['plan', spec, '--json']);
  return {
    code: result.code,
    get json(): unknown {
      return JSON.parse(result.stdout) as unknown;
    },
  };
}

/** Integers may be emitted as JSON numbers or as decimal strings; compare them exactly. */
export function big(value: unknown): bigint {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') return BigInt(value);
  throw new Error(`not an integer: ${JSON.stringify(value)}`);
}

export type Json = Record<string, unknown>;

/** The value at `path` inside parsed JSON (throws when a step is missing). */
export function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) throw new Error(`no \`${path.join('.')}\` (missing ${key})`);
    current = (current as Json)[key];
  }
  return current;
}

/** The list at `path` inside parsed JSON (throws when it is missing or not a list). */
export function list(value: unknown, ...path: string[]): Json[] {
  const found = get(value, ...path);
  if (!Array.isArray(found)) throw new Error(`\`${path.join('.')}\` is not a list`);
  return found as Json[];
}

/** The phase called `name` (throws when there is none). */
export function phaseNamed<P extends object>(phases: readonly P[], name: string): P {
  const found = phases.find((p) => (p as { name?: unknown }).name === name);
  if (!found) throw new Error(`no phase ${name}`);
  return found;
}

/** Byte units, exact: SI (10^3n) and binary (2^10n). */
export const MB = 1_000_000n;
export const GB = 1_000_000_000n;
export const TB = 1_000n * GB;
export const Gi = 1024n ** 3n;
export const GiB = Gi;

/** The same units as plain numbers, for tests whose plan types hold numbers. */
export const NUMBER = { MB: 1e6, GB: 1e9, Mi: 1024 ** 2, Gi: 1024 ** 3 } as const;
