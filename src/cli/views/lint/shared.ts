import type { LintResult } from '../../../lint/run.js';
import type { AnyRule, Finding, Severity } from '../../../lint/types.js';

/** What every lint view is given: the result, the rule catalog, and how to show paths. */
export interface LintView {
  result: LintResult;
  rules: readonly AnyRule[];
  /** Shown instead of absolute paths. */
  relativeTo: (path: string) => string;
  /** The severity at or above which the run fails (`--fail-on`). */
  failOn: Severity;
  color: boolean;
  toolVersion: string;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 errors, 1 warning, 2 infos` (zeros left out), or `no findings`. */
export function countLine(findings: readonly Finding[]): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts = [[count('error'), 'error'], [count('warning'), 'warning'], [count('info'), 'info']] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, w]) => plural(n, w));
  return shown.length ? shown.join(', ') : 'no findings';
}

/** Findings grouped by file, files in order of their first finding (findings come sorted). */
export function byFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.at.file.path) ?? [];
    list.push(f);
    groups.set(f.at.file.path, list);
  }
  return groups;
}
