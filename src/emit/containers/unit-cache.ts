import type { HostedContainer } from './hosts.js';
import { NoteSink } from './notes.js';
import type { Container } from './types.js';

/**
 * The unit of a container that several phases run alike (the same Container
 * object: see `sameInPhase` in build.ts), on a host that treats it alike
 * (same dependencies there, same published ports), differs from phase to phase
 * only by the phase its `Description=` names. Such a unit is rendered once;
 * the other phases put their name in its place. At 10k components and three
 * phases, that is two renderings in three saved.
 */
export class PhaseUnitCache {
  // A Map, not a WeakMap: the cache lives for one run, weak keys would gain nothing.
  readonly #byContainer = new Map<Container, { hosted: HostedContainer; extra: string; key: string; lead: string; tail: string; notes: NoteSink }>();

  /**
   * The unit text: `lead` + `phase` + the rest, as `render` writes it. `leadOf` gives everything
   * before the phase's name, which depends on the container alone (and on what is the same for
   * every phase: the system, the target); `extra` is whatever else `render` reads besides the
   * hosted container, as a key.
   */
  text(hosted: HostedContainer, extra: string, leadOf: () => string, phase: string, notes: NoteSink, render: (notes: NoteSink) => string): string {
    const known = this.#byContainer.get(hosted.container);
    // Phases that group their hosts alike share the hosted container itself (see hosts.ts): then nothing
    // needs comparing. Otherwise its key says whether the host treats the container alike.
    const key = known !== undefined && known.hosted === hosted && known.extra === extra ? known.key : `${hostedKey(hosted)}\u0000${extra}`;
    if (known && known.key === key) {
      notes.addAll(known.notes);
      // Joined with `+`, not `join`: V8 keeps the three parts, shared by every phase, rather than
      // copying a unit's kilobyte or two for each phase (44,000 units at 10k components). The text
      // is copied once, when the file is written.
      return known.lead + phase + known.tail;
    }
    const own = new NoteSink();
    const text = render(own);
    notes.addAll(own);
    // Kept only when the text has the expected shape; anything else is rendered every time.
    const lead = leadOf();
    if (text.startsWith(lead) && text.startsWith(phase, lead.length)) this.#byContainer.set(hosted.container, { hosted, extra, key, lead, tail: text.slice(lead.length + phase.length), notes: own });
    return text;
  }
}

/** What a host changes of a container: what it waits for there and what it publishes there. */
function hostedKey(hosted: HostedContainer): string {
  let key = '';
  for (const d of hosted.dependsOn) key += `${d.name}${d.healthy ? '+' : '-'},`;
  key += ';';
  for (const p of hosted.published) key += `${p.hostIp ?? ''}|${p.hostPort}|${p.port.port}|${p.port.protocol},`;
  return key;
}

/**
 * Values made once per key in one run: a job's timer per container (phases share containers), a
 * volume or network unit per name and labels (the same text in every phase). `make` may return
 * null (a job without a timer); it must not return undefined.
 */
export class OncePerKey<K, V> {
  readonly #made = new Map<K, V>();

  get(key: K, make: () => V): V {
    let value = this.#made.get(key);
    if (value === undefined) {
      value = make();
      this.#made.set(key, value);
    }
    return value;
  }
}
