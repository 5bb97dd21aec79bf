/**
 * Secrets are never printed, and the document is printed everywhere (a wiki, a
 * pull request). Values the spec should not hold in the first place (the
 * `inline-secret` lint rule reports them) are redacted here; references such as
 * `${REDIS_AUTH_TOKEN}` are kept, they are what a reader needs to see.
 */
import { AWS_ACCESS_KEY_ID, isSecretName, isSecretReference, PRIVATE_KEY_BEGIN, URL_PASSWORD } from '../../spec/secrets.js';

const AWS_ACCESS_KEYS = new RegExp(AWS_ACCESS_KEY_ID.source, 'g');
// The whole key block, to its last line (or the end of the value when it is cut short).
const PRIVATE_KEYS = new RegExp(`${PRIVATE_KEY_BEGIN.source}[\\s\\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)`, 'g');

export const REDACTED = '(redacted)';

/** The value to show for `key: value`: redacted when it is a literal secret. */
export function shown(key: string, value: string | number | boolean): string {
  const text = String(value);
  if (typeof value !== 'boolean' && isSecretName(key) && !isSecretReference(text)) return REDACTED;
  const urlPassword = new RegExp(URL_PASSWORD.source, 'gi');
  return text
    .replace(urlPassword, (match: string, password: string) => (isSecretReference(password) ? match : match.replace(`:${password}@`, `:${REDACTED}@`)))
    .replace(AWS_ACCESS_KEYS, REDACTED)
    .replace(PRIVATE_KEYS, REDACTED);
}
