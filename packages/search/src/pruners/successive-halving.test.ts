import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '../storage/storage.js';
import { trialRecord } from '../testing/trial-record.js';
import { rungKey, successiveHalving } from './successive-halving.js';

describe('successive halving (ASHA, Optuna semantics)', () => {
  const pruner = successiveHalving({ minResource: 1, reductionFactor: 2 });
  // Other trials that already recorded rung 0 (step 1) values 1, 2, 3.
  const others = [1, 2, 3].map((v, i) =>
    trialRecord(i + 1, [9, v], 'complete', { systemAttrs: { [rungKey(0)]: v } }),
  );

  const check = (
    curve: number[],
    trial: TrialRecord = trialRecord(0, curve, 'running'),
    direction: 'minimize' | 'maximize' = 'minimize',
  ) => pruner.check({ trial, trials: [trial, ...others], direction });

  it('does nothing before the first rung (step < minResource)', () => {
    expect(check([5])).toEqual({ prune: false });
  });

  it('records the rung value and keeps a trial in the best 1/factor', () => {
    // Competing [1, 2, 3, 1.5]: promotable index 4/2 - 1 = 1, cutoff 1.5.
    const decision = check([9, 1.5]);
    expect(decision.prune).toBe(false);
    expect(decision.systemAttrs).toEqual({ [rungKey(0)]: 1.5 });
  });

  it('prunes a trial outside the best 1/factor, still recording its rung value', () => {
    const decision = check([9, 2.5]);
    expect(decision.prune).toBe(true);
    expect(decision.systemAttrs).toEqual({ [rungKey(0)]: 2.5 });
    expect(decision.reason).toMatch(/rung 0 \(step 1\).*best 1\/2 of 4 trials \(cutoff 2\)/);
  });

  it('continues to the next rung at step minResource × factor', () => {
    const trial = trialRecord(0, [9, 1.5, 1.2], 'running', { systemAttrs: { [rungKey(0)]: 1.5 } });
    // Step 2 is rung 1; nobody else has a rung 1 value: the first trial there is promoted.
    expect(check([], trial)).toEqual({ prune: false, systemAttrs: { [rungKey(1)]: 1.2 } });
  });

  it('prunes NaN at a rung instead of letting it through (unlike Ray)', () => {
    expect(check([9, Number.NaN]).prune).toBe(true);
  });

  it('flips for maximization', () => {
    expect(check([0, 2.5], undefined, 'maximize').prune).toBe(false);
    expect(check([0, 1.5], undefined, 'maximize').prune).toBe(true);
  });

  it('prunes while fewer than bootstrapCount trials reached a rung', () => {
    const boot = successiveHalving({ minResource: 1, reductionFactor: 2, bootstrapCount: 5 });
    const trial = trialRecord(0, [9, 0.1], 'running');
    expect(boot.check({ trial, trials: [trial, ...others], direction: 'minimize' }).prune).toBe(
      true,
    );
  });
});
