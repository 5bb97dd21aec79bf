import { isSecretName, URL_LITERAL_PASSWORD } from '../../spec/secrets.js';
import type { ComponentModel } from '../../spec/model.js';
import { dnsLabel } from '../names.js';
import type { PhaseEnv } from './context.js';
import type { EnvVar } from './types.js';

/**
 * Environment variables. No secret value is ever written into a manifest:
 * `${VAR}` is read from the component's Secret `<component>-secrets`, key
 * `VAR`; a value that mixes text and `${VAR}` reads each variable from the
 * Secret first and composes the value with Kubernetes' own `$(VAR)`
 * expansion; and a literal where a secret belongs (a key such as
 * `DB_PASSWORD`, a URL with a password) is withheld, read from the Secret
 * under its own name. The operator creates the Secret.
 */

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
// A Secret key: letters, digits, `-`, `_` and `.`.
const SECRET_KEY = /^[-._A-Za-z0-9]+$/;

export function secretName(component: ComponentModel): string {
  return `${dnsLabel(component.name).slice(0, 63 - '-secrets'.length).replace(/-+$/, '')}-secrets`;
}

function fromSecret(name: string, secret: string, key: string): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

export function envOf(env: PhaseEnv, component: ComponentModel): EnvVar[] | undefined {
  const entries = Object.entries(component.input.env ?? {});
  if (entries.length === 0) return undefined;
  const secret = secretName(component);
  const out: EnvVar[] = [];
  const defined = new Set<string>();
  const referenced: string[] = [];
  for (const [name, raw] of entries) {
    const text = String(raw);
    const at = env.at(component.input.env, name, component.at);
    const whole = WHOLE_REFERENCE.exec(text);
    if (whole?.[1] !== undefined) {
      out.push(fromSecret(name, secret, whole[1]));
      defined.add(name);
      referenced.push(whole[1]);
      continue;
    }
    const inner = [...text.matchAll(REFERENCE)].map((m) => m[1] ?? '');
    if (inner.length > 0) {
      // Each variable first, from the Secret; `$(VAR)` expands only names defined earlier in the list.
      for (const variable of inner) {
        if (defined.has(variable)) continue;
        out.push(fromSecret(variable, secret, variable));
        defined.add(variable);
        referenced.push(variable);
      }
      out.push({ name, value: text.replaceAll('$(', '$$(').replace(REFERENCE, (_m, variable: string) => `$(${variable})`) });
      defined.add(name);
      continue;
    }
    if ((isSecretName(name) && text.trim() !== '') || URL_LITERAL_PASSWORD.test(text)) {
      const key = SECRET_KEY.test(name) ? name : name.replace(/[^-._A-Za-z0-9]+/g, '_');
      env.notes.add(`\`${component.name}\`: the value of \`${name}\` is a secret written into the spec: it is not written into the manifest; \`${name}\` is read from Secret \`${secret}\`, key \`${key}\``, at);
      out.push(fromSecret(name, secret, key));
      defined.add(name);
      referenced.push(key);
      continue;
    }
    // `$(` would be expanded by Kubernetes; `$$(` keeps it literal.
    out.push({ name, value: text.replaceAll('$(', '$$(') });
    defined.add(name);
  }
  if (referenced.length) {
    env.notes.add(`\`${component.name}\` reads ${[...new Set(referenced)].map((k) => `\`${k}\``).join(', ')} from Secret \`${secret}\` in its namespace, which the manifests do not hold: create it before the workload`, env.at(component.input, 'env', component.at));
  }
  return out;
}
