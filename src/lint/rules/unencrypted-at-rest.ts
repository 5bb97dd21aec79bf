import type { ComponentModel } from '../../spec/model.js';
import { isObject, phaseBuckets } from '../helpers/security-versions.js';
import type { Rule } from '../types.js';

type Scope = 'database' | 'cache' | 'object' | 'volume' | 'all';

// What an `encryption.<scope>` policy covers, by the names pages give their scopes.
function scopeKind(name: string): Scope | null {
  const n = name.toLowerCase().replace(/[\s_]/g, '-');
  if (/^(databases?|dbs?|rds|aurora|rdbms|sql)$/.test(n)) return 'database';
  if (/^(caches?|elasticache|redis|memorystore)$/.test(n)) return 'cache';
  if (/^(s3|objects?|object-storage|objectstorage|buckets?|blob|blobs|gcs)$/.test(n)) return 'object';
  if (/^(ebs|volumes?|disks?|block|block-storage|pvs?|pvcs?)$/.test(n)) return 'volume';
  if (/^(all|default|at-?rest|everything|data)$/.test(n)) return 'all';
  return null;
}

const DATABASE_ENGINES = new Set(['postgresql', 'postgres', 'mysql', 'mariadb', 'mongodb', 'mongo', 'clickhouse', 'cockroachdb', 'mssql', 'sqlserver', 'oracle', 'timescaledb', 'cassandra', 'scylladb', 'couchdb', 'neo4j', 'influxdb', 'elasticsearch', 'opensearch', 'typesense']);
const DATABASE_SERVICES = new Set(['rds', 'aurora', 'documentdb', 'dynamodb', 'cloudsql', 'cosmosdb', 'neptune', 'redshift']);
const CACHE_ENGINES = new Set(['redis', 'valkey', 'memcached', 'keydb', 'dragonfly']);
const CACHE_SERVICES = new Set(['elasticache', 'memorystore', 'memorydb']);
const OBJECT_ENGINES = new Set(['s3', 'minio']);
const OFF = /^(false|off|no|none|disabled?)$/i;

function covers(scope: Scope, component: ComponentModel): boolean {
  if (component.kind === 'external') return false;
  const engine = (component.input.engine ?? '').toLowerCase();
  const service = (component.input.managed?.service ?? '').toLowerCase();
  const datastore = component.kind === 'datastore';
  switch (scope) {
    case 'database':
      return datastore && (DATABASE_ENGINES.has(engine) || DATABASE_SERVICES.has(service));
    case 'cache':
      return datastore && (CACHE_ENGINES.has(engine) || CACHE_SERVICES.has(service));
    case 'object':
      return datastore && (OBJECT_ENGINES.has(engine) || service === 's3');
    case 'volume':
      return component.volumes.length > 0 && component.input.managed === undefined;
    case 'all':
      return datastore || component.volumes.length > 0;
  }
}

