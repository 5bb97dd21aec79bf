import type { Model, RoleModel } from '../../spec/model.js';
import type { SourceSpan } from '../../spec/source.js';
import { errorOutcome, isObject, judgeVersion, LEVELS, levelInput, outcome, spanOf, writtenRange, type LevelName, type Obj, type WrittenRange } from '../judge.js';
import { adapterFor } from '../software/index.js';
import { measureSoftware } from '../software/measure.js';
import type { CheckModule, PlannedCheck } from '../types.js';

interface SoftwareNeed {
  name: string;
  minimum: WrittenRange | null;
  recommended: WrittenRange | null;
  optional: boolean;
  /** The lowest level that names the tool: missing it fails (minimum) or warns (recommended). */
  level: LevelName;
  at: SourceSpan;
}

/** The ranges one level's entry writes: `podman: 4.4+`, `{version: 4.4+}`, `{version: {minimum, recommended}}`. */
function rangesOf(model: Model, software: Obj, name: string, fallback: SourceSpan): { minimum: WrittenRange | null; recommended: WrittenRange | null; optional: boolean } {
  const entry = software[name];
  if (!isObject(entry)) return { minimum: writtenRange(model, software, name, fallback), recommended: null, optional: false };
  const optional = entry['optional'] === true;
  const version = entry['version'];
  if (isObject(version)) {
    return { minimum: writtenRange(model, version, 'minimum', fallback), recommended: writtenRange(model, version, 'recommended', fallback), optional };
  }
  return { minimum: writtenRange(model, entry, 'version', fallback), recommended: null, optional };
}

export function softwareNeeds(model: Model, role: RoleModel): SoftwareNeed[] {
  const needs = new Map<string, SoftwareNeed>();
  for (const level of LEVELS) {
    const software = levelInput(role, level)?.software as Obj | undefined;
    if (!software) continue;
    for (const name of Object.keys(software)) {
      const at = spanOf(model, software, name, role.at);
      const written = rangesOf(model, software, name, at);
      const known = needs.get(name);
      if (level === 'minimum' || known === undefined) {
        // A tool named only under `recommended`: its range is the recommendation.
        const minimum = level === 'minimum' ? written.minimum : null;
        const recommended = level === 'minimum' ? written.recommended : (written.recommended ?? written.minimum);
        needs.set(name, { name, minimum, recommended, optional: written.optional, level, at: minimum?.at ?? recommended?.at ?? at });
      } else {
        known.recommended = written.recommended ?? written.minimum ?? known.recommended;
        known.optional ||= written.optional;
      }
    }
  }
  return [...needs.values()];
}

/**
 * Each tool the role names under `software`, found on PATH and asked for its version by
 * its adapter (src/preflight/software/), judged against the minimum and recommended ranges.
 * Missing: `skip` when `optional: true`, else `fail` (or `warn` when only recommended).
 */
export const softwareCheck: CheckModule = {
  id: 'software',
  description: 'Installed software and its version (one adapter per tool runs it with execFile and reads the version) against `software` ranges.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    return softwareNeeds(model, role).map((need): PlannedCheck => {
      const adapter = adapterFor(need.name);
      return {
        check: `software.${need.name}`,
        role: role.name,
        component: null,
        minimum: need.minimum?.range.describe ?? (need.level === 'minimum' ? 'installed' : null),
        recommended: need.recommended?.range.describe ?? (need.level === 'recommended' ? 'installed' : null),
        at: need.at,
        async run(ctx) {
          const found = await measureSoftware(ctx, adapter);
          if (!found.found) {
            const tried = found.tried.join(' or ');
            if (found.timedOut) return errorOutcome(`\`${tried}\` did not answer within ${ctx.timeoutMs} ms`);
            if (need.optional) return outcome('skip', null, `${tried} is not on PATH; the spec marks ${need.name} optional`);
            return outcome(need.level === 'minimum' ? 'fail' : 'warn', null, `${tried} is not installed (not found on PATH)`);
          }
          if (found.version === null) {
            const noVersionNeeded = (need.minimum === null || need.minimum.range.any) && (need.recommended === null || need.recommended.range.any);
            const said = found.output.split('\n')[0]?.slice(0, 160) ?? '';
            if (noVersionNeeded && found.exitCode === 0) return outcome('pass', 'installed', `${found.binary} is installed`);
            return errorOutcome(`\`${found.binary} ${adapter.args.join(' ')}\` printed no version${found.exitCode ? ` (exit ${found.exitCode})` : ''}: ${said || '(nothing)'}`);
          }
          return judgeVersion(need.name, found.version, need.minimum, need.recommended);
        },
      };
    });
  },
};
