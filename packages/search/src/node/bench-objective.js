// @ts-check
// The CPU-bound objective sweepThroughput (bench.ts) runs in worker processes: a fixed
// amount of integer arithmetic per trial (params.work iterations of a 32-bit LCG and a
// floating-point accumulation), no I/O and no allocation, so a trial's cost does not
// depend on the machine's load or on the study.

/** @param {{ params: { x: number, y: number, work: number } }} trial */
export function objective(trial) {
  const { x, y, work } = trial.params;
  let state = Math.floor(x * 2 ** 31) >>> 0;
  let sum = 0;
  for (let i = 0; i < work; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    sum += state / 4294967296;
  }
  return (x - 0.3) ** 2 + (y - 0.7) ** 2 + (sum / Math.max(1, work) - 0.5) * 1e-6;
}
