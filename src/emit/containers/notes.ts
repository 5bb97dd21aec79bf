import type { SourceSpan } from '../../spec/source.js';
import type { EmitNote } from '../types.js';

/**
 * Notes without repeats: the same fact about a component is said once, not
 * once per phase that runs it.
 */
export class NoteSink {
  private readonly seen = new Set<string>();
  readonly notes: EmitNote[] = [];

  add(message: string, at?: SourceSpan | null): void {
    const key = at ? `${at.file.path}\u0000${at.start}\u0000${message}` : message;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.notes.push(at ? { message, at } : { message });
  }
}
