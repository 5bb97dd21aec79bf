import { plan, type Plan } from '../plan/plan.js';
import type { Model } from '../spec/model.js';
import { EMITTERS } from './registry.js';
import { checkedInPathOrder } from './write.js';
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
  // By message, then by place: a message is a string the targets share (compose, quadlet and systemd say the
  // containers' notes with the same strings), hashed once, where a key joining it with its place would be built
  // and hashed anew for each of 42,000 notes (10k components).
  const seen = new Map<string, Map<string, GenerateResult['notes'][number]>>();
  // The same note object, said by several targets: compose, quadlet and systemd pass on the containers' notes
  // as the objects the shared model made (about half of the 42,000 notes at 10k components). Found by identity,
  // such a note needs neither its place as a string nor the lookups by message and place.
  const merged = new Map<EmitNote, GenerateResult['notes'][number]>();
  const nested = options.targets.length > 1;
  for (const emitter of options.targets) {
    const result = emitter.emit(context);
    // Sorted target by target, before the folder is put in front: the same order as sorting all the
    // paths at once (no target's `<id>/` starts another's), with shorter lists and shorter strings to compare.
    const own = checkedInPathOrder(result.files);
    const prefix = nested ? `${emitter.id}/` : '';
    groups.push({ prefix, files: nested ? own.map((f) => underFolder(prefix, f)) : own });
    for (const n of result.notes) {
      const same = merged.get(n);
      if (same !== undefined) {
        same.targets.push(emitter.id);
        continue;
      }
      const place = n.at ? `${n.at.file.path}\u0000${n.at.start}` : '';
      let atPlaces = seen.get(n.message);
      if (atPlaces === undefined) {
        atPlaces = new Map();
        seen.set(n.message, atPlaces);
      }
      const known = atPlaces.get(place);
      if (known) {
        known.targets.push(emitter.id);
        merged.set(n, known);
      } else {
        const note = n.at ? { message: n.message, at: n.at, targets: [emitter.id] } : { message: n.message, targets: [emitter.id] };
        atPlaces.set(place, note);
        merged.set(n, note);
        notes.push(note);
      }
    }
  }
  groups.sort((a, b) => compareStrings(a.prefix, b.prefix));
  // `concat` copies whole arrays at once; `flatMap` goes item by item through a callback's result.
  const files = groups.length === 1 ? (groups[0]?.files ?? []) : ([] as GeneratedFile[]).concat(...groups.map((g) => g.files));
  return { files, notes };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Written out rather than `{ ...f, path }`: a spread with a field after it takes V8's slow path, 210,000 times at 10k components.
function underFolder(prefix: string, f: GeneratedFile): GeneratedFile {
  const path = prefix + f.path;
  return f.mode === undefined ? { path, content: f.content } : { path, content: f.content, mode: f.mode };
}

export { EMITTERS };
