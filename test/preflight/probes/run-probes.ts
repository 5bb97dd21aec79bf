/**
 * Plan the service probes from a spec text with the real compiler, run them, and
 * index the results by component and check id.
 */
import { compileText } from '../../../src/lint/tester.js';
import { createRunContext, type RunContextOptions } from '../../../src/preflight/context.js';
import { PROBES } from '../../../src/preflight/probes/index.js';
import type { CheckResult, PlannedCheck } from '../../../src/preflight/types.js';
import type { Model } from '../../../src/spec/model.js';
import { locate } from '../../../src/spec/source.js';

export function compileModel(text: string): Model {
  const { model, diagnostics } = compileText(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (model === null || errors.length > 0) throw new Error(`the test spec does not compile:\n${errors.map((d) => d.message).join('\n')}`);
  return model;
}

export function planProbes(model: Model): PlannedCheck[] {
  const phase = model.phases[0];
  if (phase === undefined) throw new Error('the model has no phase');
  return PROBES.flatMap((probe) => probe.plan({ model, phase, role: null, components: phase.components }));
}

export interface Results {
  all: CheckResult[];
  /** The result of `check` on `component` (null for DNS); throws when absent so a typo cannot pass. */
  get(component: string | null, check: string): CheckResult;
}

export async function runPlanned(checks: PlannedCheck[], options: RunContextOptions): Promise<Results> {
  const ctx = createRunContext(options);
  const all = await Promise.all(
    checks.map(async (planned): Promise<CheckResult> => {
      const started = performance.now();
      const outcome = await planned.run(ctx);
      return {
        role: planned.role,
        component: planned.component,
        check: planned.check,
        status: outcome.status,
        measured: outcome.measured,
        minimum: planned.minimum,
        recommended: planned.recommended,
        message: outcome.message,
        at: planned.at,
        durationMs: Math.round(performance.now() - started),
      };
    }),
  );
  return {
    all,
    get(component, check) {
      const found = all.find((r) => r.component === component && r.check === check);
      if (found === undefined) {
        const known = all.map((r) => `${r.component ?? '-'} ${r.check}`).join('\n  ');
        throw new Error(`no result for ${component ?? '-'} ${check}; results:\n  ${known}`);
      }
      return found;
    },
  };
}

/** Results as an output format would write them (positions as file:line:column), for redaction tests. */
export function serialized(results: Results): string {
  return JSON.stringify(results.all.map((r) => ({ ...r, at: r.at === null ? null : locate(r.at) })));
}

export async function probe(text: string, options: RunContextOptions): Promise<Results> {
  return runPlanned(planProbes(compileModel(text)), options);
}
