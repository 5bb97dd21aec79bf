/**
 * Default listening ports of datastores, by engine (as `engine:` is written,
 * lower case). Checked 2025-06 against the IANA service-name registry
 * (https://www.iana.org/assignments/service-names-port-numbers) and each
 * project's documentation of its default configuration.
 */
export const DATASTORE_PORTS: Readonly<Record<string, readonly number[]>> = {
  postgresql: [5432],
  postgres: [5432],
  pgbouncer: [6432],
  mysql: [3306, 33060],
  mariadb: [3306],
  redis: [6379],
  valkey: [6379],
  'redis-sentinel': [26379],
  keydb: [6379],
  memcached: [11211],
  mongodb: [27017],
  clickhouse: [8123, 9000, 9009, 9440, 8443],
  elasticsearch: [9200, 9300],
  opensearch: [9200, 9300],
  typesense: [8108],
  meilisearch: [7700],
  cassandra: [9042, 7000],
  scylladb: [9042],
  couchdb: [5984],
  influxdb: [8086],
  neo4j: [7474, 7687],
  etcd: [2379, 2380],
  zookeeper: [2181],
  consul: [8500],
  kafka: [9092],
  rabbitmq: [5672],
  nats: [4222],
  minio: [9000],
  mssql: [1433],
  sqlserver: [1433],
  oracle: [1521],
  cockroachdb: [26257],
  prometheus: [9090],
  loki: [3100],
};

/**
 * Ports that mean a datastore wherever they appear: a rule that opens one of
 * them to the internet opens a database, whatever the page calls the service.
 * Ambiguous defaults (9000: ClickHouse native, MinIO, PHP-FPM, SonarQube; 8123
 * is also Home Assistant) are left out: they count only on a datastore.
 */
export const UNAMBIGUOUS_DATASTORE_PORTS: ReadonlyMap<number, string> = new Map([
  [5432, 'PostgreSQL'],
  [3306, 'MySQL'],
  [6379, 'Redis'],
  [26379, 'Redis Sentinel'],
  [11211, 'Memcached'],
  [27017, 'MongoDB'],
  [9200, 'Elasticsearch'],
  [9042, 'Cassandra'],
  [5984, 'CouchDB'],
  [7687, 'Neo4j'],
  [2379, 'etcd'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [26257, 'CockroachDB'],
  [9440, 'ClickHouse'],
]);
