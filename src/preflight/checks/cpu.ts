import { cpuFacts } from '../host/facts.js';
import { levelField, outcome, showCores, verdict } from '../judge.js';
import type { CheckModule, PlannedCheck } from '../types.js';

/** Logical CPUs (as cloud vCPUs count them) against the role's `cpu`, and the model against `cpuModel`. */
export const cpuCheck: CheckModule = {
  id: 'cpu',
  description: 'CPU cores (logical CPUs) against `cpu`, and the CPU model against the `cpuModel` families.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const checks: PlannedCheck[] = [];
    const cores = levelField(model, role, 'cpu', (level) => role[level].cpuMillicores);
    if (cores.minimum || cores.recommended) {
      checks.push({
        check: 'cpu.cores',
        role: role.name,
        component: null,
        minimum: cores.minimum ? showCores(cores.minimum.value) : null,
        recommended: cores.recommended ? showCores(cores.recommended.value) : null,
        at: cores.at,
        async run() {
          const { cores: count } = cpuFacts();
          const have = BigInt(count) * 1000n;
          const status = verdict(cores.minimum ? have >= cores.minimum.value : null, cores.recommended ? have >= cores.recommended.value : null);
          const missed = status === 'fail' ? cores.minimum : status === 'warn' ? cores.recommended : null;
          const bar = missed === null ? 'enough' : `below the ${status === 'fail' ? 'minimum' : 'recommended'} ${showCores(missed.value)}`;
          return outcome(status, showCores(have), `${count} logical CPU${count === 1 ? '' : 's'}: ${bar}`);
        },
      });
    }
    const families = levelField(model, role, 'cpuModel', (level) => role.input[level]?.cpuModel ?? null);
    if (families.minimum || families.recommended) {
      checks.push({
        check: 'cpu.model',
        role: role.name,
        component: null,
        minimum: families.minimum?.value.join(' or ') ?? null,
        recommended: families.recommended?.value.join(' or ') ?? null,
        at: families.at,
        async run() {
          const { model: name } = cpuFacts();
          const matches = (list: string[]) => list.some((family) => name.toLowerCase().includes(family.toLowerCase()));
          const status = verdict(families.minimum ? matches(families.minimum.value) : null, families.recommended ? matches(families.recommended.value) : null);
          const missed = status === 'fail' ? families.minimum : status === 'warn' ? families.recommended : null;
          const message = missed === null ? `${name} is one of the families the role names` : `${name} is not ${missed.value.join(' or ')}`;
          return outcome(status, name, message);
        },
      });
    }
    return checks;
  },
};
