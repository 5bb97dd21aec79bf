import { beforeAll, describe, expect, it } from 'vitest';
import { GB, Gi, TB, big, get, list, run, runPlan, type Json } from './support.js';

/**
 * examples/unkey-deploy: the unkey-deploy infrastructure page (a Firecracker VM platform).
 * Every expected figure below is computed by hand from the page, with the arithmetic in a comment.
 * The node specifications are SI (GB, TB: 10^9, 10^12); the Kubernetes manifests are binary
 * (Gi: 2^30). The page mixes the two, and some of its pods do not fit its own nodes.
 */

let plan: unknown;

function phase(): Json {
  const [only] = list(plan, 'phases');
  if (!only) throw new Error('no phase');
  return only;
}

function role(name: string): Json {
  const found = list(phase(), 'roles').find((r) => r['name'] === name);
  if (!found) throw new Error(`no role ${name}`);
  return found;
}

function total(name: string, end: 'min' | 'max' = 'min'): bigint {
  return big(get(phase(), 'totals', name, end));
}

/** The verdict on the one stated figure `what` whose scope mentions `scope`. */
function verdict(what: string, scope: string): boolean {
  const matches = list(phase(), 'stated').filter((s) => s['what'] === what && String(s['scope']).includes(scope));
  const [only] = matches;
  if (!only || matches.length !== 1) throw new Error(`${matches.length} stated figures ${what} of ${scope}`);
  return get(only, 'ok') as boolean;
}

beforeAll(() => {
  const result = runPlan('examples/unkey-deploy');
  expect([0, 1]).toContain(result.code);
  plan = result.json;
});

