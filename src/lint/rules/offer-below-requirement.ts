import type { RequirementLevelInput } from '../../spec/schema.js';
import type { RoleModel } from '../../spec/model.js';
import { parseBytes } from '../../units/bytes.js';
import { cpuMillicores, memoryBytes } from '../../units/quantity.js';
import { moneyOf, offerName, offersByName, type OfferInput } from '../helpers/cost.js';
import type { Rule } from '../types.js';

type Dimension = 'cpu' | 'memory' | 'disk';
const DIMENSIONS: readonly Dimension[] = ['cpu', 'memory', 'disk'];
const WORDS: Record<Dimension, string> = { cpu: 'CPU', memory: 'memory', disk: 'disk' };

/** `4GB of memory`, `2 vCPU`, `4 CPU` (a bare CPU figure says what it counts). */
function amount(dimension: Dimension, text: string): string {
  if (dimension === 'cpu') return /core|cpu/i.test(text) ? text : `${text} CPU`;
  return `${text} of ${WORDS[dimension]}`;
}

interface OfferSize {
  input: OfferInput;
  values: Partial<Record<Dimension, { value: bigint; text: string }>>;
}

function sizeOf(offer: OfferInput): OfferSize {
  const values: OfferSize['values'] = {};
  const read = (dimension: Dimension, raw: string | number | undefined) => {
    if (raw === undefined) return;
    const text = String(raw).trim();
    const parsed = dimension === 'cpu' ? cpuMillicores(text) : dimension === 'memory' ? memoryBytes(text) : parseBytes(text);
    if (parsed.ok) values[dimension] = { value: typeof parsed.value === 'bigint' ? parsed.value : parsed.value.bytes, text };
  };
  read('cpu', offer.cpu);
  read('memory', offer.memory);
  read('disk', offer.disk);
  return { input: offer, values };
}

/** A role's requirement in one dimension at one level, with the text the page wrote for it. */
function requirement(role: RoleModel, level: 'minimum' | 'recommended', dimension: Dimension): { value: bigint; text: string } | null {
  const model = role[level];
  const value = dimension === 'cpu' ? model.cpuMillicores : dimension === 'memory' ? model.memoryBytes : model.diskBytes;
  if (value === null) return null;
  const input: RequirementLevelInput | undefined = role.input[level];
  const written = dimension === 'disk' ? input?.disk : input?.[dimension];
  return { value, text: written === undefined ? describeDisks(input) : String(written).trim() };
}

function describeDisks(input: RequirementLevelInput | undefined): string {
  const disks = input?.disks ?? [];
  return disks.map((d) => `${(d.count ?? 1) > 1 ? `${d.count}× ` : ''}${String(d.size).trim()}`).join(' + ');
}

/** The first dimension in which the offer is below the role's level (recommended falls back to minimum). */
function shortfall(offer: OfferSize, role: RoleModel, level: 'minimum' | 'recommended'): { dimension: Dimension; has: string; needs: string } | null {
  for (const dimension of DIMENSIONS) {
    const has = offer.values[dimension];
    const needs = requirement(role, level, dimension) ?? (level === 'recommended' ? requirement(role, 'minimum', dimension) : null);
    if (has && needs && has.value < needs.value) return { dimension, has: amount(dimension, has.text), needs: amount(dimension, needs.text) };
  }
  return null;
}

