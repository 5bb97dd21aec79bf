import { SEVERITIES } from '../../../lint/types.js';
import { locate } from '../../../spec/source.js';
import type { LintView } from './shared.js';

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
      body.push(`      <failure message="${attr(`${failing.length} finding${failing.length === 1 ? '' : 's'}${first ? `: ${first.message}` : ''}`)}" type="${attr(failing[0]?.severity ?? 'error')}">${text(describe(failing))}</failure>`);
    }
    if (passing.length) body.push(`      <system-out>${text(describe(passing))}</system-out>`);
    const open = `    <testcase classname="${attr(`infraspec.${rule?.category ?? 'lint'}`)}" name="${attr(id)}" file="${attr(view.relativeTo(specPath))}"`;
    cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
  }
  const total = view.result.ran.length;
  const name = attr(`infraspec lint ${view.relativeTo(specPath)}`);
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

// XML 1.0 allows neither most control characters nor unescaped markup in text and attributes.
function text(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
