import { providerId } from '../catalog/lookup.js';
import type { CatalogOffer } from '../catalog/types.js';
import type { ComponentModel } from '../spec/model.js';
import { formatBytesReadable, parseBytes } from '../units/bytes.js';
import { parseCount } from '../units/count.js';
import { div, fromBigint, mul, rational, type Rational } from '../units/rational.js';
import { draft, lookup, noPriceForCurrency, offerMonthly, type CostContext, type Draft } from './context.js';

/**
 * Managed services (`component.managed`): RDS (instance class × Multi-AZ, read replicas,
 * storage and provisioned IOPS), ElastiCache (node type × nodes), load balancers. Multi-AZ
 * RDS has one standby, billed like the primary, for instances and storage alike.
 */

const GIGABYTE = 1_000_000_000n;

type Managed = NonNullable<ComponentModel['input']['managed']>;

export function managedItems(ctx: CostContext): Draft[] {
  const out: Draft[] = [];
  for (const component of ctx.phase.components) {
    const managed = component.input.managed;
    if (!managed) continue;
    out.push(...itemsOf(ctx, component.name, managed));
  }
  return out;
}

function offerOrNote(ctx: CostContext, provider: string, name: string): { offer: CatalogOffer } | { note: string } {
  const found = lookup(ctx, `${provider}/${name}`);
  if (found.ok) return { offer: found.offer };
  return { note: `${found.message}${found.hint ? ` (${found.hint})` : ''}` };
}

/** `count × offer`, priced per unit (a machine, a GB, an IOPS). */
function priced(ctx: CostContext, name: string, what: string, provider: string, offerName: string, quantityOf: Rational | ((offer: CatalogOffer) => Rational)): Draft {
  const found = offerOrNote(ctx, provider, offerName);
  if ('note' in found) return draft({ category: 'managed', name, what, note: found.note });
  const offer = found.offer;
  const quantity = typeof quantityOf === 'function' ? quantityOf(offer) : quantityOf;
  const unit = offerMonthly(ctx, offer);
  if (!unit) return draft({ category: 'managed', name, what, offer: offer.id, unitPrice: offer.monthly, note: noPriceForCurrency(offer.monthly.currency, ctx.currency), origin: offer.origin });
  const total = mul(unit.value, quantity);
  return draft({ category: 'managed', name, what, offer: offer.id, unitPrice: offer.monthly, min: total, max: total, approximate: offer.approximate ?? false, origin: offer.origin, conversion: unit.conversion });
}

function itemsOf(ctx: CostContext, componentName: string, managed: Managed): Draft[] {
  const provider = providerId(managed.provider);
  const service = managed.service.toLowerCase();
  const out: Draft[] = [];
  if (service === 'elb' || service === 'alb' || service === 'nlb') {
    out.push(priced(ctx, componentName, `1 × ${provider}/alb (hourly part; LCUs are usage-based)`, provider, 'alb', rational(1n)));
    return out;
  }
  if (managed.instanceClass === undefined) {
    out.push(draft({ category: 'managed', name: componentName, what: `${managed.provider} ${managed.service}`, note: `no \`instanceClass\` to price the ${managed.service} service by` }));
    return out;
  }
  const multiAz = service === 'rds' && managed.multiAz === true;
  const nodes = managed.nodes ?? 1;
  const copies = BigInt(nodes) * (multiAz ? 2n : 1n);
  const copiesText = `${nodes} × ${managed.instanceClass}${multiAz ? ', Multi-AZ (× 2)' : ''}`;
  out.push(priced(ctx, componentName, copiesText, provider, managed.instanceClass, rational(copies)));

  const replicas = managed.readReplicas;
  if (replicas && replicas.count > 0) {
    const replicaClass = replicas.instanceClass ?? managed.instanceClass;
    out.push(priced(ctx, `${componentName} read replicas`, `${replicas.count} × ${replicaClass}`, provider, replicaClass, rational(BigInt(replicas.count))));
  }

  const storage = managed.storage;
  if (service === 'rds' && storage?.size !== undefined) {
    const size = parseBytes(String(storage.size));
    if (size.ok) {
      const type = (storage.type ?? 'gp2').toLowerCase();
      const factor = multiAz ? 2n : 1n;
      const perOffer = (offer: CatalogOffer) => mul(div(fromBigint(size.value.bytes), fromBigint(offer.perBytes ?? GIGABYTE)), rational(factor));
      out.push(priced(ctx, `${componentName} storage`, `${formatBytesReadable(size.value.bytes)} ${type}${multiAz ? ', Multi-AZ (× 2)' : ''}`, provider, `rds-${type}`, perOffer));
      if (storage.iops !== undefined && type.startsWith('io')) {
        const iops = parseCount(storage.iops as string | number);
        if (iops.ok) {
          out.push(priced(ctx, `${componentName} IOPS`, `${iops.value.value} provisioned IOPS${multiAz ? ', Multi-AZ (× 2)' : ''}`, provider, `rds-${type}-iops`, rational(iops.value.value * factor)));
        }
      }
    }
  }
  return out;
}
