import { composeEmitter } from './compose/index.js';
import { docsEmitter } from './docs/index.js';
import { firewallEmitter } from './firewall/index.js';
import { kubernetesEmitter } from './kubernetes/index.js';
import { prometheusEmitter } from './prometheus/index.js';
import { quadletEmitter } from './quadlet/index.js';
import { systemdEmitter } from './systemd/index.js';
import type { Emitter } from './types.js';

/** Every target, in the order `--target all` writes them. Adding one is a folder and a line here. */
export const EMITTERS: readonly Emitter[] = [kubernetesEmitter, composeEmitter, quadletEmitter, systemdEmitter, firewallEmitter, prometheusEmitter, docsEmitter];

export function emitterById(id: string): Emitter | undefined {
  return EMITTERS.find((e) => e.id === id);
}
