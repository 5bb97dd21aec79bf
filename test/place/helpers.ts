import type { Catalog, CatalogOffer } from '../../src/catalog/types.js';
import type { MachineOption, PlacementProblem, ReplicaGroup } from '../../src/place/types.js';
import { loadSpec } from '../../src/spec/files.js';
import type { Model } from '../../src/spec/model.js';
import type { SourceSpan } from '../../src/spec/source.js';
import { parseDecimal } from '../../src/units/decimal.js';
import { tempSpec } from '../helpers.js';

export const GiB = 2n ** 30n;
export const GB = 10n ** 9n;

export interface OfferSpec {
  id: string;
  /** Millicores. */
  cpu: number;
  /** GiB. */
  memory: number;
  /** Monthly price, an exact decimal string. */
  price: string;
  gpus?: number;
  /** GiB; absent: attached storage of any size. */
  disk?: number;
  role?: string;
  zone?: string | null;
}

export interface GroupSpec {
  component: string;
  count: number;
  cpu: number;
  memory: number;
  gpus?: number;
  disk?: number;
  antiAffinity?: boolean;
  roles?: string[];
  zone?: string | null;
}

const NOWHERE = null as unknown as SourceSpan;

/** A placement problem written by hand: offers (per role and zone) and replica groups. */
export function problem(spec: { offers: OfferSpec[]; groups: GroupSpec[]; roles?: Array<{ name: string; min?: number; max?: number | null }> }): PlacementProblem {
  const roles = spec.roles ?? [{ name: 'worker' }];
  const machines: MachineOption[] = spec.offers.map((o) => {
    const resources = { cpuMillicores: BigInt(o.cpu), memoryBytes: BigInt(o.memory) * GiB, diskBytes: o.disk === undefined ? null : BigInt(o.disk) * GiB, gpus: o.gpus ?? 0 };
    return {
      role: o.role ?? roles[0]!.name,
      zone: o.zone ?? null,
      offerId: o.id,
      provider: o.id.split('/')[0] ?? 'test',
      price: { amount: parseDecimal(o.price)!, currency: 'USD' },
      capacity: resources,
      allocatable: { ...resources },
      origin: 'test',
    };
  });
  const groups: ReplicaGroup[] = spec.groups.map((g) => {
    const request = { cpuMillicores: BigInt(g.cpu), memoryBytes: BigInt(Math.round(g.memory * 1024)) * (GiB / 1024n), diskBytes: BigInt(g.disk ?? 0) * GiB, gpus: g.gpus ?? 0 };
    const options = machines
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => (g.roles ?? [m.role]).includes(m.role) && (g.zone === undefined || g.zone === null || m.zone === g.zone))
      .filter(({ m }) => request.cpuMillicores <= m.allocatable.cpuMillicores && request.memoryBytes <= m.allocatable.memoryBytes && request.gpus <= m.allocatable.gpus && (m.allocatable.diskBytes === null || request.diskBytes <= m.allocatable.diskBytes))
      .map(({ i }) => i);
    return { component: g.component, label: g.component, count: g.count, request, options, antiAffinity: g.antiAffinity ? g.component : null, at: NOWHERE };
  });
  return {
    phase: 'test',
    currency: 'USD',
    roles: roles.map((r) => ({ name: r.name, min: r.min ?? 0, max: r.max ?? null, candidates: { rule: 'catalog', offers: [] }, at: NOWHERE })),
    machines,
    groups,
    notes: [],
  };
}

/** A catalog offer built in code. */
export function offer(provider: string, name: string, cpuCores: number, memoryGiB: number, monthly: string, extra: Partial<CatalogOffer> = {}): CatalogOffer {
  return {
    id: `${provider}/${name}`,
    provider,
    name,
    kind: 'vm',
    region: null,
    cpuMillicores: BigInt(cpuCores * 1000),
    memoryBytes: BigInt(memoryGiB) * GiB,
    memoryText: `${memoryGiB} GiB`,
    diskBytes: null,
    gpu: null,
    monthly: { amount: parseDecimal(monthly)!, currency: 'USD' },
    priceText: `$${monthly}/month`,
    perBytes: null,
    transferIncludedBytes: null,
    transferOverage: null,
    vatIncluded: false,
    date: '2026-01-01',
    source: 'test',
    origin: `test:${name}`,
    ...extra,
  };
}

export function catalogOf(offers: CatalogOffer[]): Catalog {
  return { offers, rates: [{ from: 'EUR', to: 'USD', rate: '1.1', date: '2026-01-01', source: 'test' }] };
}

/** A spec written to a temporary directory and loaded the way the CLI loads it. */
export function modelOf(yaml: string): Model {
  const dir = tempSpec({ 'infraspec.yaml': yaml });
  const result = loadSpec(dir, dir);
  if (!result.model) throw new Error(`spec did not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.model;
}
