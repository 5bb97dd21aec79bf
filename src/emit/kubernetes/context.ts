import type { ComponentModel, Model, PhaseModel, RoleModel } from '../../spec/model.js';
import type { SpecInput } from '../../spec/schema.js';
import type { SourceSpan } from '../../spec/source.js';
import { dnsLabel } from '../names.js';
import type { EmitNote } from '../types.js';

export type KubernetesInput = NonNullable<SpecInput['kubernetes']>;

/**
 * Notes, once each: a component that every phase repeats (or overrides, at
 * another line) would otherwise say the same thing once per phase. First
 * seen, first listed, at the first place it was seen. A note about a phase
 * names the phases it holds in, once for all of them; a note about many
 * components of the same kind of gap lists them in one sentence.
 */
interface NoteEntry {
  at: SourceSpan | null;
  /** Phases or items the note gathers, in first-seen order. */
  items: string[];
  seen: Set<string>;
  render(items: readonly string[]): string;
}

/** A call on Notes, kept to be made again when a phase reuses what an earlier phase built. */
export type NoteCall =
  | { kind: 'add'; message: string; at: SourceSpan | null }
  | { kind: 'inPhase'; message: string; at: SourceSpan | null }
  | { kind: 'group'; group: string; item: string; render: (items: readonly string[]) => string };

export class Notes {
  readonly #entries: NoteEntry[] = [];
  readonly #index = new Map<string, NoteEntry>();
  readonly #phaseCount: number;
  #recording: NoteCall[] | null = null;

  constructor(phaseCount: number) {
    this.#phaseCount = phaseCount;
  }

  #gather(key: string, item: string | null, at: SourceSpan | null | undefined, render: (items: readonly string[]) => string): void {
    const known = this.#index.get(key);
    if (known) {
      if (item !== null && !known.seen.has(item)) {
        known.seen.add(item);
        known.items.push(item);
      }
      return;
    }
    const items = item === null ? [] : [item];
    const entry: NoteEntry = { at: at ?? null, items, seen: new Set(items), render };
    this.#index.set(key, entry);
    this.#entries.push(entry);
  }

  add(message: string, at?: SourceSpan | null): void {
    this.#recording?.push({ kind: 'add', message, at: at ?? null });
    this.#gather(`\u0000${message}`, null, at, () => message);
  }

  /** A note that holds in `phase`; the same message in other phases adds their names to it. */
  inPhase(message: string, phase: string, at?: SourceSpan | null): void {
    this.#recording?.push({ kind: 'inPhase', message, at: at ?? null });
    this.#gather(`\u0001${message}`, phase, at, (phases) => {
      if (this.#phaseCount <= 1) return message;
      if (phases.length === this.#phaseCount) return `${message} (every phase)`;
      return `${message} (phase${phases.length > 1 ? 's' : ''} ${phases.map((p) => `\`${p}\``).join(', ')})`;
    });
  }

  /** One note for every `item` of the same kind of gap (`group`), worded by `render` from the list. */
  group(group: string, item: string, render: (items: readonly string[]) => string): void {
    this.#recording?.push({ kind: 'group', group, item, render });
    this.#gather(`\u0002${group}`, item, null, render);
  }

  /** Run `build`, keeping the notes it makes, to replay them where its result is reused. */
  record<T>(build: () => T): { value: T; calls: NoteCall[] } {
    const outer = this.#recording;
    const calls: NoteCall[] = [];
    this.#recording = calls;
    try {
      return { value: build(), calls };
    } finally {
      this.#recording = outer;
      outer?.push(...calls);
    }
  }

  replay(calls: readonly NoteCall[], phase: string): void {
    for (const call of calls) {
      if (call.kind === 'add') this.add(call.message, call.at);
      else if (call.kind === 'inPhase') this.inPhase(call.message, phase, call.at);
      else this.group(call.group, call.item, call.render);
    }
  }

  get list(): EmitNote[] {
    return this.#entries.map(({ at, items, render }) => {
      const message = render(items);
      return at ? { message, at } : { message };
    });
  }
}

/** `a`, `b` and `c`, in backticks. */
export function codeList(items: readonly string[]): string {
  const quoted = items.map((i) => `\`${i}\``);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** Everything one phase's objects are built from, indexed once. */
export interface PhaseEnv {
  model: Model;
  phase: PhaseModel;
  /** The system name as a label value. */
  system: string;
  namespace: string;
  kubernetes: KubernetesInput;
  /** The phase's components in document order (a component only this phase adds points at its entry there). */
  list: readonly ComponentModel[];
  components: ReadonlyMap<string, ComponentModel>;
  roles: ReadonlyMap<string, RoleModel>;
  notes: Notes;
  /** The span of a field of an input object, for notes (falls back to `fallback`). */
  at(container: object | undefined, key: string, fallback: SourceSpan): SourceSpan;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Mappings merge key by key, anything else is replaced: the overlay rule of phases. */
function overlay(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? overlay(current, value) : value;
  }
  return out;
}

/** The `kubernetes` section in effect in a phase: the base with the phase's own settings over it. */
export function kubernetesOf(model: Model, phase: PhaseModel): KubernetesInput {
  const base = (model.input.kubernetes ?? {}) as Record<string, unknown>;
  const own = phase.input?.kubernetes;
  return (own ? overlay(base, own as Record<string, unknown>) : base) as KubernetesInput;
}

export function phaseEnv(model: Model, phase: PhaseModel, notes: Notes): PhaseEnv {
  const kubernetes = kubernetesOf(model, phase);
  const system = dnsLabel(model.system.name);
  if (kubernetes.namespace === undefined) {
    notes.add(`\`kubernetes.namespace\` is unset: the objects go in the namespace \`${system}\`, the system's name`, model.system.at);
  }
  const namespace = kubernetes.namespace === undefined ? system : dnsLabel(kubernetes.namespace);
  if (kubernetes.namespace !== undefined && namespace !== kubernetes.namespace) {
    notes.add(`\`kubernetes.namespace\` \`${kubernetes.namespace}\` is not a valid namespace name: written as \`${namespace}\``, model.positions.entrySpan(model.input.kubernetes ?? {}, 'namespace') ?? model.system.at);
  }
  // The model points a component that only a phase adds at the base `components:` mapping; its own entry is in the phase.
  const base = new Set(model.components.map((c) => c.name));
  const phaseEntries = phase.input?.components;
  const list = phase.components.map((c) => {
    if (base.has(c.name) || !phaseEntries) return c;
    const at = model.positions.entrySpan(phaseEntries, c.name, 'key');
    return at ? { ...c, at } : c;
  });
  return {
    model,
    phase,
    system,
    namespace,
    kubernetes,
    list,
    components: new Map(list.map((c) => [c.name, c])),
    roles: new Map(phase.roles.map((r) => [r.name, r])),
    notes,
    at: (container, key, fallback) => (container ? (model.positions.entrySpan(container, key) ?? fallback) : fallback),
  };
}

/** Whether the component runs in the cluster: third-party APIs and managed cloud services do not. */
export function runsInCluster(component: ComponentModel): boolean {
  return component.kind !== 'external' && component.input.managed === undefined;
}
