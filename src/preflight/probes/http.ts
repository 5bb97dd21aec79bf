/**
 * HTTP(S): status, negotiated TLS version, certificate validity and latency of a
 * component's endpoint. Requests are plain GETs on fresh connections (no agent,
 * no keep-alive), redirects are reported and not followed.
 */
import type { IncomingMessage } from 'node:http';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { Model } from '../../spec/model.js';
import type { SourceSpan } from '../../spec/source.js';
import { parseDurationBound, type DurationBound } from '../../units/duration.js';
import type { CheckModule, Outcome, PlannedCheck, RunContext } from '../types.js';
import { DeadlineError, describeConnectError, factsKey, targetCheck, withDeadline, type Session } from './support/planned.js';
import { outcome } from '../judge.js';
import { bareHost, hostPort, serviceTargets, type ServiceTarget } from './support/target.js';

/** A certificate that expires sooner than this is a warning: time to renew. */
export const CERTIFICATE_WARN_DAYS = 14;
export const DEFAULT_LATENCY_SAMPLES = 5;
export const MAX_LATENCY_SAMPLES = 50;
/** Bodies are read (the latency is the whole response) but not beyond this. */
const MAX_BODY_BYTES = 1024 * 1024;
/** RFC 8996 deprecates TLS 1.0 and 1.1: the floor when the spec names none. */
const DEFAULT_TLS_MINIMUM = '1.2';
const DAY_MS = 86_400_000;

export interface Exchange {
  status: number;
  location: string | null;
  /** `TLSv1.3`; null over plain HTTP. */
  protocol: string | null;
  certificate: PeerCertificate | null;
  authorized: boolean;
  authorizationError: string | null;
  elapsedMs: number;
}

type FirstExchange = { ok: true; exchange: Exchange } | { ok: false; status: 'fail' | 'error'; reason: string };

export const httpProbe: CheckModule = {
  id: 'http',
  description: 'HTTP(S) endpoints: status, TLS version, certificate expiry and latency (median and p95) against the spec.',
  scope: 'service',
  plan({ model, components }) {
    return serviceTargets(model, components, 'http').flatMap((target) => planTarget(model, target));
  },
};

function planTarget(model: Model, target: ServiceTarget): PlannedCheck[] {
  const component = target.component;
  const health = component.input.health;
  const first = (session: Session, ctx: RunContext) => ctx.memo(factsKey(target, session), () => firstExchange(target, session, ctx));
  const mayBeTls = !/^http:\/\//i.test(target.text);
  const checks: PlannedCheck[] = [
    targetCheck(target, {
      check: 'http.status',
      minimum: '2xx or 3xx',
      recommended: null,
      at: target.at,
      measure: async (session, ctx) => {
        const result = await first(session, ctx);
        return result.ok ? judgeStatus(result.exchange, probeUrl(target, session)) : outcome(result.status, null, result.reason);
      },
    }),
  ];
  if (mayBeTls) {
    const tlsInput = model.input.network?.tls;
    const minimum = tlsInput?.minVersion ?? DEFAULT_TLS_MINIMUM;
    const tlsAt: SourceSpan | null = (tlsInput === undefined ? undefined : model.positions.entrySpan(tlsInput, 'minVersion')) ?? target.at;
    checks.push(
      targetCheck(target, {
        check: 'http.tls',
        minimum: `TLS ${minimum}`,
        recommended: null,
        at: tlsAt,
        measure: async (session, ctx) => {
          if (session.url.protocol === 'http:') return outcome('skip', null, `${session.shown} is plain HTTP: no TLS to check`);
          const result = await first(session, ctx);
          return result.ok ? judgeTls(result.exchange, minimum, tlsInput === undefined) : notMeasured(result);
        },
      }),
      targetCheck(target, {
        check: 'http.certificate',
        minimum: 'valid and trusted',
        recommended: `${CERTIFICATE_WARN_DAYS}+ days left`,
        at: target.at,
        measure: async (session, ctx) => {
          if (session.url.protocol === 'http:') return outcome('skip', null, `${session.shown} is plain HTTP: no certificate to check`);
          const result = await first(session, ctx);
          return result.ok ? judgeCertificate(result.exchange, bareHost(session.url), new Date()) : notMeasured(result);
        },
      }),
    );
  }
  const boundText = health?.latency;
  if (boundText !== undefined) {
    const at = (health === undefined ? undefined : model.positions.entrySpan(health, 'latency')) ?? target.at;
    checks.push(
      targetCheck(target, {
        check: 'http.latency',
        minimum: String(boundText),
        recommended: null,
        at,
        measure: (session, ctx) => measureLatency(target, session, ctx, String(boundText)),
      }),
    );
  }
  return checks;
}

