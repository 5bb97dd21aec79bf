import { groups } from '../host/facts.js';
import { errorOutcome, outcome, spanOf } from '../judge.js';
import type { CheckModule, PlannedCheck } from '../types.js';

/** Groups the role's users and directories name exist in /etc/group. */
export const groupsCheck: CheckModule = {
  id: 'group',
  description: 'Groups named by `users[].groups` and `directories[].group` exist (/etc/group).',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const named = new Map<string, PlannedCheck['at']>();
    (role.input.users ?? []).forEach((user) => (user.groups ?? []).forEach((g, i) => named.has(g) || named.set(g, spanOf(model, user.groups, i, role.at))));
    (role.input.directories ?? []).forEach((dir) => dir.group === undefined || named.has(dir.group) || named.set(dir.group, spanOf(model, dir, 'group', role.at)));
    return [...named.entries()].map(([name, at]): PlannedCheck => ({
      check: `group:${name}`,
      role: role.name,
      component: null,
      minimum: 'exists',
      recommended: null,
      at,
      async run(ctx) {
        const list = await groups(ctx);
        if (list === null) return errorOutcome('cannot read /etc/group');
        const group = list.find((g) => g.name === name);
        return group ? outcome('pass', `gid ${group.gid}`, `group ${name} exists (gid ${group.gid})`) : outcome('fail', null, `group ${name} does not exist`);
      },
    }));
  },
};
