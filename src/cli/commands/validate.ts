import { hasErrors } from '../../diagnostics.js';
import { loadSpec } from '../../spec/files.js';
import type { CommandContext } from '../main.js';
import { diagnosticsJson, relativeTo, specArgument, writeDiagnostics } from '../spec-arg.js';

export function runValidate(ctx: CommandContext): number {
  const spec = specArgument(ctx);
  const result = loadSpec(spec, ctx.io.cwd);
  const invalid = hasErrors(result.diagnostics) || result.model === null;
  const exit = invalid ? 2 : result.diagnostics.length ? 1 : 0;
  if (ctx.values['json']) {
    ctx.io.stdout.write(`${diagnosticsJson(result)}\n`);
    return exit;
  }
  const rel = relativeTo(ctx.io.cwd);
  if (result.diagnostics.length) writeDiagnostics(ctx, result);
  if (result.model) {
    const m = result.model;
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    ctx.io.stdout.write(`${rel(result.files[0]?.path ?? spec)}: valid — ${[count(m.components.length, 'component'), count(m.roles.length, 'role'), count(m.phases.length, 'phase'), count(m.backups.length, 'backup'), count(result.files.length, 'file')].join(', ')}\n`);
  }
  return exit;
}
