/**
 * Secrets are never printed, and the document is printed everywhere (a wiki, a
 * pull request). Values the spec should not hold in the first place (the
 * `inline-secret` lint rule reports them) are redacted here; references such as
 * `${REDIS_AUTH_TOKEN}` are kept, they are what a reader needs to see.
 */
import { isSecretName, URL_PASSWORD } from '../../spec/secrets.js';

// A value that refers to a secret kept elsewhere, or a placeholder (as src/lint/rules/inline-secret.ts reads them).
const REFERENCE = /^\s*(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\}|<[^>]*>|\*+|x{3,}|\.\.\.|(secretRef|secretKeyRef|vault|ref\+[a-z]+|env|file|k8s|kubernetes|ssm|aws-sm|sm|op|gcp-sm|azure-kv):.*|arn:aws:(secretsmanager|ssm):.*)\s*$/i;
const AWS_ACCESS_KEY = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g;

export const REDACTED = '(redacted)';

/** The value to show for `key: value`: redacted when it is a literal secret. */
export function shown(key: string, value: string | number | boolean): string {
  const text = String(value);
  if (typeof value !== 'boolean' && isSecretName(key) && !(text.trim() === '' || REFERENCE.test(text))) return REDACTED;
  const urlPassword = new RegExp(URL_PASSWORD.source, 'gi');
  return text
    .replace(urlPassword, (match: string, password: string) => (REFERENCE.test(password) ? match : match.replace(`:${password}@`, `:${REDACTED}@`)))
    .replace(AWS_ACCESS_KEY, REDACTED)
    .replace(PRIVATE_KEY, REDACTED);
}
