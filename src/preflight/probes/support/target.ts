/**
 * Which components a probe talks to, and how their `connection` / `endpoint`
 * text becomes a URL at run time. Planning is pure (it reads only the spec);
 * variables are resolved from `ctx.env` when the check runs, so a plan never
 * holds a secret.
 */
import type { ComponentModel, Model } from '../../../spec/model.js';
import { isSecretName, Redactor } from '../../../spec/secrets.js';
import type { SourceSpan } from '../../../spec/source.js';
import { urlSecrets } from './redact.js';

export type ProbeFamily = 'postgres' | 'redis' | 'http' | 'tcp';

export interface ServiceTarget {
  component: ComponentModel;
  field: 'connection' | 'endpoint';
  /** As written in the spec, e.g. `${PG_URL}` or `https://api.example.com/health`. */
  text: string;
  family: ProbeFamily;
  at: SourceSpan | null;
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

const SCHEME_FAMILIES: Record<string, ProbeFamily> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  redis: 'redis',
  rediss: 'redis',
  http: 'http',
  https: 'http',
};

/** The scheme written at the start, when it is written out (not inside a variable). */
function writtenScheme(text: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text.trim());
  return match === null ? null : match[1]!.toLowerCase();
}

/**
 * The family of a target. A written scheme decides; a connection that is all
 * variable (`${PG_URL}`) is known by its engine or image; an endpoint is HTTP.
 */
export function familyOf(component: ComponentModel, field: 'connection' | 'endpoint', text: string): ProbeFamily {
  const scheme = writtenScheme(text);
  if (scheme !== null) return SCHEME_FAMILIES[scheme] ?? 'tcp';
  const engine = `${component.input.engine ?? ''} ${imageName(component.input.image)}`.toLowerCase();
  if (/\bpostgres/.test(engine)) return 'postgres';
  if (/\b(redis|valkey|keydb)/.test(engine)) return 'redis';
  return field === 'endpoint' ? 'http' : 'tcp';
}

function imageName(image: string | undefined): string {
  if (image === undefined) return '';
  const withoutTag = image.split('@')[0]!.replace(/:[^/]*$/, '');
  return withoutTag.slice(withoutTag.lastIndexOf('/') + 1);
}

/** The components of a phase a probe family applies to, with the text it connects with. */
export function serviceTargets(model: Model, components: readonly ComponentModel[], family: ProbeFamily): ServiceTarget[] {
  const targets: ServiceTarget[] = [];
  for (const component of components) {
    for (const field of ['connection', 'endpoint'] as const) {
      const text = component.input[field];
      if (typeof text !== 'string' || text.trim() === '') continue;
      if (familyOf(component, field, text) !== family) continue;
      const at = model.positions.entrySpan(component.input, field) ?? component.at;
      targets.push({ component, field, text: text.trim(), family, at });
    }
  }
  return targets;
}

export type Resolved =
  | { kind: 'ok'; text: string; redactor: Redactor }
  | { kind: 'missing'; variables: string[] };

/**
 * Substitute `${VAR}` from the environment. Values of secret-named variables are
 * secrets whatever they hold, so the redactor learns them too.
 */
export function resolveVariables(text: string, env: Record<string, string | undefined>): Resolved {
  const missing: string[] = [];
  const secrets: string[] = [];
  const resolved = text.replace(VARIABLE, (_whole, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') {
      if (!missing.includes(name)) missing.push(name);
      return '';
    }
    if (isSecretName(name)) secrets.push(value);
    return value;
  });
  if (missing.length > 0) return { kind: 'missing', variables: missing };
  return { kind: 'ok', text: resolved, redactor: new Redactor(secrets) };
}

export function missingVariablesMessage(target: ServiceTarget, variables: string[]): string {
  const names = variables.map((v) => `\`${v}\``).join(', ');
  const which = variables.length === 1 ? 'variable' : 'variables';
  return `set the environment ${which} ${names}: the ${target.field} of component \`${target.component.name}\` is \`${target.text}\``;
}

/** A parsed URL with a redactor that knows its secrets; null when the text is not a URL. */
export function parseTargetUrl(text: string, redactor: Redactor): { url: URL; redactor: Redactor } | null {
  try {
    const url = new URL(text);
    return { url, redactor: redactor.with(urlSecrets(url)) };
  } catch {
    return null;
  }
}

/** The host part of a URL without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}


/** `host:port` as people write it, brackets around IPv6. */
export function hostPort(host: string, port: number | string): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function offlineMessage(what: string): string {
  return `offline: would contact ${what}, which is not loopback`;
}

/** A setting's value as written: `1.10` stays `1.10`, not the number 1.1. */
export function writtenValue(model: Model, container: object, key: string, value: string | number | boolean): string {
  if (typeof value === 'number') return model.positions.rawText(container, key) ?? String(value);
  return String(value);
}
