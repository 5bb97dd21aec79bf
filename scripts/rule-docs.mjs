// Writes docs/rules/<id>.md and docs/rules/README.md from the rules' own metadata (`npm run docs:rules`).
// A test fails when the pages and the rules disagree, so run this after changing a rule.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../dist/lint/registry.js';
import { ruleDocPage, ruleIndexPage } from '../dist/lint/docs.js';

const dir = join(import.meta.dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const keep = new Set(['README.md', ...RULES.map((r) => `${r.id}.md`)]);
for (const file of readdirSync(dir)) if (!keep.has(file)) rmSync(join(dir, file));
for (const rule of RULES) writeFileSync(join(dir, `${rule.id}.md`), ruleDocPage(rule));
writeFileSync(join(dir, 'README.md'), ruleIndexPage(RULES));
console.log(`wrote ${RULES.length} rule pages and the index to docs/rules/`);
