import type { ComponentModel } from '../../spec/model.js';
import type { PhaseEnv } from './context.js';
import type { PodSecurityContext, SecurityContext } from './types.js';

/**
 * Security contexts: secure by default (the Pod Security Standards'
 * `restricted` profile: non-root, no privilege escalation, every capability
 * dropped, the runtime's default seccomp profile), relaxed only where the
 * spec's `security` says so. Also the profile each pod meets, for the
 * namespace's `pod-security.kubernetes.io/enforce` label.
 */

export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

// Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards, v1.30):
// the capabilities `baseline` lets a container add; `restricted` allows only NET_BIND_SERVICE.
const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

export interface Security {
  pod: PodSecurityContext;
  container: SecurityContext;
  level: PodSecurityLevel;
  /** Why the pod is below `restricted`, for the namespace note. */
  reasons: string[];
}

/** `CAP_SYS_ADMIN` → `SYS_ADMIN`: Kubernetes names capabilities without the prefix. */
function capabilityName(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export function securityOf(env: PhaseEnv, component: ComponentModel): Security {
  const spec = component.input.security ?? {};
  const at = env.at(component.input, 'security', component.at);
  const reasons: string[] = [];
  let level: PodSecurityLevel = 'restricted';
  const lower = (to: PodSecurityLevel, reason: string) => {
    reasons.push(reason);
    if (to === 'privileged' || (to === 'baseline' && level === 'restricted')) level = to;
  };

  const pod: PodSecurityContext = {};
  let runAsNonRoot = spec.runAsNonRoot ?? true;
  if (spec.runAsUser === 0 && runAsNonRoot) {
    env.notes.add(`\`${component.name}\` runs as user 0 (root): \`runAsNonRoot\` is not set for it`, at);
    runAsNonRoot = false;
  }
  if (!runAsNonRoot) lower('baseline', 'runs as root');
  pod.runAsNonRoot = runAsNonRoot;
  if (spec.runAsUser !== undefined) pod.runAsUser = spec.runAsUser;
  if (spec.fsGroup !== undefined) pod.fsGroup = spec.fsGroup;
  pod.seccompProfile = { type: 'RuntimeDefault' };

  const container: SecurityContext = {};
  const add = [...new Set((spec.capabilities?.add ?? []).map(capabilityName))];
  const renamed = (spec.capabilities?.add ?? []).filter((c) => c.trim().toUpperCase().startsWith('CAP_'));
  if (renamed.length) env.notes.add(`\`${component.name}\`: capabilities ${renamed.map((c) => `\`${c}\``).join(', ')} are written without \`CAP_\` (${add.map((c) => `\`${c}\``).join(', ')}), as Kubernetes names them`, at);
  const drop = spec.capabilities?.drop ? [...new Set(spec.capabilities.drop.map(capabilityName))] : ['ALL'];
  const privileged = spec.privileged === true;
  // The apiserver refuses allowPrivilegeEscalation: false beside privileged or an added SYS_ADMIN.
  if (privileged || add.includes('SYS_ADMIN')) {
    env.notes.add(`\`${component.name}\` is ${privileged ? 'privileged' : 'given SYS_ADMIN'}: it may escalate privileges (\`allowPrivilegeEscalation\` cannot be false with it)`, at);
  } else {
    container.allowPrivilegeEscalation = false;
  }
  if (privileged) {
    container.privileged = true;
    lower('privileged', 'privileged');
  }
  if (add.length) container.capabilities = { add, drop };
  else container.capabilities = { drop };
  const beyondBaseline = add.filter((c) => !BASELINE_CAPABILITIES.has(c));
  const beyondRestricted = add.filter((c) => c !== 'NET_BIND_SERVICE');
  if (beyondBaseline.length) lower('privileged', `adds ${beyondBaseline.join(', ')}`);
  else if (beyondRestricted.length) lower('baseline', `adds ${beyondRestricted.join(', ')}`);
  if (!drop.includes('ALL')) lower('baseline', 'keeps capabilities');
  if (spec.readOnlyRootFilesystem !== undefined) container.readOnlyRootFilesystem = spec.readOnlyRootFilesystem;
  return { pod, container, level, reasons };
}

/** Host path volumes are allowed by the `privileged` level only. */
export function withHostPaths(security: Security): Security {
  return { ...security, level: 'privileged', reasons: [...security.reasons, 'mounts host paths'] };
}
