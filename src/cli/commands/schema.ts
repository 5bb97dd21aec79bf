import { specJsonSchema } from '../../spec/schema.js';
import type { CommandContext } from '../main.js';
import { UsageError } from '../io.js';

export function runSchema(ctx: CommandContext): number {
  if (ctx.args.length) throw new UsageError(`\`schema\` takes no arguments, got ${ctx.args.join(' ')}`);
  ctx.io.stdout.write(`${JSON.stringify(specJsonSchema(), null, 2)}\n`);
  return 0;
}
