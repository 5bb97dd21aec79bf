/**
 * Secrets never leave a probe: every message and measured value goes through a
 * `Redactor` (spec/secrets.ts) that knows the literal secrets of the target it talked to:
 * the URL's password and secret-named query parameters found here, and the values of
 * secret-named variables the connection read.
 */
import { isSecretName, MASK } from '../../../spec/secrets.js';

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
