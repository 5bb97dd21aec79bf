/**
 * The steps every service probe takes before it touches the network, in one
 * place: resolve `${VAR}`, parse the URL, check its scheme, skip non-loopback
 * targets when offline, then measure — with every outcome redacted and any
 * unexpected exception turned into an `error` outcome instead of a throw.
 */
import { isLoopbackHost } from '../../host/ip.js';
import { outcome } from '../../judge.js';
import type { Outcome, PlannedCheck, RunContext } from '../../types.js';
import type { SourceSpan } from '../../../spec/source.js';
import { Redactor } from '../../../spec/secrets.js';
import { displayUrl } from './redact.js';
import {
  bareHost,
  missingVariablesMessage,
  offlineMessage,
  parseTargetUrl,
  resolveVariables,
  type ServiceTarget,
} from './target.js';

export interface Session {
  url: URL;
  /** The URL with its secrets masked, for messages. */
  shown: string;
  redactor: Redactor;
}

const FAMILY_SCHEMES: Record<ServiceTarget['family'], string[] | null> = {
  postgres: ['postgres:', 'postgresql:'],
  redis: ['redis:', 'rediss:'],
  http: ['http:', 'https:'],
  tcp: null,
};

export function redactOutcome(result: Outcome, redactor: Redactor): Outcome {
  return {
    status: result.status,
    measured: result.measured === null ? null : redactor.redact(result.measured),
    message: redactor.redact(result.message),
  };
}

/** Resolve a target for one run; an Outcome when the check cannot go on (skip or error). */
export function openSession(target: ServiceTarget, ctx: RunContext): Session | Outcome {
  const resolved = resolveVariables(target.text, ctx.env);
  if (resolved.kind === 'missing') return outcome('skip', null, missingVariablesMessage(target, resolved.variables));
  const text = target.family === 'tcp' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(resolved.text) ? `tcp://${resolved.text}` : resolved.text;
  const parsed = parseTargetUrl(text, resolved.redactor);
  if (parsed === null) {
    return outcome('error', null, resolved.redactor.redact(`the ${target.field} of component \`${target.component.name}\` is not a URL: \`${resolved.text}\``));
  }
  const { url, redactor } = parsed;
  const shown = displayUrl(url);
  const schemes = FAMILY_SCHEMES[target.family];
  if (schemes !== null && !schemes.includes(url.protocol)) {
    const expected = schemes.map((s) => `${s}//`).join(' or ');
    return outcome('error', null, `component \`${target.component.name}\` is probed as ${target.family}, which needs ${expected}, but its ${target.field} is \`${shown}\``);
  }
  if (ctx.offline && !isLoopbackHost(bareHost(url))) {
    return outcome('skip', null, offlineMessage(url.port === '' ? bareHost(url) : `${bareHost(url)}:${url.port}`));
  }
  return { url, shown, redactor };
}

function isSession(value: Session | Outcome): value is Session {
  return 'url' in value;
}

export interface TargetCheckSpec {
  check: string;
  minimum: string | null;
  recommended: string | null;
  at: SourceSpan | null;
  measure(session: Session, ctx: RunContext): Promise<Outcome>;
}

/** A planned check against one service target, with the shared guards around `measure`. */
export function targetCheck(target: ServiceTarget, spec: TargetCheckSpec): PlannedCheck {
  return {
    check: spec.check,
    role: null,
    component: target.component.name,
    minimum: spec.minimum,
    recommended: spec.recommended,
    at: spec.at,
    async run(ctx) {
      const session = openSession(target, ctx);
      if (!isSession(session)) return session;
      try {
        return redactOutcome(await spec.measure(session, ctx), session.redactor);
      } catch (error) {
        return redactOutcome(outcome('error', null, `could not measure: ${errorText(error)}`), session.redactor);
      }
    },
  };
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Memo key shared by the checks of one target, so a server is asked once per run. */
export function factsKey(target: ServiceTarget, session: Session): string {
  return `probe:${target.family}:${target.component.name}:${target.field}:${session.url.href}`;
}

/**
 * Reject after `ms` or when the run is aborted, calling `cancel` so that the
 * client closes its socket; the timer never keeps the process alive.
 */
export function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, outer: AbortSignal, cancel: () => void): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const stop = (reason: string) => {
      controller.abort();
      cancel();
      reject(new DeadlineError(reason));
    };
    if (outer.aborted) {
      stop('the preflight run reached its time bound');
      return;
    }
    const timer = setTimeout(() => stop(`no answer within ${ms} ms`), ms);
    timer.unref();
    const onAbort = () => stop('the preflight run reached its time bound');
    outer.addEventListener('abort', onAbort, { once: true });
    work(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        outer.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        outer.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** What a failed connection means to a reader, from the Node error code. */
export function describeConnectError(error: unknown, where: string): { status: 'fail' | 'error'; reason: string } {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof DeadlineError) return { status: 'fail', reason: `${where}: ${error.message}` };
  switch (code) {
    case 'ECONNREFUSED':
      return { status: 'fail', reason: `connection refused at ${where}: nothing listens there` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { status: 'fail', reason: `host of ${where} not found in DNS` };
    case 'ETIMEDOUT':
      return { status: 'fail', reason: `connecting to ${where} timed out` };
    case 'ECONNRESET':
      return { status: 'fail', reason: `${where} closed the connection` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { status: 'fail', reason: `${where} is unreachable from this host` };
    default:
      return { status: 'error', reason: `${where}: ${errorText(error)}` };
  }
}
