import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_CHECKS } from '../../src/preflight/checks/index.js';
import { preflight, type PreflightReport } from '../../src/preflight/run.js';
import type { CheckResult } from '../../src/preflight/types.js';
import { loadSpec } from '../../src/spec/files.js';
import type { Model } from '../../src/spec/model.js';
import { tempSpec } from '../helpers.js';

/** A spec with one role `host` whose YAML body (indented under the role) is given. */
export function roleSpec(roleBody: string, extra = ''): Model {
  const indented = roleBody
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  const dir = tempSpec({ 'infraspec.yaml': `infraspec: 1\nsystem: { name: preflight-test }\nroles:\n  host:\n${indented}\n${extra}` });
  const result = loadSpec(dir);
  if (result.model === null || result.diagnostics.some((d) => d.severity === 'error')) {
    throw new Error(`test spec does not compile:\n${result.diagnostics.map((d) => d.message).join('\n')}`);
  }
  return result.model;
}

/** A directory of `#!/bin/sh` fake programs, for a PATH that holds only them (and /bin for `sh`, `sleep`). */
export function fakeBin(programs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-fake-bin-'));
  for (const [name, body] of Object.entries(programs)) {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
  }
  return dir;
}

/** Host checks only (service probes are another module's, tested in test/preflight/probes/). */
export async function runHost(model: Model, options: { path?: string; only?: string[]; timeoutMs?: number; boundMs?: number; offline?: boolean } = {}): Promise<PreflightReport> {
  const env = options.path === undefined ? process.env : { ...process.env, PATH: options.path };
  return preflight(model, {
    modules: HOST_CHECKS,
    ...(options.only ? { only: options.only } : {}),
    timeoutMs: options.timeoutMs ?? 5000,
    ...(options.boundMs ? { boundMs: options.boundMs } : {}),
    context: { env, timeoutMs: options.timeoutMs ?? 5000, offline: options.offline ?? true },
  });
}

export function result(report: PreflightReport, check: string): CheckResult {
  const found = report.results.find((r) => r.check === check);
  if (!found) throw new Error(`no result ${check}; got ${report.results.map((r) => r.check).join(', ')}`);
  return found;
}
