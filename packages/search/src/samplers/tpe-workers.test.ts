import { describe, expect, it } from 'vitest';
import { createStudy } from '../create-study.js';
import { processPool } from '../node/process-pool.js';
import { categorical } from '../space/categorical.js';
import { logUniform } from '../space/log-uniform.js';
import { tpe } from './tpe.js';

const objectives = new URL('../../test/objectives/quadratic.mjs', import.meta.url);
const space = { x: logUniform(1e-4, 1), act: categorical(['relu', 'tanh']) };

async function sweep(workers: number, exportName: string, trials: number, retries = 0) {
  const study = await createStudy({ space, seed: 4, sampler: tpe({ startupTrials: 4, lag: 1 }) });
  const pool = processPool({ module: objectives, export: exportName, workers });
  try {
    await study.optimize(pool, { trials, retries });
  } finally {
    await pool.close();
  }
  return study.trials();
}

describe('tpe sampler in worker processes', () => {
  it('gives every trial the same parameters and value with 1 and 4 workers', async () => {
    const [one, four] = [await sweep(1, 'objective', 16), await sweep(4, 'objective', 16)];
    expect(new Set(four.map((t) => t.userAttrs.pid)).size).toBeGreaterThan(1);
    expect(four.map((t) => [t.params, t.value])).toEqual(one.map((t) => [t.params, t.value]));
    expect(four.every((t) => t.state === 'complete')).toBe(true);
  }, 60_000);

  it('does not stall when a trial the model needs crashes and is retried', async () => {
    const [one, four] = [
      await sweep(1, 'killsTrialTwo', 10, 1),
      await sweep(4, 'killsTrialTwo', 10, 1),
    ];
    expect(four.map((t) => t.state)).toEqual(new Array(10).fill('complete'));
    expect(four[2]!.attempt).toBe(2);
    expect(four.map((t) => t.params)).toEqual(one.map((t) => t.params));
  }, 60_000);
});
