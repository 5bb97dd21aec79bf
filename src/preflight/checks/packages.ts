import type { SourceSpan } from '../../spec/source.js';
import { installedPackages } from '../host/facts.js';
import { outcome, spanOf } from '../judge.js';
import type { CheckModule, PlannedCheck } from '../types.js';

/**
 * The role's OS `packages` (a list, or lists by group), each installed according to the
 * package database: dpkg-query on Debian and Ubuntu, rpm on the RHEL family. The whole
 * database is read once per run.
 */
export const packagesCheck: CheckModule = {
  id: 'package',
  description: 'OS packages from `packages` installed (dpkg-query, else rpm -qa; one read for all).',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const input = role.input.packages;
    if (input === undefined) return [];
    const wanted: Array<{ name: string; group: string | null; at: SourceSpan }> = [];
    const add = (list: string[], group: string | null) => list.forEach((name, i) => wanted.push({ name, group, at: spanOf(model, list, i, role.at) }));
    if (Array.isArray(input)) add(input, null);
    else for (const [group, list] of Object.entries(input)) add(list, group);
    const seen = new Set<string>();
    return wanted
      .filter((p) => !seen.has(p.name) && seen.add(p.name))
      .map(
        (p): PlannedCheck => ({
          check: `package.${p.name}`,
          role: role.name,
          component: null,
          minimum: 'installed',
          recommended: null,
          at: p.at,
          async run(ctx) {
            const db = await installedPackages(ctx);
            if (db === null) return outcome('skip', null, 'no package database to ask: neither dpkg-query nor rpm is installed');
            const version = db.versions.get(p.name);
            if (version !== undefined) return outcome('pass', version, `${p.name} ${version} is installed (${db.manager})`);
            return outcome('fail', null, `${p.name} is not installed (${db.manager})${p.group ? `; the role lists it under \`${p.group}\`` : ''}`);
          },
        }),
      );
  },
};
