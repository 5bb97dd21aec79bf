import { generate } from '../../emit/generate.js';
import { EMITTERS } from '../../emit/registry.js';
import { compareGenerated, OutputError, writeGenerated } from '../../emit/write.js';
import { locate } from '../../spec/source.js';
import { didYouMean } from '../../units/suggest.js';
import { toJson } from '../json.js';
import { UsageError } from '../io.js';
import type { CommandContext } from '../main.js';
import { loadModelOrReport, phaseOption, relativeTo } from '../spec-arg.js';

export const GENERATE_SCHEMA_VERSION = '1.0';

export function runGenerate(ctx: CommandContext): number {
  const targetName = ctx.values['target'] as string | undefined;
  const ids = EMITTERS.map((e) => e.id);
  if (targetName === undefined) throw new UsageError(`missing --target: one of ${[...ids, 'all'].join(', ')}`);
  const targets = targetName === 'all' ? EMITTERS : EMITTERS.filter((e) => e.id === targetName);
  if (targets.length === 0) {
    const hint = didYouMean(targetName, [...ids, 'all']);
    throw new UsageError(`unknown target \`${targetName}\`${hint ? `; ${hint}` : ''} (targets: ${[...ids, 'all'].join(', ')})`);
  }
  const out = ctx.values['out'] as string | undefined;
  if (out === undefined || out === '') throw new UsageError('missing --out DIR: the directory to write (or, with --check, to compare)');
  const json = ctx.values['json'] === true;
  const loaded = loadModelOrReport(ctx, json);
  if (!loaded) return 2;
  const phase = phaseOption(ctx, loaded.model);
  const result = generate(loaded.model, { targets, phase });
  const rel = relativeTo(ctx.io.cwd);
  const notes = result.notes.map((n) => ({ targets: n.targets, message: n.message, at: n.at ? locate(n.at) : null }));
  for (const n of notes) if (!json) ctx.io.stderr.write(`note[${n.targets.join(', ')}]: ${n.at ? `${rel(n.at.file)}:${n.at.line}:${n.at.column}: ` : ''}${n.message}\n`);

  if (ctx.values['check']) {
    const changes = compareGenerated(out, result.files);
    if (json) ctx.io.stdout.write(`${toJson({ schemaVersion: GENERATE_SCHEMA_VERSION, check: true, out, upToDate: changes.length === 0, changes, notes })}\n`);
    else if (changes.length === 0) ctx.io.stdout.write(`${out}: up to date (${result.files.length === 1 ? '1 file' : `${result.files.length} files`})\n`);
    else {
      const sign = { add: 'A', change: 'M', remove: 'D' } as const;
      ctx.io.stdout.write(`${out}: ${changes.length === 1 ? '1 file differs' : `${changes.length} files differ`} from what the spec generates\n`);
      for (const c of changes) ctx.io.stdout.write(`  ${sign[c.change]} ${c.path}  (+${c.added} −${c.removed})\n`);
      ctx.io.stdout.write(`Run \`infraspec generate\` without --check to write them.\n`);
    }
    return changes.length === 0 ? 0 : 1;
  }
  try {
    writeGenerated(out, result.files);
  } catch (error) {
    if (error instanceof OutputError) throw new UsageError(error.message);
    throw error;
  }
  if (json) ctx.io.stdout.write(`${toJson({ schemaVersion: GENERATE_SCHEMA_VERSION, check: false, out, files: result.files.map((f) => f.path), notes })}\n`);
  else ctx.io.stdout.write(`wrote ${result.files.length} files to ${out}\n`);
  return 0;
}
