import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fencedExamples, ruleDocPage, ruleIndexPage } from '../../src/lint/docs.js';
import { RULES } from '../../src/lint/registry.js';
import { lintText } from '../../src/lint/tester.js';
import { CATEGORIES, SEVERITIES } from '../../src/lint/types.js';
import { ROOT } from '../helpers.js';

const ids = RULES.map((r) => r.id);
const files = (dir: string, ext: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length)).sort();

describe('the rule registry', () => {
  it('holds at least 35 rules with unique kebab-case ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(35);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('names the same rules as the files in src/lint/rules, the tests and the docs pages', () => {
    const sorted = [...ids].sort();
    expect(files('src/lint/rules', '.ts')).toEqual(sorted);
    expect(files('test/lint/rules', '.test.ts')).toEqual(sorted);
    expect(files('docs/rules', '.md').filter((f) => f !== 'README')).toEqual(sorted);
  });

  it('gives every rule a known severity and category, a one-sentence summary, docs and messages', () => {
    for (const rule of RULES) {
      expect(SEVERITIES).toContain(rule.severity);
      expect(CATEGORIES).toContain(rule.category);
      expect(rule.summary, rule.id).toMatch(/^[A-Z`].*\.$/);
      expect(rule.docs.why.length, rule.id).toBeGreaterThan(80);
      expect(Object.keys(rule.messages).length, rule.id).toBeGreaterThan(0);
    }
  });

  it('lists rules grouped by category, in catalog order', () => {
    const order = RULES.map((r) => CATEGORIES.indexOf(r.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('the rule pages in docs/rules', () => {
  it('are generated from the rules (run `npm run docs:rules` after changing one)', () => {
    for (const rule of RULES) expect(readFileSync(join(ROOT, 'docs/rules', `${rule.id}.md`), 'utf8'), rule.id).toBe(ruleDocPage(rule));
    expect(readFileSync(join(ROOT, 'docs/rules/README.md'), 'utf8')).toBe(ruleIndexPage(RULES));
  });

  it('hold examples that are tests: each `yaml invalid` block gives exactly one finding of its rule, each `yaml valid` block none', () => {
    for (const rule of RULES) {
      const examples = fencedExamples(readFileSync(join(ROOT, 'docs/rules', `${rule.id}.md`), 'utf8'));
      expect(examples.map((e) => e.kind), rule.id).toEqual(['invalid', 'valid']);
      for (const example of examples) {
        const findings = lintText(example.code, { rule }).result.findings;
        expect(findings.length, `${rule.id} ${example.kind}: ${findings.map((f) => f.message).join('; ')}`).toBe(example.kind === 'invalid' ? 1 : 0);
      }
    }
  });

  it('each has a test file that uses the rule tester', () => {
    for (const id of ids) {
      const path = join(ROOT, 'test/lint/rules', `${id}.test.ts`);
      expect(existsSync(path), id).toBe(true);
      expect(readFileSync(path, 'utf8'), id).toContain('testRule(');
    }
  });
});
