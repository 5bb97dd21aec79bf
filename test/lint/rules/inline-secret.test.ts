import { inlineSecret } from '../../../src/lint/rules/inline-secret.js';
import { testRule } from '../rule-tester.js';

testRule(inlineSecret, {
  valid: [
    { name: 'references, placeholders and empty values', spec: `components:
  api:
    kind: service
    env:
      DB_PASSWORD: \${DB_PASSWORD}
      API_TOKEN: '{{ vault_api_token }}'
      SECRET_KEY: ''
      PASSWORD_FILE: /run/secrets/db
      tokenTtl: 300s
    connection: postgres://app:\${PGPASSWORD}@db:5432/app
  cache:
    kind: datastore
    managed: { provider: aws, service: elasticache, settings: { authToken: 'secretRef:redis-auth' } }
` },
    { name: 'URLs without a password', spec: `components:
  api:
    kind: external
    endpoint: https://api.example.com:443/v1
    connection: postgres://app@db:5432/app
` },
  ],
  invalid: [
    { name: 'a secret whose key does not end in the secret word (Rails SECRET_KEY_BASE, a signing key)', spec: `components:
  web:
    kind: service
    env:
      SECRET_KEY_BASE: 8f7a6s5d4f3g2h1j
      JWT_SIGNING_KEY: k3y
      PASSWORD_MIN_LENGTH: 12
`, findings: [
      { messageId: 'namedSecret', message: '`components.web.env.SECRET_KEY_BASE` holds a literal value (redacted here) where a secret belongs: everyone who can read the spec or its repository has it; write `${ENV_VAR}` or a secret reference', line: 5, column: 24 },
      { messageId: 'namedSecret', message: '`components.web.env.JWT_SIGNING_KEY` holds a literal value (redacted here) where a secret belongs: everyone who can read the spec or its repository has it; write `${ENV_VAR}` or a secret reference', line: 6, column: 24 },
    ] },
    { name: 'literal passwords and tokens by key name', spec: `components:
  api:
    kind: service
    env:
      DB_PASSWORD: hunter2
      stripeApiKey: sk_live_abc
    settings:
      requirepass: 12345
`, findings: [
      { messageId: 'namedSecret', message: '`components.api.env.DB_PASSWORD` holds a literal value (redacted here) where a secret belongs: everyone who can read the spec or its repository has it; write `${ENV_VAR}` or a secret reference', line: 5, column: 20 },
      { messageId: 'namedSecret', message: '`components.api.env.stripeApiKey` holds a literal value (redacted here) where a secret belongs: everyone who can read the spec or its repository has it; write `${ENV_VAR}` or a secret reference', line: 6, column: 21 },
      { messageId: 'namedSecret', message: '`components.api.settings.requirepass` holds a literal value (redacted here) where a secret belongs: everyone who can read the spec or its repository has it; write `${ENV_VAR}` or a secret reference', line: 8, column: 20 },
    ] },
    { name: 'a connection URL with a password, an AWS key and a private key', spec: `components:
  api:
    kind: service
    connection: postgres://app:s3cret@db:5432/app
    description: uses AKIAIOSFODNN7EXAMPLE for uploads
notes:
  - "-----BEGIN RSA PRIVATE KEY----- MIIE..."
`, findings: [
      { messageId: 'urlPassword', message: '`components.api.connection` holds a connection URL with a literal password (redacted here): everyone who can read the spec or its repository has it; write the password as `${ENV_VAR}`', line: 4, column: 17 },
      { messageId: 'awsKey', message: '`components.api.description` holds an AWS access key id (redacted here): keys in a repository are found by scanners within minutes; revoke it and refer to a secret instead', line: 5, column: 18 },
      { messageId: 'privateKey', message: '`notes[0]` holds a private key (redacted here): whoever reads the spec can impersonate its owner; revoke it and refer to a secret instead', line: 7, column: 6 },
    ] },
  ],
});
