// The objective of the kill -9 test: logs each start (number, attempt, parameters, pid) to
// the file in SWEEP_LOG, then works for a while. Trials 5 and 6 wait until the file in
// SWEEP_RELEASE exists, so the test knows exactly which trials are running when it kills.
import { appendFileSync, existsSync } from 'node:fs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function objective(trial) {
  appendFileSync(
    process.env.SWEEP_LOG,
    `${JSON.stringify({ number: trial.number, attempt: trial.attempt, params: trial.params, pid: process.pid })}\n`,
  );
  if (trial.number === 5 || trial.number === 6) {
    while (!existsSync(process.env.SWEEP_RELEASE)) await sleep(20);
  }
  for (let step = 0; step < 3; step++) {
    await sleep(10);
    await trial.report(step, trial.params.x * (3 - step));
  }
  return trial.params.x;
}
