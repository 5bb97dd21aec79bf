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

// Objects each phase builds anew (the namespace's own): equal ones are serialized once. NetworkPolicies are not
// among them: network.ts reuses the object of an earlier phase when it would build the same one.
const REBUILT = new Set(['Namespace', 'ResourceQuota', 'LimitRange']);

export class Renderer {
  readonly #header: string;
  // A component unchanged from one phase to the next keeps its objects: each is serialized once.
  readonly #byObject = new WeakMap<KubeObject, string>();
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

  /** The files of one phase, under `directory/`; a name met twice (objects in another namespace) takes the namespace. */
  files(directory: string, namespace: string, objects: readonly KubeObject[]): GeneratedFile[] {
    const out: GeneratedFile[] = [];
    const paths = new Set<string>();
    for (const object of objects) {
      const order = ORDER[object.kind] ?? '09';
      const kind = object.kind.toLowerCase();
      const elsewhere = object.metadata.namespace !== undefined && object.metadata.namespace !== namespace ? `${object.metadata.namespace}-` : '';
      // Paths are joined flat, like the contents (see render).
      let path = [directory, '/', order, '-', kind, '-', elsewhere, object.metadata.name, '.yaml'].join('');
      for (let n = 2; paths.has(path); n++) path = [directory, '/', order, '-', kind, '-', elsewhere, object.metadata.name, '-', n, '.yaml'].join('');
      paths.add(path);
      out.push({ path, content: this.render(object) });
    }
    return out;
  }
}
