import { describe, expect, it } from 'vitest';
import { checkCaseSet, checkDocsExamples, checkValidCase, invalidCaseFindings, type RuleCases } from '../../src/lint/tester.js';
import type { AnyRule } from '../../src/lint/types.js';

/** One test per case, so a failure names the case and shows a diff; the tester's own checks come first. */
export function testRule(rule: AnyRule, cases: RuleCases): void {
  describe(`rule ${rule.id}`, () => {
    it('has well-formed cases: both sides, no duplicates, declared message ids', () => {
      expect(checkCaseSet(rule, cases)).toEqual([]);
    });
    for (const c of cases.valid) it(`reports nothing on: ${c.name}`, () => expect(checkValidCase(rule, c)).toEqual([]));
    for (const c of cases.invalid) {
      it(`reports exactly the expected findings on: ${c.name}`, () => {
        const expected = c.findings.map(({ phase, ...rest }) => (phase === undefined ? rest : { ...rest, phase }));
        expect(invalidCaseFindings(rule, c)).toEqual(expected);
      });
    }
    it('reports its documented invalid example once and its valid example never', () => {
      expect(checkDocsExamples(rule)).toEqual([]);
    });
  });
}