export const offerBelowRequirement: Rule<'belowMinimum' | 'belowRecommended' | 'servesNoneMinimum' | 'servesNoneRecommended'> = {
  id: 'offer-below-requirement',
  severity: 'warning',
  category: 'cost',
  summary: 'A provider offer the page lists must be at least the size of the machine it is meant for.',
  messages: {
    belowMinimum: 'role `{role}` is bought as `{offer}`, which has {has}, below the role\'s minimum of {needs}: a machine of that offer fails the page\'s own requirements',
    belowRecommended: 'role `{role}` is bought as `{offer}`, which has {has}, below the {needs} the role recommends: the page prices a machine smaller than the one it recommends',
    servesNoneMinimum: 'offer `{offer}` has {has}, below the minimum of every role the page buys from its offers ({roles}): it cannot run any of them',
    servesNoneRecommended: 'offer `{offer}` has {has}, below what every role the page buys from its offers recommends ({roles}): recommending it contradicts the page\'s own machine sizes',
  },
  docs: {
    why: 'A provider table ("Hetzner CX41 €12, DigitalOcean Basic 4GB $48…") is what readers buy from, and it is usually written once and not revisited when the machine specification grows. An offer below the page\'s own minimum fails preflight on the first day; one below the recommended size is cheaper than the machine the costs and capacity were planned on. infraspec compares each role\'s `offer` (by `offer` or `provider/offer` name) with the role\'s minimum and recommended CPU, memory and disk, exactly (GB is 10^9 bytes, GiB 2^30). An offer no role names is an alternative to the offers the roles do buy: when its CPU, memory or disk is below every such role\'s requirement it can serve none of them.',
    invalid: `roles:
  server:
    offer: Basic 4GB
    minimum: { cpu: 2 cores, memory: 8GB }
cost:
  offers:
    - { provider: DigitalOcean, offer: Basic 4GB, cpu: 2 vCPU, memory: 4GB, price: $24/month }
`,
    valid: `roles:
  server:
    offer: Basic 8GB
    minimum: { cpu: 2 cores, memory: 8GB }
cost:
  offers:
    - { provider: DigitalOcean, offer: Basic 8GB, cpu: 2 vCPU, memory: 8GB, price: $48/month }
`,
  },
  check(model, report, analysis) {
    const offers = model.input.cost?.offers ?? [];
    if (offers.length === 0) return;
    const byName = offersByName(offers);
    const sizes = new Map<OfferInput, OfferSize>(offers.map((o) => [o, sizeOf(o)]));
    const used = new Set<OfferInput>();
    const use = (name: string | undefined) => {
      const offer = name === undefined ? undefined : byName.get(name);
      if (offer) used.add(offer);
      return offer;
    };
    for (const component of model.components) {
      use(component.input.managed?.instanceClass);
      use(component.input.managed?.readReplicas?.instanceClass);
    }
    for (const reserved of model.input.cost?.reserved ?? []) use(reserved.offer);

    // Roles that buy a machine from the catalog: the ones the catalog's other machines could replace.
    const buyers = new Map<string, RoleModel>();
    const allRoles = new Map<string, RoleModel>();
    for (const phase of model.phases) {
      for (const role of phase.roles) {
        const key = `${role.name}\u0000${role.at.start}`;
        allRoles.set(key, role);
        const offer = use(role.input.offer);
        if (!offer) continue;
        const price = moneyOf(offer.price);
        if (!price || (price.perBytes === undefined && price.perUnit === undefined)) buyers.set(key, role);
        const size = sizes.get(offer);
        if (!size) continue;
        const at = analysis.at(role.input, 'offer');
        const below = shortfall(size, role, 'minimum');
        const belowRecommended = below ? null : shortfall(size, role, 'recommended');
        const found = below ?? belowRecommended;
        if (!found) continue;
        report({ at, message: below ? 'belowMinimum' : 'belowRecommended', data: { role: role.name, offer: offerName(offer), has: found.has, needs: found.needs }, phase: phase.name });
      }
    }

    const candidates = [...(buyers.size ? buyers : allRoles).values()];
    if (candidates.length === 0) return;
    for (const offer of offers) {
      if (used.has(offer)) continue;
      const size = sizes.get(offer);
      if (!size || (size.values.cpu === undefined && size.values.memory === undefined)) continue;
      const price = moneyOf(offer.price);
      if (price && (price.perBytes !== undefined || price.perUnit !== undefined)) continue;
      for (const level of ['minimum', 'recommended'] as const) {
        const reasons = candidates.map((role) => ({ role, gap: shortfall(size, role, level) }));
        if (reasons.some((r) => r.gap === null)) continue;
        const first = reasons[0]?.gap;
        if (!first) break;
        const listed = reasons.slice(0, 3).map((r) => `\`${r.role.name}\` ${level === 'minimum' ? 'needs' : 'recommends'} ${r.gap?.needs ?? ''}`);
        const more = reasons.length > 3 ? `, and ${reasons.length - 3} more` : '';
        report({
          at: analysis.at(offer, first.dimension),
          message: level === 'minimum' ? 'servesNoneMinimum' : 'servesNoneRecommended',
          data: { offer: offerName(offer), has: first.has, roles: `${listed.join('; ')}${more}` },
        });
        break;
      }
    }
  },
};
