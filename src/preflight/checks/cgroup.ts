import { featureLevel, levelStatus, outcome, spanOf, type LevelName } from '../judge.js';
import { statOf } from '../host/fs.js';
import type { CheckModule } from '../types.js';
import type { SourceSpan } from '../../spec/source.js';

/**
 * The unified cgroup hierarchy (cgroup v2): /sys/fs/cgroup/cgroup.controllers exists only
 * there. Required when the role lists the `cgroup-v2` feature; recommended when it runs
 * rootless containers, which can set CPU and memory limits only under cgroup v2.
 */
export const cgroupCheck: CheckModule = {
  id: 'cgroup',
  description: 'cgroup v2 (unified hierarchy) where the role lists `cgroup-v2`, or recommended for rootless containers.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const feature = featureLevel(model, role, ['cgroup-v2', 'cgroupv2', 'cgroups-v2']);
    const rootless = role.input.container?.rootless === true;
    if (!feature && !rootless) return [];
    const level: LevelName = feature?.level ?? 'recommended';
    const at: SourceSpan = feature?.at ?? spanOf(model, role.input.container, 'rootless', role.at);
    const why = feature ? 'the role lists the cgroup-v2 feature' : 'rootless containers can set CPU and memory limits only under cgroup v2';
    return [
      {
        check: 'cgroup.v2',
        role: role.name,
        component: null,
        minimum: level === 'minimum' ? 'cgroup v2' : null,
        recommended: level === 'recommended' ? 'cgroup v2' : null,
        at,
        async run(ctx) {
          const unified = (await statOf(ctx, '/sys/fs/cgroup/cgroup.controllers')) !== null;
          const hybrid = !unified && (await statOf(ctx, '/sys/fs/cgroup/unified/cgroup.controllers')) !== null;
          const measured = unified ? 'cgroup v2' : hybrid ? 'cgroup v1 (hybrid, v2 at /sys/fs/cgroup/unified)' : 'cgroup v1';
          const status = levelStatus(level, unified);
          return outcome(status, measured, unified ? 'the unified cgroup v2 hierarchy is mounted at /sys/fs/cgroup' : `/sys/fs/cgroup is ${measured}, not the unified v2 hierarchy; ${why}`);
        },
      },
    ];
  },
};
