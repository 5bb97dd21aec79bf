import { backupPlan } from '../../plan/plan.js';
import type { ComponentModel, Model, RoleModel } from '../../spec/model.js';
import type { SourceSpan } from '../../spec/source.js';
import { mounts } from '../host/facts.js';
import { statfsOf } from '../host/fs.js';
import { placementOf } from '../host/paths.js';
import { errorOutcome, isObject, LEVELS, levelInput, outcome, showBytes, spanOf, verdict, type LevelName } from '../judge.js';
import type { CheckModule, PlannedCheck, RunContext } from '../types.js';

interface Need {
  bytes: bigint;
  /** Written text, for the unit system of the display. */
  text: string;
  at: SourceSpan;
}

type ByLevel = Record<LevelName, Need | null>;

/** Below this share of free space a disk with nothing placed on it warns: it is nearly full. */
const NEARLY_FULL_PERCENT = 10n;

/**
 * Disks by mount: the filesystem holding each mount must be as large as the role asks
 * (several mounts that share one filesystem must fit it together), and have room for the
 * volumes placed on it. Disks without a mount and `disk:` count toward the machine's total.
 */
export const diskCheck: CheckModule = {
  id: 'disk',
  description: 'Size and free space of the filesystem holding each required mount (statfs), and the total of local disks against `disk`.',
  scope: 'role',
  plan({ model, role, components }) {
    if (role === null) return [];
    const byMount = new Map<string, ByLevel>();
    const total: ByLevel = { minimum: null, recommended: null };
    for (const level of LEVELS) {
      const input = levelInput(role, level);
      if (!input) continue;
      if (input.disk !== undefined && role[level].diskBytes !== null) {
        total[level] = { bytes: role[level].diskBytes ?? 0n, text: String(input.disk), at: spanOf(model, input, 'disk', role.at) };
      }
      for (const disk of role[level].disks) {
        const text = disk.at.file.text.slice(disk.at.start, disk.at.end);
        const bytes = disk.bytes * BigInt(disk.count);
        if (disk.mount === null) {
          if (input.disk !== undefined) continue;
          const before = total[level];
          total[level] = before === null ? { bytes, text, at: disk.at } : { ...before, bytes: before.bytes + bytes };
          continue;
        }
        const entry = byMount.get(disk.mount) ?? { minimum: null, recommended: null };
        const before = entry[level];
        entry[level] = before === null ? { bytes, text, at: disk.at } : { ...before, bytes: before.bytes + bytes };
        byMount.set(disk.mount, entry);
      }
    }
    const checks: PlannedCheck[] = [];
    if (total.minimum || total.recommended) checks.push(totalCheck(role, total));
    const required = [...byMount.entries()];
    for (const [mount, need] of required) checks.push(sizeCheck(role, mount, need, required));
    const freeMounts = required.length > 0 ? required.map(([m]) => m) : total.minimum || total.recommended ? ['/'] : [];
    const placed = freeMounts.map((mount): [string, PlacedVolume[]] => [mount, [...volumesOn(components, mount), ...backupsOn(model, role, mount)]]);
    for (const [mount, items] of placed) checks.push(freeCheck(role, mount, items, byMount.get(mount) ?? total, placed));
    return checks;
  },
};

const show = (need: Need | null) => (need === null ? null : showBytes(need.bytes, need.text));

function judge(have: bigint, need: ByLevel): 'pass' | 'warn' | 'fail' {
  return verdict(need.minimum ? have >= need.minimum.bytes : null, need.recommended ? have >= need.recommended.bytes : null);
}

function shortfall(status: string, need: ByLevel): string {
  const missed = status === 'fail' ? need.minimum : status === 'warn' ? need.recommended : null;
  return missed === null ? 'enough' : `below the ${status === 'fail' ? 'minimum' : 'recommended'} ${showBytes(missed.bytes, missed.text)}`;
}

function totalCheck(role: RoleModel, need: ByLevel): PlannedCheck {
  return {
    check: 'disk.total',
    role: role.name,
    component: null,
    minimum: show(need.minimum),
    recommended: show(need.recommended),
    at: need.minimum?.at ?? need.recommended?.at ?? role.at,
    async run(ctx) {
      const local = (await mounts(ctx)).filter((m) => m.device.startsWith('/dev/'));
      // One filesystem mounted at several places (bind mounts) counts once.
      const seen = new Set<string>();
      let sum = 0n;
      for (const m of local) {
        if (seen.has(m.device)) continue;
        seen.add(m.device);
        const fs = await statfsOf(ctx, m.mountPoint);
        if (fs !== null) sum += fs.sizeBytes;
      }
      if (seen.size === 0) return errorOutcome('no filesystem on a local block device (/dev/…) is mounted');
      const status = judge(sum, need);
      const text = need.recommended?.text ?? need.minimum?.text;
      return outcome(status, showBytes(sum, text), `${showBytes(sum, text)} on ${seen.size} local filesystem${seen.size === 1 ? '' : 's'} (${[...seen].join(', ')}): ${shortfall(status, need)}`);
    },
  };
}

