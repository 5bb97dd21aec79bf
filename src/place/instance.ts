/**
 * From a phase of the spec and a price catalog to the placement problem: which replicas,
 * which machine kinds may hold them, at what price.
 *
 * The candidate offers of a role (see docs/place.md):
 * 1. the role declares an `offer`: that offer and every machine offer of the same provider;
 * 2. otherwise the machine offers of the spec's own `cost.offers`;
 * 3. otherwise every machine offer of the catalog;
 * burstable offers (a CPU baseline below 100 %) only when the declared offer is burstable too;
 * kept when the offer's CPU and memory are known and meet the role's floor: per dimension
 * (CPU, memory, disk, GPUs), the level's figure (recommended where stated, else minimum;
 * or minimum only), else — when the role declares an offer and states no figure — the
 * declared offer's own. When none qualifies and the role states its own `cost`, the role's
 * stated size at that price stands in as the one offer.
 */
import { convert } from '../catalog/convert.js';
import { findOffer, providerId } from '../catalog/lookup.js';
import type { Catalog, CatalogOffer } from '../catalog/types.js';
import type { ComponentModel, Model, PhaseModel, RoleModel } from '../spec/model.js';
import { formatBytesReadable as formatBytes } from '../units/bytes.js';
import { rationalToDecimal } from '../units/decimal.js';
import { monthlyMicros } from '../units/money.js';
import { formatMillicores } from '../units/quantity.js';
import { div, rational } from '../units/rational.js';
import type { CandidateRule, MachineOption, PlaceError, PlacementProblem, ReplicaGroup, Resources, RoleLimits } from './types.js';

const MACHINE_KINDS = new Set(['vm', 'bare-metal']);

export type ProblemOrErrors = { ok: true; problem: PlacementProblem } | { ok: false; errors: PlaceError[]; notes: string[] };

interface Floor {
  cpuMillicores: bigint | null;
  memoryBytes: bigint | null;
  diskBytes: bigint | null;
  gpus: number | null;
}

export function cpuText(m: bigint): string {
  if (m % 1000n === 0n) return `${m / 1000n} ${m === 1000n ? 'core' : 'cores'}`;
  return `${formatMillicores(m)} CPU`;
}

function roleFloor(role: RoleModel, level: 'minimum' | 'recommended', declared: CatalogOffer | null): Floor {
  const pick = <T>(minimum: T | null, recommended: T | null): T | null => (level === 'recommended' ? (recommended ?? minimum) : minimum);
  const cpu = pick(role.minimum.cpuMillicores, role.recommended.cpuMillicores);
  const memory = pick(role.minimum.memoryBytes, role.recommended.memoryBytes);
  const disk = pick(role.minimum.diskBytes, role.recommended.diskBytes);
  const gpus = pick(role.minimum.gpuCount, role.recommended.gpuCount);
  return {
    cpuMillicores: cpu ?? declared?.cpuMillicores ?? null,
    memoryBytes: memory ?? declared?.memoryBytes ?? null,
    diskBytes: disk ?? null,
    gpus: gpus ?? null,
  };
}

const ARM = /\b(arm64|aarch64|ampere|graviton)\b/i;
const X86 = /\b(amd64|x86|x86_64|epyc|xeon|intel|amd)\b/i;

/** The architecture an offer states in its name or notes (catalogs mark Arm offers), or null. */
function offerArch(offer: CatalogOffer): 'arm64' | 'amd64' | null {
  return ARM.test(`${offer.name} ${offer.notes ?? ''}`) ? 'arm64' : null;
}

/** The architectures a role accepts: its `arch` list, or what its `cpuModel` list names. */
function roleArch(role: RoleModel, level: 'minimum' | 'recommended'): Set<string> | null {
  const levels = level === 'recommended' ? [role.input.recommended, role.input.minimum] : [role.input.minimum];
  for (const l of levels) {
    if (l?.arch?.length) return new Set(l.arch);
    const models = l?.cpuModel ?? [];
    if (models.length) {
      const arms = models.some((m) => ARM.test(m));
      const x86 = models.some((m) => X86.test(m));
      if (arms !== x86) return new Set([arms ? 'arm64' : 'amd64']);
    }
  }
  return null;
}

