/**
 * Secrets never leave a probe: every message and measured value goes through a
 * redactor that knows the literal secrets of the target it talked to (the URL's
 * password, secret-named query parameters, the values of secret-named variables the
 * connection read) and also masks any `scheme://user:password@` it meets, since a
 * driver's error text may quote a URL we never saw.
 */
import { isSecretName, URL_PASSWORD } from '../../../spec/secrets.js';

export const MASK = '***';

/** Short secrets are masked only inside URLs: blind replacement of `ab` would garble every message. */
const MIN_LITERAL_LENGTH = 3;

export class Redactor {
  readonly #secrets: string[];

  constructor(secrets: Iterable<string>) {
    const unique = new Set<string>();
    for (const secret of secrets) {
      if (secret.length < MIN_LITERAL_LENGTH) continue;
      unique.add(secret);
      // Drivers echo a password percent-decoded or encoded; mask both forms.
      unique.add(encodeURIComponent(secret));
    }
    // Longest first, so that a secret containing another is masked whole.
    this.#secrets = [...unique].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = maskUrlPasswords(text);
    for (const secret of this.#secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** A redactor that also masks `more`. */
  with(more: Iterable<string>): Redactor {
    return new Redactor([...this.#secrets, ...more]);
  }
}

const URL_PASSWORD_GLOBAL = new RegExp(URL_PASSWORD.source, 'gi');

function maskUrlPasswords(text: string): string {
  return text.replace(URL_PASSWORD_GLOBAL, (whole: string, password: string) => {
    if (password === MASK) return whole;
    const at = whole.lastIndexOf(password);
    return whole.slice(0, at) + MASK + whole.slice(at + password.length);
  });
}

/** The secrets a parsed URL carries: its password and any secret-named query parameter. */
export function urlSecrets(url: URL): string[] {
  const found: string[] = [];
  if (url.password !== '') {
    found.push(url.password);
    found.push(safeDecode(url.password));
  }
  for (const [name, value] of url.searchParams) {
    if (value !== '' && isSecretParameter(name)) found.push(value);
  }
  return found;
}

/** The URL as it may be shown: password and secret-named query parameters masked. */
export function displayUrl(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password !== '') shown.password = MASK;
  for (const name of [...shown.searchParams.keys()]) {
    if (isSecretParameter(name)) shown.searchParams.set(name, MASK);
  }
  // URL encodes the mask as `%2A%2A%2A`; show it as people expect.
  return shown.href.replaceAll('%2A%2A%2A', MASK);
}

/** Query parameters carry secrets under run-together names too (libpq's `sslpassword`). */
function isSecretParameter(name: string): boolean {
  return isSecretName(name) || /(password|passwd|secret|token)$/i.test(name);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
