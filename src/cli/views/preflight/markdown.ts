import { markdownTable } from '../../table.js';
import { countsText, groupByRole, hostLine, MARKS, phaseText, position, roleHeading, servesSentence, type PreflightView } from './shared.js';

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Markdown: a table per role, for tickets and pull requests. */
export function renderPreflightMarkdown(view: PreflightView): string {
  const { report } = view;
  const out: string[] = [`# ${report.system} — preflight (${phaseText(report)})`, '', `Host ${hostLine(report)}.`];
  for (const group of groupByRole(report)) {
    out.push('', `## ${capitalized(roleHeading(report, group))}`, '');
    out.push(
      markdownTable(
        ['', 'check', 'measured', 'minimum', 'recommended', 'message', 'at'],
        group.results.map((r) => [`${MARKS[r.status]} ${r.status}`, `\`${r.check}\``, r.measured ?? '—', r.minimum ?? '—', r.recommended ?? '—', r.message.replace(/\n/g, ' '), position(r, view.relativeTo)]),
      ),
    );
  }
  const s = report.summary;
  out.push('', `${s.total} checks: ${countsText(s.counts) || 'none'} — ${servesSentence(report)}.`);
  return `${out.join('\n')}\n`;
}