function meetsFloor(offer: CatalogOffer, floor: Floor, arch: Set<string> | null = null): boolean {
  if (offer.cpuMillicores === null || offer.memoryBytes === null) return false;
  if (arch && !arch.has(offerArch(offer) ?? 'amd64')) return false;
  if (floor.cpuMillicores !== null && offer.cpuMillicores < floor.cpuMillicores) return false;
  if (floor.memoryBytes !== null && offer.memoryBytes < floor.memoryBytes) return false;
  // An offer without a stated disk takes attached storage of any size.
  if (floor.diskBytes !== null && offer.diskBytes !== null && offer.diskBytes < floor.diskBytes) return false;
  if (floor.gpus !== null && floor.gpus > 0 && (offer.gpu?.count ?? 0) < floor.gpus) return false;
  return true;
}

function isMachine(offer: CatalogOffer): boolean {
  return MACHINE_KINDS.has(offer.kind) && offer.perBytes === null;
}

/** The spec's `cost.offers` as catalog offers (the caller merged them in with `withSpecOffers`). */
function specOffers(model: Model, catalog: Catalog): CatalogOffer[] {
  const out: CatalogOffer[] = [];
  for (const entry of model.input.cost?.offers ?? []) {
    const found = findOffer(catalog, `${providerId(entry.provider)}/${entry.offer}`);
    if (found.ok && !out.includes(found.offer)) out.push(found.offer);
  }
  return out;
}

interface Candidates {
  rule: CandidateRule;
  offers: CatalogOffer[];
  /** Offers of the rule before the floor filter, for the error text. */
  considered: CatalogOffer[];
  declared: CatalogOffer | null;
  notes: string[];
}

function candidatesFor(role: RoleModel, model: Model, catalog: Catalog, level: 'minimum' | 'recommended'): Candidates {
  const notes: string[] = [];
  let declared: CatalogOffer | null = null;
  let considered: CatalogOffer[];
  let rule: CandidateRule;
  const written = role.input.offer;
  if (written !== undefined) {
    const found = findOffer(catalog, String(written));
    if (found.ok) declared = found.offer;
    else notes.push(`role ${role.name}: its offer \`${written}\` is not in the catalog (${found.message})`);
  }
  if (declared) {
    const provider = declared.provider;
    considered = [declared, ...catalog.offers.filter((o) => o !== declared && o.provider === provider && isMachine(o))];
    rule = 'declared-offer-and-provider';
  } else {
    const own = specOffers(model, catalog).filter(isMachine);
    if (own.some((o) => o.cpuMillicores !== null && o.memoryBytes !== null)) {
      considered = own;
      rule = 'spec-offers';
    } else {
      considered = catalog.offers.filter(isMachine);
      rule = 'catalog';
    }
  }
  const floor = roleFloor(role, level, declared);
  const arch = roleArch(role, level);
  // A burstable machine sustains only part of its vCPUs: it stands in for another burstable
  // machine, never for one whose CPUs are the machine's own all the time.
  const burstableAllowed = declared !== null && isBurstable(declared);
  const offers = considered.filter((o) => meetsFloor(o, floor, arch) && (burstableAllowed || !isBurstable(o)));
  return { rule, offers, considered, declared, notes };
}

function isBurstable(offer: CatalogOffer): boolean {
  return offer.cpuBaselinePercent !== undefined && offer.cpuBaselinePercent < 100;
}

function floorText(floor: Floor): string {
  const parts: string[] = [];
  if (floor.cpuMillicores !== null) parts.push(cpuText(floor.cpuMillicores));
  if (floor.memoryBytes !== null) parts.push(`${formatBytes(floor.memoryBytes)} memory`);
  if (floor.diskBytes !== null) parts.push(`${formatBytes(floor.diskBytes)} disk`);
  if (floor.gpus !== null && floor.gpus > 0) parts.push(`${floor.gpus} GPU${floor.gpus > 1 ? 's' : ''}`);
  return parts.length ? parts.join(', ') : 'no stated size';
}

