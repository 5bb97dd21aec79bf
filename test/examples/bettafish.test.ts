import { beforeAll, describe, expect, it } from 'vitest';
import { GiB, big, get, list, phaseNamed, run, runPlan, type Json } from './support.js';

/**
 * examples/bettafish: the BettaFish infrastructure page (a multi-agent analysis system on AWS).
 * Every expected figure below is computed by hand from the page, with the arithmetic in a comment.
 * The page sizes instance types in GiB ("t3.large # 2 vCPU, 8 GiB RAM"): 1 GiB = 2^30 bytes.
 *
 * The page states no totals of its own (no summed vCPU, no monthly cost, no backup storage), gives
 * no container requests, no prices and no backup sizes: the plan has machine counts and capacities,
 * and nothing to check a stated total against.
 */

let plan: unknown;

function production(): Json {
  return phaseNamed(list(plan, 'phases'), 'production');
}

function role(name: string): Json {
  const found = list(production(), 'roles').find((r) => r['name'] === name);
  if (!found) throw new Error(`no role ${name}`);
  return found;
}

/** perMachine cpu/memory and the capacity range {min, max} of a role, as bigints. */
function sizes(name: string): { cpu: bigint; memory: bigint; cpuMin: bigint; cpuMax: bigint; memoryMin: bigint; memoryMax: bigint } {
  const r = role(name);
  return {
    cpu: big(get(r, 'perMachine', 'cpuMillicores')),
    memory: big(get(r, 'perMachine', 'memoryBytes')),
    cpuMin: big(get(r, 'capacity', 'cpuMillicores', 'min')),
    cpuMax: big(get(r, 'capacity', 'cpuMillicores', 'max')),
    memoryMin: big(get(r, 'capacity', 'memoryBytes', 'min')),
    memoryMax: big(get(r, 'capacity', 'memoryBytes', 'max')),
  };
}

beforeAll(() => {
  const result = runPlan('examples/bettafish');
  expect([0, 1]).toContain(result.code);
  plan = result.json;
});

