/**
 * Density: for roles that host VMs or pods by size class, how many of each fit on one host
 * without overcommit, and the CPU and memory overcommit each stated density implies.
 */
import { findOffer } from '../catalog/lookup.js';
import type { Catalog } from '../catalog/types.js';
import type { RoleModel } from '../spec/model.js';
import { decimalToString, rationalToDecimal } from '../units/decimal.js';
import { rational } from '../units/rational.js';
import type { DensityClass, MachineLine, RoleDensity } from './types.js';

function ratio(num: bigint, den: bigint): string | null {
  if (den <= 0n) return null;
  return decimalToString(rationalToDecimal(rational(num, den), 2, 'round'), 2);
}

function host(role: RoleModel, placed: MachineLine[], catalog: Catalog, level: 'minimum' | 'recommended'): RoleDensity['host'] | null {
  const reserveCpu = role.reserved.cpuMillicores ?? 0n;
  const reserveMemory = role.reserved.memoryBytes ?? 0n;
  // The offer the placement bought most of for the role, else the declared one, else the role's own size.
  const line = [...placed].filter((l) => l.role === role.name).sort((a, b) => b.count - a.count || a.offer.localeCompare(b.offer))[0];
  const fromOffer = (written: string, basis: 'placed-offer' | 'declared-offer'): RoleDensity['host'] | null => {
    const found = findOffer(catalog, written);
    if (!found.ok || found.offer.cpuMillicores === null || found.offer.memoryBytes === null) return null;
    return { offer: found.offer.id, cpuMillicores: found.offer.cpuMillicores - reserveCpu, memoryBytes: found.offer.memoryBytes - reserveMemory, basis };
  };
  if (line) {
    const placedHost = fromOffer(line.offer, 'placed-offer');
    if (placedHost) return placedHost;
  }
  if (role.input.offer !== undefined) {
    const declared = fromOffer(String(role.input.offer), 'declared-offer');
    if (declared) return declared;
  }
  const cpu = level === 'recommended' ? (role.recommended.cpuMillicores ?? role.minimum.cpuMillicores) : role.minimum.cpuMillicores;
  const memory = level === 'recommended' ? (role.recommended.memoryBytes ?? role.minimum.memoryBytes) : role.minimum.memoryBytes;
  if (cpu === null || memory === null) return null;
  return { offer: null, cpuMillicores: cpu - reserveCpu, memoryBytes: memory - reserveMemory, basis: 'role-level' };
}

export function roleDensity(roles: RoleModel[], placed: MachineLine[], catalog: Catalog, level: 'minimum' | 'recommended'): RoleDensity[] {
  const out: RoleDensity[] = [];
  for (const role of roles) {
    if (!role.density.length) continue;
    const h = host(role, placed, catalog, level);
    if (!h || h.cpuMillicores <= 0n || h.memoryBytes <= 0n) continue;
    const classes: DensityClass[] = role.density.map((d) => {
      const byCpu = h.cpuMillicores / d.cpuMillicores;
      const byMemory = h.memoryBytes / d.memoryBytes;
      const stated = d.stated[0] ?? null;
      // The upper end of a stated range is the density the document promises at most.
      const promised = stated ? (stated.range.high ?? stated.range.low) : null;
      return {
        name: d.name,
        cpuMillicores: d.cpuMillicores,
        memoryBytes: d.memoryBytes,
        fitsPerHost: byCpu < byMemory ? byCpu : byMemory,
        limitedBy: byCpu < byMemory ? 'cpu' : 'memory',
        stated: stated?.text ?? null,
        cpuOvercommit: promised === null ? null : ratio(promised * d.cpuMillicores, h.cpuMillicores),
        memoryOvercommit: promised === null ? null : ratio(promised * d.memoryBytes, h.memoryBytes),
      };
    });
    out.push({ role: role.name, host: h, classes });
  }
  return out;
}
