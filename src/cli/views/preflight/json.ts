import { PREFLIGHT_SCHEMA_VERSION, resultToJson, type PreflightReport } from '../../../preflight/run.js';
import { toJson } from '../../json.js';

/** The `preflight --json` document (a versioned contract: docs/preflight.md). */
export function preflightJson(report: PreflightReport, relativeTo: (path: string) => string) {
  return {
    schemaVersion: PREFLIGHT_SCHEMA_VERSION,
    system: report.system,
    phase: report.phase,
    roles: report.roles,
    host: report.host,
    results: report.results.map((r) => resultToJson(r, relativeTo)),
    summary: report.summary,
  };
}

export function renderPreflightJson(report: PreflightReport, relativeTo: (path: string) => string): string {
  return `${toJson(preflightJson(report, relativeTo))}\n`;
}
