/**
 * A real redis-server on 127.0.0.1 in a temporary directory, configured on the
 * command line (`--save ''`, `--appendonly yes`, `--requirepass …`) as a test needs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, requireBinary, startProcess, stopProcess, waitUntil } from './processes.js';

const REDIS = '/usr/bin/redis-server';

export interface RedisServer {
  port: number;
  url(password?: string): string;
  stop(): Promise<void>;
}

/** `config` as redis.conf directives: `{ maxmemory: '1gb', save: '' }`. */
export async function startRedis(config: Record<string, string> = {}): Promise<RedisServer> {
  requireBinary(REDIS, 'redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-redis-'));
  const port = await freePort();
  const directives: Record<string, string> = { save: '', appendonly: 'no', ...config };
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--logfile', ''];
  for (const [name, value] of Object.entries(directives)) args.push(`--${name}`, value);
  const started = startProcess(REDIS, args);
  const stop = async () => {
    await stopProcess(started.child, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Any reply to PING (PONG, or NOAUTH with requirepass) means the server is up.
    await waitUntil(() => pingRaw(port), started, `redis-server on port ${port}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    url: (password) => `redis://${password === undefined ? '' : `:${encodeURIComponent(password)}@`}127.0.0.1:${port}`,
    stop,
  };
}

function pingRaw(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(/^[+-]/.test(data.toString()));
    });
  });
}
