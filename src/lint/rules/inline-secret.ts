import { AWS_ACCESS_KEY_ID, isSecretName, isSecretReference, PRIVATE_KEY_BEGIN, URL_PASSWORD } from '../../spec/secrets.js';
import type { SourceSpan } from '../../spec/source.js';
import type { Rule } from '../types.js';

// Shown in messages as the form to write instead; a template placeholder cannot hold `${…}`.
const ENV_REFERENCE = '${ENV_VAR}';

export const inlineSecret: Rule<'namedSecret' | 'urlPassword' | 'awsKey' | 'privateKey'> = {
  id: 'inline-secret',
  severity: 'error',
  category: 'security',
  summary: 'Secrets must not be written into the spec: refer to them (`${VAR}`, a secret reference) instead.',
  messages: {
    namedSecret: '`{path}` holds a literal value (redacted here) where a secret belongs: everyone who can read the spec or its repository has it; write `{reference}` or a secret reference',
    urlPassword: '`{path}` holds a connection URL with a literal password (redacted here): everyone who can read the spec or its repository has it; write the password as `{reference}`',
    awsKey: '`{path}` holds an AWS access key id (redacted here): keys in a repository are found by scanners within minutes; revoke it and refer to a secret instead',
    privateKey: '`{path}` holds a private key (redacted here): whoever reads the spec can impersonate its owner; revoke it and refer to a secret instead',
  },
  docs: {
    why: 'A requirements spec lives in a repository, in generated documents and in CI logs; a password, token or key written into it is disclosed to every reader and kept in history after it is removed. infraspec never prints secrets, and neither should the page: write `${ENV_VAR}` (or a `secretRef:`) where the value belongs, and keep the value in a secret store.',
    invalid: `components:
  api:
    kind: service
    env:
      DB_PASSWORD: hunter2
`,
    valid: `components:
  api:
    kind: service
    env:
      DB_PASSWORD: \${DB_PASSWORD}
`,
    fix: 'Replace the value with `${ENV_VAR}` or a secret reference, and rotate the secret: it is in the repository history.',
  },
  check(model, report, analysis) {
    const visit = (value: unknown, path: string, container: object | null, key: string | number | null): void => {
      const at = (): SourceSpan => (container && key !== null ? analysis.at(container, key) : model.system.at);
      if (typeof value === 'string' || typeof value === 'number') {
        const text = String(value);
        if (typeof key === 'string' && isSecretName(key) && !isSecretReference(text)) {
          report({ at: at(), message: 'namedSecret', data: { path, reference: ENV_REFERENCE } });
          return;
        }
        if (typeof value !== 'string') return;
        const password = URL_PASSWORD.exec(value)?.[1];
        if (password !== undefined && !isSecretReference(password)) report({ at: at(), message: 'urlPassword', data: { path, reference: ENV_REFERENCE } });
        else if (AWS_ACCESS_KEY_ID.test(value)) report({ at: at(), message: 'awsKey', data: { path } });
        else if (PRIVATE_KEY_BEGIN.test(value)) report({ at: at(), message: 'privateKey', data: { path } });
        return;
      }
      if (Array.isArray(value)) {
        value.forEach((item, i) => visit(item, `${path}[${i}]`, value, i));
        return;
      }
      if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) visit(v, path === '' ? k : `${path}.${k}`, value, k);
      }
    };
    visit(model.input, '', null, null);
  },
};
