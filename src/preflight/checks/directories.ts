import { statOf } from '../host/fs.js';
import { groups, passwd } from '../host/facts.js';
import { outcome, spanOf } from '../judge.js';
import type { CheckModule, PlannedCheck } from '../types.js';

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;

/** Each of the role's `directories` exists as a directory with the owner, group and mode the spec gives. */
export const directoriesCheck: CheckModule = {
  id: 'directory',
  description: 'Directories from `directories` exist with the given owner, group and exact mode (stat).',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const list = role.input.directories ?? [];
    return list.map((dir, i): PlannedCheck => {
      const wantedMode = dir.mode === undefined ? null : parseInt(dir.mode, 8);
      const wanted = [dir.owner ? `owner ${dir.owner}` : null, dir.group ? `group ${dir.group}` : null, wantedMode !== null ? `mode ${octal(wantedMode)}` : null].filter(Boolean).join(', ');
      return {
        check: `directory:${dir.path}`,
        role: role.name,
        component: null,
        minimum: wanted === '' ? 'exists' : wanted,
        recommended: null,
        at: spanOf(model, list, i, role.at),
        async run(ctx) {
          const found = await statOf(ctx, dir.path);
          if (found === null) return outcome('fail', null, `${dir.path} does not exist`);
          if (found.kind !== 'directory') return outcome('fail', found.kind, `${dir.path} is a ${found.kind}, not a directory`);
          const [accounts, groupList] = await Promise.all([passwd(ctx), groups(ctx)]);
          const ownerName = accounts?.find((a) => a.uid === found.uid)?.name ?? String(found.uid);
          const groupName = groupList?.find((g) => g.gid === found.gid)?.name ?? String(found.gid);
          const measured = `${ownerName}:${groupName} ${octal(found.mode)}`;
          const problems: string[] = [];
          if (dir.owner !== undefined && ownerName !== dir.owner) problems.push(`owner is ${ownerName}, not ${dir.owner}`);
          if (dir.group !== undefined && groupName !== dir.group) problems.push(`group is ${groupName}, not ${dir.group}`);
          if (wantedMode !== null && found.mode !== wantedMode) problems.push(`mode is ${octal(found.mode)}, not ${octal(wantedMode)}`);
          return problems.length ? outcome('fail', measured, `${dir.path}: ${problems.join('; ')}`) : outcome('pass', measured, `${dir.path} is ${measured}`);
        },
      };
    });
  },
};
