import type { ComponentModel } from '../../spec/model.js';
import { dnsLabel } from '../names.js';
import type { PhaseEnv } from './context.js';
import type { Labels, LabelSelector } from './types.js';

/**
 * Labels. Every object carries the recommended `app.kubernetes.io/*` set:
 * `name` the component (or the system for objects of the whole namespace),
 * `instance` and `part-of` the system, `component` what the object is
 * (the component's kind: service, worker, datastore, job, daemon; or
 * namespace, quota, network-policy), `managed-by` infraspec. Pods are selected
 * by `name` and `instance` only, the two that never change for a workload
 * (a selector is immutable once applied).
 */

export const MANAGED_BY = 'infraspec';

// Components are named in labels thousands of times (selectors, peers, every object): each name is made a DNS label once (a pure function, bounded memo).
const NAME_LABELS = new Map<string, string>();
const NAME_LABELS_LIMIT = 100_000;

/** `dnsLabel` of a component's name, the value of its `app.kubernetes.io/name` label. */
export function nameLabel(componentName: string): string {
  let label = NAME_LABELS.get(componentName);
  if (label === undefined) {
    label = dnsLabel(componentName);
    if (NAME_LABELS.size >= NAME_LABELS_LIMIT) NAME_LABELS.clear();
    NAME_LABELS.set(componentName, label);
  }
  return label;
}

// A fresh object on every call: objects are serialized independently and must not share mutable parts.
export function selectorLabels(env: PhaseEnv, componentName: string): Labels {
  return { 'app.kubernetes.io/name': nameLabel(componentName), 'app.kubernetes.io/instance': env.system };
}

export function selectorOf(env: PhaseEnv, componentName: string): LabelSelector {
  return { matchLabels: selectorLabels(env, componentName) };
}

/** The labels of a component's objects. */
export function componentLabels(env: PhaseEnv, component: ComponentModel): Labels {
  return {
    'app.kubernetes.io/name': nameLabel(component.name),
    'app.kubernetes.io/instance': env.system,
    'app.kubernetes.io/component': component.kind,
    'app.kubernetes.io/part-of': env.system,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** The labels of an object that belongs to the namespace as a whole. */
export function systemLabels(env: PhaseEnv, role: string): Labels {
  return {
    'app.kubernetes.io/name': env.system,
    'app.kubernetes.io/instance': env.system,
    'app.kubernetes.io/component': role,
    'app.kubernetes.io/part-of': env.system,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label key as the apiserver accepts it: `[prefix/]name`, the prefix a DNS subdomain. */
export function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) return NAME_PART.test(key);
  const prefix = key.slice(0, slash);
  return prefix.length <= 253 && PREFIX.test(prefix) && NAME_PART.test(key.slice(slash + 1));
}

export function isLabelValue(value: string): boolean {
  return value === '' || NAME_PART.test(value);
}

/**
 * The component's own `labels` (the page selects it by them, e.g. `app: api`),
 * added to its pods. Invalid ones and any that would change the
 * recommended labels are left out with a note.
 */
export function pageLabels(env: PhaseEnv, component: ComponentModel): Labels {
  const out: Labels = {};
  for (const [key, value] of Object.entries(component.input.labels ?? {})) {
    const at = env.at(component.input.labels, key, component.at);
    if (key.startsWith('app.kubernetes.io/')) {
      env.notes.add(`label \`${key}\` of \`${component.name}\` is one infraspec sets itself: left out`, at);
    } else if (!isLabelKey(key) || !isLabelValue(value)) {
      env.notes.add(`label \`${key}: ${value}\` of \`${component.name}\` is not a valid Kubernetes label: left out`, at);
    } else {
      out[key] = value;
    }
  }
  return out;
}
