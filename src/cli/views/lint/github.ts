import { locate } from '../../../spec/source.js';
import { countLine, type LintView } from './shared.js';

/**
 * GitHub Actions workflow commands: each finding becomes an annotation on its
 * line in the pull request (`::error file=…,line=…::message`).
 */
export function renderLintGithub(view: LintView): string {
  const command = { error: 'error', warning: 'warning', info: 'notice' } as const;
  const lines = view.result.findings.map((f) => {
    const loc = locate(f.at);
    const props = [`file=${escapeProperty(view.relativeTo(loc.file))}`, `line=${loc.line}`, `col=${loc.column}`, `endLine=${loc.endLine}`, `endColumn=${loc.endColumn}`, `title=${escapeProperty(`infraspec ${f.rule}`)}`];
    return `::${command[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  lines.push(`infraspec lint: ${countLine(view.result.findings)}`);
  return `${lines.join('\n')}\n`;
}

// The runner's own escaping (actions/toolkit `command.ts`): data escapes %, CR, LF; properties also `:` and `,`.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
