import type { SourceSpan } from '../spec/source.js';
import type { EmitNote } from './types.js';

/**
 * Notes gathered while emitting, one per distinct message and place: the same
 * finding in several phases becomes one note that names them, so a spec with
 * many phases does not repeat itself.
 */
export class Notes {
  readonly #byKey = new Map<string, { message: string; at: SourceSpan | undefined; phases: string[] }>();

  add(message: string, at?: SourceSpan, phase?: string): void {
    const key = `${message}\u0000${at ? `${at.file.path}:${at.start}` : ''}`;
    const known = this.#byKey.get(key);
    if (known) {
      if (phase !== undefined && !known.phases.includes(phase)) known.phases.push(phase);
      return;
    }
    this.#byKey.set(key, { message, at, phases: phase === undefined ? [] : [phase] });
  }

  list(): EmitNote[] {
    return [...this.#byKey.values()].map(({ message, at, phases }) => {
      const prefix = phases.length === 0 ? '' : `${phases.length === 1 ? 'phase' : 'phases'} ${phases.map((p) => `\`${p}\``).join(', ')}: `;
      return at ? { message: `${prefix}${message}`, at } : { message: `${prefix}${message}` };
    });
  }
}
