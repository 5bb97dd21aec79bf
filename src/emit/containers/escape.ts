/**
 * Words of a systemd command line (`ExecStart=`, Quadlet's `PodmanArgs=`,
 * `Environment=`): systemd expands `%` specifiers and `$` variables in them, so
 * both are doubled; a word with blanks, quotes or backslashes is double-quoted
 * with C-style escapes (systemd.syntax(7), "Quoting").
 */
const PLAIN = /^[A-Za-z0-9_@%+=:,./$-]+$/;
// Most words (flags, names, numbers) have nothing to double or quote: one test, and the word as it is.
const UNCHANGED = /^[A-Za-z0-9_@+=:,./-]+$/;

export function unitWord(word: string): string {
  if (UNCHANGED.test(word)) return word;
  const doubled = word.replaceAll('%', '%%').replaceAll('$', '$$$$');
  if (doubled !== '' && PLAIN.test(doubled)) return doubled;
  return `"${doubled.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n').replaceAll('\t', '\\t')}"`;
}

export function unitWords(words: readonly string[]): string {
  return words.map(unitWord).join(' ');
}
