import type { ComponentModel } from '../../spec/model.js';
import { formatBytes, parseBytes } from '../../units/bytes.js';
import { parsePercent } from '../../units/percent.js';
import { memoryBytes } from '../../units/quantity.js';
import { bytesFigure, hostRoles, machineFigure, systemOf, writtenBytesFigure } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

/** Datastores that hold their data in memory and evict by a memory budget, with the name they go by. */
const IN_MEMORY_ENGINES: Readonly<Record<string, string>> = {
  redis: 'Redis',
  valkey: 'Valkey',
  keydb: 'KeyDB',
  dragonfly: 'Dragonfly',
  memcached: 'memcached',
};

/** `maxmemory`, `max_memory`, `max-memory`, `maxMemory`, `memory_limit` (memcached `-m`). */
const normalizedKey = (key: string) => key.toLowerCase().replace(/[-_\s.]/g, '');
const BUDGET_KEYS = new Set(['maxmemory', 'memorylimit']);
const RESERVED_KEYS = new Set(['reservedmemorypercent', 'reservedmemory']);

// redis.conf's own units are lower-case and binary from `kb` up (`1gb` = 2^30, `1g` = 10^9);
// other spellings follow the spec's units (`16GB` = 16 × 10^9, `16Gi` = 16 × 2^30).
const REDIS_UNITS: Readonly<Record<string, bigint>> = { k: 1000n, kb: 1024n, m: 1000n ** 2n, mb: 1024n ** 2n, g: 1000n ** 3n, gb: 1024n ** 3n };

/** The budget in bytes; null when it is 0 (no limit) or unreadable. Bare numbers are bytes, or MiB for memcached. */
function budgetBytes(value: string | number | boolean, engine: string): bigint | null {
  if (typeof value === 'boolean') return null;
  const text = String(value).trim();
  let bytes: bigint | null = null;
  if (/^\d+$/.test(text)) bytes = BigInt(text) * (engine === 'memcached' ? 1024n * 1024n : 1n);
  else {
    const redis = /^(\d+)\s*(k|kb|m|mb|g|gb)$/.exec(text);
    const factor = redis ? REDIS_UNITS[redis[2] ?? ''] : undefined;
    if (redis && factor !== undefined) bytes = BigInt(redis[1] ?? '0') * factor;
    else {
      const parsed = parseBytes(text);
      if (parsed.ok) bytes = parsed.value.bytes;
    }
  }
  return bytes === null || bytes === 0n ? null : bytes;
}

function findSetting(settings: Record<string, unknown> | undefined, keys: ReadonlySet<string>): { key: string; value: string | number | boolean } | null {
  for (const [key, value] of Object.entries(settings ?? {})) {
    if (keys.has(normalizedKey(key)) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) return { key, value };
  }
  return null;
}

/** The share of a managed node's memory kept back from data (`reservedMemoryPercent: 25`), as a fraction num/den. */
function reservedShare(component: ComponentModel): { num: bigint; den: bigint; written: string } | null {
  const setting = findSetting(component.input.managed?.settings, RESERVED_KEYS) ?? findSetting(component.input.settings, RESERVED_KEYS);
  if (!setting || typeof setting.value === 'boolean') return null;
  const parsed = parsePercent(setting.value);
  if (!parsed.ok) return null;
  const den = 100n * 10n ** BigInt(parsed.value.scale);
  return { num: parsed.value.units, den, written: `${String(setting.value).replace(/%$/, '')} % reserved` };
}

