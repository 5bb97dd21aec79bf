/**
 * Runs the solver worker under a hard time limit. HiGHS's own limits are set below it,
 * and the worker posts every bound and solution as it finds them, so a kill at the limit
 * loses only the stage that was running.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { usesCost, usesFeasible, type BoundSource, type PatternUse, type SolverInstance, type SolverMessage, type SolverOptions, type SolverSummary, type SolutionSource } from './solver-core.js';

export interface WorkerOutcome {
  solution: { uses: PatternUse[]; cost: number; source: SolutionSource } | null;
  bounds: Array<{ value: number; source: BoundSource }>;
  summary: SolverSummary | null;
  /** What ended the run: it finished, the hard time limit killed it, or it failed. */
  stoppedBy: 'finished' | 'time-limit' | 'error';
  /** The stage running when it stopped. */
  stage: string;
  error: string | null;
  elapsedMs: number;
}

function workerUrl(): URL {
  // Under test the sources are TypeScript; Node strips the worker's types itself.
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  // `../place/`, not `./`: this module also runs from the command line's bundle (dist/bundle/,
  // scripts/bundle.mjs), a sibling of dist/place/ where the worker stays a file of its own.
  return new URL(`../place/solver-worker${extension}`, import.meta.url);
}

export interface SolverRun {
  /** Hand the worker the heuristic start (it needs it before its MIP). */
  sendStart(uses: PatternUse[]): void;
  outcome: Promise<WorkerOutcome>;
}

/** Start the worker now; it loads HiGHS and runs column generation while the caller computes the start. */
export function startSolverWorker(instance: SolverInstance, options: SolverOptions, timeLimitMs: number): SolverRun {
  const began = performance.now();
  const channel = new MessageChannel();
  let sent = false;
  const sendStart = (uses: PatternUse[]): void => {
    if (sent) return;
    sent = true;
    channel.port1.postMessage(uses);
  };
  const outcome = new Promise<WorkerOutcome>((resolve) => {
    const outcome: WorkerOutcome = { solution: null, bounds: [], summary: null, stoppedBy: 'error', stage: 'starting', error: null, elapsedMs: 0 };
    let settled = false;
    const worker = new Worker(workerUrl(), { workerData: { instance, options, startPort: channel.port2 }, transferList: [channel.port2] });
    const finish = (stoppedBy: WorkerOutcome['stoppedBy']): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome.stoppedBy = stoppedBy;
      outcome.elapsedMs = performance.now() - began;
      void worker.terminate();
      channel.port1.close();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('time-limit'), Math.max(1, timeLimitMs));
    worker.on('message', (message: SolverMessage) => {
      switch (message.type) {
        case 'bound':
          outcome.bounds.push({ value: message.value, source: message.source });
          break;
        case 'solution':
          // Trust nothing across the thread boundary: check it here again.
          if (usesFeasible(instance, message.uses)) {
            const cost = usesCost(instance, message.uses);
            if (!outcome.solution || cost < outcome.solution.cost) outcome.solution = { uses: message.uses, cost, source: message.source };
          }
          break;
        case 'stage':
          outcome.stage = message.stage;
          break;
        case 'error':
          outcome.error = message.message;
          break;
        case 'done':
          outcome.summary = message.summary;
          outcome.stage = 'done';
          finish(outcome.error ? 'error' : 'finished');
          break;
      }
    });
    worker.on('error', (error) => {
      outcome.error = error.message;
      finish('error');
    });
    worker.on('exit', () => finish(outcome.summary ? 'finished' : 'error'));
  });
  return { sendStart, outcome };
}
