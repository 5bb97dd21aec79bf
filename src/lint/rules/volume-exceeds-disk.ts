import { replicaRange } from '../../plan/plan.js';
import type { RoleModel } from '../../spec/model.js';
import type { RequirementLevelInput } from '../../spec/schema.js';
import type { SourceSpan } from '../../spec/source.js';
import { formatBytes } from '../../units/bytes.js';
import type { LintAnalysis } from '../analysis.js';
import { bytesFigure, hostRoles, runsAsPods, systemOf, volumeInput, writtenBytesFigure } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

/** One disk (or set of `count` disks under one entry) of a machine of the role. */
interface DiskSlot {
  key: string;
  mount: string | null;
  /** What the entry holds: size × count. */
  bytes: bigint;
  written: string;
  at: SourceSpan;
}

// A role's disks are read once, however many volumes land on it.
const SLOTS = new WeakMap<RoleModel, DiskSlot[]>();

/** The disks of one machine at the level the plan sizes the role with (recommended, else minimum); a lone `disk:` total is one slot. */
function diskSlots(role: RoleModel, analysis: LintAnalysis): DiskSlot[] {
  let slots = SLOTS.get(role);
  if (!slots) SLOTS.set(role, (slots = readDiskSlots(role, analysis)));
  return slots;
}

function readDiskSlots(role: RoleModel, analysis: LintAnalysis): DiskSlot[] {
  const useRecommended = role.recommended.disks.length > 0 || role.recommended.diskBytes !== null;
  const level = useRecommended ? role.recommended : role.minimum;
  const input = (useRecommended ? role.input.recommended : role.input.minimum) as RequirementLevelInput | undefined;
  if (level.disks.length > 0) {
    return level.disks.map((disk, i) => {
      const written = String(input?.disks?.[i]?.size ?? formatBytes(disk.bytes, 'si'));
      return { key: `${role.name}\u0000${i}`, mount: disk.mount, bytes: disk.bytes * BigInt(disk.count), written: disk.count > 1 ? `${disk.count} × ${written}` : written, at: disk.at };
    });
  }
  if (level.diskBytes === null) return [];
  return [{ key: `${role.name}\u0000disk`, mount: null, bytes: level.diskBytes, written: String(input?.disk ?? formatBytes(level.diskBytes, 'si')), at: analysis.at(input, 'disk') }];
}

function where(role: string, slot: DiskSlot, slots: number): string {
  if (slot.mount !== null) return `\`${slot.mount}\` on a \`${role}\` machine (${slot.written})`;
  return slots === 1 ? `the ${slot.written} disk of a \`${role}\` machine` : `the largest disk of a \`${role}\` machine (${slot.written})`;
}

