import type { AnyRule } from './types.js';

/**
 * A rule's documentation page (`docs/rules/<id>.md`, and `infraspec explain`):
 * generated from the rule's own metadata so that the page and the rule cannot
 * disagree; its fenced `yaml invalid` / `yaml valid` blocks are run as tests.
 */
export function ruleDocPage(rule: AnyRule): string {
  const lines = [
    `# ${rule.id}`,
    '',
    `${rule.summary}`,
    '',
    `- Severity: **${rule.severity}** (change it with \`lint.rules\` in the spec or \`--rule ${rule.id}=…\`)`,
    `- Category: ${rule.category}`,
    '',
    '## Why',
    '',
    rule.docs.why.trim(),
    '',
    '## Reported',
    '',
    '```yaml invalid',
    rule.docs.invalid.trimEnd(),
    '```',
    '',
    '## Not reported',
    '',
    '```yaml valid',
    rule.docs.valid.trimEnd(),
    '```',
    '',
  ];
  if (rule.docs.fix) lines.push('## How to fix', '', rule.docs.fix.trim(), '');
  lines.push('## Messages', '', ...Object.entries(rule.messages).map(([id, template]) => `- \`${id}\`: ${String(template).replace(/\{(\w+)\}/g, '‹$1›')}`), '');
  return lines.join('\n');
}

/** The index page, `docs/rules/README.md`: every rule by category. */
export function ruleIndexPage(rules: readonly AnyRule[]): string {
  const lines = ['# Lint rules', '', `infraspec has ${rules.length} rules. Run \`infraspec explain <id>\` for any of them in a terminal.`, '', '| Rule | Severity | Category | Summary |', '|---|---|---|---|'];
  for (const r of rules) lines.push(`| [\`${r.id}\`](${r.id}.md) | ${r.severity} | ${r.category} | ${r.summary.replace(/\|/g, '\\|')} |`);
  lines.push('');
  return lines.join('\n');
}

/** Fenced blocks of a page with their info string: `yaml invalid`, `yaml valid`. */
export function fencedExamples(markdown: string): Array<{ kind: 'invalid' | 'valid'; code: string }> {
  const out: Array<{ kind: 'invalid' | 'valid'; code: string }> = [];
  const fence = /^```yaml (invalid|valid)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) out.push({ kind: m[1] as 'invalid' | 'valid', code: m[2] ?? '' });
  return out;
}
