import { renderExcerpt, style } from '../../../diagnostics.js';
import { locate } from '../../../spec/source.js';
import { byFile, countLine, plural, type LintView } from './shared.js';

/**
 * For a terminal: findings grouped by file, each with its source line and a
 * caret, and a count per severity at the end.
 */
export function renderLintPretty(view: LintView): string {
  const { color } = view;
  const red = style('31;1', color);
  const yellow = style('33;1', color);
  const blue = style('34;1', color);
  const bold = style('1', color);
  const dim = style('2', color);
  const underline = style('4', color);
  const paint = { error: red, warning: yellow, info: blue } as const;
  const out: string[] = [];
  for (const [file, findings] of byFile(view.result.findings)) {
    out.push(underline(view.relativeTo(file)));
    for (const f of findings) {
      const loc = locate(f.at);
      const phase = f.phase && f.phase !== 'default' ? dim(` (phase ${f.phase})`) : '';
      out.push(`  ${dim(`${loc.line}:${loc.column}`)}  ${paint[f.severity](f.severity)}  ${bold(f.message)}  ${dim(f.rule)}${phase}`);
      out.push(...renderExcerpt(f.at, color, paint[f.severity], '    '));
    }
    out.push('');
  }
  const suppressed = view.result.suppressed.length;
  const summary = `${countLine(view.result.findings)}${suppressed ? ` (${suppressed} suppressed)` : ''} — ${plural(view.result.ran.length, 'rule')}`;
  out.push(view.result.findings.length ? bold(summary) : summary);
  return `${out.join('\n')}\n`;
}
