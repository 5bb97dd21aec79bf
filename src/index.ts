/**
 * infraspec as a library: everything the CLI does.
 */
export { main, COMMANDS } from './cli/main.js';
export type { Io } from './cli/io.js';
export { toJson } from './cli/json.js';
export { diagnosticsJson, DIAGNOSTICS_SCHEMA_VERSION } from './cli/spec-arg.js';
export { renderPlanText, renderPlanMarkdown, paint } from './cli/views/plan.js';

export type { Diagnostic, DiagnosticJson } from './diagnostics.js';
export { diagnosticToJson, renderDiagnostic, renderDiagnostics, hasErrors, sortDiagnostics } from './diagnostics.js';

export { compileSpec, decodeUtf8, type CompileResult, type ReadSource } from './spec/compile.js';
export { loadSpec, resolveSpecPath, SPEC_FILE_NAME } from './spec/files.js';
export { defineSystem, compileSystem } from './spec/define.js';
export { SourceFile, locate, type Location, type SourceSpan } from './spec/source.js';
export { loadYaml, PositionIndex } from './spec/yaml.js';
export * from './spec/schema.js';
export type { Model, ComponentModel, RoleModel, PhaseModel, BackupModel, VolumeModel, FlowModel, UsageModel, StatedModel, TrafficModel, RequirementLevelModel, CostLineModel, CpuMemory, FigureKind, VersionRequirementModel } from './spec/model.js';
export { figureIds } from './spec/normalize.js';

export { plan, backupPlan, replicaRange, formatFigure, PLAN_SCHEMA_VERSION } from './plan/plan.js';
export type * from './plan/plan.js';

export * as units from './units/index.js';

export { lint, failsAt, findingToJson, lintSummary, LINT_SCHEMA_VERSION, type LintOptions, type LintResult, type SuppressedFinding, type LintSummary } from './lint/run.js';
export { RULES, ruleById } from './lint/registry.js';
export { LintAnalysis, type LintAnalysisOptions } from './lint/analysis.js';
export type { Rule, AnyRule, Report, ReportInput, RuleDocs, Finding, FindingJson, Severity, SeveritySetting, Category, MessageData } from './lint/types.js';
export { formatMessage, SEVERITIES, CATEGORIES } from './lint/types.js';
export { ruleDocPage, ruleIndexPage } from './lint/docs.js';
export { compileText, lintText, checkRuleCases, checkCaseSet, checkValidCase, checkInvalidCase, checkDocsExamples, invalidCaseFindings, TEST_AS_OF, type RuleCases, type ValidCase, type InvalidCase, type ExpectedFinding } from './lint/tester.js';
export { lintJson } from './cli/commands/lint.js';

export { generate, type GenerateOptions, type GenerateResult } from './emit/generate.js';
export { EMITTERS, emitterById } from './emit/registry.js';
export { writeGenerated, compareGenerated, listFiles, MANIFEST, OutputError, type FileChange } from './emit/write.js';
export { toYaml, toYamlStream, toUnitFile, toSortedJson, generatedHeader } from './emit/serialize.js';
export type { Emitter, EmitContext, EmitResult, EmitNote, GeneratedFile } from './emit/types.js';

export * as catalog from './catalog/index.js';
export { cost, costFindings, type CostOptions, type PlacedMachines } from './cost/index.js';
export type * as costTypes from './cost/types.js';
export { placeSpec, placeProblem, placeResultToJson, PLACE_SCHEMA_VERSION } from './place/index.js';
export type * as placeTypes from './place/types.js';
export { preflight } from './preflight/run.js';
export { createRunContext, type RunContextOptions } from './preflight/context.js';
export { HOST_CHECKS } from './preflight/checks/index.js';
export { PROBES } from './preflight/probes/index.js';
export type { CheckModule, CheckResult, CheckStatus, Outcome, PlannedCheck, PlanInput, RunContext, ExecResult } from './preflight/types.js';