function sizeCheck(role: RoleModel, mount: string, need: ByLevel, all: Array<[string, ByLevel]>): PlannedCheck {
  return {
    check: `disk.size:${mount}`,
    role: role.name,
    component: null,
    minimum: show(need.minimum),
    recommended: show(need.recommended),
    at: need.minimum?.at ?? need.recommended?.at ?? role.at,
    async run(ctx) {
      const here = await placementOf(ctx, mount);
      if (here === null) return errorOutcome(`cannot stat ${mount} or any directory above it`);
      // Mounts the role wants as separate disks but that share one filesystem must fit it together.
      const sharing: Array<[string, ByLevel]> = [];
      for (const entry of all) {
        const other = await placementOf(ctx, entry[0]);
        if (other !== null && other.stat.dev === here.stat.dev) sharing.push(entry);
      }
      const sum = (level: LevelName): Need | null => {
        const parts = sharing.map(([, n]) => n[level]).filter((n): n is Need => n !== null);
        const own = need[level];
        if (own === null) return null;
        return { ...own, bytes: parts.reduce((s, n) => s + n.bytes, 0n) };
      };
      const together: ByLevel = { minimum: sum('minimum'), recommended: sum('recommended') };
      const size = here.fs.sizeBytes;
      const text = need.recommended?.text ?? need.minimum?.text;
      const status = judge(size, together);
      const where = here.mount === null ? here.existing : `${here.mount.mountPoint} (${here.mount.fsType} on ${here.mount.device})`;
      const own = here.mount !== null && here.mount.mountPoint === mount;
      const others = sharing.map(([m]) => m).filter((m) => m !== mount);
      let message = own ? `${mount} is ${showBytes(size, text)} (${here.mount?.fsType ?? 'filesystem'} on ${here.mount?.device ?? '?'})` : `${mount} is not a mount point: it lives on ${where}, ${showBytes(size, text)}`;
      if (others.length > 0) message += `, shared with ${others.join(', ')} (together ${show(together.recommended ?? together.minimum) ?? '?'})`;
      return outcome(status, showBytes(size, text), `${message}: ${shortfall(status, together)}`);
    },
  };
}

interface PlacedVolume {
  name: string;
  bytes: bigint;
  text: string;
}

/**
 * Backups kept on this role's mount (`target: db-server:/var/backups`), at what their retention
 * keeps; a backup whose retained size cannot be computed is left out (lint reports it).
 */
function backupsOn(model: Model, role: RoleModel, mount: string): PlacedVolume[] {
  const placed: PlacedVolume[] = [];
  for (const backup of model.backups) {
    if (backup.input.target !== `${role.name}:${mount}`) continue;
    const retained = backupPlan(backup).retainedBytes;
    if (retained === null) continue;
    const size = backup.input.compressedSize ?? backup.input.size;
    placed.push({ name: `backup ${backup.name}`, bytes: retained, text: size === undefined ? '' : String(size) });
  }
  return placed;
}

/** Volumes of the role's components whose `disk:` names this mount. */
function volumesOn(components: ComponentModel[], mount: string): PlacedVolume[] {
  const placed: PlacedVolume[] = [];
  for (const component of components) {
    const inputs = component.input.volumes ?? [];
    component.volumes.forEach((volume, i) => {
      const input = inputs[i];
      const disk = isObject(input) && typeof input['disk'] === 'string' ? input['disk'] : null;
      if (disk === mount) {
        const text = isObject(input) ? String(input['size'] ?? '') : '';
        placed.push({ name: `${component.name}/${volume.name}`, bytes: volume.sizeBytes, text });
      }
    });
  }
  return placed;
}

function freeCheck(role: RoleModel, mount: string, volumes: PlacedVolume[], need: ByLevel, all: Array<[string, PlacedVolume[]]>): PlannedCheck {
  const required = volumes.reduce((s, v) => s + v.bytes, 0n);
  const text = volumes[0]?.text || need.recommended?.text || need.minimum?.text;
  return {
    check: `disk.free:${mount}`,
    role: role.name,
    component: null,
    minimum: volumes.length > 0 ? showBytes(required, text) : null,
    recommended: null,
    at: need.minimum?.at ?? need.recommended?.at ?? role.at,
    async run(ctx: RunContext) {
      const here = await placementOf(ctx, mount);
      if (here === null) return errorOutcome(`cannot stat ${mount} or any directory above it`);
      const { freeBytes, sizeBytes } = here.fs;
      const free = showBytes(freeBytes, text);
      const usedPercent = sizeBytes === 0n ? 0n : ((sizeBytes - freeBytes) * 100n) / sizeBytes;
      const where = here.mount?.mountPoint ?? here.existing;
      // What other mounts keep on the same filesystem takes from the same free space.
      const sharing: PlacedVolume[] = [];
      const sharedWith: string[] = [];
      for (const [other, items] of all) {
        if (other === mount || items.length === 0) continue;
        const there = await placementOf(ctx, other);
        if (there === null || there.stat.dev !== here.stat.dev) continue;
        sharing.push(...items);
        sharedWith.push(other);
      }
      if (volumes.length > 0) {
        const together = required + sharing.reduce((s, v) => s + v.bytes, 0n);
        const status = freeBytes >= together ? 'pass' : 'fail';
        const list = volumes.map((v) => `${v.name} ${showBytes(v.bytes, v.text)}`).join(', ');
        const shared = sharedWith.length ? `; ${where} also holds what ${sharedWith.join(', ')} keep${sharedWith.length === 1 ? 's' : ''}, ${showBytes(together, text)} in all` : '';
        return outcome(status, free, `${free} free on ${where} (${usedPercent}% used); the volumes and backups placed on ${mount} need ${showBytes(required, text)} (${list})${shared}${status === 'fail' ? ': not enough room' : ''}`);
      }
      const nearlyFull = sizeBytes > 0n && freeBytes * 100n < sizeBytes * NEARLY_FULL_PERCENT;
      return outcome(nearlyFull ? 'warn' : 'pass', free, `${free} free on ${where} (${usedPercent}% used)${nearlyFull ? `: less than ${NEARLY_FULL_PERCENT}% free` : ''}; no volume or backup is kept on ${mount}`);
    },
  };
}
