/**
 * The solver worker: loads HiGHS, runs the pattern model and posts progress. It lives in
 * its own thread because HiGHS's `time_limit` is not always honoured in MIP solves; the
 * caller terminates the thread at its time limit and keeps what was posted. It also lets
 * HiGHS load and column generation run while the main thread computes the heuristics.
 *
 * Only type imports are static: the core is loaded beside this file by extension, so the
 * worker also runs from the TypeScript sources (Node strips the types) under test.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Highs } from 'highs';
import type { PatternUse, SolverInstance, SolverMessage, SolverOptions } from './solver-core.js';

interface WorkerInput {
  instance: SolverInstance;
  options: SolverOptions;
  /** Receives the heuristic start (a PatternUse[]) once the main thread has it. */
  startPort: MessagePort;
}

const post = (message: SolverMessage): void => parentPort?.postMessage(message);

try {
  const input = workerData as WorkerInput;
  const start = new Promise<PatternUse[]>((resolve) => input.startPort.once('message', (uses: PatternUse[]) => resolve(uses)));
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const core = (await import(new URL(`./solver-core${extension}`, import.meta.url).href)) as typeof import('./solver-core.js');
  // The package's types describe its CommonJS face; its ES module build has the loader as default.
  const loadHighs = ((await import('highs')) as unknown as { default: () => Promise<Highs> }).default;
  const highs = await loadHighs();
  await core.solveWithHighs(highs, input.instance, start, input.options, post);
  input.startPort.close();
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
