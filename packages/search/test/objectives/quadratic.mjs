// A dependency-free objective for process-pool tests: reports a short curve and returns a
// value computed from the parameters, so results can be compared across worker counts.
export async function objective(trial) {
  const { x, act } = trial.params;
  const base = (Math.log10(x) + 2) ** 2 + (act === 'relu' ? 0 : 0.5);
  for (let step = 0; step < 3; step++) await trial.report(step, base + 1 / (step + 1));
  await trial.setUserAttr('pid', process.pid);
  return base;
}

// Dies (SIGKILL) on trial 2's first attempt; fine otherwise.
export async function killsTrialTwo(trial) {
  if (trial.number === 2 && trial.attempt === 1) process.kill(process.pid, 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 20));
  return trial.number;
}

// Dies on trial 2 every time.
export async function alwaysKillsTrialTwo(trial) {
  if (trial.number === 2) process.kill(process.pid, 'SIGKILL');
  return trial.number;
}

// Exercises every trial call across the process boundary.
export async function chatty(trial) {
  await trial.report(0, 2);
  await trial.report(1, Number.NaN);
  const prune = await trial.shouldPrune();
  const momentum = await trial.suggest('momentum', { type: 'uniform', low: 0, high: 0.9 });
  await trial.setUserAttr('seen', { prune, momentum, epochs: trial.epochs, seed: trial.seed });
  if (trial.number === 1) {
    const error = new Error('enough');
    error.name = 'TrialPruned';
    throw error;
  }
  if (trial.number === 2) throw new TypeError('broken objective');
  return momentum;
}
