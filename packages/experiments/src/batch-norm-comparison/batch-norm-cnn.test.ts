/**
 * Batch norm against weight scale on the small CNN at its quick size (BATCH_NORM_CNN_SIZES):
 * 3 scales 0.3, 0.03, 0.003, 400 MNIST training and 300 validation images, 2 epochs of SGD at
 * 0.1 in batches of 25 (32 steps). Measured on wasm: batch norm 59%, 71%, 68%; group norm (4
 * groups) 19%, 45%, 51%; no normalization 15%, 12%, 11% (a constant prediction scores 10% to
 * 11.4%). Without normalization each conv multiplies the signal by about s sqrt(fan-in / 2),
 * far below 1 at s <= 0.03, so the logits and gradients vanish and 32 steps do not move it
 * off chance; both normalizations restandardize every channel and train.
 */
import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonRoundTrips, specProblems } from '../../test/spec-check.js';
import { BATCH_NORM_CNN_SIZES, batchNormComparison } from './batch-norm-comparison.js';

type Result = Awaited<ReturnType<typeof batchNormComparison>>;

describe('batchNormComparison with model "cnn" on wasm (quick CNN size)', () => {
  let result: Result;
  beforeAll(async () => {
    await useBackend('wasm');
    result = await batchNormComparison(BATCH_NORM_CNN_SIZES.quick);
  }, 300_000);

  it('trains batch norm, group norm and no normalization at each scale', () => {
    expect(result.runs.map((run) => run.variant)).toEqual(
      Array.from({ length: 3 }, () => ['batchNorm', 'groupNorm(groups=4)', 'none']).flat(),
    );
    expect(result.comparisons.map((c) => Number(c.scale.toPrecision(2)))).toEqual([
      0.3, 0.03, 0.003,
    ]);
  });

  it('at small scales the plain CNN stays near chance while both normalized ones train', () => {
    for (const c of result.comparisons.slice(1)) {
      expect(c.without, `scale ${c.scale}`).toBeLessThanOrEqual(0.2);
      expect(c.withNormalization, `scale ${c.scale}`).toBeGreaterThan(0.4);
      expect(c.finals['groupNorm(groups=4)'], `scale ${c.scale}`).toBeGreaterThan(0.3);
    }
  });

  it('summarizes batch norm and group norm against none, with sound plots', () => {
    expect(result.summary.wins).toBeGreaterThanOrEqual(2);
    expect(result.summary.others).toEqual([
      { variant: 'groupNorm(groups=4)', wins: expect.any(Number) },
    ]);
    expect(result.summary.message).toMatch(
      /^batchNorm wins at [23] of 3 weight scales \(final val_accuracy\); groupNorm\(groups=4\) beats no normalization at [23] of 3$/,
    );
    expect(jsonRoundTrips(result)).toBe(true);
    for (const p of result.plots) expect(specProblems(p)).toEqual([]);
  });
});

describe('batchNormComparison with model "cnn": bad configs', () => {
  it('refuses groups that do not divide the filters, and a dataset without images', async () => {
    await useBackend('cpu');
    await expect(batchNormComparison({ model: 'cnn', filters: 6, groups: 4 })).rejects.toThrow(
      'study "batchNormComparison": groups (4) does not divide filters (6)',
    );
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
