import type { SourceSpan } from '../../spec/source.js';
import { parseOsRequirement, parseVersion, type OsRequirement } from '../../units/version.js';
import { osRelease, type OsRelease } from '../host/facts.js';
import { errorOutcome, LEVELS, levelInput, outcome, spanOf, verdict } from '../judge.js';
import type { CheckModule } from '../types.js';

/** os-release IDs in the distribution ids of `parseOsRequirement`. */
const OS_RELEASE_IDS: Readonly<Record<string, string>> = { amzn: 'amazonlinux' };

interface Entry {
  text: string;
  requirement: OsRequirement;
  at: SourceSpan;
}

export function osMatches(host: OsRelease, requirement: OsRequirement): boolean {
  if (requirement.distro === 'linux') return true;
  const id = OS_RELEASE_IDS[host.id] ?? host.id;
  if (id !== requirement.distro) return false;
  if (requirement.range.any) return true;
  const version = parseVersion(host.versionId);
  return version.ok && requirement.range.test(version.value);
}

/**
 * The distribution and release from os-release against the role's `os` lists (each level)
 * and `osExcluded`: an excluded match fails, missing the minimum list fails, missing the
 * recommended list warns.
 */
export const osCheck: CheckModule = {
  id: 'os',
  description: 'Distribution and version (os-release) against the `os` lists of both levels and `osExcluded`.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const lists = { minimum: [] as Entry[], recommended: [] as Entry[], excluded: [] as Entry[] };
    const given = { minimum: false, recommended: false };
    let at: SourceSpan | null = null;
    for (const level of LEVELS) {
      const input = levelInput(role, level);
      if (!input) continue;
      const read = (list: string[] | undefined, into: Entry[]) =>
        (list ?? []).forEach((text, i) => {
          const parsed = parseOsRequirement(text);
          if (parsed.ok) into.push({ text, requirement: parsed.value, at: spanOf(model, list, i, role.at) });
        });
      if (input.os !== undefined) {
        given[level] = true;
        at ??= spanOf(model, input, 'os', role.at);
        read(input.os, lists[level]);
      }
      if (input.osExcluded !== undefined) {
        at ??= spanOf(model, input, 'osExcluded', role.at);
        read(input.osExcluded, lists.excluded);
      }
    }
    if (at === null) return [];
    const names = (list: Entry[]) => (list.length ? list.map((e) => e.text).join(', ') : null);
    return [
      {
        check: 'os.distribution',
        role: role.name,
        component: null,
        minimum: names(lists.minimum) ?? (lists.excluded.length ? `not ${names(lists.excluded)}` : null),
        recommended: names(lists.recommended),
        at,
        async run(ctx) {
          const host = await osRelease(ctx);
          if (host === null) return errorOutcome('cannot read /etc/os-release or /usr/lib/os-release');
          const shown = `${host.prettyName}`;
          const excluded = lists.excluded.find((e) => osMatches(host, e.requirement));
          if (excluded) return outcome('fail', shown, `${shown} is excluded by the role (\`${excluded.text}\`)`);
          const minimum = lists.minimum.find((e) => osMatches(host, e.requirement));
          const recommended = lists.recommended.find((e) => osMatches(host, e.requirement));
          const status = verdict(given.minimum ? minimum !== undefined : null, given.recommended ? recommended !== undefined : null);
          const message =
            status === 'fail'
              ? `${shown} is not one of the supported ${names(lists.minimum)}`
              : status === 'warn'
                ? `${shown} is supported${minimum ? ` (\`${minimum.text}\`)` : ''} but not recommended (${names(lists.recommended)})`
                : `${shown} matches \`${(recommended ?? minimum)?.text ?? 'no exclusion'}\``;
          return outcome(status, shown, message);
        },
      },
    ];
  },
};