function notMeasured(result: { reason: string }): Outcome {
  return outcome('error', null, `not measured: ${result.reason}`);
}

/**
 * The URL requested: the endpoint, or its `health.path` when the endpoint names only
 * a host (`https://api.example.com` with `health: {path: /healthz}`).
 */
export function probeUrl(target: ServiceTarget, session: Session): URL {
  const url = new URL(session.url.href);
  const path = target.component.input.health?.path;
  if (path !== undefined && (url.pathname === '/' || url.pathname === '') && url.search === '') url.pathname = path;
  return url;
}

function shownUrl(target: ServiceTarget, session: Session): string {
  const url = probeUrl(target, session);
  return session.shown.replace(/\/$/, '') === session.url.origin ? `${session.url.origin}${url.pathname}` : session.shown;
}

async function extraCa(ctx: RunContext): Promise<{ ca?: string[] } | { error: string }> {
  const file = ctx.env['INFRASPEC_CA_FILE'];
  if (file === undefined || file === '') return {};
  const pem = await ctx.readText(file);
  if (pem === null) return { error: `INFRASPEC_CA_FILE names \`${file}\`, which cannot be read` };
  const { rootCertificates } = await import('node:tls');
  return { ca: [...rootCertificates, pem] };
}

async function firstExchange(target: ServiceTarget, session: Session, ctx: RunContext): Promise<FirstExchange> {
  const ca = await extraCa(ctx);
  if ('error' in ca) return { ok: false, status: 'error', reason: ca.error };
  const url = probeUrl(target, session);
  try {
    return { ok: true, exchange: await exchange(url, ctx.timeoutMs, ctx.signal, ca.ca) };
  } catch (error) {
    return { ok: false, ...describeFailure(error, shownUrl(target, session), url) };
  }
}

function describeFailure(error: unknown, shown: string, url: URL): { status: 'fail' | 'error'; reason: string } {
  const where = hostPort(bareHost(url), url.port || (url.protocol === 'https:' ? '443' : '80'));
  const described = describeConnectError(error, where);
  const status = described.status === 'fail' ? 'fail' : 'error';
  return { status, reason: `GET ${shown}: ${described.reason}` };
}

/**
 * node:http and node:https, loaded on first use: importing node:http as an ES module
 * also loads its fetch machinery (undici), start-up time wasted on runs that probe no web service.
 */
let webModules: Promise<[typeof import('node:http'), typeof import('node:https')]> | undefined;
const loadWeb = () => (webModules ??= Promise.all([import('node:http'), import('node:https')]));

/** One GET on a fresh connection; rejects on network errors and on the deadline. */
export function exchange(url: URL, timeoutMs: number, signal: AbortSignal, ca: string[] | undefined): Promise<Exchange> {
  let cancel = () => undefined as void;
  return withDeadline(
    async () => {
      const [{ request: httpRequest }, { request: httpsRequest }] = await loadWeb();
      return new Promise<Exchange>((resolve, reject) => {
        const started = performance.now();
        const secure = url.protocol === 'https:';
        const options = {
          method: 'GET',
          agent: false as const,
          headers: { 'user-agent': 'infraspec-preflight', accept: '*/*', connection: 'close' },
          ...(url.username !== '' ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}),
          // Trust is judged by http.certificate, so an untrusted certificate is measured, not refused.
          ...(secure ? { rejectUnauthorized: false, ...(ca === undefined ? {} : { ca }) } : {}),
        };
        const onResponse = (response: IncomingMessage) => {
          const socket = response.socket as TLSSocket | null;
          const tls = secure && socket !== null && typeof socket.getPeerCertificate === 'function';
          const certificate = tls ? socket.getPeerCertificate() : null;
          const result = {
            status: response.statusCode ?? 0,
            location: typeof response.headers.location === 'string' ? response.headers.location : null,
            protocol: tls ? socket.getProtocol() : null,
            certificate: certificate !== null && Object.keys(certificate).length > 0 ? certificate : null,
            authorized: tls ? socket.authorized : false,
            authorizationError: tls && socket.authorizationError ? String(socket.authorizationError) : null,
          };
          let received = 0;
          const finish = () => resolve({ ...result, elapsedMs: performance.now() - started });
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > MAX_BODY_BYTES) {
              response.destroy();
              finish();
            }
          });
          response.on('end', finish);
          response.on('error', reject);
        };
        const req = secure ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
        cancel = () => {
          req.destroy();
        };
        req.on('error', reject);
        req.end();
      });
    },
    timeoutMs,
    signal,
    () => cancel(),
  );
}

