/**
 * Whether a program can be found on PATH, looked up as the child process would look it up
 * (libuv's execvp: PATH from the environment given to the child, `/usr/bin:/bin` when it has
 * none, an empty entry meaning the working directory, the first regular file with execute
 * permission). Asking first spares a fork for every tool the host lacks: Node forks the whole
 * process and waits for the child's `exec` on the main thread (3–5 ms each here), and a host
 * being preflighted before it is provisioned lacks many.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';

/** glibc's and libuv's search path when the environment has no PATH. */
const DEFAULT_PATH = '/usr/bin:/bin';

/** False when no PATH entry holds an executable `file`; true for a name with a slash, which is not searched for (the child runs that file and says what went wrong). */
export function programFound(file: string, path: string | undefined): boolean {
  if (file.includes('/')) return true;
  for (const dir of (path ?? DEFAULT_PATH).split(':')) {
    if (isExecutableFile(dir === '' ? file : join(dir, file))) return true;
  }
  return false;
}

function isExecutableFile(candidate: string): boolean {
  try {
    // Most entries of PATH lack the program: no exception built for those.
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile() !== true) return false;
    accessSync(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
