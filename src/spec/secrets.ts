/**
 * How a spec names secrets, shared by the `inline-secret` lint rule (which
 * reports literals) and the emitters (which never write them).
 */

// A key that names a secret, after camelCase is split: `DB_PASSWORD`, `authToken`, `api-key`,
// `client_secret`, `requirepass`. Names ending in `_file`, `_ref`, `_id`… point at a secret and
// do not match, since the secret word is not last. Keys that hold a secret under another last
// word are listed whole (Rails' `SECRET_KEY_BASE`, signing and encryption keys).
const SECRET_NAME = /(^|_)(password|passwd|pwd|pass|secret|token|api_?key|private_?key|access_?key|secret_?key|credentials?|requirepass|masterauth|secret_key_base|(signing|encryption|master|hmac|session)_?key)$/;

/** `DB_PASSWORD`, `authToken`, `api-key`… as `db_password`, `auth_token`, `api_key`. */
export function snakeName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-.\s]/g, '_').toLowerCase();
}

/** Whether a key (an env variable, a setting) names a secret. */
export function isSecretName(key: string): boolean {
  return SECRET_NAME.test(snakeName(key));
}

// A value that refers to a secret kept elsewhere, or a placeholder for one.
const SECRET_REFERENCE = /^\s*(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\}|<[^>]*>|\*+|x{3,}|\.\.\.|(secretRef|secretKeyRef|vault|ref\+[a-z]+|env|file|k8s|kubernetes|ssm|aws-sm|sm|op|gcp-sm|azure-kv):.*|arn:aws:(secretsmanager|ssm):.*)\s*$/i;

/**
 * Whether a value where a secret belongs holds none: empty, a reference to a secret kept
 * elsewhere (`${VAR}`, `$VAR`, `secretRef:…`, `vault:…`, an AWS Secrets Manager ARN) or a
 * placeholder (`<password>`, `{{ token }}`, `***`, `xxx`). The `inline-secret` rule reports
 * anything else; the generated document redacts it.
 */
export function isSecretReference(value: string): boolean {
  return value.trim() === '' || SECRET_REFERENCE.test(value);
}

/** An AWS access key id (`AKIA…`, `ASIA…`). */
export const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;

/** The first line of a PEM private key. */
export const PRIVATE_KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

/** `scheme://user:password@host`: the password, the first group (a `${VAR}` reference is not a literal). */
export const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/i;

/** A URL whose password is written out, not a `$`-reference: what emitters must never write. */
export const URL_LITERAL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/$]+)@/i;

// `password=…`, `token: …`, `apiKey=…` in messages and query strings (the value up to a separator).
const KEY_VALUE_SECRET = /\b([A-Za-z0-9_-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth)[A-Za-z0-9_-]*)(\s*[=:]\s*)([^\s&;,'"]+)/gi;
const URL_PASSWORD_GLOBAL = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)([^\s@/]+)(@)/gi;

export const MASK = '***';

/** Short secrets are masked only inside URLs and `key=value` pairs: blind replacement of `ab` would garble every message. */
const MIN_LITERAL_LENGTH = 3;

/**
 * Masks the passwords and tokens a text shows with `***`: in URLs (`postgres://app:***@db`),
 * in `key=value` pairs whose key names a secret, and every literal secret it was given (values
 * the caller knows: secret-named environment variables, a URL's password), percent-encoded or
 * not, since drivers echo either form. Preflight puts every message and measured value through one.
 */
export class Redactor {
  readonly #secrets: string[];

  constructor(secrets: Iterable<string>) {
    const unique = new Set<string>();
    for (const secret of secrets) {
      if (secret.length < MIN_LITERAL_LENGTH) continue;
      unique.add(secret);
      unique.add(encodeURIComponent(secret));
    }
    // Longest first, so that a secret containing another is masked whole.
    this.#secrets = [...unique].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text.replace(URL_PASSWORD_GLOBAL, (_m, before: string, secret: string, at: string) => `${before}${shown(secret) ? secret : MASK}${at}`);
    out = out.replace(KEY_VALUE_SECRET, (_m, key: string, sep: string, value: string) => `${key}${sep}${shown(value) ? value : MASK}`);
    for (const secret of this.#secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** A redactor that also masks `more`. */
  with(more: Iterable<string>): Redactor {
    return new Redactor([...this.#secrets, ...more]);
  }
}

// A `${VAR}` reference is not a secret but the hint that says which variable to set: it stays.
function shown(value: string): boolean {
  return value === MASK || /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value);
}

/** `text` as a one-off `Redactor` over `known` shows it. */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  return new Redactor(known).redact(text);
}
