import type { Diagnostic } from '../diagnostics.js';
import type { Model } from '../spec/model.js';
import type { LintConfigInput } from '../spec/schema.js';
import type { SourceFile, SourceSpan } from '../spec/source.js';
import { closest } from '../units/suggest.js';
import type { Finding } from './types.js';

/**
 * Accepted findings, each with its reason: entries of the spec's `lint.suppress`
 * (by rule, optionally under one path of the spec) and inline
 * `# infraspec-ignore <rule>: <reason>` comments (one line of YAML).
 */
export interface Suppression {
  rule: string;
  reason: string;
  /** Where the suppression is written. */
  at: SourceSpan;
  /** Only findings inside this span (a `lint.suppress` entry with `at:`). */
  within: SourceSpan | null;
  /** Only findings that start on this line of this file (an inline comment). */
  line: { file: SourceFile; line: number } | null;
  used: boolean;
}

type Obj = Record<string, unknown>;

/** `lint.suppress` entries, with their `at:` paths resolved into spans of the spec. */
export function configSuppressions(model: Model, config: LintConfigInput | undefined, ruleIds: ReadonlySet<string>, diagnostics: Diagnostic[]): Suppression[] {
  const list = config?.suppress;
  if (!list) return [];
  const positions = model.positions;
  const out: Suppression[] = [];
  list.forEach((entry) => {
    const at = positions.containerSpan(entry) ?? model.system.at;
    if (!ruleIds.has(entry.rule)) {
      diagnostics.push(unknownRule(entry.rule, positions.entrySpan(entry, 'rule') ?? at, ruleIds));
      return;
    }
    let within: SourceSpan | null = null;
    if (entry.at !== undefined) {
      const resolved = resolvePath(model, entry.at);
      const pathAt = positions.entrySpan(entry, 'at') ?? at;
      if (!resolved.ok) {
        diagnostics.push({ code: 'bad-suppression-path', severity: 'error', message: resolved.message, at: pathAt, expected: 'a dotted path into this spec, e.g. `components.postgres` or `network.policies.2`', hint: resolved.hint });
        return;
      }
      within = resolved.span;
    }
    out.push({ rule: entry.rule, reason: entry.reason.trim(), at, within, line: null, used: false });
  });
  return out;
}

function resolvePath(model: Model, path: string): { ok: true; span: SourceSpan } | { ok: false; message: string; hint?: string } {
  const segments = path.split('.');
  let node: unknown = model.input;
  let span: SourceSpan | undefined;
  for (const [i, segment] of segments.entries()) {
    if (node === null || typeof node !== 'object') return { ok: false, message: `\`${segments.slice(0, i).join('.')}\` holds a value, not a section: \`${path}\` leads nowhere` };
    const key: string | number = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : segment;
    const container = node as Obj;
    const found = Array.isArray(node) ? typeof key === 'number' && key < node.length : Object.prototype.hasOwnProperty.call(container, segment);
    if (!found) {
      const here = segments.slice(0, i).join('.');
      const keys = Array.isArray(node) ? [] : Object.keys(container);
      const suggestion = closest(segment, keys);
      return {
        ok: false,
        message: `the spec has no \`${[...segments.slice(0, i), segment].join('.')}\``,
        hint: suggestion ? `did you mean \`${[...segments.slice(0, i), suggestion].join('.')}\`?` : Array.isArray(node) ? `\`${here}\` is a list of ${node.length}: use an index from 0 to ${node.length - 1}` : keys.length ? `\`${here || 'the spec'}\` has ${keys.slice(0, 8).map((k) => `\`${k}\``).join(', ')}${keys.length > 8 ? '…' : ''}` : undefined,
      };
    }
    span = model.positions.entrySpan(container, key) ?? span;
    node = (container as Record<string | number, unknown>)[key as string];
  }
  // The whole entry: from its key (findings often point at the key) to the end of its value.
  const keySpan = pathKeySpan(model, segments);
  if (!span) return { ok: false, message: `\`${path}\` has no position in the source` };
  return { ok: true, span: keySpan && keySpan.file === span.file ? { file: span.file, start: Math.min(keySpan.start, span.start), end: span.end } : span };
}

