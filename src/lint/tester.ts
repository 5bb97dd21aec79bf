import { renderDiagnostics, type Diagnostic } from '../diagnostics.js';
import { compileSpec } from '../spec/compile.js';
import type { Model } from '../spec/model.js';
import { lint, type LintResult } from './run.js';
import type { AnyRule, Finding } from './types.js';

/**
 * The rule tester: each rule runs on its own valid cases (nothing reported)
 * and invalid cases (exactly the findings listed, by message id, message,
 * line and column). A fragment without the `infraspec:` header gets one, and
 * lines are counted in the fragment as written.
 */

export const TEST_AS_OF = '2026-11-23';
const HEADER = 'infraspec: 1\nsystem: { name: example }\n';
const HEADER_LINES = 2;

export interface ValidCase {
  name: string;
  spec: string;
  asOf?: string;
}

export interface ExpectedFinding {
  messageId: string;
  message: string;
  line: number;
  column: number;
  phase?: string | null;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Compile a spec from text (a fragment gets the header); problems are returned, not thrown. */
export function compileText(text: string, path = '/virtual/infraspec.yaml'): { model: Model | null; diagnostics: Diagnostic[]; lineShift: number } {
  const whole = /^\s*(#.*\n\s*)*infraspec\s*:/.test(text) ? text : HEADER + text;
  const lineShift = whole === text ? 0 : HEADER_LINES;
  const result = compileSpec(path, (p) => (p === path ? { ok: true, bytes: new TextEncoder().encode(whole) } : { ok: false, message: `no file ${p} in a test` }), (_from, relative) => relative);
  return { model: result.model, diagnostics: result.diagnostics, lineShift };
}

/** Lint a spec text with one rule (or all), as the tester does. */
export function lintText(text: string, options: { rule?: AnyRule; rules?: readonly AnyRule[]; asOf?: string } = {}): { result: LintResult; lineShift: number } {
  const compiled = compileText(text);
  if (!compiled.model) {
    throw new Error(`the test spec does not compile:\n${renderDiagnostics(compiled.diagnostics, { color: false })}`);
  }
  const rules = options.rules ?? (options.rule ? [options.rule] : undefined);
  const result = lint(compiled.model, { asOf: options.asOf ?? TEST_AS_OF, rules, only: options.rule ? [options.rule.id] : undefined });
  return { result, lineShift: compiled.lineShift };
}

export interface ActualFinding {
  messageId: string;
  message: string;
  line: number;
  column: number;
  phase: string | null;
}

export function describeFinding(f: Finding, lineShift: number): ActualFinding {
  const { line, column } = f.at.file.lineColumn(f.at.start);
  return { messageId: f.messageId, message: f.message, line: line - lineShift, column, phase: f.phase };
}

/** Problems with the set of cases itself: a missing side, duplicates, undeclared message ids. */
export function checkCaseSet(rule: AnyRule, cases: RuleCases): string[] {
  const problems: string[] = [];
  if (cases.valid.length === 0) problems.push(`${rule.id}: no valid case`);
  if (cases.invalid.length === 0) problems.push(`${rule.id}: no invalid case`);
  const seen = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    if (seen.has(c.spec)) problems.push(`${rule.id}: duplicate case \`${c.name}\``);
    seen.add(c.spec);
  }
  for (const c of cases.invalid) {
    if (c.findings.length === 0) problems.push(`${rule.id} invalid \`${c.name}\`: lists no expected finding`);
    for (const e of c.findings) if (!(e.messageId in rule.messages)) problems.push(`${rule.id} invalid \`${c.name}\`: message id \`${e.messageId}\` is not declared by the rule`);
  }
  return problems;
}

/** Problems with one valid case: every finding the rule reports on it. */
export function checkValidCase(rule: AnyRule, c: ValidCase): string[] {
  try {
    const { result, lineShift } = lintText(c.spec, { rule, asOf: c.asOf });
    return result.findings.map((f) => `${rule.id} valid \`${c.name}\`: reported ${JSON.stringify(describeFinding(f, lineShift))}`);
  } catch (error) {
    return [`${rule.id} valid \`${c.name}\`: ${(error as Error).message}`];
  }
}

/**
 * What the rule reports on an invalid case, in the shape of its expectations
 * (`phase` only where the case states one), for a readable diff.
 */
export function invalidCaseFindings(rule: AnyRule, c: InvalidCase): ExpectedFinding[] {
  const { result, lineShift } = lintText(c.spec, { rule, asOf: c.asOf });
  return result.findings.map((f, i) => {
    const { phase, ...rest } = describeFinding(f, lineShift);
    return c.findings[i]?.phase === undefined ? rest : { ...rest, phase };
  });
}

/** Problems with one invalid case: findings other than exactly the expected ones, in order. */
export function checkInvalidCase(rule: AnyRule, c: InvalidCase): string[] {
  try {
    const actual = invalidCaseFindings(rule, c);
    if (JSON.stringify(actual) === JSON.stringify(c.findings.map(({ messageId, message, line, column, phase }) => (phase === undefined ? { messageId, message, line, column } : { messageId, message, line, column, phase })))) return [];
    return [`${rule.id} invalid \`${c.name}\`:\n  expected ${JSON.stringify(c.findings)}\n  actual   ${JSON.stringify(actual)}`];
  } catch (error) {
    return [`${rule.id} invalid \`${c.name}\`: ${(error as Error).message}`];
  }
}

/** The documentation's examples are cases too: the invalid one reports exactly once, the valid one never. */
export function checkDocsExamples(rule: AnyRule): string[] {
  const problems: string[] = [];
  try {
    const invalid = lintText(rule.docs.invalid, { rule }).result.findings;
    if (invalid.length !== 1) problems.push(`${rule.id}: the docs' invalid example gives ${invalid.length} findings, not 1${invalid.length ? `: ${invalid.map((f) => f.message).join('; ')}` : ''}`);
    const valid = lintText(rule.docs.valid, { rule }).result.findings;
    if (valid.length !== 0) problems.push(`${rule.id}: the docs' valid example gives ${valid.length} findings: ${valid.map((f) => f.message).join('; ')}`);
  } catch (error) {
    problems.push(`${rule.id} docs: ${(error as Error).message}`);
  }
  return problems;
}

/** Every check of a rule's cases at once; empty when all hold. */
export function checkRuleCases(rule: AnyRule, cases: RuleCases): string[] {
  return [...checkCaseSet(rule, cases), ...cases.valid.flatMap((c) => checkValidCase(rule, c)), ...cases.invalid.flatMap((c) => checkInvalidCase(rule, c)), ...checkDocsExamples(rule)];
}
