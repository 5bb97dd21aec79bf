import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/registry.js';
import { EXAMPLES, ROOT, runCli, tempSpec } from '../helpers.js';

// The official SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's SARIF matchers.
const require = createRequire(import.meta.url);
// Both are CommonJS with a `default` export; require sidesteps the ESM interop differences between tsc and vitest.
const Ajv = (require('ajv-draft-04') as { default: typeof import('ajv-draft-04').default }).default;
const addFormats = (require('ajv-formats') as { default: typeof import('ajv-formats').default }).default;
const sarifSchema = JSON.parse(readFileSync(join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

const AS_OF = ['--as-of', '2026-11-23'];

/** Two NodePort mistakes and nothing else any rule should care about. */
const NODEPORTS = `infraspec: 1
system: { name: ports }
components:
  web:
    kind: service
    image: nginx:1.27.3
    resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { cpu: 200m, memory: 128Mi } }
    ports:
      - { port: 80, exposure: node, nodePort: 8080 }
  admin:
    kind: service
    image: nginx:1.27.3
    resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { cpu: 200m, memory: 128Mi } }
    ports:
      - { port: 80, exposure: node, nodePort: 30080 }
      - { port: 81, exposure: node, nodePort: 30080 }
`;

/** Every rule but one turned off, so the expectations do not move when rules are added. */
const onlyNodeports = RULES.filter((r) => r.id !== 'nodeport-out-of-range').flatMap((r) => ['--rule', `${r.id}=off`]);

describe('infraspec lint', () => {
  it('exits 1 on errors and prints findings grouped by file, with the line, a caret and a count per severity', () => {
    const dir = tempSpec({ 'infraspec.yaml': NODEPORTS });
    const run = runCli(['lint', dir, ...AS_OF, ...onlyNodeports], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      [
        'infraspec.yaml',
        '  9:47  error  nodePort 8080 of `web` is outside the NodePort range 30000–32767: the API server will reject the Service  nodeport-out-of-range',
        '      |',
        '    9 |       - { port: 80, exposure: node, nodePort: 8080 }',
        '      |                                               ^^^^',
        '  16:47  error  nodePort 30080 of `admin` is already taken by `admin`: two Services cannot share a NodePort  nodeport-out-of-range',
        '       |',
        '    16 |       - { port: 81, exposure: node, nodePort: 30080 }',
        '       |                                               ^^^^^',
        '',
        '2 errors — 1 rule',
        '',
      ].join('\n'),
    );
  });
});

describe('lint output formats', () => {
  const dir = tempSpec({ 'infraspec.yaml': NODEPORTS });
  const lintIn = (...args: string[]) => runCli(['lint', '.', ...AS_OF, ...onlyNodeports, ...args], { cwd: dir });

  it('--json is the versioned contract, the same as --format json', () => {
    const run = lintIn('--json');
    expect(run.status).toBe(1);
    expect(lintIn('--format', 'json').stdout).toBe(run.stdout);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      schemaVersion: '1.0',
      asOf: '2026-11-23',
      findings: [
        { rule: 'nodeport-out-of-range', severity: 'error', category: 'network', messageId: 'outside', at: { file: join(dir, 'infraspec.yaml'), line: 9, column: 47, endLine: 9, endColumn: 51 }, phase: 'default' },
        { rule: 'nodeport-out-of-range', messageId: 'duplicate', at: { line: 16, column: 47 } },
      ],
      suppressed: [],
      diagnostics: [],
      summary: { errors: 2, warnings: 0, infos: 0, suppressed: 0, rules: 1 },
    });
  });

  it('--format sarif is valid SARIF 2.1.0 with the whole rule catalog and a region for every result', () => {
    const run = lintIn('--format', 'sarif');
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }> };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const run0 = log.runs[0]!;
    expect(run0.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(run0.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn])).toEqual([
      ['nodeport-out-of-range', 'error', 'infraspec.yaml', 9, 47],
      ['nodeport-out-of-range', 'error', 'infraspec.yaml', 16, 47],
    ]);
    for (const r of run0.results) expect(run0.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('--format junit is well-formed JUnit XML: one test case per rule that ran, failing with its findings', () => {
    const run = lintIn('--format', 'junit');
    expect(run.status).toBe(1);
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run.stdout) as { testsuites: { tests: string; failures: string; testsuite: { testcase: { name: string; failure: { message: string; '#text': string } } } } };
    expect(xml.testsuites).toMatchObject({ tests: '1', failures: '1' });
    const testcase = xml.testsuites.testsuite.testcase;
    expect(testcase.name).toBe('nodeport-out-of-range');
    expect(testcase.failure.message).toBe('2 findings: nodePort 8080 of `web` is outside the NodePort range 30000–32767: the API server will reject the Service');
    expect(testcase.failure['#text']).toContain('infraspec.yaml:16:47: error: nodePort 30080 of `admin` is already taken by `admin`');
  });

  it('--format github prints one workflow command per finding, on its line', () => {
    const run = lintIn('--format', 'github');
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      '::error file=infraspec.yaml,line=9,col=47,endLine=9,endColumn=51,title=infraspec nodeport-out-of-range::nodePort 8080 of `web` is outside the NodePort range 30000–32767: the API server will reject the Service',
      '::error file=infraspec.yaml,line=16,col=47,endLine=16,endColumn=52,title=infraspec nodeport-out-of-range::nodePort 30080 of `admin` is already taken by `admin`: two Services cannot share a NodePort',
      'infraspec lint: 2 errors',
      '',
    ]);
  });

  it('--format md prints a Markdown table of findings', () => {
    const run = lintIn('--format', 'md');
    expect(run.stdout).toContain('| Severity | Rule | Where | Finding |');
    expect(run.stdout).toContain('| error | `nodeport-out-of-range` | infraspec.yaml:9:47 | nodePort 8080 of `web` is outside');
  });

  it('every example gives valid SARIF with located results', () => {
    for (const example of EXAMPLES) {
      const run = runCli(['lint', `examples/${example}`, '--format', 'sarif', ...AS_OF], { cwd: ROOT });
      expect([0, 1], `${example}: ${run.stderr}`).toContain(run.status);
      const log = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
      expect(validateSarif(log), `${example}: ${JSON.stringify(validateSarif.errors)}`).toBe(true);
      for (const r of log.runs[0]!.results) expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });
});

