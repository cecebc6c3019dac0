import { describe, expect, it } from 'vitest';
import { categorical } from '../space/categorical.js';
import { fixed } from '../space/fixed.js';
import { int } from '../space/int.js';
import { logInt } from '../space/log-int.js';
import { logUniform } from '../space/log-uniform.js';
import { pow10 } from '../space/pow10.js';
import { uniform } from '../space/uniform.js';
import { trialRecord } from '../testing/trial-record.js';
import { refine } from './refine.js';

const top = (rows: Record<string, number | string>[]) =>
  rows.map((params, i) => trialRecord(i, [], 'complete', { value: i, params }));

describe('refine', () => {
  it('narrows a log range to the top trials in log space, padded by 10% of the old decades', () => {
    const space = { lr: logUniform(1e-6, 1e-1) };
    const refined = refine(space, top([{ lr: 1e-3 }, { lr: 3e-4 }, { lr: 3e-3 }]));
    // Hull 10^-3.523..10^-2.523, padded by 0.5 decade: 10^-4.023..10^-2.023 = 9.484e-5..9.484e-3,
    // rounded outwards to 3 significant digits.
    expect(refined.lr.toJSON()).toEqual({ type: 'logUniform', low: 9.48e-5, high: 9.49e-3 });
  });

  it('narrows pow10 in exponents, rounded to 0.01', () => {
    const refined = refine({ wd: pow10(-8, -2) }, top([{ wd: 1e-5 }, { wd: 1e-4 }]));
    expect(refined.wd.toJSON()).toEqual({ type: 'pow10', low: -5.6, high: -3.4 });
  });

  it('widens instead of narrowing on a side where the best value touches the edge', () => {
    const space = { lr: logUniform(1e-6, 1e-2) };
    // Best at 0.0095: 99.4% of the way up the log range, so the high side moves out by half the old range.
    const refined = refine(space, top([{ lr: 9.5e-3 }, { lr: 1e-3 }, { lr: 3e-3 }]));
    const json = refined.lr.toJSON() as unknown as { low: number; high: number };
    expect(json.high).toBeCloseTo(1, 10);
    // Hull low 10^-3, padded by 0.4 decade: 10^-3.4 = 3.98e-4.
    expect(json.low).toBe(3.98e-4);
    // The low side, far from the best, still narrows.
    expect(json.low).toBeGreaterThan(1e-6);
  });

  it('widens a linear range below its low end, unless a limit forbids it', () => {
    const space = { dropout: uniform(0, 0.5) };
    const trials = top([{ dropout: 0.01 }, { dropout: 0.1 }]);
    expect(refine(space, trials).dropout.toJSON()).toEqual({
      type: 'uniform',
      low: -0.25,
      high: 0.15,
    });
    expect(refine(space, trials, { limits: { dropout: [0, 0.9] } }).dropout.toJSON()).toEqual({
      type: 'uniform',
      low: 0,
      high: 0.15,
    });
  });

  it('keeps integer ranges on their grid and logInt >= 1', () => {
    const refined = refine(
      { layers: int(1, 9, { step: 2 }), width: logInt(8, 1024) },
      top([
        { layers: 5, width: 64 },
        { layers: 7, width: 128 },
      ]),
    );
    expect(refined.layers.toJSON()).toEqual({ type: 'int', low: 3, high: 9, step: 2 });
    // log10 range 0.903..3.010, hull 1.806..2.107, padded by 0.211: 10^1.595..10^2.318 = 39.4..207.9.
    expect(refined.width.toJSON()).toEqual({ type: 'logInt', low: 39, high: 208 });
    const low = refine({ width: logInt(1, 64) }, top([{ width: 1 }]));
    expect((low.width.toJSON() as unknown as { low: number }).low).toBe(1);
  });

  it('keeps the categorical choices of the top trials, and fixed values', () => {
    const refined = refine(
      { act: categorical(['relu', 'tanh', 'elu', 'gelu']), batch: fixed(32) },
      top([
        { act: 'elu', batch: 32 },
        { act: 'relu', batch: 32 },
      ]),
    );
    expect(refined.act.toJSON()).toEqual({ type: 'categorical', choices: ['relu', 'elu'] });
    expect(refined.batch.toJSON()).toEqual({ type: 'fixed', value: 32 });
    const all = refine({ act: categorical(['relu', 'tanh']) }, top([{ act: 'relu' }]), {
      narrowCategorical: false,
    });
    expect(all.act.toJSON()).toEqual({ type: 'categorical', choices: ['relu', 'tanh'] });
  });

  it('needs at least one trial', () => {
    expect(() => refine({ a: uniform(0, 1) }, [])).toThrow(/at least one completed trial/);
  });
});
