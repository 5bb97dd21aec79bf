/**
 * The official images of the engines a spec names without an image, and what
 * running them needs: where the image keeps its data, how to ask it whether it
 * is up, and which secret it refuses to start without.
 *
 * Sources (each image's page on Docker Hub, read 2026-11-23): the "Docker
 * Official Images" `postgres`, `redis`, `nginx`, `zookeeper`, `influxdb`, and the
 * vendors' own `prom/prometheus`, `grafana/grafana`, `grafana/loki`,
 * `grafana/promtail`, `typesense/typesense`, `jaegertracing/all-in-one`,
 * `otel/opentelemetry-collector`, `localstack/localstack`,
 * `clickhouse/clickhouse-server`, `hashicorp/consul`, `apache/kafka`.
 * `postgres` refuses to initialise without `POSTGRES_PASSWORD` (its page, section
 * "Environment Variables"); `pg_isready` and `redis-cli` ship in their images.
 * Names are fully qualified: rootless Podman under systemd cannot prompt for a
 * short-name registry.
 */
export interface OfficialImage {
  repository: string;
  /** The directory the image keeps its state in (its documented volume). */
  dataPath: string;
  /** A health command that needs only what the image ships. */
  healthCommand?: (port: number | null) => string;
  /** Environment the image refuses to start without, all secrets. */
  requiredSecrets?: readonly string[];
}

const OFFICIAL: Readonly<Record<string, OfficialImage>> = {
  postgresql: {
    repository: 'docker.io/library/postgres',
    dataPath: '/var/lib/postgresql/data',
    healthCommand: (port) => `pg_isready -h 127.0.0.1${port === null || port === 5432 ? '' : ` -p ${port}`}`,
    requiredSecrets: ['POSTGRES_PASSWORD'],
  },
  redis: {
    repository: 'docker.io/library/redis',
    dataPath: '/data',
    healthCommand: (port) => `redis-cli${port === null || port === 6379 ? '' : ` -p ${port}`} ping`,
  },
  nginx: { repository: 'docker.io/library/nginx', dataPath: '/usr/share/nginx/html' },
  prometheus: { repository: 'docker.io/prom/prometheus', dataPath: '/prometheus' },
  grafana: { repository: 'docker.io/grafana/grafana', dataPath: '/var/lib/grafana' },
  loki: { repository: 'docker.io/grafana/loki', dataPath: '/loki' },
  promtail: { repository: 'docker.io/grafana/promtail', dataPath: '/tmp/positions' },
  typesense: { repository: 'docker.io/typesense/typesense', dataPath: '/data' },
  jaeger: { repository: 'docker.io/jaegertracing/all-in-one', dataPath: '/tmp' },
  'otel-collector': { repository: 'docker.io/otel/opentelemetry-collector', dataPath: '/var/lib/otelcol' },
  localstack: { repository: 'docker.io/localstack/localstack', dataPath: '/var/lib/localstack' },
  clickhouse: { repository: 'docker.io/clickhouse/clickhouse-server', dataPath: '/var/lib/clickhouse' },
  zookeeper: { repository: 'docker.io/library/zookeeper', dataPath: '/data' },
  consul: { repository: 'docker.io/hashicorp/consul', dataPath: '/consul/data' },
  influxdb: { repository: 'docker.io/library/influxdb', dataPath: '/var/lib/influxdb2' },
  kafka: { repository: 'docker.io/apache/kafka', dataPath: '/var/lib/kafka/data' },
};

export function officialImage(engine: string | undefined): OfficialImage | undefined {
  if (engine === undefined) return undefined;
  return Object.hasOwn(OFFICIAL, engine) ? OFFICIAL[engine] : undefined;
}
