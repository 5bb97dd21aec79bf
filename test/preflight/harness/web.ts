/**
 * In-process HTTP, HTTPS and TCP listeners on 127.0.0.1, and certificates made with
 * the openssl command (node:crypto cannot write X.509).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary } from './processes.js';

export interface Listener {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server | ReturnType<typeof createTcpServer>, sockets: Set<Socket>): Promise<Listener> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export function startHttp(handler: RequestListener): Promise<Listener> {
  return listen(createHttpServer(handler), new Set());
}

export interface Certificate {
  cert: string;
  key: string;
  /** A PEM file holding the certificate, to trust it through INFRASPEC_CA_FILE. */
  certFile: string;
  dispose(): void;
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost. `days` may be negative:
 * `-1` makes one whose notAfter is a day before its notBefore, i.e. already expired.
 * Each gets its own subject: OpenSSL finds an issuer by subject name, and a trust
 * bundle of several self-signed certificates with one name would confuse it.
 */
let certificates = 0;

export function makeCertificate(days: number): Certificate {
  requireBinary('/usr/bin/openssl', 'openssl');
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-cert-'));
  const key = join(dir, 'key.pem');
  const csr = join(dir, 'req.csr');
  const cert = join(dir, 'cert.pem');
  const quiet = { stdio: 'pipe' as const };
  execFileSync('/usr/bin/openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=localhost/O=infraspec test ${days} days ${process.pid}-${++certificates}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-addext', 'basicConstraints=critical,CA:TRUE'], quiet);
  execFileSync('/usr/bin/openssl', ['x509', '-req', '-in', csr, '-key', key, '-days', String(days), '-copy_extensions', 'copyall', '-out', cert], quiet);
  return {
    cert: readFileSync(cert, 'utf8'),
    key: readFileSync(key, 'utf8'),
    certFile: cert,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function startHttps(handler: RequestListener, certificate: Certificate, tls: { maxVersion?: 'TLSv1.2' | 'TLSv1.3' } = {}): Promise<Listener> {
  const server = createHttpsServer({ cert: certificate.cert, key: certificate.key, ...(tls.maxVersion === undefined ? {} : { maxVersion: tls.maxVersion }) }, handler);
  return listen(server as unknown as Server, new Set());
}

/** A TCP listener that accepts and closes. */
export function startTcp(): Promise<Listener> {
  return listen(createTcpServer((socket) => socket.end()), new Set());
}

/** A TCP listener that accepts connections and never answers: for timeouts. */
export function startSilent(): Promise<Listener> {
  return listen(createTcpServer(() => undefined), new Set());
}
