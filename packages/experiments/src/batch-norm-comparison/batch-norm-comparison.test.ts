/**
 * Batch norm against weight scale on the quick config (the CLI's default size): 6 scales
 * from 1 to 1e-4, an MLP of 5 x 100 relu units, 500 MNIST training and 500 validation
 * examples, 5 epochs of SGD (lr 0.01, batches of 50).
 *
 * What the math predicts. Without normalization each hidden layer multiplies the signal's
 * scale by about s √(100/2) (relu keeps half the variance), and the first by s √(784 · 0.1)
 * (MNIST pixels have E[x²] ≈ 0.1): at s = 0.025 that is 0.22 and 0.18 per layer, so the logits
 * are about 1e-4 of their size at He scale (s ≈ √(2/100) = 0.14) and every input gets the
 * same (uniform) prediction; the gradients of the hidden weights carry the same factors. A
 * constant prediction scores the share of one class in the stratified validation split,
 * 10% to 11.4%: we require ≤ 15% at s ≤ 0.025. At s = 1 the signal grows 7x per layer and
 * SGD cannot cope either. Near He scale the plain network trains (> 30%). With batch norm
 * each hidden layer is standardized whatever s is, as long as the batch variance of its
 * input is not swamped by epsilon (1e-5): it is ~s² · 50 ≥ 8e-4 for s ≥ 0.004, where the
 * normalized network trains (> 30%); at s = 1e-4 the variance (5e-7) is below epsilon and
 * batch norm cannot restore the scale, so both stay at chance (a tie). So batch norm should
 * win at 4 of the 6 scales: 1, 0.025, 0.004 and 6.3e-4 (where it still learns a little).
 */
import { useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonRoundTrips, specProblems } from '../../test/spec-check.js';
import { batchNormComparison, batchNormComparisonExperiment } from './batch-norm-comparison.js';

type Result = Awaited<ReturnType<typeof batchNormComparison>>;

describe('batchNormComparison on wasm (quick config)', () => {
  let result: Result;
  beforeAll(async () => {
    await useBackend('wasm');
    const leaks = await countLeaks(async () => {
      result = await batchNormComparison(batchNormComparisonExperiment.quick);
    });
    expect(leaks).toBe(0);
  });

  /** Scales in order: 1, 0.158, 0.0251, 0.00398, 0.000631, 0.0001. */
  const at = (index: number) => result.comparisons[index]!;

  it('uses 6 log-spaced scales from 1 to 1e-4', () => {
    expect(result.comparisons.map((c) => Number(c.scale.toPrecision(3)))).toEqual([
      1, 0.158, 0.0251, 0.00398, 0.000631, 0.0001,
    ]);
  });

  it('without normalization, small scales stay at chance and the He-like scale trains', () => {
    for (const c of result.comparisons.filter((c) => c.scale <= 0.026)) {
      expect(c.without, `scale ${c.scale}`).toBeLessThanOrEqual(0.15);
    }
    expect(at(1).without).toBeGreaterThan(0.3);
  });

  it('with batch norm, scales whose variance exceeds epsilon train', () => {
    expect(at(2).withNormalization).toBeGreaterThan(0.3);
    expect(at(3).withNormalization).toBeGreaterThan(0.3);
  });

  it('batch norm wins at most scales', () => {
    expect(result.summary.wins).toBeGreaterThanOrEqual(4);
    expect(result.summary.scales).toBe(6);
    expect(result.summary.message).toBe(
      `batchNorm wins at ${result.summary.wins} of 6 weight scales (final val_accuracy)`,
    );
  });

  it('returns per-epoch histories, JSON data and sound plot specs', () => {
    expect(result.runs).toHaveLength(12);
    for (const run of result.runs) {
      expect(run.history.epoch).toEqual([1, 2, 3, 4, 5]);
      expect(run.final).toBe(run.history.val_accuracy[4]);
    }
    expect(jsonRoundTrips(result)).toBe(true);
    expect(result.plots.map((p) => p.name)).toEqual(['accuracy-by-scale', 'final-by-scale']);
    for (const p of result.plots) expect(specProblems(p)).toEqual([]);
  });
});

describe('batchNormComparison on cpu (tiny config)', () => {
  it('runs any normalization and metric, reporting progress per run', async () => {
    await useBackend('cpu');
    const events: string[] = [];
    const result = await batchNormComparison(
      {
        scales: 2,
        maxScale: 0.1,
        minScale: 0.01,
        trainSamples: 60,
        validationSamples: 40,
        hiddenLayers: 2,
        units: 16,
        epochs: 2,
        batchSize: 20,
        normalization: 'layerNorm',
        metric: 'accuracy',
      },
      { onProgress: (event) => events.push(`${event.done}/${event.total}`) },
    );
    expect(events).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(result.backend).toBe('cpu');
    expect(result.runs.map((r) => r.variant)).toEqual(['layerNorm', 'none', 'layerNorm', 'none']);
    expect(result.summary.message).toMatch(
      /^layerNorm wins at [0-2] of 2 weight scales \(final accuracy\)$/,
    );
  });

  it('rejects minScale above maxScale', async () => {
    await expect(batchNormComparison({ minScale: 2, maxScale: 1 })).rejects.toThrow(
      'experiment "batchNormComparison": minScale (2) is larger than maxScale (1)',
    );
  });
});

describe('batchNormComparison sizes', () => {
  it('refuses 1e9 units before building, naming the option and the limit', async () => {
    await useBackend('cpu');
    await expect(
      batchNormComparison({
        dataset: 'spiral',
        units: 1e9,
        trainSamples: 60,
        validationSamples: 30,
      }),
    ).rejects.toThrow(
      /^experiment "batchNormComparison": units: 1,000,000,000 units on 2 inputs .*at most 268,435,456/,
    );
  });
});
