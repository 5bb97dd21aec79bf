import { beforeAll, describe, expect, it } from 'vitest';
import { NUMBER, phaseNamed, run as cli, runPlan } from './support.js';

/**
 * examples/beta9: the Beta9 "Infrastructure Requirements" page (shared seed
 * 000). The page gives machine sizes and volumes but no CPU/memory requests and
 * no totals, so the plan is about machines and storage. Figures are computed by
 * hand from the page.
 */

const SPEC = 'examples/beta9';

const { Gi, GB } = NUMBER;

interface Role { name: string; count: { min: number; max: number | null }; perMachine: { cpuMillicores: number | null; memoryBytes: number | null; diskBytes: number | null; level: string | null }; components: string[] }
interface Phase {
  name: string;
  production: boolean;
  totals: { volumeBytes: number; machines: { min: number; max: number | null } | null; cpuRequestsMillicores: { min: number; max: number } };
  roles: Role[];
  storage: Array<{ component: string; volume: string; sizeBytes: number }>;
  stated: Array<{ what: string; label: string | null; computedValue: number | null; ok: boolean | null }>;
}
interface Plan { schemaVersion: string; system: string; phases: Phase[] }

let plan: Plan;
let planExit: number;

const phase = (name: string): Phase => phaseNamed(plan.phases, name);
const role = (p: Phase, name: string): Role => {
  const found = p.roles.find((r) => r.name === name);
  if (!found) throw new Error(`no role ${name} in ${p.name}`);
  return found;
};

beforeAll(() => {
  const run = runPlan(SPEC);
  planExit = run.code;
  plan = run.json as Plan;
});

describe('examples/beta9', () => {
  it('is a valid spec', () => {
    expect(cli(['validate', SPEC]).code).toBe(0);
  });

  it('plans the three topologies of "Scaling Considerations", in page order', () => {
    // Its one stated figure holds, so plan has nothing to report.
    expect(planExit).toBe(0);
    expect(plan.system).toBe('beta9');
    expect(plan.phases.map((p) => [p.name, p.production])).toEqual([
      ['development', false],
      ['production', true],
      ['high-availability', true],
    ]);
  });

  it('sums the PVCs in every topology', () => {
    // PostgreSQL 10Gi + Redis 1Gi + JuiceFS Redis 1Gi + Container Images 50Gi(+) = 62Gi
    for (const p of plan.phases) {
      expect(p.totals.volumeBytes).toBe(62 * Gi);
      expect(p.storage.map((s) => [s.component, s.volume, s.sizeBytes])).toEqual([
        ['worker', 'images', 50 * Gi],
        ['postgresql', 'data', 10 * Gi],
        ['redis', 'data', 1 * Gi],
        ['juicefs-redis', 'data', 1 * Gi],
      ]);
    }
  });

  it('gives no resource requests (the page has none)', () => {
    for (const p of plan.phases) expect(p.totals.cpuRequestsMillicores).toEqual({ min: 0, max: 0 });
  });

  describe('development: "All components on one machine"', () => {
    it('is one gateway-sized machine running every component, LocalStack included', () => {
      const dev = phase('development');
      expect(dev.totals.machines).toEqual({ min: 1, max: 1 });
      expect(dev.roles.map((r) => r.name)).toEqual(['gateway']);
      // Gateway Node, recommended: 4 cores, 8GB, 50GB.
      expect(role(dev, 'gateway').perMachine).toEqual({ cpuMillicores: 4000, memoryBytes: 8 * GB, diskBytes: 50 * GB, level: 'recommended' });
      expect(role(dev, 'gateway').components.sort()).toEqual(['gateway', 'juicefs', 'juicefs-redis', 'localstack', 'postgresql', 'redis', 'worker']);
    });

    it('states one machine, and plan agrees', () => {
      const [figure] = phase('development').stated;
      expect(figure).toMatchObject({ what: 'machines', label: 'Single Node (Development): All components on one machine', computedValue: 1, ok: true });
    });
  });

  describe('production and high availability: multi-node', () => {
    it('sizes each role from its table (recommended, or minimum when only that is given)', () => {
      for (const name of ['production', 'high-availability']) {
        const p = phase(name);
        expect(p.roles.map((r) => r.name)).toEqual(['gateway', 'worker', 'external-gpu-worker', 'database']);
        // Worker Nodes (Local Pools), recommended: 8+ cores, 16GB+, 100GB+.
        expect(role(p, 'worker').perMachine).toEqual({ cpuMillicores: 8000, memoryBytes: 16 * GB, diskBytes: 100 * GB, level: 'recommended' });
        // External GPU Workers give only a minimum: 4 cores, 8GB, no disk.
        expect(role(p, 'external-gpu-worker').perMachine).toEqual({ cpuMillicores: 4000, memoryBytes: 8 * GB, diskBytes: null, level: 'minimum' });
        // "Dedicated database nodes": no size on the page.
        expect(role(p, 'database').perMachine).toEqual({ cpuMillicores: null, memoryBytes: null, diskBytes: null, level: null });
        expect(role(p, 'database').components.sort()).toEqual(['juicefs-redis', 'postgresql', 'redis']);
        // At least: 1 gateway + 1 worker + 0 external GPU workers + 1 database node = 3;
        // no role has an upper bound ("multiple", "dedicated ... nodes"), so max is null.
        expect(p.totals.machines).toEqual({ min: 3, max: null });
        expect(role(p, 'gateway').count).toEqual({ min: 1, max: null });
      }
    });

    it('drops LocalStack for external S3', () => {
      for (const name of ['production', 'high-availability']) {
        const p = phase(name);
        expect(p.roles.flatMap((r) => r.components)).not.toContain('localstack');
      }
    });
  });
});
