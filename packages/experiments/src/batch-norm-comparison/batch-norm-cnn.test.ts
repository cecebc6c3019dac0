/**
 * The batch-norm comparison on the small CNN at its quick size (BATCH_NORM_CNN_SIZES.quick):
 * 3 weight scales from 0.3 to 0.003, 400 training and 300 validation MNIST images, 2 epochs
 * of SGD (lr 0.1, batches of 25). Without normalization each conv layer scales the signal by
 * about s √(9 · channels / 2): at s = 0.03 and 0.003 the logits shrink to nothing and the
 * plain CNN predicts one class (≈ 11% on the stratified split; we require ≤ 20%). Batch norm
 * standardizes every channel over N, H, W and group norm every group of channels per image,
 * whatever s is, so both train (> 30%) at every scale.
 */
import { useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonRoundTrips, specProblems } from '../../test/spec-check.js';
import { BATCH_NORM_CNN_SIZES, batchNormComparison } from './batch-norm-comparison.js';

type Result = Awaited<ReturnType<typeof batchNormComparison>>;

describe('batchNormComparison on a small CNN (quick cnn size, wasm)', () => {
  let result: Result;
  beforeAll(async () => {
    await useBackend('wasm');
    const leaks = await countLeaks(async () => {
      result = await batchNormComparison(BATCH_NORM_CNN_SIZES.quick);
    });
    expect(leaks).toBe(0);
  }, 300_000);

  it('trains batch norm, group norm and no normalization at every scale', () => {
    expect(result.comparisons.map((c) => Object.keys(c.finals))).toEqual(
      Array(3).fill(['batchNorm', 'groupNorm(groups=4)', 'none']),
    );
  });

  it('without normalization the small scales stay at chance; both norms train', () => {
    for (const comparison of result.comparisons.slice(1)) {
      expect(comparison.without!).toBeLessThanOrEqual(0.2);
      expect(comparison.withNormalization!).toBeGreaterThan(0.3);
      expect(comparison.finals['groupNorm(groups=4)']!).toBeGreaterThan(0.3);
      expect(comparison.winner).toBe('normalization');
    }
    expect(result.summary.message).toMatch(/^batchNorm wins at [23] of 3 weight scales/);
    expect(result.summary.message).toMatch(
      /groupNorm\(groups=4\) beats no normalization at [23] of 3/,
    );
  });

  it('returns JSON data and sound plot specs', () => {
    expect(jsonRoundTrips(result)).toBe(true);
    for (const plot of result.plots) expect(specProblems(plot)).toEqual([]);
  });
});

describe('batchNormComparison cnn options', () => {
  it('refuses groups that do not divide the filters, in one line', async () => {
    await expect(
      batchNormComparison({ model: 'cnn', filters: 6, groups: 4, scales: 1 }),
    ).rejects.toThrow('groups (4) does not divide filters (6)');
  });

  it('refuses a dataset without images, naming it', async () => {
    await useBackend('cpu');
    await expect(
      batchNormComparison({
        model: 'cnn',
        dataset: 'spiral',
        trainSamples: 60,
        validationSamples: 30,
      }),
    ).rejects.toThrow('the cnn needs images, but dataset "spiral" has examples of 2 features');
  });
});
