/**
 * JSON with exact integers: bigints are written as JSON numbers with all
 * their digits (JSON has no size limit on integers; consumers that need more
 * than 2^53 parse them with a big-number reader).
 */
export function toJson(value: unknown, indent = 2): string {
  const marker = '\u0000bigint:';
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${marker}${v.toString()}` : v), indent);
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}