export function judgeStatus(exchange: Exchange, url: URL): Outcome {
  const { status } = exchange;
  const shown = String(status);
  const path = `${url.pathname}${url.search}`;
  if (status >= 200 && status < 300) return outcome('pass', shown, `GET ${path} answered ${status} in ${formatMs(exchange.elapsedMs)}`);
  if (status >= 300 && status < 400) {
    return outcome('pass', shown, `GET ${path} answered ${status}, redirecting to ${exchange.location ?? '(no Location header)'} (not followed)`);
  }
  if (status >= 400 && status < 500) {
    return outcome('warn', shown, `GET ${path} answered ${status}: the service is up but refuses this request (give the endpoint its health path or credentials)`);
  }
  return outcome('fail', shown, `GET ${path} answered ${status}: the service is up but failing`);
}

/** `TLSv1.2` → `1.2`. */
function tlsNumber(protocol: string): string | null {
  return /^TLSv(\d(?:\.\d)?)$/.exec(protocol)?.[1] ?? null;
}

export function judgeTls(exchange: Exchange, minimum: string, defaulted: boolean): Outcome {
  if (exchange.protocol === null) return outcome('error', null, 'the connection reported no TLS protocol');
  const negotiated = tlsNumber(exchange.protocol);
  const shown = exchange.protocol.replace('TLSv', 'TLS ');
  if (negotiated === null) return outcome('error', shown, `unknown TLS protocol ${exchange.protocol}`);
  const source = defaulted ? 'the default floor (the spec sets no network.tls.minVersion)' : 'network.tls.minVersion';
  const asNumber = (v: string) => Number.parseFloat(v.includes('.') ? v : `${v}.0`);
  if (asNumber(negotiated) < asNumber(minimum)) return outcome('fail', shown, `negotiated ${shown}, below TLS ${minimum} from ${source}`);
  return outcome('pass', shown, `negotiated ${shown}, at or above TLS ${minimum} from ${source}`);
}

