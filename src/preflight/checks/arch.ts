import { hostArch } from '../host/facts.js';
import { levelField, outcome, verdict } from '../judge.js';
import type { CheckModule } from '../types.js';

/** The machine architecture (`amd64`, `arm64`) against the role's `arch` lists. */
export const archCheck: CheckModule = {
  id: 'arch',
  description: 'CPU architecture (amd64, arm64) against `arch`.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const arch = levelField(model, role, 'arch', (level) => role.input[level]?.arch ?? null);
    if (!arch.minimum && !arch.recommended) return [];
    return [
      {
        check: 'arch',
        role: role.name,
        component: null,
        minimum: arch.minimum?.value.join(' or ') ?? null,
        recommended: arch.recommended?.value.join(' or ') ?? null,
        at: arch.at,
        async run() {
          const host = hostArch();
          const has = (list: readonly string[]) => list.includes(host);
          const status = verdict(arch.minimum ? has(arch.minimum.value) : null, arch.recommended ? has(arch.recommended.value) : null);
          return outcome(status, host, status === 'pass' ? `${host} is accepted` : `${host} is not ${(status === 'fail' ? arch.minimum : arch.recommended)?.value.join(' or ') ?? ''}`);
        },
      },
    ];
  },
};
