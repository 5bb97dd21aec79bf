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
  const files: GeneratedFile[] = [];
  const notes: GenerateResult['notes'] = [];
  const seen = new Map<string, GenerateResult['notes'][number]>();
  const nested = options.targets.length > 1;
  for (const emitter of options.targets) {
    const result = emitter.emit(context);
    checkPaths(result.files);
    for (const f of result.files) files.push(nested ? { ...f, path: `${emitter.id}/${f.path}` } : f);
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
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notes };
}

export { EMITTERS };
