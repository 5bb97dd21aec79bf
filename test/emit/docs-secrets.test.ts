import { describe, expect, it } from 'vitest';
import { REDACTED, shown } from '../../src/emit/docs/secrets.js';

/** The generated document shows settings as the spec writes them, but never a literal secret. */
describe('docs: shown values', () => {
  it('redacts a literal under a secret-named key and keeps references and placeholders', () => {
    expect(shown('DB_PASSWORD', 'hunter2')).toBe(REDACTED);
    expect(shown('apiToken', 12345)).toBe(REDACTED);
    for (const reference of ['${DB_PASSWORD}', '$DB_PASSWORD', '<password>', '{{ .Values.token }}', '***', 'secretRef:db/password', 'arn:aws:secretsmanager:eu-west-1:1:secret:db', '']) {
      expect(shown('DB_PASSWORD', reference)).toBe(reference);
    }
    expect(shown('PORT', 8000)).toBe('8000');
    expect(shown('TOKEN_REQUIRED', true)).toBe('true');
  });

  it('redacts a URL password but not a reference in its place', () => {
    expect(shown('DATABASE_URL', 'postgres://app:s3cret@db:5432/app')).toBe(`postgres://app:${REDACTED}@db:5432/app`);
    expect(shown('DATABASE_URL', 'postgres://app:${PG_PASSWORD}@db:5432/app')).toBe('postgres://app:${PG_PASSWORD}@db:5432/app');
  });

  it('redacts AWS access key ids and whole private key blocks wherever they stand', () => {
    expect(shown('NOTE', 'use AKIAABCDEFGHIJKLMNOP then ASIAABCDEFGHIJKLMNOP')).toBe(`use ${REDACTED} then ${REDACTED}`);
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';
    expect(shown('TLS', `before\n${key}\nafter`)).toBe(`before\n${REDACTED}\nafter`);
    // Cut short: everything from the first line on.
    expect(shown('TLS', 'x -----BEGIN PRIVATE KEY-----\nMIIE')).toBe(`x ${REDACTED}`);
  });
});
