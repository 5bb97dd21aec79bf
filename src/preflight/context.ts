/**
 * The one place preflight touches the host: programs run with execFile and an argument
 * array (never a shell), files read as text, every call bounded by a timeout and the
 * run's abort signal.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { statPath, statFilesystem } from './host/fs.js';
import { programFound } from './host/which.js';
import type { ExecResult, RunContext } from './types.js';

export interface RunContextOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  signal?: AbortSignal;
  offline?: boolean;
}

const NOT_FOUND: ExecResult = Object.freeze({ code: null, stdout: '', stderr: '', error: 'not-found' });

/** Output beyond this is cut: version banners and `dpkg-query` listings fit well within it. */
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

export function createRunContext(options: RunContextOptions = {}): RunContext {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 5000;
  const signal = options.signal ?? new AbortController().signal;
  const memos = new Map<string, Promise<unknown>>();
  // Whether each program is on PATH, asked once: a program that is not is not forked for (host/which.ts).
  const found = new Map<string, boolean>();
  const isFound = (file: string): boolean => {
    let known = found.get(file);
    if (known === undefined) {
      known = programFound(file, env['PATH']);
      found.set(file, known);
    }
    return known;
  };
  return {
    env,
    timeoutMs,
    signal,
    offline: options.offline ?? false,
    exec: (file, args, opts) => (isFound(file) ? run(file, args, { env, timeoutMs: opts?.timeoutMs ?? timeoutMs, signal }) : Promise.resolve(NOT_FOUND)),
    readText: async (path) => {
      try {
        return await readFile(path, { encoding: 'utf8', signal });
      } catch {
        return null;
      }
    },
    stat: statPath,
    statfs: statFilesystem,
    memo: <T>(key: string, compute: () => Promise<T>): Promise<T> => {
      let found = memos.get(key) as Promise<T> | undefined;
      if (found === undefined) {
        found = compute();
        memos.set(key, found);
      }
      return found;
    },
  };
}

function run(file: string, args: string[], options: { env: Record<string, string | undefined>; timeoutMs: number; signal: AbortSignal }): Promise<ExecResult> {
  return new Promise((resolve) => {
    if (options.signal.aborted) {
      resolve({ code: null, stdout: '', stderr: '', error: 'timeout' });
      return;
    }
    // LC_ALL=C: tools print their version banners and numbers in one stable form.
    const env = { ...options.env, LC_ALL: 'C', LANG: 'C' };
    execFile(
      file,
      args,
      { env, timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT_BYTES, signal: options.signal, windowsHide: true, shell: false },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES') resolve({ code: null, stdout: '', stderr: String(stderr), error: 'not-found' });
        else if (error.killed || (error as { name?: string }).name === 'AbortError') resolve({ code: null, stdout: String(stdout), stderr: String(stderr), error: 'timeout' });
        else if (typeof code === 'number') resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        else resolve({ code: null, stdout: String(stdout), stderr: String(stderr), error: 'failed' });
      },
    );
  });
}
