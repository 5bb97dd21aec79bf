import { formatBytes } from '../../../units/bytes.js';
import type { CheckStatus } from '../../../preflight/types.js';
import { countsText, groupByRole, MARKS, phaseText, position, roleHeading, servesSentence, type PreflightView } from './shared.js';

const COLORS: Readonly<Record<CheckStatus, string>> = { pass: '32', warn: '33', fail: '31', skip: '2', error: '35' };

/** Beyond these a name or a measured value is not padded: one long entry must not push every row to the right. */
const NAME_WIDTH = 32;
const MEASURED_WIDTH = 24;

/**
 * The terminal view, narrow enough for a terminal: per role, one line per check (mark, id,
 * measured, what the spec asks); under each check that is not a plain pass, why, and the spec
 * position the requirement came from. Then one summary line.
 */
export function renderPreflightPretty(view: PreflightView): string {
  const { report } = view;
  const paint = (code: string, text: string) => (view.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const h = report.host;
  const memory = h.memoryBytes === null ? 'memory unknown' : `${formatBytes(h.memoryBytes, 'iec')} memory`;
  const out: string[] = [
    `${paint('1', report.system)} — preflight, ${phaseText(report)}, on ${h.hostname}`,
    `  ${h.os ?? 'unknown OS'}, kernel ${h.kernel}, ${h.arch}, ${h.cores} × ${h.cpuModel}, ${memory}`,
  ];
  for (const group of groupByRole(report)) {
    out.push('', paint('1', roleHeading(report, group)));
    if (group.results.length === 0) {
      out.push('  (no checks: the spec states no requirement this host can be measured against)');
      continue;
    }
    const names = group.results.map((r) => (r.component && r.role !== null ? `${r.check} (${r.component})` : r.check));
    const nameWidth = Math.min(NAME_WIDTH, Math.max(...names.map((n) => n.length)));
    const measuredWidth = Math.min(MEASURED_WIDTH, Math.max(...group.results.map((r) => (r.measured ?? '—').length)));
    group.results.forEach((r, i) => {
      const wanted = wantedText(r.minimum, r.recommended);
      const line = `  ${paint(COLORS[r.status], MARKS[r.status])} ${names[i]!.padEnd(nameWidth)}  ${(r.measured ?? '—').padEnd(measuredWidth)}${wanted ? `  ${paint('2', wanted)}` : ''}`;
      out.push(line.trimEnd());
      if (r.status === 'pass') return;
      const where = position(r, view.relativeTo);
      out.push(`      ${r.message}${where ? `  ${paint('2', where)}` : ''}`);
    });
  }
  const s = report.summary;
  out.push('', `${s.total} check${s.total === 1 ? '' : 's'}: ${countsText(s.counts) || 'none'} in ${s.durationMs} ms — ${servesSentence(report)}`);
  return `${out.join('\n')}\n`;
}

function wantedText(minimum: string | null, recommended: string | null): string {
  if (minimum !== null && recommended !== null) return `minimum ${minimum}, recommended ${recommended}`;
  if (minimum !== null) return `minimum ${minimum}`;
  if (recommended !== null) return `recommended ${recommended}`;
  return '';
}
