import type { Version } from '../../units/version.js';
import type { RunContext } from '../types.js';
import type { SoftwareAdapter } from './types.js';

export type SoftwareFound =
  | { found: false; tried: readonly string[]; timedOut: boolean }
  | { found: true; binary: string; version: Version | null; output: string; exitCode: number | null };

/**
 * Runs the adapter's programs in order until one exists (execFile, argument array,
 * the context's timeout). A program that runs but exits non-zero still counts as found:
 * `nginx -v` and old tools answer on stderr, some with a non-zero code.
 */
export function measureSoftware(ctx: RunContext, adapter: SoftwareAdapter): Promise<SoftwareFound> {
  return ctx.memo(`software:${adapter.binaries.join(',')}:${adapter.args.join(' ')}`, async () => {
    let timedOut = false;
    for (const binary of adapter.binaries) {
      const result = await ctx.exec(binary, [...adapter.args]);
      if (result.error === 'not-found') continue;
      if (result.error === 'timeout') {
        timedOut = true;
        continue;
      }
      const output = `${result.stdout}${result.stderr}`.trim();
      return { found: true as const, binary, version: adapter.parse(result.stdout, result.stderr), output, exitCode: result.code };
    }
    return { found: false as const, tried: adapter.binaries, timedOut };
  });
}
