import { describe, expect, it } from 'vitest';
import { randomUnit } from '../samplers/random.js';
import { categorical } from '../space/categorical.js';
import { logUniform } from '../space/log-uniform.js';
import { uniform } from '../space/uniform.js';
import { trialRecord } from '../testing/trial-record.js';
import { parameterImportance } from './importance.js';

describe('parameter importance', () => {
  const space = {
    lr: logUniform(1e-5, 1e-1),
    noise: uniform(0, 1),
    act: categorical(['relu', 'tanh', 'elu']),
  };
  const trials = Array.from({ length: 120 }, (_, k) => {
    const lr = space.lr.fromUnit(randomUnit(1, k, 'lr'));
    const noise = space.noise.fromUnit(randomUnit(1, k, 'noise'));
    const act = space.act.fromUnit(randomUnit(1, k, 'act'));
    // Only the learning rate matters (a bowl in log10 lr around 1e-3), plus a little jitter.
    const value = (Math.log10(lr) + 3) ** 2 + 0.05 * randomUnit(1, k, 'jitter');
    return trialRecord(k, [], 'complete', { value, params: { lr, noise, act } });
  });

  it('ranks the parameter that matters first and gives the others about nothing', () => {
    const rows = parameterImportance(space, trials);
    expect(rows[0]!.parameter).toBe('lr');
    expect(rows[0]!.importance).toBeGreaterThan(0.8);
    for (const row of rows.slice(1)) expect(row.importance).toBeLessThan(0.05);
    expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 12);
    expect(rows.find((r) => r.parameter === 'act')!.spearman).toBeUndefined();
  });

  it('sees a monotone effect in the Spearman correlation', () => {
    const monotone = trials.map((t) => ({ ...t, value: Math.log10(t.params.lr as number) }));
    const rows = parameterImportance(space, monotone);
    expect(rows.find((r) => r.parameter === 'lr')!.spearman).toBeCloseTo(1, 12);
  });

  it('needs three completed trials and ignores the others', () => {
    expect(parameterImportance(space, trials.slice(0, 2))).toEqual([]);
    const withFailures = [
      ...trials.slice(0, 2),
      trialRecord(99, [], 'failed', { params: { lr: 1e-3, noise: 0.5, act: 'relu' } }),
    ];
    expect(parameterImportance(space, withFailures)).toEqual([]);
  });
});
