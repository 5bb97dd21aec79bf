import { formatBytes } from '../../../units/bytes.js';
import type { CheckResult, CheckStatus } from '../../../preflight/types.js';
import type { PreflightReport } from '../../../preflight/run.js';
import { locate } from '../../../spec/source.js';

export interface PreflightView {
  report: PreflightReport;
  relativeTo: (path: string) => string;
  color: boolean;
  failOn: 'fail' | 'warn';
}

export const MARKS: Readonly<Record<CheckStatus, string>> = { pass: '✔', warn: '!', fail: '✘', skip: '-', error: '?' };

/** Results by role in report order; service probes (role null) last, under `services`. */
export function groupByRole(report: PreflightReport): Array<{ role: string | null; phase: string | null; results: CheckResult[] }> {
  const phases = new Map(report.summary.roles.map((r) => [r.role, r.phase]));
  const groups: Array<{ role: string | null; phase: string | null; results: CheckResult[] }> = report.roles.map((role) => ({ role, phase: phases.get(role) ?? null, results: [] }));
  const services: CheckResult[] = [];
  for (const r of report.results) {
    const group = r.role === null ? undefined : groups.find((g) => g.role === r.role);
    if (group) group.results.push(r);
    else services.push(r);
  }
  if (services.length) groups.push({ role: null, phase: null, results: services });
  return groups;
}

export function position(result: CheckResult, relativeTo: (path: string) => string): string {
  if (result.at === null) return '';
  const at = locate(result.at);
  return `${relativeTo(at.file)}:${at.line}:${at.column}`;
}

export function countsText(counts: Record<CheckStatus, number>): string {
  return (['pass', 'warn', 'fail', 'skip', 'error'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

/** One sentence: which roles this host can serve, and why not the others. */
export function servesSentence(report: PreflightReport): string {
  const can = report.summary.roles.filter((r) => r.canServe).map((r) => r.role);
  const cannot = report.summary.roles.filter((r) => !r.canServe).map((r) => `${r.role} (${[r.counts.fail ? `${r.counts.fail} fail` : '', r.counts.error ? `${r.counts.error} error` : ''].filter(Boolean).join(', ')})`);
  const parts: string[] = [];
  if (can.length) parts.push(`this host can serve ${can.join(', ')}`);
  if (cannot.length) parts.push(`${can.length ? 'but not' : 'this host cannot serve'} ${cannot.join(', ')}`);
  const services = report.summary.services;
  if (services) parts.push(`services: ${countsText(services.counts)}${services.ok ? '' : ' (do not meet the spec)'}`);
  return parts.join('; ') || 'no role was checked';
}

export function hostLine(report: PreflightReport): string {
  const h = report.host;
  const memory = h.memoryBytes === null ? 'memory unknown' : `${formatBytes(h.memoryBytes, 'iec')} (${h.memoryBytes} bytes) of memory`;
  return `${h.hostname}: ${h.os ?? 'unknown OS'}, kernel ${h.kernel}, ${h.arch}, ${h.cores} × ${h.cpuModel}, ${memory}`;
}

/** `phase mvp`, or `every phase` when no `--phase` was given. */
export function phaseText(report: PreflightReport): string {
  return report.phase === null ? 'every phase' : `phase ${report.phase}`;
}

/** A role's heading: with its phase when the run covered every phase. */
export function roleHeading(report: PreflightReport, group: { role: string | null; phase: string | null }): string {
  if (group.role === null) return 'services';
  return report.phase === null && group.phase !== null ? `role ${group.role} (phase ${group.phase})` : `role ${group.role}`;
}
