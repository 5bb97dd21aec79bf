import { dnsLabel } from '../names.js';

/** The network unit (file stem) of a network key: the system's own, or one per tier. */
export function networkStem(system: string, key: string): string {
  return key === 'default' ? dnsLabel(system) : dnsLabel(`${system}-${key}`);
}
