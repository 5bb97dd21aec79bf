import { SEVERITIES } from '../../../lint/types.js';
import { locate } from '../../../spec/source.js';
import type { LintView } from './shared.js';
import { xmlAttr, xmlText } from '../xml.js';

/**
 * JUnit XML, the format every CI server reads: one test case per rule that
 * ran, failing with its findings at or above `--fail-on`; findings below it
 * are listed in `system-out` so they are seen without failing the build.
 */
export function renderLintJunit(view: LintView, specPath: string): string {
  const limit = SEVERITIES.indexOf(view.failOn);
  const byRule = new Map<string, typeof view.result.findings>();
  for (const f of view.result.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const catalog = new Map(view.rules.map((r) => [r.id, r]));
  let failures = 0;
  const cases: string[] = [];
  for (const { id } of view.result.ran) {
    const rule = catalog.get(id);
    const findings = byRule.get(id) ?? [];
    const failing = findings.filter((f) => SEVERITIES.indexOf(f.severity) <= limit);
    const passing = findings.filter((f) => SEVERITIES.indexOf(f.severity) > limit);
    const describe = (list: typeof findings) =>
      list.map((f) => {
        const loc = locate(f.at);
        return `${view.relativeTo(loc.file)}:${loc.line}:${loc.column}: ${f.severity}: ${f.message}`;
      }).join('\n');
    const body: string[] = [];
    if (failing.length) {
      failures++;
      const first = failing[0];
      body.push(`      <failure message="${xmlAttr(`${failing.length} finding${failing.length === 1 ? '' : 's'}${first ? `: ${first.message}` : ''}`)}" type="${xmlAttr(failing[0]?.severity ?? 'error')}">${xmlText(describe(failing))}</failure>`);
    }
    if (passing.length) body.push(`      <system-out>${xmlText(describe(passing))}</system-out>`);
    const open = `    <testcase classname="${xmlAttr(`infraspec.${rule?.category ?? 'lint'}`)}" name="${xmlAttr(id)}" file="${xmlAttr(view.relativeTo(specPath))}"`;
    cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
  }
  const total = view.result.ran.length;
  const name = xmlAttr(`infraspec lint ${view.relativeTo(specPath)}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="infraspec lint" tests="${total}" failures="${failures}" errors="0">`,
    `  <testsuite name="${name}" tests="${total}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
