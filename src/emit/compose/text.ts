import { cores, goDuration, memory, type Container } from '../containers/index.js';
import { compareKeys, toYamlBlock } from '../serialize.js';
import { indentAt, pushScalarTo, WrittenYaml } from '../yaml-writer.js';
import { portMapping } from './service.js';

/**
 * A compose service's YAML, written directly: exactly what `toYamlBlock(composeService(container,
 * segmented), depth)` writes (service.ts keeps that object as the definition, and the tests hold
 * the two to the same bytes), without building the object and walking it generically: 10,000
 * services at 10k components. Keys are written in the order the serializer sorts them into
 * (worked out once, below, with its own comparison); every value goes through the YAML writer's
 * `pushScalarTo`, which alone decides quoting, escaping and literal blocks. The mappings whose keys
 * come from the spec (`environment`, `depends_on`) are written by the generic writer.
 */

type Out = string[];
type Entry = (out: Out, c: Container, segmented: boolean, depth: number) => void;

/** `key: value` on a line at `depth`. */
function scalar(out: Out, depth: number, key: string, value: unknown): void {
  out.push(indentAt(depth), key, ': ');
  pushScalarTo(out, value, depth);
}

/** A sequence of scalars under `key` at `depth` (`[]` when empty, as the generic writer has it). */
function scalars(out: Out, depth: number, key: string, values: readonly unknown[]): void {
  if (values.length === 0) {
    out.push(indentAt(depth), key, ': []\n');
    return;
  }
  out.push(indentAt(depth), key, ':\n');
  const item = `${indentAt(depth + 1)}- `;
  for (const value of values) {
    out.push(item);
    pushScalarTo(out, value, depth + 1);
  }
}

/**
 * A non-empty mapping whose keys come from the spec (variable names, service names), under `key` at
 * `depth`, in the serializer's order; `value` writes an entry's value after its key (`name: ` or
 * `name:` and a line break, as `container` says) at `depth + 1`. The key is written as the generic
 * writer writes a key: its text as a scalar (from `pushScalarTo`), unless it spans lines, which only
 * the generic writer itself knows how to write as a key: then the entry is a mapping of its own,
 * written by it (a mapping's entries are written one after another, each the same wherever it stands).
 */
function mapping(out: Out, depth: number, key: string, entries: ReadonlyMap<string, unknown>, container: boolean, value: (out: Out, v: unknown, depth: number) => void): void {
  out.push(indentAt(depth), key, ':\n');
  const indent = indentAt(depth + 1);
  for (const name of [...entries.keys()].sort(compareKeys)) {
    const v = entries.get(name);
    if (name.includes('\n')) {
      const written = toYamlBlock({ [name]: v }, depth + 1);
      if (!(written instanceof WrittenYaml)) throw new Error('a mapping of one entry is written as a block');
      out.push(written.text);
      continue;
    }
    // A string without a line break is a scalar on one line: `pushScalarTo` pushes its text, then the break,
    // which becomes the key's colon.
    out.push(indent);
    const at = out.length;
    pushScalarTo(out, name, depth + 1);
    if (out.length !== at + 2 || out[at + 1] !== '\n') throw new Error(`key ${JSON.stringify(name)} not written on one line`);
    out[at + 1] = container ? ':\n' : ': ';
    value(out, v, depth + 1);
  }
}

/** A scalar value after its key. */
const scalarValue = (out: Out, v: unknown, depth: number): void => pushScalarTo(out, v, depth);

/** What `depends_on` waits for, as the generic writer would be given it (the writers only read these). */
const HEALTHY = Object.freeze({ condition: 'service_healthy' });
const STARTED = Object.freeze({ condition: 'service_started' });

/** A `depends_on` entry's value: `condition: …` one level deeper. */
const conditionValue = (out: Out, v: unknown, depth: number): void => scalar(out, depth + 1, 'condition', (v as typeof HEALTHY).condition);

/** `cpus` and `memory` of a limit or a reservation (only those given), under `key` at `depth`; nothing when neither is. */
function cpuMemory(out: Out, depth: number, key: string, cpu: bigint | null, bytes: bigint | null): void {
  if (cpu === null && bytes === null) return;
  out.push(indentAt(depth), key, ':\n');
  if (cpu !== null) scalar(out, depth + 1, 'cpus', cores(cpu));
  if (bytes !== null) scalar(out, depth + 1, 'memory', memory(bytes));
}

