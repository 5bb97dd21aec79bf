import { countsText, groupByRole, position, type PreflightView } from './shared.js';

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
      const open = `    <testcase classname="${attr(`infraspec.preflight.${name}`)}" name="${attr(r.component && r.role === null ? `${r.check} (${r.component})` : r.check)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
      let body: string | null = null;
      const failing = r.status === 'fail' || (r.status === 'warn' && view.failOn === 'warn');
      if (failing) {
        f++;
        body = `      <failure message="${attr(r.message)}" type="${r.status}">${text(detail)}</failure>`;
      } else if (r.status === 'error') {
        e++;
        body = `      <error message="${attr(r.message)}" type="error">${text(detail)}</error>`;
      } else if (r.status === 'skip') {
        s++;
        body = `      <skipped message="${attr(r.message)}"/>`;
      } else if (r.status === 'warn') {
        body = `      <system-out>${text(detail)}</system-out>`;
      }
      cases.push(body === null ? `${open}/>` : `${open}>\n${body}\n    </testcase>`);
    }
    tests += group.results.length;
    failures += f;
    errors += e;
    skipped += s;
    suites.push(
      [`  <testsuite name="${attr(name)}" tests="${group.results.length}" failures="${f}" errors="${e}" skipped="${s}" hostname="${attr(report.host.hostname)}">`, ...cases, '  </testsuite>'].join('\n'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`infraspec preflight ${report.system} (${countsText(report.summary.counts) || 'no checks'})`)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
    ...suites,
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
