// @ts-check
// Objectives of the distributed-sweep tests: small, synthetic and deterministic in their
// parameters, so a trial's value does not depend on which worker ran it or how often.
import { appendFileSync } from 'node:fs';

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Appends a JSON line to $FANIN_TEST_STARTS, if set: who started which attempt. */
function logStart(/** @type {any} */ trial) {
  const file = process.env.FANIN_TEST_STARTS;
  if (file)
    appendFileSync(
      file,
      `${JSON.stringify({ number: trial.number, attempt: trial.attempt, pid: process.pid, workerPid: process.ppid })}\n`,
    );
}

/**
 * A bowl with a learning curve: `epochs` reports (`stepMs` apart), converging to
 * (x - 0.3)^2 + (y - 0.7)^2; stops when the pruner says so.
 * @param {any} trial
 */
export async function bowl(trial) {
  logStart(trial);
  const { x, y, stepMs = 0 } = trial.params;
  await trial.setUserAttr('seed', trial.seed);
  await trial.setUserAttr('pid', process.pid);
  await trial.setUserAttr('workerPid', process.ppid);
  const final = (x - 0.3) ** 2 + (y - 0.7) ** 2;
  const epochs = trial.epochs ?? 3;
  for (let step = 0; step < epochs; step++) {
    if (stepMs > 0) await sleep(stepMs);
    await trial.report(step, final * (epochs - step));
    if (await trial.shouldPrune()) {
      const error = new Error('stopped by the pruner');
      error.name = 'TrialPruned';
      throw error;
    }
  }
  return final;
}

/**
 * Blocks this process's CPU for `blockMs` without yielding (a training step that never
 * awaits), then returns x.
 * @param {any} trial
 */
export function blocking(trial) {
  logStart(trial);
  const end = Date.now() + trial.params.blockMs;
  let spins = 0;
  while (Date.now() < end) spins++;
  return trial.params.x + (spins < 0 ? 1 : 0);
}

/**
 * Fails: throws a RangeError (an objective's own error, recorded as the trial's failure).
 * @param {any} trial
 */
export function throwing(trial) {
  logStart(trial);
  throw new RangeError(`trial ${trial.number} diverged`);
}