export const cacheExceedsMemory: Rule<'aboveLimit' | 'aboveMachine'> = {
  id: 'cache-exceeds-memory',
  severity: 'error',
  category: 'capacity',
  summary: 'An in-memory datastore’s memory budget must fit in its memory limit and in what its machine leaves it.',
  messages: {
    aboveLimit: '`{key}: {budget}`{meaning} lets `{component}` keep more data in memory than its memory limit {limit}: the container is OOM-killed before {engine} starts evicting keys',
    aboveMachine: '`{key}: {budget}`{meaning} lets `{component}` keep that much data in memory, more than the {available} one `{machine}` machine leaves it ({memory}{less}): {engine} runs out of memory before it starts evicting keys',
  },
  docs: {
    why: 'Redis, Valkey, KeyDB, Dragonfly and memcached keep their data in memory and start evicting (or refusing writes) only when it reaches their budget (`maxmemory`). A budget above the container’s memory limit means the container is OOM-killed first, losing the cache or the queue; a budget above what the machine leaves for data (its memory less what is reserved for the OS, replication buffers and forks — ElastiCache’s `reserved-memory-percent`) means the node swaps or kills the process first. For a managed service the machine is the `cost.offers` entry named by `managed.instanceClass`.',
    invalid: `components:
  redis:
    kind: datastore
    engine: redis
    resources:
      requests: { memory: 1Gi }
      limits: { memory: 2Gi }
    settings: { maxmemory: 4gb, maxmemory-policy: allkeys-lru }
`,
    valid: `components:
  redis:
    kind: datastore
    engine: redis
    resources:
      requests: { memory: 1Gi }
      limits: { memory: 2Gi }
    settings: { maxmemory: 1536mb, maxmemory-policy: allkeys-lru }
`,
    fix: 'Set the budget below the memory limit (leaving room for Redis’s own overhead and forks), or raise the limit or the machine size.',
  },
  check(model, report, analysis) {
    const offers = model.input.cost?.offers ?? [];
    for (const { phase, component } of analysis.phaseComponents()) {
      const engine = IN_MEMORY_ENGINES[(component.input.engine ?? '').toLowerCase()];
      if (engine === undefined || component.kind === 'external') continue;
      const setting = findSetting(component.input.settings, BUDGET_KEYS);
      if (!setting) continue;
      const budget = budgetBytes(setting.value, (component.input.engine ?? '').toLowerCase());
      if (budget === null) continue;
      const at = analysis.at(component.input.settings, setting.key);
      const written = String(setting.value);
      // A bare number has no unit to read: say what it means.
      const meaning = /^\s*\d+\s*$/.test(written) ? ` (${formatBytes(budget, 'iec')})` : '';
      const limit = component.limits.memoryBytes;
      if (limit !== null && budget > limit) {
        const limitText = component.input.resources?.limits?.memory;
        report({ at, message: 'aboveLimit', data: { key: setting.key, budget: written, meaning, component: component.name, limit: writtenBytesFigure(limitText, limit, systemOf(written, systemOf(limitText, 'iec'))), engine }, phase: phase.name });
        continue;
      }
      const managed = component.input.managed;
      if (managed) {
        const offer = offers.find((o) => o.offer === managed.instanceClass || `${o.provider}/${o.offer}` === managed.instanceClass);
        if (!offer || offer.memory === undefined || managed.instanceClass === undefined) continue;
        const memory = memoryBytes(offer.memory);
        if (!memory.ok) continue;
        const share = reservedShare(component);
        // budget > memory × (1 − share), exactly.
        const keptNum = share ? share.den - share.num : 1n;
        const keptDen = share ? share.den : 1n;
        if (budget * keptDen <= memory.value * keptNum) continue;
        const machineSystem = systemOf(offer.memory, 'iec');
        report({
          at,
          message: 'aboveMachine',
          data: {
            key: setting.key,
            budget: written,
            meaning,
            component: component.name,
            available: bytesFigure((memory.value * keptNum) / keptDen, machineSystem, systemOf(written, machineSystem)),
            machine: managed.instanceClass,
            memory: String(offer.memory),
            less: share ? `, less ${share.written}` : '',
            engine,
          },
          phase: phase.name,
        });
        continue;
      }
      // Self-hosted: the machines it may run on, less what each role reserves.
      const roles = hostRoles(phase, component, analysis);
      const machines = roles.map((role) => ({ role: role.name, machine: machineFigure(role, 'memoryBytes', analysis) }));
      if (machines.length === 0 || machines.some((m) => m.machine === null)) continue;
      let largest: { role: string; available: bigint; written: string; reserved: string | null } | null = null;
      for (const { role, machine } of machines) {
        if (!machine) continue;
        const available = machine.value - machine.reserved;
        if (!largest || available > largest.available) largest = { role, available, written: machine.written, reserved: machine.reservedWritten };
      }
      if (!largest || budget <= largest.available) continue;
      const machineSystem = systemOf(largest.written);
      report({
        at,
        message: 'aboveMachine',
        data: {
          key: setting.key,
          budget: written,
          meaning,
          component: component.name,
          available: bytesFigure(largest.available, machineSystem, systemOf(written, machineSystem)),
          machine: largest.role,
          memory: largest.written,
          less: largest.reserved === null ? '' : `, less ${largest.reserved} reserved`,
          engine,
        },
        phase: phase.name,
      });
    }
  },
};
