import { pathToFileURL } from 'node:url';
import { locate } from '../../../spec/source.js';
import type { Severity } from '../../../lint/types.js';
import type { LintView } from './shared.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0, for code-scanning UIs: the whole rule catalog in
 * `tool.driver.rules`, every result with a region on its YAML line, suppressed
 * findings kept with their justification (as SARIF asks) so the UI can show them closed.
 */
export function renderLintSarif(view: LintView, cwd: string): string {
  const ruleIndex = new Map(view.rules.map((r, i) => [r.id, i]));
  const uri = (path: string) => {
    const rel = view.relativeTo(path);
    return rel === path ? pathToFileURL(path).href : rel.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
  };
  const result = (f: (typeof view.result.findings)[number], suppression?: { reason: string; by: 'config' | 'inline' }) => {
    const loc = locate(f.at);
    const relative = view.relativeTo(loc.file) !== loc.file;
    return {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: relative ? { uri: uri(loc.file), uriBaseId: 'SRCROOT' } : { uri: uri(loc.file) },
            region: { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: Math.max(loc.endColumn, loc.line === loc.endLine ? loc.column + 1 : 1) },
          },
        },
      ],
      ...(f.phase && f.phase !== 'default' ? { properties: { phase: f.phase } } : {}),
      ...(suppression ? { suppressions: [{ kind: suppression.by === 'inline' ? 'inSource' : 'external', justification: suppression.reason }] } : {}),
    };
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'infraspec',
            version: view.toolVersion,
            semanticVersion: view.toolVersion,
            rules: view.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, c: string) => c.toUpperCase()),
              shortDescription: { text: r.summary },
              fullDescription: { text: plain(r.docs.why) },
              help: { text: `${plain(r.docs.why)}\n\nRun \`infraspec explain ${r.id}\` for examples.`, markdown: `${r.docs.why}\n\nRun \`infraspec explain ${r.id}\` for examples.` },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { category: r.category, tags: [r.category] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true }],
        results: [...view.result.findings.map((f) => result(f)), ...view.result.suppressed.map((s) => result(s.finding, s))],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Markdown to plain text for SARIF's `text` fields: code spans and emphasis unwrapped. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}
