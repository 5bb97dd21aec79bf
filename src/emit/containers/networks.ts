import type { Model } from '../../spec/model.js';

/**
 * Network segmentation from `network.subnets`: a subnet's `hosts` name
 * components or roles, its `tier` (else its own name) is the segment. A
 * container's home segments are those of its subnets; a container in none is on
 * the `default` network.
 */
export function tiersOf(model: Model): (component: string, roles: readonly string[]) => string[] {
  const byHost = new Map<string, string[]>();
  for (const [name, subnet] of Object.entries(model.input.network?.subnets ?? {})) {
    const tier = subnet.tier ?? name;
    for (const host of subnet.hosts ?? []) {
      const list = byHost.get(host) ?? [];
      if (!list.includes(tier)) list.push(tier);
      byHost.set(host, list);
    }
  }
  return (component, roles) => {
    const own = byHost.get(component);
    if (own) return [...own];
    const fromRoles: string[] = [];
    for (const role of roles) for (const tier of byHost.get(role) ?? []) if (!fromRoles.includes(tier)) fromRoles.push(tier);
    return fromRoles;
  };
}
