import { groups, passwd, type GroupEntry, type PasswdEntry } from '../host/facts.js';
import { errorOutcome, outcome, spanOf } from '../judge.js';
import type { CheckModule, PlannedCheck } from '../types.js';

/** Whether a user belongs to a group: as its primary group, or listed as a member. */
export function memberOf(user: PasswdEntry, group: GroupEntry): boolean {
  return user.gid === group.gid || group.members.includes(user.name);
}

/**
 * Each user of the role's `users` exists in /etc/passwd with the shell and home the spec
 * gives, and belongs to its `groups`.
 */
export const usersCheck: CheckModule = {
  id: 'user',
  description: 'Users from `users` exist (/etc/passwd) with the given shell, home and group memberships (/etc/group).',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const list = role.input.users ?? [];
    return list.map((user, i): PlannedCheck => {
      const wanted = [user.shell ? `shell ${user.shell}` : null, user.home ? `home ${user.home}` : null, user.groups?.length ? `in ${user.groups.join(', ')}` : null].filter(Boolean).join('; ');
      return {
        check: `user:${user.name}`,
        role: role.name,
        component: null,
        minimum: wanted === '' ? 'exists' : `exists; ${wanted}`,
        recommended: null,
        at: spanOf(model, list, i, role.at),
        async run(ctx) {
          const [accounts, groupList] = await Promise.all([passwd(ctx), groups(ctx)]);
          if (accounts === null) return errorOutcome('cannot read /etc/passwd');
          const account = accounts.find((a) => a.name === user.name);
          if (!account) return outcome('fail', null, `user ${user.name} does not exist`);
          const problems: string[] = [];
          if (user.shell && account.shell !== user.shell) problems.push(`shell is ${account.shell}, not ${user.shell}`);
          if (user.home && account.home !== user.home) problems.push(`home is ${account.home}, not ${user.home}`);
          for (const name of user.groups ?? []) {
            const group = groupList?.find((g) => g.name === name);
            if (!group) problems.push(`group ${name} does not exist`);
            else if (!memberOf(account, group)) problems.push(`not in group ${name}`);
          }
          const measured = `uid ${account.uid}, ${account.shell}, ${account.home}`;
          return problems.length ? outcome('fail', measured, `user ${user.name}: ${problems.join('; ')}`) : outcome('pass', measured, `user ${user.name} exists as the spec says`);
        },
      };
    });
  },
};
