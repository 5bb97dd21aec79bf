// Development aid: run some rule modules (built, in dist/) on specs and print what they report.
// node scripts/lint-rules.mjs dist/lint/rules/a.js [dist/lint/rules/b.js…] -- examples/battlescope [examples/…]
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
const args = process.argv.slice(2);
const split = args.indexOf('--');
const ruleFiles = split === -1 ? args : args.slice(0, split);
const specs = split === -1 ? ['examples/beta9', 'examples/senex-trader', 'examples/bettafish', 'examples/battlescope', 'examples/unkey-deploy'] : args.slice(split + 1);
const { loadSpec } = await import(pathToFileURL(resolve('dist/spec/files.js')).href);
const { lint } = await import(pathToFileURL(resolve('dist/lint/run.js')).href);
const rules = [];
for (const file of ruleFiles) for (const value of Object.values(await import(pathToFileURL(resolve(file)).href))) if (value && typeof value === 'object' && 'check' in value) rules.push(value);
for (const spec of specs) {
  const loaded = loadSpec(resolve(spec), process.cwd());
  if (!loaded.model) { console.log(`${spec}: does not compile`); continue; }
  const result = lint(loaded.model, { asOf: '2026-11-23', rules });
  for (const f of result.findings) {
    const { line, column } = f.at.file.lineColumn(f.at.start);
    console.log(`${spec}:${line}:${column} ${f.severity} [${f.rule}] ${f.message}${f.phase ? ` (phase ${f.phase})` : ''}`);
  }
  for (const d of result.diagnostics) console.log(`${spec}: diagnostic ${d.code}: ${d.message}`);
}
