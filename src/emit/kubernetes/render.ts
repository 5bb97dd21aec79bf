import { toYaml } from '../serialize.js';
import type { GeneratedFile } from '../types.js';
import type { KubeObject } from './types.js';

/**
 * One file per object: `<phase>/<NN>-<kind>-<name>.yaml`. The number is the
 * order `kubectl apply -f <phase>/` must follow (it reads a directory in name
 * order): the Namespace first, then what constrains the namespace (quota,
 * limits, network policies), claims and Services, the workloads, and what
 * refers to the workloads (autoscalers, disruption budgets).
 */

const ORDER: Readonly<Record<string, string>> = {
  Namespace: '00',
  ResourceQuota: '01',
  LimitRange: '01',
  NetworkPolicy: '02',
  PersistentVolumeClaim: '03',
  Service: '04',
  Deployment: '05',
  StatefulSet: '05',
  DaemonSet: '05',
  CronJob: '05',
  HorizontalPodAutoscaler: '06',
  PodDisruptionBudget: '06',
};

const KIND_IN_PATH = new Map(Object.keys(ORDER).map((kind) => [kind, kind.toLowerCase()]));

// Objects each phase builds anew (the namespace's own): equal ones are serialized once. NetworkPolicies are not
// among them: network.ts reuses the object of an earlier phase when it would build the same one.
const REBUILT = new Set(['Namespace', 'ResourceQuota', 'LimitRange']);

/** An object as its file needs it: what names the file, and the text. */
export interface RenderedObject {
  kind: string;
  name: string;
  namespace: string | undefined;
  content: string;
  /** Its file name without folder and extension, kept for the next phase that writes it into the same namespace. */
  stem?: { namespace: string; text: string };
}

export class Renderer {
  readonly #header: string;
  // A component unchanged from one phase to the next keeps its objects: each is serialized once.
  readonly #byObject = new Map<KubeObject, string>();
  readonly #byValue = new Map<string, string>();

  constructor(header: string) {
    this.#header = header;
  }

  render(object: KubeObject): string {
    const known = this.#byObject.get(object);
    if (known !== undefined) return known;
    const key = REBUILT.has(object.kind) ? JSON.stringify(object) : null;
    let content = key === null ? undefined : this.#byValue.get(key);
    if (content === undefined) {
      content = toYaml(object, this.#header);
      if (key !== null) this.#byValue.set(key, content);
    }
    this.#byObject.set(object, content);
    return content;
  }

  /** The same, for an object rendered only here (a component's, which index.ts keeps as text): nothing remembered. */
  renderedOnce(object: KubeObject): RenderedObject {
    return { kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace, content: toYaml(object, this.#header) };
  }

  /** The object with its text: rendered as soon as it is built, the object itself is not kept (see kubernetes/index.ts). */
  rendered(object: KubeObject): RenderedObject {
    return { kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace, content: this.render(object) };
  }

  /** The files of one phase, under `directory/`; a name met twice (objects in another namespace) takes the namespace. */
  files(directory: string, namespace: string, objects: readonly RenderedObject[]): GeneratedFile[] {
    const out: GeneratedFile[] = [];
    // Names within the folder: phases that share an object share its stem, a string already hashed.
    const stems = new Set<string>();
    for (const object of objects) {
      let stem = object.stem?.namespace === namespace ? object.stem.text : undefined;
      if (stem === undefined) {
        const order = ORDER[object.kind] ?? '09';
        const kind = KIND_IN_PATH.get(object.kind) ?? object.kind.toLowerCase();
        const elsewhere = object.namespace !== undefined && object.namespace !== namespace ? `${object.namespace}-` : '';
        // Joined flat, like the contents (see render).
        stem = [order, '-', kind, '-', elsewhere, object.name].join('');
        object.stem = { namespace, text: stem };
      }
      let unique = stem;
      for (let n = 2; stems.has(unique); n++) unique = [stem, '-', n].join('');
      stems.add(unique);
      out.push({ path: [directory, '/', unique, '.yaml'].join(''), content: object.content });
    }
    return out;
  }
}
