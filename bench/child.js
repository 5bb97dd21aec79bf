/**
 * One measured run, in its own process so that peak RSS is this run's alone.
 *
 *   node bench/child.js total FILE      loadSpec + plan, as the CLI does
 *   node bench/child.js breakdown FILE  the same pipeline, stage by stage
 *   node bench/child.js events FILE     js-yaml's parseEvents alone (cold, like inside loadYaml)
 *   node bench/child.js lint FILE       loadSpec + lint with every rule, timed per rule
 *   node bench/child.js generate FILE   loadSpec + every generate target, timed per target (in memory)
 *
 * Prints one JSON line on stdout.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [mode, file] = process.argv.slice(2);
if (!file || !['total', 'breakdown', 'events', 'lint', 'generate'].includes(mode)) {
  process.stderr.write('usage: node bench/child.js total|breakdown|events|lint|generate FILE\n');
  process.exit(2);
}

function peakRssMb() {
  // VmHWM is the kernel's peak resident set; resourceUsage().maxRSS (KiB) is the fallback.
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const lib = await import('../dist/index.js');

if (mode === 'total') {
  const t0 = performance.now();
  const result = lib.loadSpec(file);
  const t1 = performance.now();
  if (!result.model) {
    const first = result.diagnostics.slice(0, 3).map((d) => `${d.code}: ${d.message}`);
    process.stdout.write(JSON.stringify({ error: `spec did not compile: ${first.join('; ')}` }) + '\n');
    process.exit(1);
  }
  const p = lib.plan(result.model, { months: 12 });
  const t2 = performance.now();
  process.stdout.write(
    JSON.stringify({
      parseValidateMs: t1 - t0,
      planMs: t2 - t1,
      totalMs: t2 - t0,
      peakRssMb: peakRssMb(),
      diagnostics: result.diagnostics.length,
      components: result.model.components.length,
      phases: p.phases.length,
    }) + '\n',
  );
} else if (mode === 'lint') {
  const t0 = performance.now();
  const result = lib.loadSpec(file);
  const t1 = performance.now();
  if (!result.model) {
    process.stdout.write(JSON.stringify({ error: 'spec did not compile' }) + '\n');
    process.exit(1);
  }
  const linted = lib.lint(result.model, { asOf: '2026-11-23', clock: () => performance.now() });
  const t2 = performance.now();
  process.stdout.write(
    JSON.stringify({ loadMs: t1 - t0, lintMs: t2 - t1, totalMs: t2 - t0, findings: linted.findings.length, rules: linted.ran.length, timings: linted.timings, peakRssMb: peakRssMb() }) + '\n',
  );
} else if (mode === 'generate') {
  const { generate } = await import('../dist/emit/generate.js');
  const { EMITTERS } = await import('../dist/emit/registry.js');
  const t0 = performance.now();
  const result = lib.loadSpec(file);
  const t1 = performance.now();
  if (!result.model) {
    process.stdout.write(JSON.stringify({ error: 'spec did not compile' }) + '\n');
    process.exit(1);
  }
  // All targets in one run, as `generate --target all` does (they share the plan and the containers).
  const all = generate(result.model, { targets: EMITTERS });
  const t2 = performance.now();
  let bytes = 0;
  for (const f of all.files) bytes += f.content.length;
  // Then each target alone, for the per-target figures.
  const targets = [];
  for (const emitter of EMITTERS) {
    const start = performance.now();
    const out = generate(result.model, { targets: [emitter] });
    targets.push({ target: emitter.id, ms: performance.now() - start, files: out.files.length });
  }
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, generateMs: t2 - t1, files: all.files.length, bytes, targets, peakRssMb: peakRssMb() }) + '\n');
} else if (mode === 'events') {
  const { parseEvents } = await import('js-yaml');
  const text = readFileSync(file, 'utf8');
  const start = performance.now();
  const events = parseEvents(text, { maxDepth: 64 });
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ yamlEventsMs: ms, eventCount: events.length, peakRssMb: peakRssMb() }) + '\n');
} else {
  // The stages of compileSpec (src/spec/compile.ts) for one file without `include:`,
  // called one by one so each can be timed.
  const { validateShape } = await import('../dist/spec/shape.js');
  const { normalize } = await import('../dist/spec/normalize.js');
  const stages = {};
  const time = (name, fn) => {
    const start = performance.now();
    const value = fn();
    stages[name] = performance.now() - start;
    return value;
  };
  const bytes = time('read', () => readFileSync(file));
  const { file: source } = time('decodeUtf8', () => lib.decodeUtf8(file, bytes));
  // The whole loader (js-yaml's parseEvents + building values and positions); the parent
  // times parseEvents alone in another process (mode `events`), both cold.
  const index = new lib.PositionIndex();
  const loaded = time('yamlLoad', () => lib.loadYaml(source, index));
  const root = loaded.value;
  const shape = time('shape', () => validateShape(lib.SpecSchema, root, index, root));
  const normalized = time('normalize', () => {
    const input = {};
    for (const [key, value] of Object.entries(root)) if (key !== 'include' && key !== '$schema') input[key] = Array.isArray(value) ? [...value] : value;
    const origins = new Map(Object.keys(input).map((key) => [key, root]));
    index.registerMerged(input, origins, root);
    const systemSpan = index.entrySpan(root, 'system', 'key');
    return normalize(input, { index, files: [source], systemSpan });
  });
  const p = time('plan', () => lib.plan(normalized.model, { months: 12 }));
  process.stdout.write(
    JSON.stringify({
      stages,
      diagnostics: loaded.diagnostics.length + shape.diagnostics.length + normalized.diagnostics.length,
      phases: p.phases.length,
      peakRssMb: peakRssMb(),
    }) + '\n',
  );
}
