import { locate, type Location, type SourceSpan } from './spec/source.js';

/**
 * A problem in the user's input. Never thrown: collected, all of them, and
 * rendered like a compiler's errors.
 */
export interface Diagnostic {
  /** Stable, documented id, e.g. `unknown-key`, `bad-quantity`, `unknown-reference`. */
  code: string;
  severity: 'error' | 'warning';
  /** One sentence, in the user's words. */
  message: string;
  at?: SourceSpan;
  /** What would have been accepted here. */
  expected?: string;
  /** A concrete fix: 'did you mean `memory`?'. */
  hint?: string;
}

export interface DiagnosticJson {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  at: Location | null;
  expected?: string;
  hint?: string;
}

export function diagnosticToJson(d: Diagnostic): DiagnosticJson {
  const json: DiagnosticJson = { code: d.code, severity: d.severity, message: d.message, at: d.at ? locate(d.at) : null };
  if (d.expected !== undefined) json.expected = d.expected;
  if (d.hint !== undefined) json.hint = d.hint;
  return json;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorted by file, then position, so output is stable whatever order checks ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.at?.file.path ?? '';
    const fb = b.at?.file.path ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.at?.start ?? -1) - (b.at?.start ?? -1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  });
}

export interface RenderOptions {
  color: boolean;
  /** Shown instead of absolute paths: paths relative to this directory. */
  relativeTo?: (path: string) => string;
}

const ansi = (code: string, on: boolean) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/**
 * `file:line:col: error[code]: message`, then the source line with a caret
 * under the offending text, then `expected` and `hint` lines.
 */
export function renderDiagnostic(d: Diagnostic, options: RenderOptions): string {
  const red = ansi('31;1', options.color);
  const yellow = ansi('33;1', options.color);
  const bold = ansi('1', options.color);
  const cyan = ansi('36', options.color);
  const label = d.severity === 'error' ? red(`error[${d.code}]`) : yellow(`warning[${d.code}]`);
  const lines: string[] = [];
  if (!d.at) {
    lines.push(`${label}: ${bold(d.message)}`);
  } else {
    const loc = locate(d.at);
    const file = options.relativeTo ? options.relativeTo(loc.file) : loc.file;
    lines.push(`${bold(`${file}:${loc.line}:${loc.column}`)}: ${label}: ${bold(d.message)}`);
    lines.push(...renderExcerpt(d.at, options.color, d.severity === 'error' ? red : yellow));
  }
  if (d.expected) lines.push(`  ${cyan('= expected:')} ${d.expected}`);
  if (d.hint) lines.push(`  ${cyan('= hint:')} ${d.hint}`);
  return lines.join('\n');
}

/** The source line of a span with a caret under it, behind a line-number gutter. */
export function renderExcerpt(at: SourceSpan, color: boolean, caret: (text: string) => string, indent = ''): string[] {
  const dim = ansi('2', color);
  const loc = locate(at);
  const text = at.file.lineText(loc.line);
  const gutter = String(loc.line);
  const pad = ' '.repeat(gutter.length);
  const width = loc.endLine === loc.line ? Math.max(1, loc.endColumn - loc.column) : Math.max(1, text.length - loc.column + 1);
  const before = expandTabs(text.slice(0, loc.column - 1)).replace(/[^\s]/g, ' ');
  return [`${indent}${dim(`${pad} |`)}`, `${indent}${dim(`${gutter} |`)} ${expandTabs(text)}`, `${indent}${dim(`${pad} |`)} ${before}${caret('^'.repeat(Math.min(width, 200)))}`];
}

/** ANSI styling that is a no-op without colour. */
export const style = ansi;

function expandTabs(text: string): string {
  return text.replace(/\t/g, '    ');
}

const MAX_RENDERED = 200;

export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderOptions): string {
  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  const warnings = sorted.length - errors;
  // Past a few hundred, more of the same helps nobody and slows the terminal.
  const shown = sorted.slice(0, MAX_RENDERED);
  const parts = shown.map((d) => renderDiagnostic(d, options));
  if (sorted.length > shown.length) parts.push(`… and ${sorted.length - shown.length} more (use --json for all of them)`);
  const counts = [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`].filter(Boolean);
  parts.push(counts.length ? counts.join(', ') : 'no problems');
  return parts.join('\n\n') + '\n';
}
