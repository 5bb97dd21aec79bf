import { parseVersion, type Version } from '../../units/version.js';

/**
 * The version after a marker in a tool's banner. `pattern`'s first group is the version
 * text; the default takes the first dotted number (`v` prefix, prerelease and build kept).
 */
export function versionAfter(text: string, pattern: RegExp = /\bv?(\d+(?:\.\d+)+(?:-[0-9A-Za-z.]+)?(?:\+[0-9A-Za-z.-]+)?)/): Version | null {
  const match = pattern.exec(text);
  const written = match?.[1];
  if (written === undefined) return null;
  const parsed = parseVersion(written);
  return parsed.ok ? parsed.value : null;
}
