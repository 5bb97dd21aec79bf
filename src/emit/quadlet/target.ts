import type { Model } from '../../spec/model.js';
import { rangeMinimum } from '../../units/version.js';
import { QUADLET_FIRST_VERSION, versionAtLeast, type QuadletVersion } from './keys.js';

/**
 * The Podman version the units are written for: the lowest `podman` minimum the
 * spec's roles require, and never below 4.4, the first with Quadlet. Units for
 * 4.4 run on every later version; a spec that requires a later Podman gets the
 * keys that version has.
 */
export function quadletTarget(model: Model): QuadletVersion {
  let lowest: QuadletVersion | null = null;
  for (const role of model.roles) {
    for (const software of role.minimum.software) {
      if (software.name.toLowerCase() !== 'podman') continue;
      const floor = rangeMinimum(software.range);
      if (!floor) continue;
      const version: QuadletVersion = [floor.parts[0] ?? 0, floor.parts[1] ?? 0];
      if (lowest === null || !versionAtLeast(version, lowest)) lowest = version;
    }
  }
  if (lowest === null || !versionAtLeast(lowest, QUADLET_FIRST_VERSION)) return QUADLET_FIRST_VERSION;
  return lowest;
}
