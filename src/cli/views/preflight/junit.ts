import { countsText, groupByRole, position, type PreflightView } from './shared.js';
import { xmlAttr, xmlText } from '../xml.js';

/**
 * JUnit XML: one testsuite per role (and one for service probes), one testcase per check;
 * fail → <failure>, error → <error>, skip → <skipped>. A warn passes, with its message in
 * <system-out>, unless `--fail-on warn` makes it a failure.
 */
export function renderPreflightJunit(view: PreflightView): string {
  const { report } = view;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const group of groupByRole(report)) {
    const name = group.role === null ? 'services' : group.role;
    const cases: string[] = [];
    let f = 0;
    let e = 0;
    let s = 0;
    for (const r of group.results) {
      const where = position(r, view.relativeTo);
      const detail = `${r.message}\nmeasured: ${r.measured ?? '—'}; minimum: ${r.minimum ?? '—'}; recommended: ${r.recommended ?? '—'}${where ? `\nat ${where}` : ''}`;
      const open = `    <testcase classname="${xmlAttr(`infraspec.preflight.${name}`)}" name="${xmlAttr(r.component && r.role === null ? `${r.check} (${r.component})` : r.check)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
      let body: string | null = null;
      const failing = r.status === 'fail' || (r.status === 'warn' && view.failOn === 'warn');
      if (failing) {
        f++;
        body = `      <failure message="${xmlAttr(r.message)}" type="${r.status}">${xmlText(detail)}</failure>`;
      } else if (r.status === 'error') {
        e++;
        body = `      <error message="${xmlAttr(r.message)}" type="error">${xmlText(detail)}</error>`;
      } else if (r.status === 'skip') {
        s++;
        body = `      <skipped message="${xmlAttr(r.message)}"/>`;
      } else if (r.status === 'warn') {
        body = `      <system-out>${xmlText(detail)}</system-out>`;
      }
      cases.push(body === null ? `${open}/>` : `${open}>\n${body}\n    </testcase>`);
    }
    tests += group.results.length;
    failures += f;
    errors += e;
    skipped += s;
    suites.push(
      [`  <testsuite name="${xmlAttr(name)}" tests="${group.results.length}" failures="${f}" errors="${e}" skipped="${s}" hostname="${xmlAttr(report.host.hostname)}">`, ...cases, '  </testsuite>'].join('\n'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(`infraspec preflight ${report.system} (${countsText(report.summary.counts) || 'no checks'})`)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
