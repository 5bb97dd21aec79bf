import { z } from 'zod';

// zod 4 compiles each object schema into a specialised parser on first use. infraspec parses a
// spec once per process, so the compilation does not pay for itself: a small spec loads ~100 ms
// faster without it, and the 10k-component bench spec no slower.
z.config({ jitless: true });

/**
 * The one definition of the spec format. From it come the TypeScript types
 * (`SpecInput` and friends, used by `defineSystem`), the shape validator, and
 * the JSON Schema that `infraspec schema` prints for editors.
 *
 * Values with units stay text here (`8GB`, `250m`, `30d`, `$48/month`): the
 * normalizer parses them exactly and reports unit mistakes with the position
 * of the offending suffix, which a pattern in a schema could not do.
 */

const text = (description: string) => z.string().meta({ description });

/** A value with a unit, written as text (numbers are accepted where a bare number means something). */
function unit(kind: string, description: string, examples: string[]) {
  return z.union([z.string(), z.number()]).meta({ title: kind, description, examples });
}

export const Cpu = unit('cpu', 'CPU: a Kubernetes quantity (`250m`, `0.5`, `2`) or cores (`2 cores`, `8 vCPU`). Ranges and `+` are allowed where a requirement may vary (`8+ cores`).', ['250m', '2', '4 cores', '8 vCPU']);
export const Bytes = unit('bytes', 'A size. SI units are powers of 10 (`GB` = 10^9 bytes), IEC units powers of 2 (`GiB`, `Gi` = 2^30 bytes).', ['8GB', '16 GB', '128Mi', '50Gi', '1TB']);
export const Duration = unit('duration', 'A duration: `30d`, `5 minutes`, `1h`, `300s`, `100ms`, `7 years`.', ['30d', '5 minutes', '1h']);
export const Frequency = unit('frequency', 'How often: `hourly`, `daily`, `weekly`, `every 6h`, `on change`, or a duration.', ['daily', 'hourly', 'every 6h']);
export const BitRate = unit('bit rate', 'Network bandwidth in bits per second: `100Mbps`, `1 Gbps`, `2x 25 Gbps`.', ['100Mbps', '1 Gbps']);
export const DataRate = unit('data rate', 'Bytes per period: `1TB/month`, `500MB/day`, `+5GB/month`, `65MB/user/month`.', ['1TB/month', '500MB/day']);
export const Percent = unit('percent', 'A percentage: `99.9%`, `70%` (a bare number means percent).', ['99.9%', '70']);
export const Money = unit('money', 'An amount of money, with currency and optional period: `$48/month`, `€12`, `$120-150/month`, `$0.005/GB/month`.', ['$48/month', '€12']);
export const VersionRange = unit('version range', 'A version requirement: `13+`, `>=1.28 <1.30`, `1.28.x`, `v1.28.5+k3s1`, `15.4`.', ['13+', '1.28+', '>=1.28 <1.30']);
export const Count = unit('count', 'A whole number; thousands separators and `k`/`M` are allowed in text (`1,000`, `10k`).', ['1000', '1,000', '10k']);
export const Figure = unit('stated figure', 'A figure as the document states it: `~160GB` (±10 % unless `±N%` follows), `$120-150`, `<5ms`, `8+ cores`; a plain figure means its written precision (`34GB` is 33.5–34.5 GB).', ['~2.0 cores', '$120-150/month', '~160GB']);
export const LatencyBound = unit('latency bound', 'An upper bound on latency: `<5ms`, `< 2 seconds`.', ['<5ms', '< 100ms']);

const Name = z.string().min(1).meta({ description: 'A name, unique in its section.' });
const Notes = text('Free text kept with the spec and shown in generated documents.');

// ───────────────────────────── versions and software ─────────────────────────

export const VersionRequirement = z.union([
  VersionRange,
  z
    .object({
      minimum: VersionRange.optional(),
      recommended: VersionRange.optional(),
      pinned: text('The exact version deployed, e.g. `15.4` or `v1.28.5+k3s1`.').optional(),
      notes: Notes.optional(),
    })
    .strict(),
]).meta({ id: 'VersionRequirement' });

export const Software = z
  .object({
    version: VersionRequirement.optional(),
    optional: z.boolean().meta({ description: 'Absent is acceptable (preflight skips instead of failing).' }).optional(),
    package: text('OS package that provides it, e.g. `postgresql-client-16`.').optional(),
    notes: Notes.optional(),
  })
  .strict().meta({ id: 'Software' });

// ───────────────────────────────── components ───────────────────────────────

export const ResourceAmounts = z
  .object({
    cpu: Cpu.optional(),
    memory: Bytes.optional(),
    ephemeralStorage: Bytes.optional(),
    gpu: z.int().min(0).optional(),
  })
  .strict().meta({ id: 'ResourceAmounts' });

export const Resources = z
  .object({
    requests: ResourceAmounts.optional(),
    limits: ResourceAmounts.optional(),
  })
  .strict().meta({ id: 'Resources' });

export const Replicas = z.union([
  z.int().min(0),
  z
    .object({
      min: z.int().min(0),
      max: z.int().min(0),
    })
    .strict(),
]).meta({ id: 'Replicas' });

const ScalingTrigger = z
  .object({
    when: text('The condition, e.g. `CPU > 60% or Memory > 70%`.'),
    for: Duration.optional(),
    cooldown: Duration.optional(),
  })
  .strict();

export const Autoscaling = z
  .object({
    cpu: Percent.meta({ description: 'Target average CPU utilization.' }).optional(),
    memory: Percent.meta({ description: 'Target average memory utilization.' }).optional(),
    metric: z.object({ name: Name, target: z.union([z.string(), z.number()]) }).strict().optional(),
    scaleUp: ScalingTrigger.optional(),
    scaleDown: ScalingTrigger.optional(),
    notes: Notes.optional(),
  })
  .strict().meta({ id: 'Autoscaling' });

