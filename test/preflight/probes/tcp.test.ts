import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/processes.js';
import { startTcp, type Listener } from '../harness/web.js';
import { probe, type Results } from './run-probes.js';

const SPEC = `
components:
  search:
    kind: datastore
    engine: typesense
    connection: tcp://127.0.0.1:\${OPEN_PORT}
  analytics:
    kind: datastore
    engine: clickhouse
    connection: clickhouse://default:\${CH_PASSWORD}@127.0.0.1:\${OPEN_PORT}/db
  queue:
    kind: datastore
    engine: nats
    connection: 127.0.0.1:\${CLOSED_PORT}
  by-port:
    kind: datastore
    connection: tcp://127.0.0.1
    ports: [{ port: \${OPEN_PORT_NUMBER} }]
  no-port:
    kind: datastore
    connection: tcp://127.0.0.1
  remote:
    kind: datastore
    connection: tcp://queue.example.com:4222
`;

describe('TCP probe', () => {
  let open: Listener;
  let results: Results;

  beforeAll(async () => {
    open = await startTcp();
    const env = { OPEN_PORT: String(open.port), CLOSED_PORT: String(await freePort()), CH_PASSWORD: 'ch-Secret-1Xy7' };
    results = await probe(SPEC.replace('${OPEN_PORT_NUMBER}', String(open.port)), { env, offline: true, timeoutMs: 1500 });
  });

  afterAll(async () => {
    await open?.close();
  });

  it('connects to a listening port, for tcp:// and for schemes without a dedicated probe', () => {
    expect(results.get('search', 'tcp.connect')).toMatchObject({ status: 'pass', measured: 'open' });
    const analytics = results.get('analytics', 'tcp.connect');
    expect(analytics.status).toBe('pass');
    expect(JSON.stringify(analytics)).not.toContain('ch-Secret-1Xy7');
  });

  it('fails a closed port written as host:port', () => {
    const queue = results.get('queue', 'tcp.connect');
    expect(queue).toMatchObject({ status: 'fail', measured: 'closed' });
    expect(queue.message).toMatch(/^connection refused at 127\.0\.0\.1:\d+: nothing listens there$/);
  });

  it('takes the port from the component’s ports when the connection names none', () => {
    expect(results.get('by-port', 'tcp.connect').status).toBe('pass');
    expect(results.get('no-port', 'tcp.connect')).toMatchObject({ status: 'error', message: '`tcp://127.0.0.1` names no port and component `no-port` lists none under ports' });
  });

  it('skips a non-loopback host when offline', () => {
    expect(results.get('remote', 'tcp.connect')).toMatchObject({ status: 'skip', message: 'offline: would contact queue.example.com:4222, which is not loopback' });
  });
});
