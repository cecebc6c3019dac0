import { describe, expect, it } from 'vitest';
import { categorical } from '../space/categorical.js';
import { logUniform } from '../space/log-uniform.js';
import { uniform } from '../space/uniform.js';
import { trialRecord } from '../testing/trial-record.js';
import { edgeWarnings } from './edges.js';

describe('edge warnings', () => {
  const space = {
    lr: logUniform(1e-6, 1e-2),
    wd: logUniform(1e-8, 1e-4),
    dropout: uniform(0, 0.5),
    act: categorical(['relu', 'tanh']),
  };
  const trials = [
    trialRecord(0, [], 'complete', {
      value: 0.1,
      params: { lr: 9e-3, wd: 1e-6, dropout: 0.01, act: 'relu' },
    }),
    trialRecord(1, [], 'complete', {
      value: 0.5,
      params: { lr: 1e-6, wd: 1e-8, dropout: 0.25, act: 'tanh' },
    }),
  ];

  it('warns for each numeric parameter of the best trial within 5% of an edge, on its own scale', () => {
    const warnings = edgeWarnings(space, trials, 'minimize');
    expect(warnings.map((w) => [w.parameter, w.side])).toEqual([
      ['lr', 'high'],
      ['dropout', 'low'],
    ]);
    expect(warnings[0]!.message).toBe(
      'lr: the best value 0.009 (trial 0) is at the high edge of logUniform(1e-6, 0.01) (99% of the range on its log scale); the optimum may be above 0.01: widen the range (refine does)',
    );
  });

  it('follows the direction and the threshold', () => {
    expect(edgeWarnings(space, trials, 'maximize').map((w) => [w.parameter, w.side])).toEqual([
      ['lr', 'low'],
      ['wd', 'low'],
    ]);
    // lr 9e-3 sits 1.14% below the top of its log range, dropout 0.01 at 2% of its range.
    expect(
      edgeWarnings(space, trials, 'minimize', { threshold: 0.012 }).map((w) => w.parameter),
    ).toEqual(['lr']);
    expect(
      edgeWarnings(space, trials, 'minimize', { threshold: 0.011 }).map((w) => w.parameter),
    ).toEqual([]);
    expect(edgeWarnings(space, [], 'minimize')).toEqual([]);
  });
});
