/**
 * Servers the harness starts: each child is tracked so that it is stopped in
 * afterAll, and, should a test file crash before that, when the worker exits.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';

const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Fail with the command that installs a missing server: nothing is skipped silently. */
export function requireBinary(path: string, aptPackage: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is missing: install it with \`sudo apt-get install -y ${aptPackage}\` (CI installs it in .ci/run)`);
  }
}

export interface Started {
  child: ChildProcess;
  /** stdout and stderr so far, for the message when the server does not come up. */
  output(): string;
}

export function startProcess(file: string, args: string[], options: SpawnOptions = {}): Started {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Stop a child and wait until it has exited; SIGKILL when it ignores `signal` for 10 s. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A port free on 127.0.0.1 right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Poll `ready` every 50 ms until it resolves true; throws with the server's output after `timeoutMs`. */
export async function waitUntil(ready: () => Promise<boolean>, started: Started, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`${what} exited with code ${started.child.exitCode}:\n${started.output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms:\n${started.output()}`);
}
