import type { RequirementLevelInput } from '../../spec/schema.js';
import { parseOsRequirement, parseVersion, rangesOverlap, type VersionRange } from '../../units/version.js';
import { DISTRO_PACKAGES, softwareKey, type DistroRelease, type PackageVersion, type SoftwareKey } from '../data/distro-packages.js';
import { isObject, rangeOf, writtenRequirement, type WrittenRange } from '../helpers/security-versions.js';
import type { LintAnalysis } from '../analysis.js';
import type { Rule } from '../types.js';

interface Needed {
  name: string;
  key: SoftwareKey;
  /** The package the page names, when it names one. */
  package: string | null;
  range: WrittenRange;
  level: 'minimum' | 'recommended';
}

/** Software (and kernel) requirements of a level that the distribution table can judge. */
function needs(analysis: LintAnalysis, level: RequirementLevelInput | undefined, kind: 'minimum' | 'recommended'): Needed[] {
  if (!level) return [];
  const found: Needed[] = [];
  for (const [name, value] of Object.entries(level.software ?? {})) {
    const key = softwareKey(name);
    if (!key || !level.software) continue;
    const requirement = isObject(value) ? writtenRequirement(analysis, value, 'version') : writtenRequirement(analysis, level.software, name);
    if (!requirement) continue;
    const pkg = isObject(value) && typeof value['package'] === 'string' ? value['package'] : null;
    if (isObject(value) && value['optional'] === true) continue;
    const minimum = kind === 'minimum' ? requirement.minimum : (requirement.minimum ?? requirement.recommended);
    if (minimum && !minimum.range.any) found.push({ name, key, package: pkg, range: minimum, level: kind });
    if (kind === 'minimum' && requirement.recommended && !requirement.recommended.range.any) found.push({ name, key, package: pkg, range: requirement.recommended, level: 'recommended' });
  }
  const kernel = writtenRequirement(analysis, level, 'kernel');
  if (kernel?.minimum && !kernel.minimum.range.any) found.push({ name: 'kernel', key: 'kernel', package: null, range: kernel.minimum, level: kind });
  return found;
}

/** The releases of the table an OS entry admits (`Debian 12`, `Ubuntu 22.04+`). */
function releasesOf(text: string): DistroRelease[] {
  const os = parseOsRequirement(text);
  if (!os.ok || os.value.range.any) return [];
  const range: VersionRange = os.value.range;
  return DISTRO_PACKAGES.filter((r) => {
    if (!r.distros.includes(os.value.distro)) return false;
    const line = rangeOf(r.release);
    return line !== null && rangesOverlap(range, line) === true;
  });
}

function meets(candidate: PackageVersion, range: VersionRange): boolean {
  const version = parseVersion(candidate.version);
  return version.ok && range.test(version.value);
}

export const osContradictsSoftware: Rule<'belowMinimum' | 'belowRecommended' | 'notPackaged'> = {
  id: 'os-contradicts-software',
  severity: 'warning',
  category: 'versions',
  summary: 'Every operating system a role accepts should ship the software versions the role requires.',
  messages: {
    belowMinimum: '{os} ships {software} {version} (package `{package}`), below the {range} the role requires: on this acceptable OS the requirement cannot be met from {source}{hint}',
    belowRecommended: '{os} ships {software} {version} (package `{package}`), below the {range} the page recommends: on this OS the recommendation cannot be met from {source}{hint}',
    notPackaged: '{os} does not package {software}, which the role requires ({range}): on this acceptable OS it has to come from another source the page does not name',
  },
  docs: {
    why: 'A role that accepts several operating systems and requires a software version promises that each of those systems can run it. When a listed release ships an older version — Debian 12 has Podman 4.3.1 while Quadlet needs 4.4, Ubuntu 22.04 has Podman 3.4.4 — the install on that OS fails preflight or silently runs the old version. The check uses a dated table of what each release ships (`src/lint/data/distro-packages.ts`), including the newer versions a release offers itself (RHEL module streams, Ubuntu HWE kernels); it stays silent when the page names another package or source for the software.',
    invalid: `roles:
  host:
    minimum:
      os: [Ubuntu 24.04 LTS, Debian 12]
      software:
        podman: 4.4+
`,
    valid: `roles:
  host:
    minimum:
      os: [Ubuntu 24.04 LTS, Debian 13]
      software:
        podman: 4.4+
`,
    fix: 'Drop the release from the accepted list, lower the requirement if the older version works, or name the package source (`package:`) the page relies on.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      for (const role of phase.roles) {
        const minimumLevel = role.input.minimum;
        const recommendedLevel = role.input.recommended;
        const required = needs(analysis, minimumLevel, 'minimum');
        const recommended = [...required.filter((n) => n.level === 'recommended'), ...needs(analysis, recommendedLevel, 'recommended')];
        const minimumOnly = required.filter((n) => n.level === 'minimum');
        const minimumOs = minimumLevel?.os ?? [];
        const lists: Array<{ list: string[]; checks: (text: string) => Needed[] }> = [
          { list: minimumOs, checks: () => minimumOnly },
          // A recommended OS must meet the recommendation, and the minimum when the minimum list does not already hold it.
          { list: recommendedLevel?.os ?? [], checks: (text) => (minimumOs.includes(text) ? recommended : [...minimumOnly, ...recommended]) },
        ];
        for (const { list, checks: checksFor } of lists) {
          list.forEach((text, i) => {
            const checks = checksFor(text);
            for (const release of releasesOf(text)) {
              for (const need of checks) {
                const shipped = release.software[need.key];
                if (shipped === undefined) continue;
                const os = releasesOf(text).length > 1 ? `${text} (${release.release})` : text;
                const data = { os, software: need.name, range: need.range.text };
                if (shipped === null) {
                  if (need.package === null || need.package === need.name) report({ at: analysis.at(list, i), message: 'notPackaged', data, phase: phase.name });
                  continue;
                }
                const candidates = [shipped.default, ...(shipped.alternatives ?? [])];
                // A named package the table does not know is another source: not judged.
                const usable = need.package === null ? candidates : candidates.filter((c) => c.package === need.package);
                if (usable.length === 0 || usable.some((c) => meets(c, need.range.range))) continue;
                const best = usable[usable.length - 1] ?? shipped.default;
                const other = candidates.find((c) => c.package !== best.package && meets(c, need.range.range));
                const hint = other ? ` (its \`${other.package}\` package would)` : '';
                report({ at: analysis.at(list, i), message: need.level === 'minimum' ? 'belowMinimum' : 'belowRecommended', data: { ...data, version: best.version, package: best.package, hint, source: need.package === null ? "the distribution's own packages" : `the \`${need.package}\` package the page names` }, phase: phase.name });
              }
            }
          });
        }
      }
    }
  },
};
