import type { SourceSpan } from '../../spec/source.js';
import type { EmitNote } from '../types.js';

/**
 * Notes without repeats: the same fact about a component is said once, not
 * once per phase that runs it.
 */
export class NoteSink {
  private readonly seen = new Set<string>();
  readonly notes: EmitNote[] = [];
  // The key of each note, beside it: another sink takes them over without working them out again.
  private readonly keys: string[] = [];

  add(message: string, at?: SourceSpan | null): void {
    this.#take(at ? `${at.file.path}\u0000${at.start}\u0000${message}` : message, at ? { message, at } : { message });
  }

  /** Every note of `other`, in its order (what was said while building something shared, said again where it is used). */
  addAll(other: NoteSink): void {
    for (let i = 0; i < other.notes.length; i++) {
      const note = other.notes[i];
      const key = other.keys[i];
      if (note && key !== undefined) this.#take(key, note);
    }
  }

  #take(key: string, note: EmitNote): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.keys.push(key);
    this.notes.push(note);
  }
}