/** The role's own stated machine (`cost` with its level's size), when no catalog offer qualifies. */
function roleCostOffer(role: RoleModel, floor: Floor): CatalogOffer | null {
  if (!role.cost || floor.cpuMillicores === null || floor.memoryBytes === null) return null;
  const micros = monthlyMicros(role.cost, 'min');
  const amount = rationalToDecimal(div(micros, rational(1_000_000n)), 6, 'round');
  return {
    id: `${role.name} (as stated)`,
    provider: 'spec',
    name: `${role.name} (as stated)`,
    kind: 'vm',
    region: null,
    cpuMillicores: floor.cpuMillicores,
    memoryBytes: floor.memoryBytes,
    memoryText: null,
    diskBytes: floor.diskBytes,
    gpu: floor.gpus ? { count: floor.gpus, model: null, memoryBytes: null } : null,
    monthly: { amount, currency: role.cost.min.currency },
    priceText: role.cost.text,
    perBytes: null,
    transferIncludedBytes: null,
    transferOverage: null,
    vatIncluded: false,
    date: 'undated',
    source: 'the spec',
    origin: `role ${role.name}: cost`,
  };
}

function gpuRequest(component: ComponentModel): number {
  const resources = component.input.resources;
  const requested = resources?.requests?.gpu ?? resources?.limits?.gpu;
  if (requested !== undefined) return requested;
  return component.input.placement?.gpu === true ? 1 : 0;
}

function onMachineDisk(volume: ComponentModel['volumes'][number], component: ComponentModel): boolean {
  const input = component.input.volumes?.find((v) => v.name === volume.name);
  return input?.media !== 'network';
}

interface RoleZones {
  role: RoleModel;
  zones: string[];
  zoned: boolean;
}

/** Replica counts per zone, as even as can be (the first zones take the remainder). */
function spread(count: number, zones: number): number[] {
  const base = Math.floor(count / zones);
  return Array.from({ length: zones }, (_, i) => base + (i < count % zones ? 1 : 0));
}