export const Exposure = z.enum(['public', 'internal', 'node', 'restricted', 'localhost']).meta({
  description: '`public`: reachable from anywhere; `internal`: inside the cluster or private network; `node`: a Kubernetes NodePort; `restricted`: only from the sources in `from`; `localhost`: loopback only.',
});

export const Protocol = z.enum(['TCP', 'UDP', 'SCTP']);

export const Port = z
  .object({
    name: Name.optional(),
    port: z.int().min(1).max(65535),
    protocol: Protocol.optional(),
    appProtocol: z.enum(['http', 'https', 'grpc', 'websocket', 'postgresql', 'redis', 'tcp']).optional(),
    exposure: Exposure.optional(),
    nodePort: z.int().meta({ description: 'The NodePort that maps to this port (30000–32767 by default).' }).optional(),
    from: z.array(Name).meta({ description: 'Allowed sources: roles, components, subnets, CIDRs or `known-ips`.' }).optional(),
    optional: z.boolean().optional(),
    description: Notes.optional(),
  })
  .strict().meta({ id: 'Port' });

export const AccessMode = z.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);

export const Volume = z
  .object({
    name: Name,
    size: Bytes.meta({ description: 'Capacity requested (PVC size or partition size).' }),
    used: Bytes.meta({ description: 'Space in use today, when the document says.' }).optional(),
    growth: DataRate.meta({ description: 'How fast the used space grows: `+500MB/month`.' }).optional(),
    accessMode: AccessMode.optional(),
    class: text('Storage class, e.g. `fast-ssd`.').optional(),
    media: z.enum(['nvme', 'ssd', 'hdd', 'network']).optional(),
    mount: text('Mount path inside the container or on the host.').optional(),
    disk: text('The role disk (by mount) that holds this volume on the host, e.g. `/var/lib/postgresql`.').optional(),
    perReplica: z.boolean().meta({ description: 'One volume per replica (StatefulSet volumeClaimTemplates).' }).optional(),
    retention: z.union([Duration, z.literal('persistent')]).optional(),
    purpose: Notes.optional(),
  })
  .strict().meta({ id: 'Volume' });

export const Health = z
  .object({
    path: text('HTTP path of the health endpoint.').optional(),
    port: z.int().min(1).max(65535).optional(),
    readinessPath: text('HTTP path of the readiness endpoint, when different.').optional(),
    readiness: z
      .object({ path: z.string().optional(), port: z.int().min(1).max(65535).optional(), initialDelay: Duration.optional(), interval: Duration.optional(), timeout: Duration.optional() })
      .strict()
      .meta({ description: 'A readiness probe with its own timing.' })
      .optional(),
    interval: Duration.optional(),
    timeout: Duration.optional(),
    initialDelay: Duration.optional(),
    healthyThreshold: z.int().min(1).optional(),
    unhealthyThreshold: z.int().min(1).optional(),
    latency: LatencyBound.optional(),
  })
  .strict().meta({ id: 'Health' });

export const Placement = z
  .object({
    role: z.union([Name, z.array(Name)]).meta({ description: 'Node role(s) that may run this component.' }).optional(),
    antiAffinity: z.union([z.boolean(), z.enum(['required', 'preferred'])]).meta({ description: 'Replicas on distinct machines.' }).optional(),
    spreadZones: z.boolean().meta({ description: 'Spread replicas across the role’s zones.' }).optional(),
    zones: z.array(Name).optional(),
    colocateWith: z.array(Name).meta({ description: 'Components that must run in the same datacenter or host.' }).optional(),
    gpu: z.boolean().optional(),
  })
  .strict().meta({ id: 'Placement' });

export const HaMode = z.enum(['single', 'replicated', 'primary-replica', 'sentinel', 'cluster', 'active-active', 'leader-follower', 'sharded']);

export const HighAvailability = z
  .object({
    mode: HaMode,
    replicas: z.int().min(0).meta({ description: 'Replicas besides the primary, or members of a quorum.' }).optional(),
    shards: z.int().min(1).optional(),
    quorum: z.int().min(1).optional(),
    sentinels: z.int().min(1).meta({ description: 'Redis Sentinel processes, when they do not run one beside each instance (e.g. 2 Redis and 3 Sentinels).' }).optional(),
    failover: z.enum(['automatic', 'manual']).optional(),
    multiAz: z.boolean().optional(),
    tool: text('e.g. `Patroni`, `Redis Sentinel`.').optional(),
    notes: Notes.optional(),
  })
  .strict().meta({ id: 'HighAvailability' });

export const Retry = z
  .object({
    attempts: z.int().min(0),
    perTryTimeout: Duration.optional(),
  })
  .strict();

export const Flow = z
  .object({
    to: Name.meta({ description: 'The component (or external service) this one calls.' }),
    port: z.int().min(1).max(65535).optional(),
    protocol: z.enum(['TCP', 'UDP', 'HTTP', 'HTTPS', 'gRPC', 'WebSocket', 'PostgreSQL', 'Redis', 'Kafka']).optional(),
    latency: LatencyBound.optional(),
    bandwidth: z.union([BitRate, DataRate]).optional(),
    path: text('URL path prefix routed over this flow, e.g. `/v1/vms`.').optional(),
    weight: z.int().min(0).max(100).meta({ description: 'Share of the route’s traffic, in percent.' }).optional(),
    timeout: Duration.optional(),
    retries: Retry.optional(),
    circuitBreaker: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    description: Notes.optional(),
  })
  .strict().meta({ id: 'Flow' });

export const SecurityContext = z
  .object({
    runAsNonRoot: z.boolean().optional(),
    runAsUser: z.int().min(0).optional(),
    fsGroup: z.int().min(0).optional(),
    privileged: z.boolean().optional(),
    readOnlyRootFilesystem: z.boolean().optional(),
    capabilities: z.object({ add: z.array(Name).optional(), drop: z.array(Name).optional() }).strict().optional(),
    hostPaths: z.array(z.string()).meta({ description: 'Host paths the component needs, e.g. `/srv/jailer`, `/var/run/docker.sock`.' }).optional(),
  })
  .strict().meta({ id: 'SecurityContext' });

