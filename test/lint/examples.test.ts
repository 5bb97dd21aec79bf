import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT, runCli } from '../helpers.js';

/**
 * Every example's FINDINGS.md is an audit of what lint reports on it: one row
 * per finding, each with a verdict. These tests keep the audit and the rules
 * from drifting apart: a new or vanished finding fails until the audit is redone.
 */

const AS_OF = '2026-11-23';
const VERDICTS = ['true defect', 'risk', 'modelling', 'rule bug'];

interface LintJson {
  findings: Array<{ rule: string; severity: string; at: { line: number } }>;
  suppressed: Array<{ rule: string; reason: string; at: { line: number } }>;
}

function lintJson(example: string): LintJson {
  const run = runCli(['lint', `examples/${example}`, '--json', '--as-of', AS_OF]);
  expect([0, 1], run.stderr).toContain(run.status);
  return JSON.parse(run.stdout) as LintJson;
}

/** The rows of the Markdown table under `## <heading>`, as arrays of trimmed cells. */
function tableRows(markdown: string, heading: string): string[][] | 'none' {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`no "## ${heading}" section`);
  const rest = markdown.slice(start + heading.length + 5);
  const section = rest.slice(0, rest.search(/\n## |$/) === -1 ? undefined : rest.search(/\n## /));
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  if (lines.length === 0) {
    if (/^\s*None\./m.test(section)) return 'none';
    throw new Error(`no table under "## ${heading}"`);
  }
  return lines.slice(2).map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
}

describe('examples/<name>/FINDINGS.md', () => {
  for (const example of [...EXAMPLES, 'clean']) {
    it(`${example}: lists exactly the findings lint reports, each with a verdict`, () => {
      const audit = readFileSync(join(ROOT, 'examples', example, 'FINDINGS.md'), 'utf8');
      const result = lintJson(example);
      const rows = tableRows(audit, 'Lint findings');
      const listed = rows === 'none' ? [] : rows.map(([line, rule, severity, verdict]) => ({ line: Number(line), rule: rule?.replace(/`/g, ''), severity, verdict }));
      expect(listed.map(({ line, rule, severity }) => ({ line, rule, severity }))).toEqual(result.findings.map((f) => ({ line: f.at.line, rule: f.rule, severity: f.severity })));
      for (const row of listed) expect(VERDICTS, `${example}:${row.line} ${row.rule}`).toContain(row.verdict);
      const suppressed = tableRows(audit, 'Suppressed');
      const listedSuppressed = suppressed === 'none' ? [] : suppressed.map(([line, rule]) => ({ line: Number(line), rule: rule?.replace(/`/g, '') }));
      expect(listedSuppressed).toEqual(result.suppressed.map((s) => ({ line: s.at.line, rule: s.rule })));
    });
  }

  it('no finding on any example is marked a rule bug (a false finding is fixed, not recorded)', () => {
    for (const example of EXAMPLES) {
      const rows = tableRows(readFileSync(join(ROOT, 'examples', example, 'FINDINGS.md'), 'utf8'), 'Lint findings');
      if (rows !== 'none') for (const row of rows) expect(row[3], `${example}:${row[0]} ${row[1]}`).not.toBe('rule bug');
    }
  });
});

describe('examples/clean', () => {
  it('gives no error and no warning, so lint passes even with --fail-on warning', () => {
    const run = runCli(['lint', 'examples/clean', '--as-of', AS_OF, '--fail-on', 'warning', '--json']);
    expect(run.status, run.stdout).toBe(0);
    const doc = JSON.parse(run.stdout) as LintJson & { summary: { errors: number; warnings: number } };
    expect(doc.summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(doc.suppressed).toEqual([]);
  });

  it('states figures that plan confirms, every one of them', () => {
    const run = runCli(['plan', 'examples/clean', '--json']);
    expect(run.status).toBe(0);
    const plan = JSON.parse(run.stdout) as { phases: Array<{ stated: Array<{ ok: boolean | null }> }> };
    const stated = plan.phases.flatMap((p) => p.stated);
    expect(stated.length).toBeGreaterThanOrEqual(5);
    expect(stated.every((s) => s.ok === true)).toBe(true);
  });
});
