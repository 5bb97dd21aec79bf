import { isSecretName, URL_LITERAL_PASSWORD } from '../../spec/secrets.js';
import type { EnvVar } from './types.js';

// `${VAR}` or `$VAR`, the whole value: a variable the deployment sets.
const WHOLE_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/;
// A `${VAR}` somewhere inside a longer value.
const INNER_REFERENCE = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?+][^}]*)?\}/;

/** A name that compose interpolates and Podman accepts as a secret name. */
export function variableName(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

export interface EnvDecision {
  variable: EnvVar;
  /** Why the value was not written, when it was a literal secret. */
  withheld: 'named-secret' | 'url-password' | null;
  /** The value mixes text and `${…}`: compose interpolates it, Podman takes it whole from a secret. */
  partial: boolean;
}

/**
 * How one `env` entry is passed: literals as they are; `${VAR}` from the
 * deployment's secrets; a literal where a secret belongs is never written, the
 * key's own name becomes the secret to set.
 */
export function decideEnv(key: string, raw: string | number | boolean): EnvDecision {
  const name = key;
  const text = String(raw);
  const whole = WHOLE_REFERENCE.exec(text);
  if (whole) {
    const secret = whole[1] ?? whole[2] ?? variableName(key);
    return { variable: { name, literal: null, secret, compose: `\${${secret}}` }, withheld: null, partial: false };
  }
  if (INNER_REFERENCE.test(text)) {
    return { variable: { name, literal: null, secret: variableName(key), compose: text }, withheld: null, partial: true };
  }
  const namedSecret = isSecretName(key) && text.trim() !== '';
  const urlPassword = URL_LITERAL_PASSWORD.test(text);
  if (namedSecret || urlPassword) {
    const secret = variableName(key);
    return { variable: { name, literal: null, secret, compose: `\${${secret}}` }, withheld: namedSecret ? 'named-secret' : 'url-password', partial: false };
  }
  return { variable: { name, literal: text, secret: null, compose: text.replaceAll('$', '$$$$') }, withheld: null, partial: false };
}
