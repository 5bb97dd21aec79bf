import { describe, expect, test } from 'vitest';
import { placeSpec } from '../../src/place/index.js';
import { buildProblem } from '../../src/place/instance.js';
import { decimalToString } from '../../src/units/decimal.js';
import { catalogOf, GiB, modelOf, offer } from './helpers.js';

const head = `infraspec: 1
system: { name: shop }
`;
const catalog = catalogOf([
  offer('acme', 'small', 2, 4, '10'),
  offer('acme', 'medium', 4, 8, '18'),
  offer('acme', 'large', 8, 32, '40'),
  offer('acme', 'gpu', 8, 32, '300', { gpu: { count: 1, model: 'L4', memoryBytes: 24n * GiB } }),
  offer('other', 'cheap', 4, 8, '5'),
]);

describe('the placement problem built from a spec', () => {
  test('a role with a declared offer considers that provider’s offers that meet its floor', () => {
    const model = modelOf(`${head}
roles:
  worker: { offer: acme/medium, count: 1, minimum: { cpu: 4 cores } }
components:
  api: { kind: service, resources: { requests: { cpu: 1, memory: 1Gi } }, replicas: 2, placement: { role: worker } }
`);
    const built = buildProblem(model, model.phases[0]!, catalog, { level: 'recommended' });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.problem.roles[0]!.candidates).toEqual({ rule: 'declared-offer-and-provider', offers: ['acme/medium', 'acme/large', 'acme/gpu'] });
  });

  test('a burstable offer stands in only for a burstable declared offer, however cheap', () => {
    const withBurstable = catalogOf([
      offer('acme', 'medium', 4, 8, '18'),
      offer('acme', 'large', 8, 32, '40'),
      offer('acme', 'burst-medium', 4, 16, '9', { cpuBaselinePercent: 40 }),
      offer('acme', 'burst-small', 2, 8, '6', { cpuBaselinePercent: 30 }),
    ]);
    const model = modelOf(`${head}
roles:
  steady: { offer: acme/medium, count: 1 }
  bursty: { offer: acme/burst-small, count: 1 }
components:
  api: { kind: service, resources: { requests: { cpu: 1, memory: 1Gi } }, replicas: 1, placement: { role: steady } }
  cron: { kind: service, resources: { requests: { cpu: 1, memory: 1Gi } }, replicas: 1, placement: { role: bursty } }
`);
    const built = buildProblem(model, model.phases[0]!, withBurstable, { level: 'recommended' });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const candidates = new Map(built.problem.roles.map((r) => [r.name, r.candidates.offers]));
    expect(candidates.get('steady')).toEqual(['acme/medium', 'acme/large']);
    expect(candidates.get('bursty')).toEqual(['acme/burst-small', 'acme/medium', 'acme/large', 'acme/burst-medium']);
  });

  test('the role’s reserve and its daemons come off every machine', () => {
    const model = modelOf(`${head}
roles:
  worker: { offer: acme/medium, count: 1, reserved: { cpu: 500m, memory: 1Gi } }
components:
  agent: { kind: daemon, resources: { requests: { cpu: 250m, memory: 512Mi } }, placement: { role: worker } }
  api: { kind: service, resources: { requests: { cpu: 1, memory: 1Gi } }, replicas: 1, placement: { role: worker } }
`);
    const built = buildProblem(model, model.phases[0]!, catalog, { level: 'recommended' });
    if (!built.ok) throw new Error(built.errors[0]?.message);
    const medium = built.problem.machines.find((m) => m.offerId === 'acme/medium')!;
    expect(medium.allocatable.cpuMillicores).toBe(4000n - 500n - 250n);
    expect(medium.allocatable.memoryBytes).toBe(8n * GiB - GiB - 512n * 2n ** 20n);
    expect(built.problem.groups.map((g) => g.component)).toEqual(['api']);
  });

  test('a spreading component splits evenly over its role’s zones', () => {
    const model = modelOf(`${head}
roles:
  worker: { offer: acme/small, count: 3, zones: [a, b, c] }
components:
  api: { kind: service, resources: { requests: { cpu: 500m, memory: 512Mi } }, replicas: 5, placement: { role: worker, spreadZones: true } }
`);
    const built = buildProblem(model, model.phases[0]!, catalog, { level: 'recommended' });
    if (!built.ok) throw new Error(built.errors[0]?.message);
    expect(built.problem.groups.map((g) => [g.label, g.count])).toEqual([
      ['api in zone a', 2],
      ['api in zone b', 2],
      ['api in zone c', 1],
    ]);
  });
});

