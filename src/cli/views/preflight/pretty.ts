import { formatBytes } from '../../../units/bytes.js';
import { table } from '../../table.js';
import type { CheckStatus } from '../../../preflight/types.js';
import { countsText, groupByRole, MARKS, position, servesSentence, type PreflightView } from './shared.js';

const COLORS: Readonly<Record<CheckStatus, string>> = { pass: '32', warn: '33', fail: '31', skip: '2', error: '35' };

/** The terminal view: one table per role, measured against minimum and recommended, then one summary line. */
export function renderPreflightPretty(view: PreflightView): string {
  const { report } = view;
  const paint = (code: string, text: string) => (view.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const h = report.host;
  const memory = h.memoryBytes === null ? 'memory unknown' : `${formatBytes(h.memoryBytes, 'iec')} memory`;
  const out: string[] = [
    `${paint('1', report.system)} — preflight, phase ${report.phase}, on ${h.hostname}`,
    `  ${h.os ?? 'unknown OS'}, kernel ${h.kernel}, ${h.arch}, ${h.cores} × ${h.cpuModel}, ${memory}`,
  ];
  for (const group of groupByRole(report)) {
    out.push('', paint('1', group.role === null ? 'services' : `role ${group.role}`));
    if (group.results.length === 0) {
      out.push('  (no checks: the spec states no requirement this host can be measured against)');
      continue;
    }
    const rows = [['', 'check', 'measured', 'minimum', 'recommended', 'message', 'at']];
    for (const r of group.results) {
      rows.push([paint(COLORS[r.status], MARKS[r.status]), r.component && r.role !== null ? `${r.check} (${r.component})` : r.check, r.measured ?? '—', r.minimum ?? '—', r.recommended ?? '—', r.message, paint('2', position(r, view.relativeTo))]);
    }
    out.push(table(rows));
  }
  const s = report.summary;
  out.push('', `${s.total} check${s.total === 1 ? '' : 's'}: ${countsText(s.counts) || 'none'} in ${s.durationMs} ms — ${servesSentence(report)}`);
  return `${out.join('\n')}\n`;
}