export const unencryptedAtRest: Rule<'componentOff' | 'managedOff' | 'bucketNone' | 'bucketMissing' | 'backupOff' | 'backupTarget'> = {
  id: 'unencrypted-at-rest',
  severity: 'error',
  category: 'security',
  summary: 'Where the page requires encryption at rest, no datastore, bucket or backup it covers may be stored unencrypted.',
  messages: {
    componentOff: '`{component}` turns encryption at rest off, but {requirement} requires it: its data and snapshots sit in clear on disk',
    managedOff: '`{component}` sets `{key}: {value}` on its managed service, but {requirement} requires encryption at rest: the provider stores its data in clear',
    bucketNone: 'bucket `{bucket}` says `encryption: none`, but {requirement} requires encryption at rest: its objects are stored in clear',
    bucketMissing: 'bucket `{bucket}` names no encryption, and {requirement} requires encryption at rest without a default algorithm or key to inherit: nothing says how its objects are encrypted',
    backupOff: 'backup `{backup}` of `{component}` is stored unencrypted, while {requirement} requires encryption at rest: the copies expose what the live data hides',
    backupTarget: 'backup `{backup}` of `{component}` goes to bucket `{bucket}`, which says `encryption: none`, while {requirement} requires encryption at rest: the copies expose what the live data hides',
  },
  docs: {
    why: 'An encryption-at-rest requirement (a compliance control, a customer contract) holds only if it holds everywhere the data lands: the database volumes, the buckets, and the backups and snapshots made of them. A datastore, bucket or backup the page itself leaves unencrypted — inside a scope the page says is encrypted — is where the requirement fails an audit, and where a leaked snapshot or a mis-shared bucket exposes the data.',
    invalid: `encryption:
  database: { enabled: true, algorithm: AES-256 }
components:
  postgres:
    kind: datastore
    engine: postgresql
    encryption: { atRest: false }
`,
    valid: `encryption:
  database: { enabled: true, algorithm: AES-256 }
components:
  postgres:
    kind: datastore
    engine: postgresql
    encryption: { atRest: true }
`,
    fix: 'Turn encryption on for the datastore, bucket or backup, or narrow the policy scope if the page really exempts it.',
  },
  check(model, report, analysis) {
    const scopes: Array<{ name: string; kind: Scope; hasDefault: boolean }> = [];
    for (const [name, policy] of Object.entries(model.input.encryption ?? {})) {
      const kind = scopeKind(name);
      if (kind === null || policy.enabled === false) continue;
      scopes.push({ name, kind, hasDefault: policy.algorithm !== undefined || policy.keyId !== undefined || policy.keySource !== undefined });
    }
    const requirementOf = (component: ComponentModel): string | null => {
      const scope = scopes.find((s) => covers(s.kind, component));
      if (scope) return `the page's \`encryption.${scope.name}\` policy`;
      return component.input.encryption?.atRest === true ? `its own \`encryption.atRest: true\`` : null;
    };
    const bucketScope = scopes.find((s) => s.kind === 'object' || s.kind === 'all');
    const required = new Map<string, string>();

    for (const phase of model.phases) {
      for (const component of phase.components) {
        const requirement = requirementOf(component);
        if (requirement === null) continue;
        required.set(component.name, requirement);
        const encryption = component.input.encryption;
        if (encryption?.atRest === false) report({ at: analysis.at(encryption, 'atRest'), message: 'componentOff', data: { component: component.name, requirement }, phase: phase.name });
        const settings = component.input.managed?.settings;
        for (const [key, value] of Object.entries(settings ?? {})) {
          if (settings && /encrypt/i.test(key) && !/transit/i.test(key) && OFF.test(String(value))) {
            report({ at: analysis.at(settings, key), message: 'managedOff', data: { component: component.name, key, value: String(value), requirement }, phase: phase.name });
          }
        }
      }
      const buckets = phaseBuckets(analysis, phase);
      const noneBuckets = new Set<string>();
      for (const { name, bucket, at } of buckets) {
        const encryption = bucket['encryption'];
        if (isObject(encryption) && encryption['type'] === 'none') noneBuckets.add(name);
        if (!bucketScope) continue;
        const requirement = `the page's \`encryption.${bucketScope.name}\` policy`;
        if (isObject(encryption) && encryption['type'] === 'none') report({ at: analysis.at(encryption, 'type'), message: 'bucketNone', data: { bucket: name, requirement }, phase: phase.name });
        else if (encryption === undefined && !bucketScope.hasDefault) report({ at, message: 'bucketMissing', data: { bucket: name, requirement }, phase: phase.name });
      }
      for (const backup of model.backups) {
        const of = backup.of.split('/')[0] ?? backup.of;
        const requirement = required.get(of);
        if (requirement === undefined) continue;
        if (backup.input.encrypted === false) report({ at: analysis.at(backup.input, 'encrypted'), message: 'backupOff', data: { backup: backup.name, component: of, requirement }, phase: phase.name });
        else if (backup.input.target !== undefined && noneBuckets.has(backup.input.target) && backup.input.encrypted !== true) {
          report({ at: analysis.at(backup.input, 'target'), message: 'backupTarget', data: { backup: backup.name, component: of, bucket: backup.input.target, requirement }, phase: phase.name });
        }
      }
      required.clear();
    }
  },
};
