import { describe, expect, it } from 'vitest';
import { unitWord, unitWords } from '../../src/emit/containers/escape.js';

describe('words of a systemd command line', () => {
  it('leaves words without specifiers, variables, blanks or quotes as they are', () => {
    for (const word of ['--cpus=0.5', 'docker.io/library/postgres:17.6', 'api@1', 'a+b,c', '8080:8080']) expect(unitWord(word)).toBe(word);
  });

  it('doubles % and $, which systemd would expand', () => {
    expect(unitWord('100%')).toBe('100%%');
    expect(unitWord('$HOME/x')).toBe('$$HOME/x');
    expect(unitWord('%h$$')).toBe('%%h$$$$');
  });

  it('quotes the empty word and words with blanks, quotes, backslashes or line breaks', () => {
    expect(unitWord('')).toBe('""');
    expect(unitWord('a b')).toBe('"a b"');
    expect(unitWord('say "hi" 5%')).toBe('"say \\"hi\\" 5%%"');
    expect(unitWord('a\\b')).toBe('"a\\\\b"');
    expect(unitWord('a\nb\tc')).toBe('"a\\nb\\tc"');
    expect(unitWords(['podman', 'run', '--env', 'A=b c'])).toBe('podman run --env "A=b c"');
  });
});
