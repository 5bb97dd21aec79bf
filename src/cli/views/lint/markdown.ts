import { locate } from '../../../spec/source.js';
import { countLine, type LintView } from './shared.js';

/** A Markdown report for a pull request comment or a wiki page. */
export function renderLintMarkdown(view: LintView): string {
  const out = ['# infraspec lint', '', `${countLine(view.result.findings)}${view.result.suppressed.length ? `, ${view.result.suppressed.length} suppressed` : ''} (${view.result.ran.length} rules).`, ''];
  if (view.result.findings.length) {
    out.push('| Severity | Rule | Where | Finding |', '|---|---|---|---|');
    for (const f of view.result.findings) {
      const loc = locate(f.at);
      out.push(`| ${f.severity} | \`${f.rule}\` | ${cell(`${view.relativeTo(loc.file)}:${loc.line}:${loc.column}`)} | ${cell(f.message)}${f.phase && f.phase !== 'default' ? ` (phase ${cell(f.phase)})` : ''} |`);
    }
    out.push('');
  }
  if (view.result.suppressed.length) {
    out.push('## Suppressed', '', '| Rule | Where | Finding | Reason |', '|---|---|---|---|');
    for (const s of view.result.suppressed) {
      const loc = locate(s.finding.at);
      out.push(`| \`${s.finding.rule}\` | ${cell(`${view.relativeTo(loc.file)}:${loc.line}`)} | ${cell(s.finding.message)} | ${cell(s.reason)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Table cells: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
