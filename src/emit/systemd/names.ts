import { dnsLabel } from '../names.js';

/** The Podman network of a network key: the system's own, or one per tier (the same names as the Quadlet target's `NetworkName=`). */
export function networkName(system: string, key: string): string {
  return key === 'default' ? dnsLabel(system) : dnsLabel(`${system}-${key}`);
}

export const volumeUnit = (volume: string) => `${volume}-volume.service`;
export const networkUnit = (network: string) => `${network}-network.service`;