export function buildProblem(model: Model, phase: PhaseModel, catalog: Catalog, options: { level: 'minimum' | 'recommended' }): ProblemOrErrors {
  const notes: string[] = [];
  const errors: PlaceError[] = [];
  const currency = model.input.cost?.currency ?? 'USD';
  const roleNames = new Set(phase.roles.map((r) => r.name));

  // ── which components run on machines, and where ──
  const placed: Array<{ component: ComponentModel; roles: string[] }> = [];
  const skippedManaged: string[] = [];
  const noRequests: string[] = [];
  const ranges: string[] = [];
  for (const component of phase.components) {
    if (component.kind === 'external') continue;
    if (component.input.managed) {
      skippedManaged.push(component.name);
      continue;
    }
    const pinned = component.roles.filter((r) => roleNames.has(r));
    const unknown = component.roles.filter((r) => !roleNames.has(r));
    if (component.roles.length && !pinned.length) {
      errors.push({
        code: 'unknown-role',
        message: `${component.name} is pinned to role ${unknown.join(', ')}, which phase ${phase.name} does not have`,
        hint: `the phase's roles are ${[...roleNames].join(', ') || 'none'}`,
        at: component.at,
      });
      continue;
    }
    if (component.requests.cpuMillicores === null && component.requests.memoryBytes === null) noRequests.push(component.name);
    if (component.replicas.min !== component.replicas.max && !component.perNode) ranges.push(`${component.name} ${component.replicas.min}-${component.replicas.max}`);
    placed.push({ component, roles: pinned.length ? pinned : [...roleNames] });
  }
  if (skippedManaged.length) notes.push(`managed services are not placed on machines: ${skippedManaged.join(', ')}`);
  if (noRequests.length) notes.push(`no resource requests stated (placed as taking no CPU or memory): ${noRequests.join(', ')}`);
  if (ranges.length) notes.push(`replica ranges are placed at their minimum: ${ranges.join(', ')}`);

  // ── roles: zones that matter, candidate offers, limits ──
  const spreads = new Set(placed.filter((p) => p.component.input.placement?.spreadZones || p.component.input.placement?.zones?.length).flatMap((p) => p.roles));
  const zonesOf = new Map<string, RoleZones>();
  for (const role of phase.roles) {
    const zones = role.input.zones ?? [];
    zonesOf.set(role.name, { role, zones, zoned: zones.length > 1 && spreads.has(role.name) });
    if (zones.length === 0 && spreads.has(role.name) && placed.some((p) => p.roles.includes(role.name) && p.component.input.placement?.spreadZones)) {
      notes.push(`role ${role.name} names no zones: zone spread does not apply to it`);
    }
  }

  const machines: MachineOption[] = [];
  const roles: RoleLimits[] = [];
  const daemons = placed.filter((p) => p.component.perNode);
  for (const role of phase.roles) {
    const found = candidatesFor(role, model, catalog, options.level);
    notes.push(...found.notes);
    let offers = found.offers;
    let rule = found.rule;
    const floor = roleFloor(role, options.level, found.declared);
    if (!offers.length) {
      const own = roleCostOffer(role, floor);
      if (own) {
        offers = [own];
        rule = 'role-cost';
        notes.push(`role ${role.name}: no catalog offer has ${floorText(floor)}; its own stated cost (${role.cost?.text}) stands in`);
      }
    }
    if (!offers.length) {
      errors.push({
        code: 'no-candidate-offer',
        message: `role ${role.name} has no candidate offer: ${found.considered.length} ${ruleText(found.rule)} considered, none with known CPU and memory meeting ${floorText(floor)}`,
        hint: 'name an `offer` on the role, add sized and priced `cost.offers`, or lower the role’s requirements',
        at: role.at,
      });
      continue;
    }
    const reservedCpu = role.reserved.cpuMillicores ?? 0n;
    const reservedMemory = role.reserved.memoryBytes ?? 0n;
    const zoning = zonesOf.get(role.name);
    const zones: Array<string | null> = zoning?.zoned ? zoning.zones : [null];
    const roleDaemons = daemons.filter((d) => d.roles.includes(role.name));
    const kept: string[] = [];
    for (const offer of offers) {
      const price = convert(offer.monthly, currency, catalog.rates);
      if (!price) {
        notes.push(`role ${role.name}: ${offer.id} is priced in ${offer.monthly.currency} and the rate table has no way to ${currency}; left out`);
        continue;
      }
      const capacity: Resources = {
        cpuMillicores: offer.cpuMillicores ?? 0n,
        memoryBytes: offer.memoryBytes ?? 0n,
        diskBytes: offer.diskBytes,
        gpus: offer.gpu?.count ?? 0,
      };
      const allocatable: Resources = {
        cpuMillicores: capacity.cpuMillicores - reservedCpu,
        memoryBytes: capacity.memoryBytes - reservedMemory,
        diskBytes: capacity.diskBytes,
        gpus: capacity.gpus,
      };
      for (const d of roleDaemons) {
        allocatable.cpuMillicores -= d.component.requests.cpuMillicores ?? 0n;
        allocatable.memoryBytes -= d.component.requests.memoryBytes ?? 0n;
        allocatable.gpus -= gpuRequest(d.component);
        if (allocatable.diskBytes !== null) allocatable.diskBytes -= volumeBytes(d.component, 'all');
      }
      if (allocatable.cpuMillicores < 0n || allocatable.memoryBytes < 0n || allocatable.gpus < 0 || (allocatable.diskBytes !== null && allocatable.diskBytes < 0n)) {
        notes.push(`role ${role.name}: ${offer.id} cannot hold the role's reserve and daemons; left out`);
        continue;
      }
      kept.push(offer.id);
      for (const zone of zones) machines.push({ role: role.name, zone, offerId: offer.id, provider: offer.provider, price: { amount: price.amount, currency }, capacity, allocatable, origin: offer.origin });
    }
    if (!kept.length) {
      errors.push({
        code: 'no-candidate-offer',
        message: `role ${role.name} has no usable offer: none of ${offers.map((o) => o.id).join(', ')} can be priced in ${currency} and hold the role's reserve and daemons`,
        at: role.at,
      });
      continue;
    }
    const count = role.count;
    const explicitMax = typeof role.input.count === 'object' && role.input.count !== null && role.input.count.max !== undefined;
    roles.push({
      name: role.name,
      min: count?.min ?? 0,
      max: explicitMax ? (count?.max ?? null) : null,
      candidates: { rule, offers: kept },
      at: role.at,
    });
  }
  if (errors.length) return { ok: false, errors, notes };

  // ── replica groups ──
  const groups: ReplicaGroup[] = [];
  const machineFits = (m: MachineOption, request: ReplicaGroup['request']): boolean =>
    request.cpuMillicores <= m.allocatable.cpuMillicores &&
    request.memoryBytes <= m.allocatable.memoryBytes &&
    request.gpus <= m.allocatable.gpus &&
    (m.allocatable.diskBytes === null || request.diskBytes <= m.allocatable.diskBytes);
  for (const { component, roles: allowed } of placed) {
    if (component.perNode) continue;
    const count = component.replicas.min;
    if (count <= 0) continue;
    const base = {
      cpuMillicores: component.requests.cpuMillicores ?? 0n,
      memoryBytes: component.requests.memoryBytes ?? 0n,
      gpus: gpuRequest(component),
    };
    const perReplicaDisk = volumeBytes(component, 'per-replica');
    const sharedDisk = volumeBytes(component, 'shared');
    const antiAffinity = component.antiAffinity && count > 1 ? component.name : null;
    // Zones: a spreading component splits evenly over its role's zones (or its own `zones`).
    const placement = component.input.placement;
    const zoneList = (() => {
      const role = allowed.map((r) => zonesOf.get(r)).find((z) => z?.zoned);
      if (!role) return null;
      const own = placement?.zones?.filter((z) => role.zones.includes(z));
      if (own?.length) return own;
      return placement?.spreadZones ? role.zones : null;
    })();
    const shares: Array<{ zone: string | null; count: number }> = zoneList
      ? (placement?.spreadZones ? spread(count, zoneList.length) : [count]).map((n, i) => ({ zone: placement?.spreadZones ? (zoneList[i] ?? null) : null, count: n }))
      : [{ zone: null, count }];
    let sharedLeft = sharedDisk > 0n ? 1 : 0;
    for (const share of shares) {
      if (share.count <= 0) continue;
      const inZone = (m: MachineOption): boolean =>
        allowed.includes(m.role) && (share.zone === null ? zoneList === null || m.zone === null || zoneList.includes(m.zone) : m.zone === share.zone || m.zone === null);
      const parts: Array<{ count: number; disk: bigint; label: string }> = [];
      if (sharedLeft > 0) {
        parts.push({ count: 1, disk: perReplicaDisk + sharedDisk, label: `${component.name}${share.zone ? ` in zone ${share.zone}` : ''} holding its shared volumes` });
        if (share.count > 1) parts.push({ count: share.count - 1, disk: perReplicaDisk, label: `${component.name}${share.zone ? ` in zone ${share.zone}` : ''}` });
        sharedLeft = 0;
      } else {
        parts.push({ count: share.count, disk: perReplicaDisk, label: `${component.name}${share.zone ? ` in zone ${share.zone}` : ''}` });
      }
      for (const part of parts) {
        const request = { ...base, diskBytes: part.disk };
        const options = machines.map((m, i) => ({ m, i })).filter(({ m }) => inZone(m) && machineFits(m, request)).map(({ i }) => i);
        if (!options.length) {
          errors.push(noFitError(component, request, machines.filter(inZone), allowed));
          break;
        }
        groups.push({ component: component.name, label: part.label, count: part.count, request, options, antiAffinity, at: component.at });
      }
    }
  }
  // A role that must exist but holds nothing still needs its minimum machines; a role's max may be too small.
  for (const role of roles) {
    if (role.max === null) continue;
    for (const group of groups) {
      const only = group.options.every((i) => machines[i]?.role === role.name);
      if (only && group.antiAffinity !== null) {
        const total = groups.filter((g) => g.antiAffinity === group.antiAffinity).reduce((s, g) => s + g.count, 0);
        if (total > role.max) {
          errors.push({
            code: 'role-limit',
            message: `${group.component} runs ${total} replicas on distinct machines, and role ${role.name} allows at most ${role.max}`,
            hint: 'raise the role’s `count.max`, or drop the anti-affinity',
            at: group.at,
          });
          break;
        }
      }
    }
  }
  if (errors.length) return { ok: false, errors, notes };
  return { ok: true, problem: { phase: phase.name, currency, roles, machines, groups, notes } };
}

