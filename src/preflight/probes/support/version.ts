/**
 * A server's version against a component's `version` requirement.
 */
import type { VersionRequirementModel } from '../../../spec/model.js';
import { parseVersion, type Version, type VersionRange } from '../../../units/version.js';
import type { Outcome } from '../../types.js';
import { isBareVersion, outcome, versionMeets } from '../../judge.js';

/** How a verdict names an unmet requirement: `is below the minimum 16`, or the range with its meaning. */
function requirementText(level: 'minimum' | 'recommended', range: VersionRange): string {
  return isBareVersion(range) ? `is below the ${level} ${range.raw}` : `is outside the ${level} range ${range.raw} (${range.describe})`;
}

/** The leading version of a banner: `15.14 (Debian 15.14-0+deb12u1)` → `15.14`. */
export function leadingVersion(text: string): Version | null {
  const match = /\d+(?:\.\d+)*/.exec(text);
  if (match === null) return null;
  const parsed = parseVersion(match[0]);
  return parsed.ok ? parsed.value : null;
}

export function requirementLevels(requirement: VersionRequirementModel | null): { minimum: string | null; recommended: string | null } {
  return { minimum: requirement?.minimum?.raw ?? null, recommended: requirement?.recommended?.raw ?? null };
}

export function judgeVersion(engine: string, banner: string, requirement: VersionRequirementModel): Outcome {
  const version = leadingVersion(banner);
  if (version === null) return outcome('error', banner, `${engine} reported a version infraspec cannot read: \`${banner}\``);
  const shown = version.raw;
  const { minimum, recommended } = requirement;
  if (minimum !== null && !versionMeets(version, minimum, 'minimum')) {
    return outcome('fail', shown, `${engine} ${shown} ${requirementText('minimum', minimum)}`);
  }
  if (recommended !== null && !versionMeets(version, recommended, 'recommended')) {
    return outcome('warn', shown, `${engine} ${shown} meets the minimum but ${requirementText('recommended', recommended)}`);
  }
  if (recommended !== null) return outcome('pass', shown, `${engine} ${shown} meets the recommended ${recommended.raw}`);
  return outcome('pass', shown, minimum === null ? `${engine} ${shown}` : `${engine} ${shown} meets the minimum ${minimum.raw}`);
}
