import { featureLevel, levelStatus, outcome, type LevelName } from '../judge.js';
import { statOf } from '../host/fs.js';
import type { CheckModule } from '../types.js';

/**
 * Hardware virtualization for roles that run VMs: /dev/kvm present as a character device.
 * Required when the role lists `kvm`; a role with VM `density` figures needs it as well.
 */
export const virtualizationCheck: CheckModule = {
  id: 'virtualization',
  description: '/dev/kvm (a character device) where the role lists the `kvm` feature or hosts VMs (`density`).',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const feature = featureLevel(model, role, ['kvm', 'virtualization', 'nested-virtualization']);
    const density = role.density.length > 0;
    if (!feature && !density) return [];
    const level: LevelName = feature?.level ?? 'minimum';
    const at = feature?.at ?? model.positions.entrySpan(role.input, 'density') ?? role.at;
    return [
      {
        check: 'virtualization.kvm',
        role: role.name,
        component: null,
        minimum: level === 'minimum' ? '/dev/kvm' : null,
        recommended: level === 'recommended' ? '/dev/kvm' : null,
        at,
        async run(ctx) {
          const kvm = await statOf(ctx, '/dev/kvm');
          const present = kvm?.kind === 'character-device';
          const cpuinfo = present ? null : await ctx.readText('/proc/cpuinfo');
          const flags = cpuinfo === null ? '' : /\b(vmx|svm)\b/.test(cpuinfo) ? ' (the CPU has VT-x/AMD-V: load the kvm module or enable it in the firmware)' : ' (the CPU shows no VT-x/AMD-V flag)';
          return outcome(levelStatus(level, present), present ? '/dev/kvm' : 'no /dev/kvm', present ? '/dev/kvm is present: VMs can use hardware virtualization' : `no /dev/kvm${flags}`);
        },
      },
    ];
  },
};
