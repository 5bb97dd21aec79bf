import { plan, type Plan } from '../plan/plan.js';
import type { Model } from '../spec/model.js';
import { EMITTERS } from './registry.js';
import { checkPaths } from './write.js';
import type { EmitNote, Emitter, GeneratedFile } from './types.js';

export interface GenerateOptions {
  /** Targets to generate; several are written under a folder each. */
  targets: readonly Emitter[];
  /** Only this phase (default: every phase). */
  phase?: string;
}

export interface GenerateResult {
  files: GeneratedFile[];
  /** Each note once, with every target that made it (compose, quadlet and systemd share many). */
  notes: Array<EmitNote & { targets: string[] }>;
}

/**
 * Run emitters on the model: one target's files at the root of the output,
 * several targets' under `<target>/`. Deterministic: the same model gives the
 * same files, in the same order, with the same bytes.
 */
export function generate(model: Model, options: GenerateOptions): GenerateResult {
  const phases = options.phase === undefined ? model.phases : model.phases.filter((p) => p.name === options.phase);
  if (phases.length === 0) throw new Error(`no phase ${options.phase}`);
  let memo: Plan | undefined;
  const context = { model, phases, plan: () => (memo ??= plan(model, { months: 12 })), source: model.system.name };
  const groups: Array<{ prefix: string; files: GeneratedFile[] }> = [];
  const notes: GenerateResult['notes'] = [];
  const seen = new Map<string, GenerateResult['notes'][number]>();
  const nested = options.targets.length > 1;
  for (const emitter of options.targets) {
    const result = emitter.emit(context);
    checkPaths(result.files);
    // Sorted target by target, before the folder is put in front: the same order as sorting all the
    // paths at once (no target's `<id>/` starts another's), with shorter lists and shorter strings to compare.
    const own = [...result.files].sort(byPath);
    const prefix = nested ? `${emitter.id}/` : '';
    groups.push({ prefix, files: nested ? own.map((f) => ({ ...f, path: prefix + f.path })) : own });
    for (const n of result.notes) {
      const key = `${n.at ? `${n.at.file.path}\u0000${n.at.start}` : ''}\u0000${n.message}`;
      const known = seen.get(key);
      if (known) known.targets.push(emitter.id);
      else {
        const note = { ...n, targets: [emitter.id] };
        seen.set(key, note);
        notes.push(note);
      }
    }
  }
  groups.sort((a, b) => compareStrings(a.prefix, b.prefix));
  const files = groups.length === 1 ? (groups[0]?.files ?? []) : groups.flatMap((g) => g.files);
  return { files, notes };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPath(a: GeneratedFile, b: GeneratedFile): number {
  return compareStrings(a.path, b.path);
}

export { EMITTERS };