function ruleText(rule: CandidateRule): string {
  switch (rule) {
    case 'declared-offer-and-provider':
      return 'offers (the declared one and its provider’s)';
    case 'spec-offers':
      return 'offers of the spec’s `cost.offers`';
    case 'catalog':
      return 'catalog machine offers';
    case 'role-cost':
      return 'offers (the role’s own)';
  }
}

function volumeBytes(component: ComponentModel, which: 'per-replica' | 'shared' | 'all'): bigint {
  let total = 0n;
  for (const volume of component.volumes) {
    if (!onMachineDisk(volume, component)) continue;
    if (which === 'all' || (which === 'per-replica') === volume.perReplica) total += volume.sizeBytes;
  }
  return total;
}

/** `api replica needs 8 cores; the largest offer allowed for role worker has 4`. */
function noFitError(component: ComponentModel, request: ReplicaGroup['request'], machines: MachineOption[], roles: string[]): PlaceError {
  const roleText = roles.length === 1 ? `role ${roles[0]}` : `roles ${roles.join(', ')}`;
  const largest = (pick: (m: MachineOption) => bigint | null): bigint | null =>
    machines.reduce<bigint | null>((best, m) => {
      const v = pick(m);
      if (v === null) return best;
      return best === null || v > best ? v : best;
    }, null);
  const checks: Array<{ need: bigint; have: bigint | null; text: (v: bigint) => string; what: string }> = [
    { need: request.cpuMillicores, have: largest((m) => m.allocatable.cpuMillicores), text: cpuText, what: 'CPU' },
    { need: request.memoryBytes, have: largest((m) => m.allocatable.memoryBytes), text: (v) => `${formatBytes(v)} memory`, what: 'memory' },
    { need: BigInt(request.gpus), have: largest((m) => BigInt(m.allocatable.gpus)), text: (v) => `${v} GPU${v === 1n ? '' : 's'}`, what: 'GPUs' },
    {
      need: request.diskBytes,
      have: machines.some((m) => m.allocatable.diskBytes === null) ? null : largest((m) => m.allocatable.diskBytes),
      text: (v) => `${formatBytes(v)} of volumes on its disk`,
      what: 'disk',
    },
  ];
  const hint = 'allow a larger offer (the role’s `offer`, `cost.offers`, or a lower requirement floor), or lower the request';
  if (!machines.length) {
    return { code: 'replica-does-not-fit', message: `${component.name} replica has no machine to run on: ${roleText} has no offer in its zones`, hint, at: component.at };
  }
  const reserved = machines.some((m) => m.allocatable.cpuMillicores !== m.capacity.cpuMillicores || m.allocatable.memoryBytes !== m.capacity.memoryBytes);
  const after = reserved ? ' after its reserve and daemons' : '';
  for (const check of checks) {
    if (check.have !== null && check.need > check.have) {
      const have = check.have <= 0n && check.what === 'GPUs' ? 'none' : check.text(check.have).replace(/ (memory|of volumes on its disk)$/, '');
      return {
        code: 'replica-does-not-fit',
        message: `${component.name} replica needs ${check.text(check.need)}; the largest offer allowed for ${roleText} has ${have}${after}`,
        hint,
        at: component.at,
      };
    }
  }
  return {
    code: 'replica-does-not-fit',
    message: `${component.name} replica needs ${cpuText(request.cpuMillicores)} and ${formatBytes(request.memoryBytes)} memory together; no offer allowed for ${roleText} has both${after}`,
    hint,
    at: component.at,
  };
}