const UNTRUSTED_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown (missing intermediate certificate?)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not trusted here',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it does not name this host',
  CERT_REVOKED: 'it is revoked',
};

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function judgeCertificate(exchange: Exchange, host: string, now: Date): Outcome {
  const certificate = exchange.certificate;
  if (certificate === null) return outcome('error', null, 'the server sent no certificate');
  const notAfter = new Date(certificate.valid_to);
  const notBefore = new Date(certificate.valid_from);
  if (Number.isNaN(notAfter.getTime()) || Number.isNaN(notBefore.getTime())) {
    return outcome('error', null, `the certificate has unreadable dates (${certificate.valid_from} – ${certificate.valid_to})`);
  }
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  const subject = certificate.subject?.CN ?? host;
  const measured = now > notAfter ? `expired ${isoDay(notAfter)}` : `expires ${isoDay(notAfter)} (${daysLeft} days)`;
  if (now > notAfter) {
    const ago = Math.max(0, Math.floor((now.getTime() - notAfter.getTime()) / DAY_MS));
    return outcome('fail', measured, `the certificate for ${subject} expired on ${isoDay(notAfter)} (${ago === 0 ? 'less than a day' : `${ago} days`} ago)`);
  }
  if (now < notBefore) return outcome('fail', measured, `the certificate for ${subject} is not valid before ${isoDay(notBefore)}`);
  const error = exchange.authorizationError;
  if (!exchange.authorized && error !== null) {
    const why = UNTRUSTED_REASONS[error] ?? error;
    const hint = error === 'ERR_TLS_CERT_ALTNAME_INVALID' ? '' : ' (for a private CA, point INFRASPEC_CA_FILE at its PEM file)';
    return outcome('fail', measured, `the certificate for ${subject} is not trusted: ${why}${hint}`);
  }
  if (daysLeft < CERTIFICATE_WARN_DAYS) {
    return outcome('warn', measured, `the certificate for ${subject} expires on ${isoDay(notAfter)}, in ${daysLeft} days: renew it (warning below ${CERTIFICATE_WARN_DAYS} days)`);
  }
  const issuer = certificate.issuer?.O ?? certificate.issuer?.CN ?? 'unknown issuer';
  return outcome('pass', measured, `the certificate for ${subject} is trusted (issued by ${issuer}) and valid until ${isoDay(notAfter)}`);
}

export function latencySamples(env: Record<string, string | undefined>): number {
  const written = Number.parseInt(env['INFRASPEC_HTTP_SAMPLES'] ?? '', 10);
  if (!Number.isFinite(written) || written < 1) return DEFAULT_LATENCY_SAMPLES;
  return Math.min(written, MAX_LATENCY_SAMPLES);
}

/** Median (mean of the middle two for an even count) and nearest-rank p95 of sorted samples. */
export function summarize(samples: readonly number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const p95 = sorted[Math.max(0, Math.ceil(0.95 * n) - 1)]!;
  return { median, p95 };
}

function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

function within(ms: number, bound: DurationBound): boolean {
  const limit = Number(bound.ms);
  return bound.op === '<' ? ms < limit : ms <= limit;
}

async function measureLatency(target: ServiceTarget, session: Session, ctx: RunContext, boundText: string): Promise<Outcome> {
  const bound = parseDurationBound(boundText);
  if (!bound.ok) return outcome('error', null, `health.latency \`${boundText}\` is not a bound: ${bound.error.message}`);
  if (bound.value.op === '>' || bound.value.op === '>=') return outcome('error', null, `health.latency \`${boundText}\` is a lower bound; write an upper bound such as \`< 200ms\``);
  const ca = await extraCa(ctx);
  if ('error' in ca) return outcome('error', null, ca.error);
  const url = probeUrl(target, session);
  const count = latencySamples(ctx.env);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const remaining = ctx.timeoutMs - (performance.now() - started);
    const partial = samples.length === 0 ? '' : ` (the first ${samples.length} took median ${formatMs(summarize(samples).median)})`;
    if (remaining <= 0) {
      return outcome('fail', null, `${count} requests did not finish within the ${ctx.timeoutMs} ms check timeout${partial}; the bound is ${boundText}`);
    }
    try {
      const answer = await exchange(url, remaining, ctx.signal, ca.ca);
      samples.push(answer.elapsedMs);
    } catch (error) {
      if (error instanceof DeadlineError) {
        return outcome('fail', null, `request ${i + 1} of ${count} got no answer within the ${ctx.timeoutMs} ms check timeout${partial}; the bound is ${boundText}`);
      }
      const failure = describeFailure(error, shownUrl(target, session), url);
      return outcome(failure.status, null, `request ${i + 1} of ${count}: ${failure.reason}`);
    }
  }
  const { median, p95 } = summarize(samples);
  const measured = `median ${formatMs(median)}, p95 ${formatMs(p95)} over ${count} requests`;
  if (within(p95, bound.value)) return outcome('pass', measured, `p95 ${formatMs(p95)} is within ${boundText}`);
  if (within(median, bound.value)) return outcome('warn', measured, `median ${formatMs(median)} is within ${boundText} but p95 ${formatMs(p95)} is not`);
  return outcome('fail', measured, `median ${formatMs(median)} and p95 ${formatMs(p95)} exceed ${boundText}`);
}