// `limits` sorts before `reservations`, `cpus` before `memory`, `replicas` before `resources` (checked below).
const ENTRIES: Record<string, Entry> = {
  image: (out, c, _, d) => scalar(out, d, 'image', c.image),
  environment: (out, c, _, d) => {
    // A map keeps the last value of a name at its first place, as `Object.fromEntries` (service.ts) does.
    if (c.env.length) mapping(out, d, 'environment', new Map(c.env.map((e) => [e.name, e.compose])), false, scalarValue);
  },
  ports: (out, c, _, d) => {
    const published: string[] = [];
    for (const p of c.ports) {
      const mapped = portMapping(p);
      if (mapped !== null) published.push(mapped);
    }
    if (published.length) scalars(out, d, 'ports', published);
  },
  expose: (out, c, _, d) => {
    const exposed: string[] = [];
    for (const p of c.ports) if (!p.publish) exposed.push(p.protocol === 'tcp' ? `${p.port}` : `${p.port}/${p.protocol}`);
    if (exposed.length) scalars(out, d, 'expose', exposed);
  },
  volumes: (out, c, _, d) => {
    if (c.volumes.length === 0 && c.binds.length === 0) return;
    const mounts: string[] = [];
    for (const v of c.volumes) mounts.push(`${v.name}:${v.target}`);
    for (const b of c.binds) mounts.push(`${b.source}:${b.target}`);
    scalars(out, d, 'volumes', mounts);
  },
  healthcheck: (out, c, _, d) => {
    const health = c.health;
    if (!health) return;
    out.push(indentAt(d), 'healthcheck:\n');
    // interval, retries, start_period, test, timeout: the serializer's order.
    if (health.intervalMs !== null) scalar(out, d + 1, 'interval', goDuration(health.intervalMs));
    if (health.retries !== null) scalar(out, d + 1, 'retries', health.retries);
    if (health.startPeriodMs !== null) scalar(out, d + 1, 'start_period', goDuration(health.startPeriodMs));
    scalars(out, d + 1, 'test', ['CMD-SHELL', health.command]);
    if (health.timeoutMs !== null) scalar(out, d + 1, 'timeout', goDuration(health.timeoutMs));
  },
  depends_on: (out, c, _, d) => {
    if (c.dependsOn.length) mapping(out, d, 'depends_on', new Map(c.dependsOn.map((x) => [x.name, x.healthy ? HEALTHY : STARTED])), true, conditionValue);
  },
  deploy: (out, c, _, d) => {
    out.push(indentAt(d), 'deploy:\n');
    scalar(out, d + 1, 'replicas', c.replicas);
    const limits = c.cpuLimitMillicores !== null || c.memoryLimitBytes !== null;
    const reservations = c.cpuRequestMillicores !== null || c.memoryRequestBytes !== null;
    if (!limits && !reservations) return;
    out.push(indentAt(d + 1), 'resources:\n');
    cpuMemory(out, d + 2, 'limits', c.cpuLimitMillicores, c.memoryLimitBytes);
    cpuMemory(out, d + 2, 'reservations', c.cpuRequestMillicores, c.memoryRequestBytes);
  },
  restart: (out, c, _, d) => scalar(out, d, 'restart', c.schedule !== undefined ? 'no' : 'unless-stopped'),
  profiles: (out, c, _, d) => {
    if (c.schedule !== undefined) scalars(out, d, 'profiles', ['jobs']);
  },
  networks: (out, c, segmented, d) => {
    if (segmented) scalars(out, d, 'networks', c.networks);
  },
  user: (out, c, _, d) => {
    if (c.user !== null) scalar(out, d, 'user', c.user);
  },
  read_only: (out, c, _, d) => {
    if (c.readOnly) scalar(out, d, 'read_only', true);
  },
  privileged: (out, c, _, d) => {
    if (c.privileged) scalar(out, d, 'privileged', true);
  },
  cap_add: (out, c, _, d) => {
    if (c.capAdd.length) scalars(out, d, 'cap_add', c.capAdd);
  },
  cap_drop: (out, c, _, d) => {
    if (c.capDrop.length) scalars(out, d, 'cap_drop', c.capDrop);
  },
};

// The service's keys in the serializer's order, worked out by its own comparison rather than written down.
const ORDER: Entry[] = Object.keys(ENTRIES)
  .sort(compareKeys)
  .map((key) => ENTRIES[key] as Entry);

// The nested mappings above are written in a fixed order; it must be the serializer's.
for (const keys of [['interval', 'retries', 'start_period', 'test', 'timeout'], ['replicas', 'resources'], ['limits', 'reservations'], ['cpus', 'memory']]) {
  if (keys.some((key, i) => i > 0 && compareKeys(keys[i - 1] as string, key) >= 0)) throw new Error(`compose/text.ts writes ${keys.join(', ')} out of the serializer's order`);
}

/** The service as the value of its name at `depth - 1` (its entries at `depth`), written once for the phases that share it. */
export function serviceText(container: Container, segmented: boolean, depth: number): WrittenYaml {
  const out: Out = [];
  for (const entry of ORDER) entry(out, container, segmented, depth);
  return new WrittenYaml(out.join(''), depth);
}
