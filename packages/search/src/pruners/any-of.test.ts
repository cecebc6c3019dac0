import { createRegistry } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { search } from '../index.js';
import { trialRecord } from '../testing/trial-record.js';
import { anyOf } from './any-of.js';
import { divergence } from './divergence.js';
import { rungKey, successiveHalving } from './successive-halving.js';

describe('anyOf', () => {
  const pruner = anyOf([divergence(), successiveHalving({ minResource: 1, reductionFactor: 2 })]);

  it('prunes when any pruner would, naming the first, and keeps every pruner’s records', () => {
    const trial = trialRecord(0, [1, 5], 'running');
    const decision = pruner.check({ trial, trials: [trial], direction: 'minimize' });
    expect(decision.prune).toBe(true);
    expect(decision.reason).toMatch(/^divergence: diverged/);
    expect(decision.systemAttrs).toEqual({ [rungKey(0)]: 5 });
  });

  it('keeps when none would', () => {
    const trial = trialRecord(0, [1, 0.9], 'running');
    expect(pruner.check({ trial, trials: [trial], direction: 'minimize' }).prune).toBe(false);
  });

  it('is built from configs through the registry', () => {
    const fanin = createRegistry({ plugins: [search] });
    const fromConfig = fanin.create('pruner', {
      type: 'anyOf',
      pruners: ['divergence', { type: 'asha', reductionFactor: 3 }],
    });
    expect(fromConfig.config).toEqual({
      type: 'anyOf',
      pruners: [
        { type: 'divergence', ratio: 3, warmupSteps: 0 },
        {
          type: 'successiveHalving',
          minResource: 1,
          reductionFactor: 3,
          minEarlyStoppingRate: 0,
          bootstrapCount: 0,
        },
      ],
    });
    // Every sampler of the plugin is listed (derived, so a new sampler needs no edit here).
    const samplers = Object.keys(search.samplers);
    expect(samplers).toEqual(expect.arrayContaining(['random', 'grid', 'sobol', 'tpe']));
    expect(fanin.list('sampler').map((e) => e.name)).toEqual(
      [...samplers].sort((a, b) => a.localeCompare(b)),
    );
    expect(fanin.sampler('sobol', { scramble: 'shift' }).config).toEqual({
      type: 'sobol',
      scramble: 'shift',
    });
    expect(() => anyOf([])).toThrow(/non-empty/);
  });
});
