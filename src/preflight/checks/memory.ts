import { memoryTotalBytes } from '../host/facts.js';
import { errorOutcome, levelField, outcome, showBytes, verdict } from '../judge.js';
import type { CheckModule } from '../types.js';

/**
 * MemTotal against the role's `memory`, exactly, in bytes. MemTotal is what the kernel
 * manages: a little less than the RAM installed (firmware and the kernel image keep the
 * rest), so a machine sold as "4 GB" of 4 GiB shows about 3.8 GiB, still above 4 GB.
 */
export const memoryCheck: CheckModule = {
  id: 'memory',
  description: 'Total memory (MemTotal of /proc/meminfo, exact bytes) against `memory`; GB is 10^9 bytes and GiB 2^30.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const memory = levelField(model, role, 'memory', (level) => role[level].memoryBytes);
    if (!memory.minimum && !memory.recommended) return [];
    const unitText = memory.recommended?.text ?? memory.minimum?.text;
    return [
      {
        check: 'memory.total',
        role: role.name,
        component: null,
        minimum: memory.minimum ? showBytes(memory.minimum.value, memory.minimum.text) : null,
        recommended: memory.recommended ? showBytes(memory.recommended.value, memory.recommended.text) : null,
        at: memory.at,
        async run(ctx) {
          const total = await memoryTotalBytes(ctx);
          if (total === null) return errorOutcome('cannot read MemTotal from /proc/meminfo');
          const status = verdict(memory.minimum ? total >= memory.minimum.value : null, memory.recommended ? total >= memory.recommended.value : null);
          const shown = showBytes(total, unitText);
          const missed = status === 'fail' ? memory.minimum : status === 'warn' ? memory.recommended : null;
          const exact = `${total} bytes`;
          const message =
            missed === null
              ? `${shown} (${exact}) of memory: enough`
              : `${shown} (${exact}) of memory, below the ${status === 'fail' ? 'minimum' : 'recommended'} ${showBytes(missed.value, missed.text)} (${missed.value} bytes)`;
          return outcome(status, shown, message);
        },
      },
    ];
  },
};
