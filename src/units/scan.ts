/** Small scanning helpers the unit parsers share. */

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /^\s$/.test(ch);
}

/** The first offset at or after `at` (before `to`) that is not white space. */
export function skipSpaces(text: string, at: number, to: number): number {
  let i = at;
  while (i < to && isSpace(text[i])) i++;
  return i;
}

/** The end of `text[from, to)` without its trailing white space. */
export function trimEnd(text: string, from: number, to: number): number {
  let j = to;
  while (j > from && isSpace(text[j - 1])) j--;
  return j;
}

/** A leading `~` or `≈` (approximately) and the offset just after it and its spaces. */
export function readApprox(text: string): { approx: boolean; position: number } {
  if (!text.startsWith('~') && !text.startsWith('≈')) return { approx: false, position: 0 };
  let position = 1;
  while (text[position] === ' ') position += 1;
  return { approx: true, position };
}