export const Encryption = z
  .object({
    atRest: z.boolean().optional(),
    inTransit: z.boolean().optional(),
    algorithm: text('e.g. `AES-256`.').optional(),
    keySource: text('e.g. `AWS-KMS`.').optional(),
    keyId: text('Key reference (ARN or name).').optional(),
  })
  .strict().meta({ id: 'Encryption' });

export const ManagedService = z
  .object({
    provider: text('e.g. `aws`.'),
    service: text('e.g. `rds`, `elasticache`, `s3`.'),
    instanceClass: text('e.g. `db.r5.xlarge`, `cache.r5.large`.').optional(),
    nodes: z.int().min(1).optional(),
    multiAz: z.boolean().optional(),
    storage: z
      .object({
        type: text('e.g. `io1`, `gp3`.').optional(),
        size: Bytes.optional(),
        iops: Count.optional(),
        throughput: DataRate.optional(),
      })
      .strict()
      .optional(),
    backupWindow: text('UTC clock window, `03:00-04:00`.').optional(),
    maintenanceWindow: text('Weekly window, `sun:04:00-sun:05:00`.').optional(),
    readReplicas: z
      .object({
        count: z.int().min(0),
        instanceClass: text('Instance class of each replica.').optional(),
        zones: z.array(Name).optional(),
      })
      .strict()
      .optional(),
    monitoring: z.record(z.string(), z.boolean()).optional(),
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict().meta({ id: 'ManagedService' });

export const DataItem = z
  .object({
    name: Name,
    purpose: Notes.optional(),
    size: Bytes.optional(),
    ttl: z.union([Duration, z.literal('variable')]).optional(),
  })
  .strict().meta({ id: 'DataItem' });

export const ComponentKind = z.enum(['service', 'worker', 'datastore', 'job', 'daemon', 'external']);

export const Component = z
  .object({
    kind: ComponentKind,
    description: Notes.optional(),
    enabled: z.boolean().meta({ description: 'Set `false` in a phase overlay to remove the component from that phase.' }).optional(),
    optional: z.boolean().optional(),
    image: text('Container image, e.g. `unkey/gatewayd:latest`.').optional(),
    labels: z.record(z.string(), z.string()).meta({ description: 'Labels the document selects the component by, e.g. `app: postgres`.' }).optional(),
    engine: text('What it is, e.g. `postgresql`, `redis`, `clickhouse`, `nginx`.').optional(),
    version: VersionRequirement.optional(),
    resources: Resources.optional(),
    replicas: Replicas.optional(),
    autoscaling: Autoscaling.optional(),
    schedule: text('Cron schedule of a job, e.g. `0 3 * * *`.').optional(),
    concurrency: z.int().min(1).meta({ description: 'How many runs of a job may overlap (default 1).' }).optional(),
    ports: z.array(Port).optional(),
    volumes: z.array(Volume).optional(),
    health: Health.optional(),
    placement: Placement.optional(),
    ha: HighAvailability.optional(),
    disruption: z
      .object({
        minAvailable: z.union([z.int().min(0), z.string().regex(/^\d{1,3}%$/)]).optional(),
        maxUnavailable: z.union([z.int().min(0), z.string().regex(/^\d{1,3}%$/)]).optional(),
      })
      .strict()
      .meta({ description: 'PodDisruptionBudget: how many replicas must stay up (or may be down) during voluntary evictions such as node drains. A count or a percentage (`50%`).' })
      .optional(),
    flows: z.array(Flow).optional(),
    security: SecurityContext.optional(),
    encryption: Encryption.optional(),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).meta({ description: 'Engine settings, e.g. `max_connections`, `maxmemory-policy`.' }).optional(),
    extensions: z.array(Name).optional(),
    persistence: z
      .object({
        aof: z.object({ enabled: z.boolean(), fsync: Duration.optional() }).strict().optional(),
        snapshots: z.object({ every: Frequency }).strict().optional(),
      })
      .strict()
      .optional(),
    data: z.array(DataItem).meta({ description: 'Tables, key prefixes or other data kept by a datastore, with sizes or TTLs.' }).optional(),
    managed: ManagedService.optional(),
    endpoint: text('URL of an external service.').optional(),
    rateLimit: text('Rate limit of an external service.').optional(),
    connection: text('Connection string, with secrets as `${ENV_VAR}`.').optional(),
    stated: z.array(z.lazy(() => Stated)).optional(),
  })
  .strict().meta({ id: 'Component' });

// ──────────────────────────────────── roles ─────────────────────────────────

export const Disk = z
  .object({
    mount: text('Mount point, e.g. `/var/lib/postgresql`.').optional(),
    device: text('e.g. `/dev/sda3`.').optional(),
    size: Bytes,
    count: z.int().min(1).optional(),
    media: z.enum(['nvme', 'ssd', 'hdd', 'network']).optional(),
    purpose: Notes.optional(),
  })
  .strict().meta({ id: 'Disk' });

export const Gpu = z
  .object({
    count: z.int().min(0),
    vendor: z.enum(['nvidia', 'amd', 'intel']).optional(),
    model: text('e.g. `A100`.').optional(),
    memory: Bytes.optional(),
    driver: VersionRange.optional(),
    cuda: VersionRange.optional(),
    notes: Notes.optional(),
  })
  .strict().meta({ id: 'Gpu' });

export const RequirementLevel = z
  .object({
    cpu: Cpu.optional(),
    cpuModel: z.array(z.string()).meta({ description: 'Acceptable CPU families, e.g. `AMD EPYC`, `Intel Xeon`.' }).optional(),
    memory: Bytes.optional(),
    memoryType: text('e.g. `DDR4`, `ECC`.').optional(),
    disk: Bytes.meta({ description: 'Total disk, when the document gives one figure.' }).optional(),
    disks: z.array(Disk).optional(),
    iops: Count.optional(),
    gpu: Gpu.optional(),
    network: BitRate.meta({ description: 'Port speed.' }).optional(),
    bandwidth: DataRate.meta({ description: 'Transfer allowance, e.g. `1TB/month`.' }).optional(),
    os: z.array(z.string()).meta({ description: 'Acceptable operating systems, e.g. `Ubuntu 24.04 LTS`, `Rocky Linux 9`.' }).optional(),
    osExcluded: z.array(z.string()).meta({ description: 'Operating systems the document rules out, e.g. `Ubuntu <22.04`, `CentOS 7/8`.' }).optional(),
    kernel: VersionRange.optional(),
    arch: z.array(z.enum(['amd64', 'arm64'])).optional(),
    software: z.record(z.string(), z.union([VersionRange, Software])).meta({ description: 'Software and its version range, e.g. `podman: 4.4+`.' }).optional(),
    features: z.array(z.string()).meta({ description: 'Platform features, e.g. `sr-iov`, `kvm`, `cgroup-v2`.' }).optional(),
    sysctls: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .meta({ description: 'Kernel parameters by sysctl name, e.g. `vm.max_map_count: 262144` (a number is a lower bound; text must match exactly). Preflight reads them from /proc/sys.' })
      .optional(),
    ulimits: z
      .record(z.string(), z.union([z.int().min(0), z.literal('unlimited')]))
      .meta({ description: 'Resource limits by `ulimit` name (`nofile`, `nproc`, `memlock`, …) as lower bounds, e.g. `nofile: 65536`.' })
      .optional(),
  })
  .strict().meta({ id: 'RequirementLevel' });

export const HostUser = z
  .object({
    name: Name,
    shell: z.string().optional(),
    groups: z.array(Name).optional(),
    home: z.string().optional(),
    linger: z.boolean().meta({ description: 'systemd lingering, so rootless containers outlive the login.' }).optional(),
    subuid: text('Subordinate uid range, `100000:65536`.').optional(),
    subgid: text('Subordinate gid range, `100000:65536`.').optional(),
  })
  .strict().meta({ id: 'HostUser' });

export const HostDirectory = z
  .object({
    path: z.string().min(1),
    owner: Name.optional(),
    group: Name.optional(),
    mode: z.string().regex(/^0?[0-7]{3,4}$/).meta({ description: 'Octal mode as text, e.g. `"0700"`.' }).optional(),
    purpose: Notes.optional(),
  })
  .strict().meta({ id: 'HostDirectory' });

export const RoleCount = z.union([
  z.int().min(0),
  z.object({ min: z.int().min(0), max: z.int().min(0).optional() }).strict(),
  z.literal('variable'),
]);

export const Role = z
  .object({
    description: Notes.optional(),
    extends: Name.meta({ description: 'A role whose fields this one inherits (deep merge; this role wins).' }).optional(),
    abstract: z.boolean().meta({ description: 'A template for other roles: no machines of its own.' }).optional(),
    optional: z.boolean().meta({ description: 'The document calls these machines optional.' }).optional(),
    count: RoleCount.optional(),
    zones: z.array(Name).optional(),
    region: Name.optional(),
    offer: text('The provider offer (instance type) used, e.g. `t3.large` or `hetzner/CX41`.').optional(),
    reserved: ResourceAmounts.meta({ description: 'Capacity reserved for the system (kubelet, OS); allocatable is the rest.' }).optional(),
    minimum: RequirementLevel.optional(),
    recommended: RequirementLevel.optional(),
    users: z.array(HostUser).optional(),
    directories: z.array(HostDirectory).optional(),
    ports: z
      .object({
        free: z.array(z.int().min(1).max(65535)).meta({ description: 'TCP ports nothing may listen on yet (the deployment binds them).' }).optional(),
        listening: z.array(z.int().min(1).max(65535)).meta({ description: 'TCP ports something must already listen on (e.g. `22` for SSH).' }).optional(),
      })
      .strict()
      .meta({ description: 'Host TCP ports preflight checks: free before installing, or already listening.' })
      .optional(),
    packages: z
      .union([z.array(z.string()), z.record(z.string(), z.array(z.string()))])
      .meta({ description: 'OS packages to install: a list, or lists by group (`security: [ufw, fail2ban]`).' })
      .optional(),
    container: z
      .object({
        engine: z.enum(['podman', 'docker', 'containerd', 'cri-o']),
        rootless: z.boolean().optional(),
        storageDriver: z.string().optional(),
        storagePath: z.string().optional(),
        notes: Notes.optional(),
      })
      .strict()
      .optional(),
    capabilities: z.array(z.string()).meta({ description: 'Special requirements, e.g. `CAP_SYS_ADMIN`, `docker socket`.' }).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    scaling: z
      .object({
        horizontal: Notes.optional(),
        vertical: z.object({ maxCpu: Cpu.optional(), maxMemory: Bytes.optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    density: z
      .array(
        z
          .object({
            name: Name,
            cpu: Cpu,
            memory: Bytes,
            perHost: Figure.meta({ description: 'How many fit per host, as stated: `150-180`.' }),
          })
          .strict(),
      )
      .meta({ description: 'VMs or pods of given sizes hosted per machine.' })
      .optional(),
    cost: Money.meta({ description: 'Price of one machine of this role.' }).optional(),
    stated: z.array(z.lazy(() => Stated)).optional(),
  })
  .strict().meta({ id: 'Role' });

// ─────────────────────────────── stated figures ─────────────────────────────

export const Stated = z
  .object({
    figure: text(
      'What is stated, by metric id: `cpuRequests`, `cpuLimits`, `memoryRequests`, `memoryLimits`, `volumes`, `backupStorage`, `backupPerDay`, `usage.<driver>`, `monthlyCost`, `count`, `replicas`, `cost`, `size`, `traffic.average`, `traffic.peak`, `dataSize`.',
    ),
    value: Figure,
    of: z.array(Name).meta({ description: 'Restrict the figure to these components, backups, roles or items.' }).optional(),
    at: z.enum(['min', 'max']).meta({ description: 'With replica ranges: compare against the minimum (default) or maximum total.' }).optional(),
    per: z.literal('machine').meta({ description: 'For role figures: the figure is per machine, not the total over the role.' }).optional(),
    label: text('The words the document uses, e.g. `Total Cluster Requirements`.').optional(),
  })
  .strict().meta({ id: 'Stated' });

// ──────────────────────────── phases and usage ──────────────────────────────

export const CostLine = z
  .object({
    name: Name,
    amount: Money,
    quantity: z.union([Bytes, Count]).meta({ description: 'Quantity the price applies to (`160GB` at `$0.005/GB/month`).' }).optional(),
    category: z.enum(['compute', 'storage', 'backup', 'network', 'domain', 'cdn', 'monitoring', 'license', 'other']).optional(),
    notes: Notes.optional(),
  })
  .strict().meta({ id: 'CostLine' });

const RoleOverride = Role.partial();
const ComponentOverride = Component.partial();

export const Phase = z
  .object({
    description: Notes.optional(),
    production: z.boolean().meta({ description: 'Production phases get availability checks (single points of failure, quorum).' }).optional(),
    targets: z.record(z.string(), z.union([Count, Percent])).meta({ description: 'Usage targets, e.g. `users: 1000`, `tradesPerDay: 500`, `uptime: 99.9%`.' }).optional(),
    roles: z.record(z.string(), z.union([RoleOverride, z.null()])).meta({ description: 'Roles of this phase: overrides of base roles, new roles, or `null` to drop one.' }).optional(),
    components: z.record(z.string(), z.union([ComponentOverride, z.null()])).meta({ description: 'Component overrides for this phase, or `null` to drop one.' }).optional(),
    costs: z.array(CostLine).optional(),
    buckets: z.record(z.string(), z.lazy(() => Bucket.partial())).meta({ description: 'Bucket overrides for this phase (e.g. LocalStack in development).' }).optional(),
    kubernetes: z.lazy(() => Kubernetes.partial()).meta({ description: 'Kubernetes settings for this phase (e.g. `distribution: k3d`).' }).optional(),
    budget: Money.optional(),
    bandwidth: z.object({ minimum: DataRate.optional(), recommended: DataRate.optional() }).strict().meta({ description: 'Transfer allowance the phase needs, e.g. `1TB/month`.' }).optional(),
    stated: z.array(Stated).optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict().meta({ id: 'Phase' });

export const UsageDriver = z
  .object({
    per: text('The target that drives it, e.g. `users`.'),
    rate: DataRate.meta({ description: 'Amount per unit of the target per period, e.g. `65MB/user/month`.' }).optional(),
    parts: z.record(z.string(), DataRate).meta({ description: 'Itemized parts; their sum is the rate when `rate` is absent.' }).optional(),
    kind: z.enum(['bandwidth', 'storage', 'egress', 'ingress']).optional(),
    stated: z.array(Stated).meta({ description: 'Figures stated about the driver itself (`rate`: the per-unit total of its parts).' }).optional(),
    description: Notes.optional(),
  })
  .strict().meta({ id: 'UsageDriver' });

// ───────────────────────────── storage and backup ───────────────────────────

export const Backup = z
  .object({
    of: Name.meta({ description: 'The component (or `component/volume`) backed up.' }),
    type: z.enum(['full', 'incremental', 'wal', 'snapshot', 'aof', 'logs', 'files', 'config', 'dump']),
    frequency: Frequency.optional(),
    at: text('When it runs, e.g. `03:00 UTC`.').optional(),
    window: text('UTC clock window, `03:00-04:00`.').optional(),
    tool: text('e.g. `pg_dump`, `pgBackRest`.').optional(),
    size: Bytes.meta({ description: 'Size of one backup before compression.' }).optional(),
    compressedSize: Bytes.meta({ description: 'Size of one backup as stored.' }).optional(),
    rate: DataRate.meta({ description: 'For continuous kinds (WAL, logs): volume per period.' }).optional(),
    retention: z.union([Duration, z.literal('indefinite')]).optional(),
    target: Name.meta({ description: 'Where backups are kept: a bucket, `role:/mount` on a host disk, or `component/volume`.' }).optional(),
    crossRegion: z.union([Name, z.boolean()]).meta({ description: 'Region a copy is replicated to, or `true` when the document names none.' }).optional(),
    versionControl: z.boolean().meta({ description: 'Kept in version control (configuration).' }).optional(),
    encrypted: z.boolean().optional(),
    verification: Frequency.meta({ description: 'How often restores are tested.' }).optional(),
    stated: z.array(Stated).optional(),
    notes: Notes.optional(),
  })
  .strict().meta({ id: 'Backup' });

export const LifecycleRule = z
  .object({
    id: Name,
    enabled: z.boolean().optional(),
    transition: z.object({ after: Duration, class: Name }).strict().optional(),
    expire: z.object({ after: Duration }).strict().optional(),
  })
  .strict().meta({ id: 'LifecycleRule' });

export const Bucket = z
  .object({
    name: text('The bucket name at the provider.').optional(),
    provider: text('e.g. `aws-s3`, `backblaze-b2`, `minio`, `localstack`.').optional(),
    class: text('Storage class, e.g. `STANDARD`.').optional(),
    versioning: z.boolean().optional(),
    encryption: z.object({ type: z.enum(['SSE-S3', 'SSE-KMS', 'SSE-C', 'AES256', 'none']), keyId: z.string().optional() }).strict().optional(),
    lifecycle: z.array(LifecycleRule).optional(),
    accessControl: z.string().optional(),
    size: Bytes.optional(),
    growth: DataRate.optional(),
    price: Money.optional(),
    purpose: Notes.optional(),
  })
  .strict().meta({ id: 'Bucket' });

export const RecoveryObjective = z
  .object({
    rto: Duration.optional(),
    rpo: Duration.optional(),
    of: z.array(Name).meta({ description: 'Components (or tiers) the objective applies to.' }).optional(),
    steps: z.array(z.string()).optional(),
    notes: Notes.optional(),
  })
  .strict().meta({ id: 'RecoveryObjective' });

// ─────────────────────────────────── network ─────────────────────────────────

export const Subnet = z
  .object({
    cidr: z.string().optional(),
    zone: Name.optional(),
    tier: z.enum(['public', 'private', 'database', 'dmz', 'app', 'data', 'compute', 'management']).optional(),
    publicIp: z.boolean().optional(),
    hosts: z.array(Name).meta({ description: 'Roles or components placed in this subnet.' }).optional(),
  })
  .strict().meta({ id: 'Subnet' });

/** A security-group or ACL protocol; `-1` is AWS's spelling of all protocols. */
const NetworkProtocol = z.union([z.enum(['tcp', 'udp', 'icmp', 'all']), z.literal('-1')]);

export const SecurityRule = z
  .object({
    protocol: NetworkProtocol,
    port: z.union([z.int().min(0).max(65535), z.string()]).optional(),
    cidr: z.array(z.string()).optional(),
    from: Name.meta({ description: 'Source security group.' }).optional(),
    description: Notes.optional(),
  })
  .strict().meta({ id: 'SecurityRule' });

export const SecurityGroup = z
  .object({
    appliesTo: z.array(Name).optional(),
    ingress: z.array(SecurityRule).optional(),
    egress: z.array(SecurityRule).optional(),
  })
  .strict().meta({ id: 'SecurityGroup' });

export const AclRule = z
  .object({
    rule: z.int().min(1),
    protocol: NetworkProtocol,
    ports: z.union([z.int(), z.string()]),
    action: z.enum(['allow', 'deny']),
    cidr: z.string(),
  })
  .strict().meta({ id: 'AclRule' });

export const NetworkAcl = z
  .object({
    subnets: z.array(Name).optional(),
    inbound: z.array(AclRule).optional(),
    outbound: z.array(AclRule).optional(),
  })
  .strict().meta({ id: 'NetworkAcl' });

export const FirewallRule = z
  .object({
    port: z.union([z.int().min(1).max(65535), z.string()]),
    protocol: z.enum(['tcp', 'udp']).optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    scope: z.enum(['external', 'internal', 'inter-server']).meta({ description: 'External: reachable from outside; internal: container network only; inter-server: between the phase’s machines.' }),
    from: z.array(Name).optional(),
    to: z.array(Name).meta({ description: 'Destinations of outbound rules or the roles a rule applies to.' }).optional(),
    service: text('What listens, e.g. `SSH`, `HTTPS (Nginx)`.').optional(),
    optional: z.boolean().optional(),
    phases: z.array(Name).optional(),
    description: Notes.optional(),
  })
  .strict().meta({ id: 'FirewallRule' });

const PolicyPeer = z
  .object({
    component: Name.optional(),
    all: z.boolean().optional(),
    cidr: z.string().optional(),
    namespace: Name.optional(),
  })
  .strict();

const PolicyRule = z
  .object({
    peers: z.array(PolicyPeer).optional(),
    ports: z.array(z.object({ port: z.int().min(1).max(65535), protocol: Protocol.optional() }).strict()).optional(),
  })
  .strict();

export const NetworkPolicy = z
  .object({
    name: Name,
    namespace: Name.meta({ description: 'Namespace the policy is created in (defaults to `kubernetes.namespace`).' }).optional(),
    selector: z.union([Name, z.literal('*')]).meta({ description: 'The component the policy selects, or `*` for every pod.' }),
    types: z.array(z.enum(['Ingress', 'Egress'])),
    ingress: z.array(PolicyRule).optional(),
    egress: z.array(PolicyRule).optional(),
  })
  .strict().meta({ id: 'NetworkPolicy' });

export const DnsRecord = z
  .object({
    name: z.string(),
    type: z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA']),
    value: z.string().optional(),
    alias: z.object({ target: z.string(), zoneId: z.string().optional() }).strict().optional(),
    ttl: Duration.optional(),
    optional: z.boolean().optional(),
    notes: Notes.optional(),
  })
  .strict().meta({ id: 'DnsRecord' });

export const TrafficItem = z
  .object({
    average: BitRate.optional(),
    peak: BitRate.optional(),
    rate: z.union([DataRate, z.string()]).meta({ description: 'Volume per period, e.g. `~100MB/day`, or a range `500KB-2MB/hour`.' }).optional(),
    per: text('What the rate is per, e.g. `stream`.').optional(),
    description: Notes.optional(),
  })
  .strict();

export const TrafficDirection = z
  .object({
    items: z.record(z.string(), TrafficItem),
    stated: z.array(Stated).optional(),
  })
  .strict().meta({ id: 'TrafficDirection' });

export const Network = z
  .object({
    vpc: z.object({ cidr: z.string(), dnsHostnames: z.boolean().optional(), dnsSupport: z.boolean().optional() }).strict().optional(),
    subnets: z.record(z.string(), Subnet).optional(),
    securityGroups: z.record(z.string(), SecurityGroup).optional(),
    acls: z.record(z.string(), NetworkAcl).optional(),
    firewall: z.array(FirewallRule).optional(),
    policies: z.array(NetworkPolicy).optional(),
    dns: z
      .object({
        zone: z.string().optional(),
        private: z.boolean().optional(),
        records: z.array(DnsRecord).optional(),
        ttl: z.record(z.string(), Duration).meta({ description: 'Recommended TTLs by situation, e.g. `production: 300s`.' }).optional(),
        notes: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    tls: z
      .object({
        minVersion: z.enum(['1.0', '1.1', '1.2', '1.3']),
        ciphers: z.array(z.string()).optional(),
        certificates: z.array(z.object({ name: Name, ref: z.string().optional(), domains: z.array(z.string()), issuer: z.string().optional() }).strict()).optional(),
      })
      .strict()
      .optional(),
    cdn: z
      .object({
        provider: z.string(),
        origins: z.array(z.object({ id: Name, domain: z.string(), protocol: z.enum(['http-only', 'https-only', 'match-viewer']).optional(), tls: z.array(z.string()).optional(), httpPort: z.int().optional(), httpsPort: z.int().optional() }).strict()).optional(),
        viewerProtocol: z.enum(['allow-all', 'redirect-to-https', 'https-only']).optional(),
        enabled: z.boolean().optional(),
        allowedMethods: z.array(z.string()).optional(),
        cachedMethods: z.array(z.string()).optional(),
        compress: z.boolean().optional(),
        ttl: z.object({ default: Duration.optional(), min: Duration.optional(), max: Duration.optional() }).strict().optional(),
        geoRestriction: z.string().optional(),
        viewerCertificate: z.string().optional(),
        cacheTtl: Duration.optional(),
        staticTtl: Duration.optional(),
      })
      .strict()
      .optional(),
    paths: z
      .array(z.object({ from: Name, to: Name, kind: z.enum(['traffic', 'management', 'monitoring', 'replication']).optional(), description: Notes.optional() }).strict())
      .meta({ description: 'Allowed paths between network segments (subnets or tiers).' })
      .optional(),
    regions: z
      .array(
        z
          .object({
            name: Name,
            zones: z.array(Name).optional(),
            roles: z.array(Name).optional(),
            primary: z.boolean().optional(),
            replicaOf: Name.optional(),
          })
          .strict(),
      )
      .optional(),
    traffic: z
      .object({
        ingress: TrafficDirection.optional(),
        egress: TrafficDirection.optional(),
        internal: TrafficDirection.optional(),
      })
      .strict()
      .optional(),
  })
  .strict().meta({ id: 'Network' });

// ───────────────────────────── cost, objectives ─────────────────────────────

export const Offer = z
  .object({
    provider: Name,
    offer: Name,
    cpu: Cpu.optional(),
    memory: Bytes.optional(),
    disk: Bytes.optional(),
    gpu: Gpu.optional(),
    price: Money.meta({ description: 'Price, when the document gives one; an offer may only describe a size.' }).optional(),
    region: z.string().optional(),
    date: z.string().optional(),
    source: z.string().optional(),
    notes: Notes.optional(),
  })
  .strict().meta({ id: 'Offer' });

export const Cost = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    offers: z.array(Offer).optional(),
    lines: z.array(CostLine).optional(),
    budgets: z.array(z.object({ name: Name, amount: Money, alertAt: Percent.optional() }).strict()).optional(),
    savings: z
      .array(z.object({ name: Name, estimate: z.union([Percent, z.string()]), of: z.enum(['compute', 'storage', 'network', 'total']).optional(), strategies: z.array(z.string()).optional() }).strict())
      .meta({ description: 'Estimated savings the document claims, e.g. `30%` of storage costs.' })
      .optional(),
    reserved: z.array(z.object({ offer: Name, term: Duration, payment: z.enum(['no-upfront', 'partial-upfront', 'all-upfront']), quantity: z.int().min(1) }).strict()).optional(),
    spot: z.object({ maxShare: Percent, fallbackToOnDemand: z.boolean().optional() }).strict().optional(),
    rightsizing: z.object({ review: Frequency, automated: z.boolean().optional() }).strict().optional(),
    anomalyDetection: z.object({ sensitivity: z.enum(['low', 'medium', 'high']), channels: z.array(z.string()).optional() }).strict().optional(),
  })
  .strict();

export const Objectives = z
  .object({
    availability: Percent.optional(),
    latency: z.array(z.object({ name: Name, bound: LatencyBound, percentile: z.string().optional(), of: Name.optional() }).strict()).optional(),
    throughput: z.array(z.object({ name: Name, value: Count, per: z.enum(['second', 'minute', 'hour', 'day', 'concurrent']) }).strict()).optional(),
    recovery: z.record(z.string(), RecoveryObjective).optional(),
    failoverTesting: z.object({ frequency: Frequency, automated: z.boolean().optional(), notify: z.boolean().optional() }).strict().optional(),
    capacity: z.array(z.object({ name: Name, users: Count, notes: Notes.optional() }).strict()).meta({ description: 'Scaling limits: concurrent users each architecture carries.' }).optional(),
  })
  .strict();

export const Alert = z
  .object({
    name: Name,
    metric: z.string(),
    above: z.union([z.number(), z.string()]).optional(),
    below: z.union([z.number(), z.string()]).optional(),
    for: Duration.optional(),
    period: Duration.optional(),
    evaluationPeriods: z.int().min(1).optional(),
    comparison: z.enum(['above', 'below', 'outside', 'inside']).optional(),
    severity: z.enum(['critical', 'warning', 'info']).optional(),
    notes: Notes.optional(),
  })
  .strict();

export const Kubernetes = z
  .object({
    distribution: z.enum(['kubernetes', 'k3s', 'k3d', 'eks', 'gke', 'aks']).optional(),
    version: VersionRequirement.optional(),
    namespace: Name.optional(),
    quota: z.record(z.string(), z.union([z.string(), z.number()])).meta({ description: 'ResourceQuota `spec.hard`, e.g. `requests.cpu: "4"`.' }).optional(),
    limitRange: z
      .object({
        defaultRequest: ResourceAmounts.optional(),
        default: ResourceAmounts.optional(),
        max: ResourceAmounts.optional(),
      })
      .strict()
      .optional(),
    addons: z.array(z.string()).optional(),
  })
  .strict();

export const Observability = z
  .object({
    logs: z.array(z.object({ name: z.string(), retention: Duration.optional(), source: Name.optional() }).strict()).optional(),
    metrics: z.array(z.object({ name: z.string(), namespace: z.string().optional(), unit: z.string().optional(), description: Notes.optional() }).strict()).optional(),
  })
  .strict();

export const Iam = z
  .object({
    roles: z
      .record(
        z.string(),
        z
          .object({
            name: z.string().optional(),
            assumedBy: z.array(z.string()).optional(),
            policies: z
              .array(
                z
                  .object({
                    name: Name,
                    statements: z.array(z.object({ effect: z.enum(['Allow', 'Deny']), actions: z.array(z.string()), resources: z.array(z.string()) }).strict()),
                  })
                  .strict(),
              )
              .optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const StorageTiers = z
  .object({
    tiers: z.record(z.string(), z.object({ media: z.enum(['nvme', 'ssd', 'hdd', 'object', 'archive']), holds: z.array(z.string()).optional() }).strict()).optional(),
    transitions: z.array(z.object({ from: Name, to: Name, after: Duration }).strict()).optional(),
  })
  .strict();

export const ChecklistSection = z
  .object({
    section: Name,
    items: z.array(z.string()),
  })
  .strict();

// ──────────────────────────────────── the spec ──────────────────────────────

const sections = {
  components: z.record(z.string(), Component).optional(),
  roles: z.record(z.string(), Role).optional(),
  phases: z.record(z.string(), Phase).meta({ description: 'Phases or environments, in document order; each is an overlay on the base.' }).optional(),
  usage: z.record(z.string(), UsageDriver).optional(),
  backups: z.record(z.string(), Backup).optional(),
  buckets: z.record(z.string(), Bucket).optional(),
  network: Network.optional(),
  cost: Cost.optional(),
  objectives: Objectives.optional(),
  alerts: z.array(Alert).optional(),
  kubernetes: Kubernetes.optional(),
  observability: Observability.optional(),
  iam: Iam.optional(),
  encryption: z.record(z.string(), z.object({ enabled: z.boolean().optional(), algorithm: z.string().optional(), keySource: z.string().optional(), keyId: z.string().optional(), bucketKey: z.boolean().optional() }).strict()).meta({ description: 'Encryption policies by scope (`database`, `s3`, `ebs`…).' }).optional(),
  storage: StorageTiers.optional(),
  checklist: z.array(ChecklistSection).optional(),
  notes: z.array(z.string()).meta({ description: 'Prose the document keeps that has no figure to check.' }).optional(),
  stated: z.array(Stated).meta({ description: 'Figures the document states about the whole system (checked in every phase unless the phase states its own).' }).optional(),
};

export const LintSeverity = z.enum(['off', 'info', 'warning', 'error']);

export const LintSuppression = z
  .object({
    rule: Name.meta({ description: 'The rule id, e.g. `single-point-of-failure`.' }),
    at: text('Where: a path into the spec such as `components.postgres` or `network.policies.2`; omitted, the rule is suppressed everywhere.').optional(),
    reason: z.string().trim().min(1).meta({ description: 'Why the finding is accepted. Required: a suppression without a reason is an error.' }),
  })
  .strict().meta({ id: 'LintSuppression' });

export const LintConfig = z
  .object({
    rules: z.record(z.string(), LintSeverity).meta({ description: 'Severity by rule id (`off` disables a rule).' }).optional(),
    suppress: z.array(LintSuppression).meta({ description: 'Accepted findings, each with the reason it is accepted.' }).optional(),
    horizon: Duration.meta({ description: 'Planning horizon of the growth rules (default 12 months).' }).optional(),
  })
  .strict().meta({ id: 'LintConfig' });

export const SystemInfo = z
  .object({
    name: Name,
    version: z.union([z.string(), z.number()]).optional(),
    description: Notes.optional(),
    status: z.string().optional(),
    updated: z.string().optional(),
    source: text('Where the requirements page lives.').optional(),
  })
  .strict();

export const SpecSchema = z
  .object({
    $schema: z.string().optional(),
    infraspec: z.literal(1).meta({ description: 'Version of the spec format.' }),
    system: SystemInfo,
    include: z.array(z.string()).meta({ description: 'Further files (relative paths) whose sections are merged into this spec.' }).optional(),
    ...sections,
    lint: LintConfig.meta({ description: 'How `infraspec lint` treats this spec: rule severities and suppressions.' }).optional(),
  })
  .strict();

/** An included file: the same sections, without `system`. */
export const IncludedSchema = z
  .object({
    $schema: z.string().optional(),
    include: z.array(z.string()).optional(),
    ...sections,
  })
  .strict();

export type SpecInput = z.input<typeof SpecSchema>;
export type ComponentInput = z.input<typeof Component>;
export type LintConfigInput = z.input<typeof LintConfig>;
export type RoleInput = z.input<typeof Role>;
export type PhaseInput = z.input<typeof Phase>;
export type StatedInput = z.input<typeof Stated>;
export type BackupInput = z.input<typeof Backup>;
export type VolumeInput = z.input<typeof Volume>;
export type RequirementLevelInput = z.input<typeof RequirementLevel>;
export type ComponentOverrideInput = z.input<typeof ComponentOverride>;
export type RoleOverrideInput = z.input<typeof RoleOverride>;

export { ComponentOverride, RoleOverride };

/** The JSON Schema (draft 2020-12) editors use to complete and check `infraspec.yaml`. */
export function specJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SpecSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: schema['$schema'],
    $id: 'urn:infraspec:schema:1',
    title: 'infraspec',
    description: 'An executable infrastructure-requirements document (infraspec format 1).',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}
