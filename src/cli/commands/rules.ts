import { RULES } from '../../lint/registry.js';
import { CATEGORIES, type Category } from '../../lint/types.js';
import { didYouMean } from '../../units/suggest.js';
import { UsageError } from '../io.js';
import type { CommandContext } from '../main.js';
import { table } from '../table.js';

export function runRules(ctx: CommandContext): number {
  if (ctx.args.length) throw new UsageError(`\`rules\` takes no arguments, got ${ctx.args.join(' ')}`);
  const category = ctx.values['category'] as string | undefined;
  if (category !== undefined && !CATEGORIES.includes(category as Category)) {
    const hint = didYouMean(category, CATEGORIES);
    throw new UsageError(`unknown category \`${category}\`${hint ? `; ${hint}` : ''} (categories: ${CATEGORIES.join(', ')})`);
  }
  const rules = RULES.filter((r) => category === undefined || r.category === category);
  if (ctx.values['json']) {
    ctx.io.stdout.write(`${JSON.stringify(rules.map((r) => ({ id: r.id, severity: r.severity, category: r.category, summary: r.summary })), null, 2)}\n`);
    return 0;
  }
  ctx.io.stdout.write(`${table([['RULE', 'SEVERITY', 'CATEGORY', 'SUMMARY'], ...rules.map((r) => [r.id, r.severity, r.category, r.summary])], [], '')}\n`);
  ctx.io.stdout.write(`\n${rules.length} rules. \`infraspec explain <rule>\` tells why each matters, with examples.\n`);
  return 0;
}