describe('placeSpec', () => {
  test('names the replica that fits nowhere, and why', async () => {
    const model = modelOf(`${head}
roles:
  worker: { offer: acme/medium, count: 1, minimum: { cpu: 4 cores, memory: 8GiB } }
components:
  api: { kind: service, resources: { requests: { cpu: "64", memory: 1Gi } }, replicas: 1, placement: { role: worker } }
`);
    const result = await placeSpec(model, catalog);
    const phase = result.phases[0]!;
    expect(phase.machines).toEqual([]);
    expect(phase.errors.map((e) => e.message)).toEqual(['api replica needs 64 cores; the largest offer allowed for role worker has 8 cores']);
    expect(phase.errors[0]!.at).not.toBeNull();
  });

  test('a role without any qualifying offer is an error that says what was asked', async () => {
    const model = modelOf(`${head}
roles:
  worker: { count: 1, minimum: { cpu: 128 cores } }
components:
  api: { kind: service, resources: { requests: { cpu: 1, memory: 1Gi } }, replicas: 1 }
`);
    const result = await placeSpec(model, catalog);
    expect(result.phases[0]!.errors[0]!.message).toBe('role worker has no candidate offer: 5 catalog machine offers considered, none with known CPU and memory meeting 128 cores');
  });

  test('places GPU replicas on GPU machines and the rest on the cheapest that holds them', async () => {
    const model = modelOf(`${head}
roles:
  worker: { offer: acme/small, count: 0 }
components:
  trainer: { kind: worker, resources: { requests: { cpu: 2, memory: 8Gi, gpu: 1 } }, replicas: 1 }
  api: { kind: service, resources: { requests: { cpu: 1, memory: 2Gi } }, replicas: 2 }
`);
    const result = await placeSpec(model, catalog);
    const phase = result.phases[0]!;
    expect(phase.errors).toEqual([]);
    // The GPU machine (8 cores, 32 GiB) holds the trainer and both api replicas.
    expect(phase.machines.map((m) => [m.offer, m.count])).toEqual([['acme/gpu', 1]]);
    expect(phase.monthlyCost && decimalToString(phase.monthlyCost.amount)).toBe('300');
    expect(phase.gap).toBe(0);
  });

  test('reports density and the overcommit a stated density implies', async () => {
    const model = modelOf(`${head}
roles:
  host:
    offer: acme/large
    count: 1
    density:
      - { name: small, cpu: 1 vCPU, memory: 2GiB, perHost: 10-12 }
components: {}
`);
    const result = await placeSpec(model, catalog);
    expect(result.phases[0]!.density).toEqual([
      {
        role: 'host',
        host: { offer: 'acme/large', cpuMillicores: 8000n, memoryBytes: 32n * GiB, basis: 'placed-offer' },
        // 8 fit by CPU, 16 by memory; 12 stated is 12/8 = 1.5× the CPU and 24/32 = 0.75× the memory.
        classes: [{ name: 'small', cpuMillicores: 1000n, memoryBytes: 2n * GiB, fitsPerHost: 8n, limitedBy: 'cpu', stated: '10-12', cpuOvercommit: '1.50', memoryOvercommit: '0.75' }],
      },
    ]);
  });
});
