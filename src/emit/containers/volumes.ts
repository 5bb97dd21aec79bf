import type { Model } from '../../spec/model.js';

/** Compose and Podman volume names: letters, digits, `_`, `.`, `-`, starting with a letter or digit. */
export function volumeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned === '' ? 'volume' : cleaned;
}

/**
 * The named volume of each component volume: the spec's own name (`postgres_data`)
 * when no other component of any phase has a volume of that name, else
 * `<component>-<volume>`. Decided over every phase, so that a volume keeps its
 * name whichever phase is generated.
 */
export function volumeNames(model: Model): (component: string, volume: string) => string {
  const owners = new Map<string, Set<string>>();
  const note = (component: string, volume: string) => {
    const key = volumeName(volume);
    let set = owners.get(key);
    if (!set) owners.set(key, (set = new Set()));
    set.add(component);
  };
  for (const component of model.components) for (const v of component.volumes) note(component.name, v.name);
  for (const phase of model.phases) for (const component of phase.components) for (const v of component.volumes) note(component.name, v.name);
  return (component, volume) => {
    const key = volumeName(volume);
    return (owners.get(key)?.size ?? 0) > 1 ? volumeName(`${component}-${volume}`) : key;
  };
}
