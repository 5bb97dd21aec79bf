/**
 * Wording shared by rule messages.
 */

/** `a`, `` `a` and `b` ``, `` `a`, `b` and `c` ``; past `max` names, `` `a`, `b` and 3 more ``. */
export function nameList(names: readonly string[], max = Number.POSITIVE_INFINITY): string {
  const quoted = names.map((n) => `\`${n}\``);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length <= max) return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  return `${quoted.slice(0, max - 1).join(', ')} and ${quoted.length - max + 1} more`;
}
