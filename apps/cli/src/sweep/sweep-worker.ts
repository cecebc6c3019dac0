/**
 * The module each sweep worker process imports (dist/sweep-worker.js, export `objective`):
 * `@fanin/search/node`'s processPool forks workers that load it and call `objective(trial)`
 * for each trial they are sent. The sweep is the FANIN_SWEEP environment variable (an
 * `ObjectiveSpec` as JSON: the base model, the objective and the source name; set by the
 * controller), the backend FANIN_BACKEND. Any other executor can run trials with it given
 * those two variables.
 */
import { type BackendName, FaninError, useBackend } from '@fanin/core';
import type { TrialHandle } from '@fanin/search';
import { cliRegistry } from '../registry.js';
import { type ObjectiveSpec, runTrial } from './objective.js';

// Ctrl-C reaches the whole process group; the controller decides what happens to running
// trials (it leaves them unfinished in the journal, to be re-run on resume) and ends workers.
process.on('SIGINT', () => {});

function specFromEnvironment(): ObjectiveSpec {
  const text = process.env.FANIN_SWEEP;
  if (!text)
    throw new FaninError(
      'NO_SWEEP',
      'sweep-worker: FANIN_SWEEP is not set (this module runs in a fanin sweep worker)',
    );
  return JSON.parse(text) as ObjectiveSpec;
}

let ready: Promise<unknown> | undefined;

/** The objective a worker runs: one trial of the sweep in FANIN_SWEEP. */
export async function objective(trial: TrialHandle): Promise<number> {
  ready ??= useBackend((process.env.FANIN_BACKEND ?? 'wasm') as BackendName);
  await ready;
  return runTrial(specFromEnvironment(), cliRegistry(), trial);
}