describe('lint severities, exit codes and suppressions', () => {
  const dir = tempSpec({ 'infraspec.yaml': NODEPORTS });

  it('--rule lowers a rule to a warning; the run then passes unless --fail-on warning', () => {
    const args = ['lint', '.', ...AS_OF, ...onlyNodeports, '--rule', 'nodeport-out-of-range=warning'];
    expect(runCli(args, { cwd: dir }).status).toBe(0);
    expect(runCli([...args, '--fail-on', 'warning'], { cwd: dir }).status).toBe(1);
    expect(runCli([...args, '--fail-on', 'warning'], { cwd: dir }).stdout).toContain('2 warnings');
  });

  it('rejects unknown rules, levels and formats as usage errors (exit 2) with a suggestion', () => {
    const bad = runCli(['lint', '.', '--rule', 'nodeport-out-of-rang=off'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('there is no rule `nodeport-out-of-rang`; did you mean `nodeport-out-of-range`?');
    expect(runCli(['lint', '.', '--rule', 'nodeport-out-of-range=loud'], { cwd: dir }).status).toBe(2);
    const format = runCli(['lint', '.', '--format', 'sarf'], { cwd: dir });
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('unknown format `sarf`; did you mean `sarif`?');
    expect(runCli(['lint', '.', '--as-of', '2026-02-30'], { cwd: dir }).status).toBe(2);
  });

  it('takes severities and suppressions from the spec, and reports the suppressed findings with their reasons', () => {
    const spec = `${NODEPORTS}lint:
  rules: { nodeport-out-of-range: warning }
  suppress:
    - { rule: nodeport-out-of-range, at: components.web, reason: "the API server runs with --service-node-port-range=1-32767" }
`;
    const run = runCli(['lint', '.', ...AS_OF, ...onlyNodeports, '--json'], { cwd: tempSpec({ 'infraspec.yaml': spec }) });
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { findings: Array<{ severity: string; at: { line: number } }>; suppressed: Array<{ reason: string; by: string; at: { line: number } }> };
    expect(doc.findings.map((f) => [f.severity, f.at.line])).toEqual([['warning', 16]]);
    expect(doc.suppressed.map((s) => [s.at.line, s.by, s.reason])).toEqual([[9, 'config', 'the API server runs with --service-node-port-range=1-32767']]);
  });

  it('rejects a suppression without a reason with a positioned error (exit 2)', () => {
    const spec = `${NODEPORTS}lint:
  suppress:
    - { rule: nodeport-out-of-range, at: components.web }
`;
    const run = runCli(['lint', '.', ...AS_OF], { cwd: tempSpec({ 'infraspec.yaml': spec }) });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('infraspec.yaml:19:7: error[missing-key]: `lint.suppress.0` needs `reason`');
    const inline = NODEPORTS.replace('nodePort: 8080 }', 'nodePort: 8080 }  # infraspec-ignore nodeport-out-of-range');
    const run2 = runCli(['lint', '.', ...AS_OF], { cwd: tempSpec({ 'infraspec.yaml': inline }) });
    expect(run2.status).toBe(2);
    expect(run2.stderr).toContain('infraspec.yaml:9:55: error[suppression-without-reason]: the suppression of `nodeport-out-of-range` gives no reason');
  });

  it('an inline `# infraspec-ignore <rule>: <reason>` suppresses the finding on its line, or on the next line when alone', () => {
    const inline = NODEPORTS.replace('nodePort: 8080 }', 'nodePort: 8080 }  # infraspec-ignore nodeport-out-of-range: custom range').replace('      - { port: 81', '      # infraspec-ignore nodeport-out-of-range: admin is disabled in production\n      - { port: 81');
    const run = runCli(['lint', '.', ...AS_OF, ...onlyNodeports, '--json'], { cwd: tempSpec({ 'infraspec.yaml': inline }) });
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { findings: unknown[]; suppressed: Array<{ reason: string; by: string }> };
    expect(doc.findings).toEqual([]);
    expect(doc.suppressed.map((s) => [s.by, s.reason])).toEqual([['inline', 'custom range'], ['inline', 'admin is disabled in production']]);
  });

  it('warns about a suppression that matches nothing, and rejects one naming an unknown rule or path', () => {
    const unused = `${NODEPORTS}lint:
  suppress:
    - { rule: nodeport-out-of-range, at: components.admin.ports.0, reason: "port 80 is fine" }
`;
    const run = runCli(['lint', '.', ...AS_OF, ...onlyNodeports], { cwd: tempSpec({ 'infraspec.yaml': unused }) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('warning[unused-suppression]: the suppression of `nodeport-out-of-range` matches no finding');
    const wrong = `${NODEPORTS}lint:
  suppress:
    - { rule: nodeport-out-of-range, at: components.wbe, reason: "typo" }
`;
    const run2 = runCli(['lint', '.', ...AS_OF], { cwd: tempSpec({ 'infraspec.yaml': wrong }) });
    expect(run2.status).toBe(2);
    expect(run2.stderr).toContain('error[bad-suppression-path]: the spec has no `components.wbe`');
    expect(run2.stderr).toContain('did you mean `components.web`?');
  });
});

describe('infraspec rules and explain', () => {
  it('rules --json lists every rule as {id, severity, category, summary}', () => {
    const run = runCli(['rules', '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(RULES.map((r) => ({ id: r.id, severity: r.severity, category: r.category, summary: r.summary })));
  });

  it('explain prints the rule page; an unknown id is a usage error with a suggestion', () => {
    const run = runCli(['explain', 'nodeport-out-of-range']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(ROOT, 'docs/rules/nodeport-out-of-range.md'), 'utf8'));
    const bad = runCli(['explain', 'nodeport-range']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('there is no rule `nodeport-range`');
  });
});