export const volumeExceedsDisk: Rule<'volume' | 'replicas' | 'sum'> = {
  id: 'volume-exceeds-disk',
  severity: 'error',
  category: 'capacity',
  summary: 'A volume must fit on the machine disk that holds it, and the volumes on one disk must fit together.',
  messages: {
    volume: 'volume `{volume}` of `{component}` is {size}, larger than {where}: it cannot be provisioned there',
    replicas: '{copies} replicas of `{component}` share a `{role}` machine and their `{volume}` volumes of {size} each need {need}, more than {where}: they cannot all be provisioned',
    sum: 'the volumes on {where} add up to {total} ({volumes}), more than it holds: they cannot all be provisioned',
  },
  docs: {
    why: 'A volume on a node’s local disk (a host path, a local-path or local PV, a Podman volume) can be no larger than that disk, and the volumes that share a disk must fit on it together. The usual slip is units: a `500Gi` claim is 536.9 GB, more than a 500 GB disk. A volume names the disk that holds it with `disk:` (a mount of the role’s `disks`); otherwise it is judged against the largest disk of the machine. Volumes with `media: network` and managed services live elsewhere and are not judged; a role whose disks are not given is not judged either.',
    invalid: `roles:
  metald:
    count: 3
    minimum:
      disks:
        - { size: 500 GB, media: nvme }
components:
  metald:
    kind: service
    replicas: 3
    volumes:
      - { name: jailer, size: 500Gi, perReplica: true }
    placement: { role: metald, antiAffinity: true }
`,
    valid: `roles:
  metald:
    count: 3
    minimum:
      disks:
        - { size: 500 GB, media: nvme }
components:
  metald:
    kind: service
    replicas: 3
    volumes:
      - { name: jailer, size: 450Gi, perReplica: true }
    placement: { role: metald, antiAffinity: true }
`,
    fix: 'Size the volume in the disk’s units below the disk (450Gi fits a 500 GB disk), or give the role larger disks.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      // Volumes on each named disk of a one-machine role, to judge their sum.
      const onDisk = new Map<string, { slot: DiskSlot; role: string; slots: number; total: bigint; volumes: string[]; reported: boolean }>();
      for (const component of phase.components) {
        if (!runsAsPods(component)) continue;
        const roles = hostRoles(phase, component, analysis);
        if (roles.length === 0) continue;
        for (const volume of component.volumes) {
          const input = volumeInput(component, volume.name);
          if (!input || input.media === 'network') continue;
          const fits: Array<{ role: RoleModel; slot: DiskSlot; slots: number; copies: bigint; need: bigint }> = [];
          let known = true;
          for (const role of roles) {
            const slots = diskSlots(role, analysis);
            const slot = input.disk !== undefined ? slots.find((s) => s.mount === input.disk) : slots.reduce<DiskSlot | undefined>((a, b) => (a === undefined || b.bytes > a.bytes ? b : a), undefined);
            if (!slot) {
              known = false;
              break;
            }
            const machines = role.count === null || role.count.max === null ? null : BigInt(role.count.max);
            const replicas = replicaRange(phase, component).min;
            // Replicas spread over the machines: at least ⌈replicas / machines⌉ share one.
            const copies = volume.perReplica && !component.perNode && machines !== null && machines > 0n ? (replicas + machines - 1n) / machines : 1n;
            fits.push({ role, slot, slots: slots.length, copies: copies > 0n ? copies : 1n, need: volume.sizeBytes * (copies > 0n ? copies : 1n) });
          }
          if (!known || fits.length === 0) continue;
          const best = fits.reduce((a, b) => (b.slot.bytes - b.need > a.slot.bytes - a.need ? b : a));
          const system = systemOf(best.slot.written);
          const size = writtenBytesFigure(input.size, volume.sizeBytes, system);
          if (best.need > best.slot.bytes) {
            const place = where(best.role.name, best.slot, best.slots);
            const at = analysis.at(input, 'size');
            if (volume.sizeBytes > best.slot.bytes) report({ at, message: 'volume', data: { volume: volume.name, component: component.name, size, where: place }, phase: phase.name });
            else report({ at, message: 'replicas', data: { copies: best.copies, component: component.name, role: best.role.name, volume: volume.name, size, need: bytesFigure(best.need, system), where: place }, phase: phase.name });
            const shared = onDisk.get(best.slot.key);
            if (shared) shared.reported = true;
            else onDisk.set(best.slot.key, { slot: best.slot, role: best.role.name, slots: best.slots, total: 0n, volumes: [], reported: true });
            continue;
          }
          // The sum is judged where the disk is known: named by `disk:`, or the machine's only disk, of a one-machine role.
          if (fits.length !== 1 || best.role.count?.max !== 1 || (input.disk === undefined && best.slots !== 1)) continue;
          const entry = onDisk.get(best.slot.key) ?? { slot: best.slot, role: best.role.name, slots: best.slots, total: 0n, volumes: [], reported: false };
          entry.total += best.need;
          entry.volumes.push(`\`${component.name}/${volume.name}\` ${size}`);
          onDisk.set(best.slot.key, entry);
        }
      }
      for (const entry of onDisk.values()) {
        if (entry.reported || entry.total <= entry.slot.bytes || entry.volumes.length < 2) continue;
        const system = systemOf(entry.slot.written);
        const shown = entry.volumes.length > 6 ? `${entry.volumes.slice(0, 5).join(', ')} and ${entry.volumes.length - 5} more` : entry.volumes.join(', ');
        report({ at: entry.slot.at, message: 'sum', data: { where: where(entry.role, entry.slot, entry.slots), total: bytesFigure(entry.total, system), volumes: shown }, phase: phase.name });
      }
    }
  },
};
