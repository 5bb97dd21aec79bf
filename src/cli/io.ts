export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: Io['env'], flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true;
}

/** A usage mistake: the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {}