describe('examples/bettafish', () => {
  it('validates cleanly', () => {
    expect(run(['validate', 'examples/bettafish']).code).toBe(0);
  });

  it('plans the one production configuration of the page, with its throughput targets', () => {
    expect(get(plan, 'schemaVersion')).toBe('1.0');
    expect(get(plan, 'system')).toBe('bettafish');
    expect(list(plan, 'phases').map((p) => p['name'])).toEqual(['production']);
    expect(get(production(), 'production')).toBe(true);
    // Throughput targets: concurrent_users 1000, requests_per_second 500, queries_per_minute 100.
    expect(Number(get(production(), 'targets', 'concurrentUsers'))).toBe(1000);
    expect(Number(get(production(), 'targets', 'requestsPerSecond'))).toBe(500);
    expect(Number(get(production(), 'targets', 'queriesPerMinute'))).toBe(100);
  });

  describe('machines', () => {
    it('counts the auto-scaling groups and the Kubernetes node groups', () => {
      // Application servers, min: API gateway 3 + insight 2 + media 2 + query 2 + report 1 = 10;
      // max: 10 + 6 + 4 + 4 + 3 = 27.
      // Kubernetes: masters 3 + general purpose 6 + compute optimized 4 + memory optimized 2 = 15.
      // Machines: 10 + 15 = 25 at the minimum, 27 + 15 = 42 at the maximum.
      expect(big(get(production(), 'totals', 'machines', 'min'))).toBe(25n);
      expect(big(get(production(), 'totals', 'machines', 'max'))).toBe(42n);
    });

    it('sizes each engine group from the instance type the page gives it', () => {
      // API gateway: t3.large "2 vCPU, 8 GiB RAM", 3–10 instances → 6–20 vCPU, 24–80 GiB.
      expect(sizes('api-gateway-instances')).toEqual({
        cpu: 2000n, memory: 8n * GiB, cpuMin: 6000n, cpuMax: 20000n, memoryMin: 24n * GiB, memoryMax: 80n * GiB,
      });
      // Insight engine: c5.2xlarge "8 vCPU, 16 GiB RAM", 2–6 → 16–48 vCPU, 32–96 GiB.
      expect(sizes('insight-engine-instances')).toEqual({
        cpu: 8000n, memory: 16n * GiB, cpuMin: 16000n, cpuMax: 48000n, memoryMin: 32n * GiB, memoryMax: 96n * GiB,
      });
      // Media engine: c5.xlarge "4 vCPU, 8 GiB RAM", 2–4 → 8–16 vCPU, 16–32 GiB.
      expect(sizes('media-engine-instances')).toEqual({
        cpu: 4000n, memory: 8n * GiB, cpuMin: 8000n, cpuMax: 16000n, memoryMin: 16n * GiB, memoryMax: 32n * GiB,
      });
      // Query engine: c5.large "2 vCPU, 4 GiB RAM", 2–4 → 4–8 vCPU, 8–16 GiB.
      expect(sizes('query-engine-instances')).toEqual({
        cpu: 2000n, memory: 4n * GiB, cpuMin: 4000n, cpuMax: 8000n, memoryMin: 8n * GiB, memoryMax: 16n * GiB,
      });
      // Report engine: t3.medium "2 vCPU, 4 GiB RAM", 1–3 → 2–6 vCPU, 4–12 GiB.
      expect(sizes('report-engine-instances')).toEqual({
        cpu: 2000n, memory: 4n * GiB, cpuMin: 2000n, cpuMax: 6000n, memoryMin: 4n * GiB, memoryMax: 12n * GiB,
      });
    });

    it('sizes the Kubernetes node groups from the same instance types', () => {
      // Masters: 3 × t3.medium (2 vCPU, 4 GiB) = 6 vCPU, 12 GiB.
      expect(sizes('k8s-master')).toMatchObject({ cpuMin: 6000n, cpuMax: 6000n, memoryMin: 12n * GiB });
      // General purpose: 6 × t3.large (2 vCPU, 8 GiB) = 12 vCPU, 48 GiB.
      expect(sizes('k8s-general-purpose')).toMatchObject({ cpuMin: 12000n, memoryMin: 48n * GiB });
      // Compute optimized: 4 × c5.2xlarge (8 vCPU, 16 GiB) = 32 vCPU, 64 GiB.
      expect(sizes('k8s-compute-optimized')).toMatchObject({ cpuMin: 32000n, memoryMin: 64n * GiB });
      // Memory optimized: 2 × r5.large, which the page never sizes.
      expect(get(role('k8s-memory-optimized'), 'count')).toEqual({ min: 2, max: 2 });
      expect(get(role('k8s-memory-optimized'), 'perMachine', 'cpuMillicores')).toBeNull();
      expect(get(role('k8s-memory-optimized'), 'perMachine', 'memoryBytes')).toBeNull();
    });

    it('places each engine on its own group', () => {
      expect(get(role('api-gateway-instances'), 'components')).toEqual(['api-gateway']);
      expect(get(role('insight-engine-instances'), 'components')).toEqual(['insight-engine']);
      expect(get(role('media-engine-instances'), 'components')).toEqual(['media-engine']);
      expect(get(role('query-engine-instances'), 'components')).toEqual(['query-engine']);
      expect(get(role('report-engine-instances'), 'components')).toEqual(['report-engine']);
    });
  });

  it('has no container requests, limits or volumes (the page sizes instances, not containers)', () => {
    for (const total of ['cpuRequestsMillicores', 'cpuLimitsMillicores', 'memoryRequestsBytes', 'memoryLimitsBytes']) {
      expect(big(get(production(), 'totals', total, 'min'))).toBe(0n);
      expect(big(get(production(), 'totals', total, 'max'))).toBe(0n);
    }
    // RDS io1 1000GB is managed storage, not a volume of a component.
    expect(big(get(production(), 'totals', 'volumeBytes'))).toBe(0n);
  });

  it('lists every backup rule of the page, none of which has a size', () => {
    const backups = list(production(), 'backups');
    // RDS automated (30d), manual snapshots (90d), PITR (7d), cross-region daily (30d, us-west-2),
    // Redis snapshots (7d), DR file system (hourly, 7d) and configuration (on change, 90d).
    expect(backups.map((b) => b['name'])).toEqual([
      'rds-automated', 'rds-manual-snapshots', 'rds-pitr', 'database-cross-region', 'redis-snapshots', 'file-system', 'configuration',
    ]);
    // The file-system and configuration backups name no component: free-form sources.
    expect(backups.map((b) => b['of'])).toEqual(['postgres', 'postgres', 'postgres', 'postgres', 'redis', 'file-system', 'configuration']);
    // No sizes on the page, so nothing retained can be computed, and plan says why.
    for (const b of backups) {
      expect(b['retainedBytes']).toBeNull();
      expect(b['perDayBytes']).toBeNull();
      expect(b['note']).toBe('no size given');
    }
  });

  it('has no cost (the page gives a budget and sized instance types, not prices) and no stated totals', () => {
    expect(get(production(), 'cost', 'monthly')).toBeNull();
    expect(get(production(), 'cost', 'note')).toBe('no prices in the spec');
    expect(list(production(), 'stated')).toEqual([]);
  });
});