function pathKeySpan(model: Model, segments: string[]): SourceSpan | undefined {
  let node: unknown = model.input;
  for (const segment of segments.slice(0, -1)) node = (node as Record<string | number, unknown>)[Array.isArray(node) ? Number(segment) : segment];
  const last = segments[segments.length - 1] ?? '';
  if (node === null || typeof node !== 'object') return undefined;
  return model.positions.entrySpan(node, Array.isArray(node) ? Number(last) : last, 'key');
}

const IGNORE = /(?:^|\s)#\s*infraspec-ignore\b(.*)$/;

/** `# infraspec-ignore <rule>[, <rule>…]: <reason>` comments in the spec's files. */
export function inlineSuppressions(files: readonly SourceFile[], ruleIds: ReadonlySet<string>, diagnostics: Diagnostic[]): Suppression[] {
  const out: Suppression[] = [];
  for (const file of files) {
    const text = file.text;
    if (!text.includes('infraspec-ignore')) continue;
    const lines = text.split('\n');
    let offset = 0;
    for (const [i, line] of lines.entries()) {
      const lineStart = offset;
      offset += line.length + 1;
      const match = IGNORE.exec(line);
      if (!match) continue;
      const commentStart = lineStart + line.indexOf('#', match.index);
      const at: SourceSpan = { file, start: commentStart, end: lineStart + line.length };
      const body = (match[1] ?? '').trim();
      const colon = body.indexOf(':');
      const idsText = colon === -1 ? body : body.slice(0, colon);
      const reason = colon === -1 ? '' : body.slice(colon + 1).trim();
      const ids = idsText.split(',').map((s) => s.trim()).filter(Boolean);
      if (ids.length === 0) {
        diagnostics.push({ code: 'bad-suppression', severity: 'error', message: 'an `infraspec-ignore` comment must name the rule it suppresses', at, expected: '`# infraspec-ignore <rule-id>: <reason>`', hint: 'run `infraspec rules` for the ids' });
        continue;
      }
      if (reason === '') {
        diagnostics.push({ code: 'suppression-without-reason', severity: 'error', message: `the suppression of \`${ids.join(', ')}\` gives no reason`, at, expected: '`# infraspec-ignore <rule-id>: <reason>`', hint: 'say why the finding is accepted after a colon, e.g. `# infraspec-ignore single-point-of-failure: staging only`' });
        continue;
      }
      // A comment alone on its line covers the next line with content; a trailing comment, its own line.
      const alone = line.slice(0, line.indexOf('#', match.index)).trim() === '';
      let target = i;
      if (alone) {
        target = i + 1;
        const isBlankOrComment = (text: string) => text.trim() === '' || text.trim().startsWith('#');
        while (target < lines.length && isBlankOrComment(lines[target] ?? '')) target++;
      }
      for (const id of ids) {
        if (!ruleIds.has(id)) {
          diagnostics.push(unknownRule(id, at, ruleIds));
          continue;
        }
        out.push({ rule: id, reason, at, within: null, line: { file, line: target + 1 }, used: false });
      }
    }
  }
  return out;
}

function unknownRule(id: string, at: SourceSpan, ruleIds: ReadonlySet<string>): Diagnostic {
  const suggestion = closest(id, ruleIds);
  return { code: 'unknown-rule', severity: 'error', message: `there is no lint rule \`${id}\``, at, hint: suggestion ? `did you mean \`${suggestion}\`?` : 'run `infraspec rules` for the list' };
}

/** The first suppression that covers a finding, if any; every one that covers it is marked used. */
export function suppressionFor(finding: Finding, suppressions: readonly Suppression[]): Suppression | undefined {
  let first: Suppression | undefined;
  for (const s of suppressions) {
    if (s.rule !== finding.rule) continue;
    if (s.line) {
      if (s.line.file !== finding.at.file || s.line.file.lineColumn(finding.at.start).line !== s.line.line) continue;
    } else if (s.within) {
      if (s.within.file !== finding.at.file || finding.at.start < s.within.start || finding.at.end > s.within.end) continue;
    }
    s.used = true;
    first ??= s;
  }
  return first;
}

export { unknownRule };
