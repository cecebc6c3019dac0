// The code the guides show is these files (included with VitePress's <<< snippets), so it
// must run: each example is executed here and its results checked.
import { tf } from '@fanin/core';
import { describe, expect, it } from 'vitest';

describe('getting started', () => {
  it('trains the spiral model to a useful validation accuracy, as the guide says', async () => {
    const { history, model, scores } = await import('../examples/getting-started/train.js');
    expect(history.epochs).toBe(30);
    expect(history.logs.val_accuracy!.at(-1)).toBeGreaterThan(0.9);
    expect(scores.accuracy).toBeCloseTo(history.logs.val_accuracy!.at(-1)!, 5);
    model.dispose();
  });

  it('runs a coarse and a fine stage of a sweep', async () => {
    const before = tf.memory().numTensors;
    const { coarse, fine } = await import('../examples/getting-started/sweep.js');
    const coarseTrials = await coarse.trials();
    const fineTrials = await fine.trials();
    expect(coarseTrials).toHaveLength(12);
    expect(fineTrials).toHaveLength(6);
    expect(fine.epochs).toBe(6);
    // The fine stage searches a narrower learning-rate range around the best coarse trial.
    const best = await coarse.bestTrial();
    const coarseRange = coarse.space.learningRate;
    const fineRange = fine.space.learningRate;
    expect(fineRange.max / fineRange.min).toBeLessThan(coarseRange.max / coarseRange.min);
    expect(best!.params.learningRate).toBeGreaterThanOrEqual(fineRange.min);
    expect(best!.params.learningRate).toBeLessThanOrEqual(fineRange.max);
    for (const trial of fineTrials) {
      expect(trial.params.learningRate).toBeGreaterThanOrEqual(fineRange.min);
      expect(trial.params.learningRate).toBeLessThanOrEqual(fineRange.max);
    }
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });
});