describe('examples/unkey-deploy', () => {
  it('validates cleanly', () => {
    expect(run(['validate', 'examples/unkey-deploy']).code).toBe(0);
  });

  it('plans one phase (the page has no phases)', () => {
    expect(get(plan, 'schemaVersion')).toBe('1.0');
    expect(get(plan, 'system')).toBe('unkey-deploy');
    expect(list(plan, 'phases').map((p) => p['name'])).toEqual(['default']);
  });

  describe('Kubernetes resources', () => {
    it('sums the requests and limits of the gatewayd Deployment and the metald StatefulSet', () => {
      // CPU requests: gatewayd 3 × 4 + metald 3 × 8 = 12 + 24 = 36 cores.
      expect(total('cpuRequestsMillicores')).toBe(36_000n);
      expect(total('cpuRequestsMillicores', 'max')).toBe(36_000n);
      // CPU limits: 3 × 8 + 3 × 16 = 24 + 48 = 72 cores.
      expect(total('cpuLimitsMillicores')).toBe(72_000n);
      // Memory requests: 3 × 8Gi + 3 × 16Gi = 24Gi + 48Gi = 72Gi = 77,309,411,328 bytes.
      expect(total('memoryRequestsBytes')).toBe(72n * Gi);
      // Memory limits: 3 × 16Gi + 3 × 32Gi = 144Gi = 154,618,822,656 bytes.
      expect(total('memoryLimitsBytes')).toBe(144n * Gi);
    });

    it('claims one 500Gi jailer volume per metald replica', () => {
      // volumeClaimTemplates jailer-storage 500Gi × 3 replicas = 1500Gi = 1,610,612,736,000 bytes.
      expect(big(get(phase(), 'totals', 'volumeBytes'))).toBe(1_500n * Gi);
      const [jailer] = list(phase(), 'storage').filter((s) => s['component'] === 'metald' && s['volume'] === 'jailer-storage');
      expect(big(get(jailer, 'sizeBytes'))).toBe(500n * Gi);
      expect(get(jailer, 'copies')).toBe(3);
    });
  });

  describe('node roles', () => {
    it('sizes gatewayd nodes and the headroom the Deployment leaves', () => {
      const gatewayd = role('gatewayd');
      // "Count: 3 minimum": no maximum; capacity is taken at 3 nodes.
      expect(get(gatewayd, 'count')).toEqual({ min: 3, max: null });
      // 8 vCPU, 16 GB, 100 GB SSD per node.
      expect(big(get(gatewayd, 'perMachine', 'cpuMillicores'))).toBe(8_000n);
      expect(big(get(gatewayd, 'perMachine', 'memoryBytes'))).toBe(16n * GB);
      expect(big(get(gatewayd, 'perMachine', 'diskBytes'))).toBe(100n * GB);
      // Headroom: 3 × 8 − 3 × 4 = 12 cores; 3 × 16GB − 3 × 8Gi = 48,000,000,000 − 25,769,803,776 = 22,230,196,224.
      expect(big(get(gatewayd, 'headroom', 'cpuMillicores'))).toBe(12_000n);
      expect(big(get(gatewayd, 'headroom', 'memoryBytes'))).toBe(48n * GB - 24n * Gi);
    });

    it('sizes metald nodes and the headroom the StatefulSet leaves', () => {
      const metald = role('metald');
      // 16 vCPU, 32 GB, 500 GB NVMe per node, 3 nodes → 48 vCPU, 96 GB, 1.5 TB.
      expect(big(get(metald, 'capacity', 'cpuMillicores', 'min'))).toBe(48_000n);
      expect(big(get(metald, 'capacity', 'memoryBytes', 'min'))).toBe(96n * GB);
      expect(big(get(metald, 'capacity', 'diskBytes', 'min'))).toBe(1_500n * GB);
      // Headroom: 48 − 3 × 8 = 24 cores; 96GB − 3 × 16Gi = 96,000,000,000 − 51,539,607,552 = 44,460,392,448.
      expect(big(get(metald, 'headroom', 'cpuMillicores'))).toBe(24_000n);
      expect(big(get(metald, 'headroom', 'memoryBytes'))).toBe(96n * GB - 48n * Gi);
    });

    it('sizes builderd and ClickHouse nodes', () => {
      // builderd: 2 × (32 vCPU, 64 GB, 1 TB NVMe) = 64 vCPU, 128 GB, 2 TB.
      expect(big(get(role('builderd'), 'capacity', 'cpuMillicores', 'min'))).toBe(64_000n);
      expect(big(get(role('builderd'), 'capacity', 'memoryBytes', 'min'))).toBe(128n * GB);
      expect(big(get(role('builderd'), 'capacity', 'diskBytes', 'min'))).toBe(2n * TB);
      // ClickHouse per node: 500 GB NVMe + 10 TB SSD + 50 TB HDD = 60.5 TB; × 4 nodes = 242 TB.
      expect(big(get(role('clickhouse'), 'perMachine', 'diskBytes'))).toBe(60_500n * GB);
      expect(big(get(role('clickhouse'), 'capacity', 'diskBytes', 'min'))).toBe(242n * TB);
      // 4 × (32 vCPU, 128 GB) = 128 vCPU, 512 GB.
      expect(big(get(role('clickhouse'), 'capacity', 'cpuMillicores', 'min'))).toBe(128_000n);
      expect(big(get(role('clickhouse'), 'capacity', 'memoryBytes', 'min'))).toBe(512n * GB);
    });

    it('sizes a VM compute host from the high end of its ranges, and leaves their count open', () => {
      const host = role('vm-host');
      // "Count: Variable based on load": no machine total for the system either.
      expect(get(host, 'count')).toBeNull();
      expect(get(phase(), 'totals', 'machines')).toBeNull();
      // 96-128 vCPU, 384-512 GB: recommended = 128 vCPU, 512 GB.
      expect(big(get(host, 'perMachine', 'cpuMillicores'))).toBe(128_000n);
      expect(big(get(host, 'perMachine', 'memoryBytes'))).toBe(512n * GB);
      // Disks: 2 × 1TB + 4 × 4TB = 18 TB.
      expect(big(get(host, 'perMachine', 'diskBytes'))).toBe(18n * TB);
    });
  });

  describe('where the page contradicts itself', () => {
    it('lets a gatewayd pod grow past the memory of its node (16Gi limit on a 16 GB node)', () => {
      // Anti-affinity puts one gatewayd per node; its limit 16Gi = 17,179,869,184 bytes is more
      // than the node's 16 GB = 16,000,000,000 bytes: the GB/GiB slip of the page.
      const node = big(get(role('gatewayd'), 'perMachine', 'memoryBytes'));
      expect(16n * Gi).toBeGreaterThan(node);
    });

    it('lets a metald pod grow past the memory of its node (32Gi limit on a 32 GB node)', () => {
      // 32Gi = 34,359,738,368 bytes > 32 GB = 32,000,000,000 bytes.
      const node = big(get(role('metald'), 'perMachine', 'memoryBytes'));
      expect(32n * Gi).toBeGreaterThan(node);
    });

    it('claims more jailer storage than the metald nodes have disk', () => {
      // 3 × 500Gi = 1,610,612,736,000 bytes of claims against 3 × 500 GB = 1,500,000,000,000 of NVMe.
      const claims = big(get(phase(), 'totals', 'volumeBytes'));
      const disk = big(get(role('metald'), 'capacity', 'diskBytes', 'min'));
      expect(claims - disk).toBe(110_612_736_000n);
    });
  });

  describe('stated figures', () => {
    it('checks the ClickHouse topology "2 shards x 2 replicas"', () => {
      // 2 × 2 = 4 nodes and 4 replicas: as the page says.
      expect(verdict('count', 'clickhouse')).toBe(true);
      expect(verdict('replicas', 'clickhouse')).toBe(true);
    });

    // "VM Density", checked on the recommended host (128 vCPU, 512 GB), without overcommit:
    // fits = min(host vCPU / VM vCPU, host memory / VM memory).
    //   small  (1 vCPU, 512MB): min(128 / 1 = 128, 512e9 / 512e6 = 1000) = 128 (CPU-bound)
    //          → stated 150-180: wrong (needs CPU overcommit of 1.2–1.4×, which the page never mentions);
    //   medium (2 vCPU, 2GB):   min(128 / 2 = 64, 512 / 2 = 256) = 64 → stated 40-50: wrong (too few);
    //   large  (4 vCPU, 8GB):   min(128 / 4 = 32, 512 / 8 = 64) = 32  → stated 10-12: wrong (too few).
    // The three ranges are inconsistent with one another on any one host: they imply
    // 150–180, 80–100 and 40–48 vCPU of VMs per host.
    it('computes how many VMs of each size fit a host', () => {
      const density = get(role('vm-host'), 'density') as Json[];
      expect(density.map((d) => [d['name'], big(d['fitsPerHost']), d['limitedBy']])).toEqual([
        ['small', 128n, 'cpu'],
        ['medium', 64n, 'cpu'],
        ['large', 32n, 'cpu'],
      ]);
    });

    it('finds all three of the page\'s VM densities per host wrong', () => {
      expect(verdict('perHost', 'vm-host/small')).toBe(false);
      expect(verdict('perHost', 'vm-host/medium')).toBe(false);
      expect(verdict('perHost', 'vm-host/large')).toBe(false);
      // The page's figures are the only wrong ones: plan exits 1 for exactly these three.
      const wrong = list(phase(), 'stated').filter((s) => s['ok'] === false).map((s) => s['scope']);
      expect(wrong).toEqual(['density vm-host/small', 'density vm-host/medium', 'density vm-host/large']);
    });
  });
});
