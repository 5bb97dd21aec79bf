import { ruleDocPage } from '../../lint/docs.js';
import { RULES } from '../../lint/registry.js';
import { didYouMean } from '../../units/suggest.js';
import { UsageError } from '../io.js';
import type { CommandContext } from '../main.js';

export function runExplain(ctx: CommandContext): number {
  if (ctx.args.length !== 1) throw new UsageError(ctx.args.length ? `expected one rule id, got ${ctx.args.length}` : 'missing <rule-id>; `infraspec rules` lists them');
  const id = ctx.args[0]!;
  const rule = RULES.find((r) => r.id === id);
  if (!rule) {
    const hint = didYouMean(id, RULES.map((r) => r.id));
    throw new UsageError(`there is no rule \`${id}\`${hint ? `; ${hint}` : ''} (\`infraspec rules\` lists them)`);
  }
  ctx.io.stdout.write(ruleDocPage(rule));
  return 0;
}
