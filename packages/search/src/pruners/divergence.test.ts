import { describe, expect, it } from 'vitest';
import { trialRecord } from '../testing/trial-record.js';
import { divergence } from './divergence.js';

const pruner = divergence();
const decide = (curve: number[], direction: 'minimize' | 'maximize' = 'minimize', p = pruner) => {
  const trial = trialRecord(0, curve, 'running');
  return p.check({ trial, trials: [trial], direction });
};

describe('divergence pruner', () => {
  // Each row: the curve reported so far, whether the last report prunes.
  const table: [string, number[], boolean][] = [
    ['first report', [2.3], false],
    ['falling loss', [2.3, 1.9, 1.2], false],
    ['noisy but below 3x', [2.3, 2.9, 6.8], false],
    ['just above 3x the initial value', [2.3, 2.0, 6.91], true],
    ['NaN at step 1', [2.3, Number.NaN], true],
    ['NaN as the very first report', [Number.NaN], true],
    ['Infinity', [2.3, Number.POSITIVE_INFINITY], true],
    ['-Infinity', [2.3, Number.NEGATIVE_INFINITY], true],
    ['recovered after a spike: only the latest step is judged', [2.3, 9, 1], false],
    ['negative initial value: the ratio rule does not apply', [-1, 5], false],
  ];
  for (const [name, curve, prune] of table) {
    it(`${prune ? 'prunes' : 'keeps'}: ${name}`, () => expect(decide(curve).prune).toBe(prune));
  }

  it('explains itself', () => {
    expect(decide([2, 7]).reason).toBe(
      'diverged: value 7 at step 1 is above 3 × the initial 2 (step 0)',
    );
    expect(decide([2, Number.NaN]).reason).toBe('diverged: value NaN at step 1');
  });

  it('honours ratio and warmupSteps', () => {
    expect(decide([1, 2.5], 'minimize', divergence({ ratio: 2 })).prune).toBe(true);
    expect(decide([1, 5, 5], 'minimize', divergence({ warmupSteps: 3 })).prune).toBe(false);
    expect(decide([1, 5, 5, 5], 'minimize', divergence({ warmupSteps: 3 })).prune).toBe(true);
    expect(decide([1, Number.NaN], 'minimize', divergence({ warmupSteps: 3 })).prune).toBe(true);
  });

  it('when maximizing, prunes only non-finite values', () => {
    expect(decide([0.1, 0.9], 'maximize').prune).toBe(false);
    expect(decide([0.1, Number.NaN], 'maximize').prune).toBe(true);
  });

  it('rejects bad options with the option path', () => {
    expect(() => divergence({ ratio: 0.5 })).toThrow(
      /pruner "divergence": option "ratio" must be a number >= 1, got 0.5/,
    );
  });
});
