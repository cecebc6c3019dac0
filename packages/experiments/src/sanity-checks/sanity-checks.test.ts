/**
 * The sanity checks on a good model and on broken ones, failing for the right reason.
 *
 * What the numbers rest on. For logits z with independent N(0, s²) entries over C classes the
 * expected cross-entropy is ln C + s²/2 (to second order in s), so the 10% tolerance around
 * ln 10 = 2.303 admits logits with std up to about 0.68. The good model (He-initialized relu
 * layers, Glorot output) has logits of std ~0.33 on MNIST: loss ≈ 2.36. With std-1 weights
 * every relu layer multiplies the scale by about √(fan-in/2) ≥ 7 (the first by √(784 · 0.1)
 * ≈ 9), so the logits reach ~1e5 and the loss is of that order, far above ln 10. With zero
 * kernels the L2 term is exactly 0, and no kernel can move (relu'(0) = 0 and every
 * activation is 0): only the output bias learns, so the model predicts one class for all 20
 * examples and cannot fit them.
 */
import { type DenseLayerConfig, useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonRoundTrips, specProblems } from '../../test/spec-check.js';
import { sanityChecks, sanityChecksExperiment } from './sanity-checks.js';

type Result = Awaited<ReturnType<typeof sanityChecks>>;

const deep = (layer: DenseLayerConfig, last: DenseLayerConfig = { dense: 10 }) => ({
  layers: [...Array.from({ length: 5 }, () => layer), last],
});
const check = (result: Result, name: string) => result.checks.find((c) => c.check === name)!;

describe('sanityChecks on wasm', () => {
  let good: Result;
  beforeAll(async () => {
    await useBackend('wasm');
    const leaks = await countLeaks(async () => {
      good = await sanityChecks(sanityChecksExperiment.quick);
    });
    expect(leaks).toBe(0);
  });

  it('passes every check on a well-initialized model', () => {
    expect(good.checks.map((c) => [c.check, c.passed])).toEqual([
      ['initialLoss', true],
      ['regularization', true],
      ['overfit', true],
      ['gradcheck', true],
    ]);
    expect(good.passed).toBe(true);
    expect(check(good, 'initialLoss').expected).toBeCloseTo(Math.log(10), 12);
    expect(Math.abs(check(good, 'initialLoss').value! - Math.log(10))).toBeLessThan(
      0.1 * Math.log(10),
    );
    expect(check(good, 'overfit').value).toBeLessThanOrEqual(300);
    // The input and all 12 parameter tensors (6 kernels, 6 biases) are checked.
    expect(good.gradients.map((g) => g.tensor)).toEqual([
      'input',
      ...[0, 1, 2, 3, 4, 5].flatMap((i) => [`${i}.kernel`, `${i}.bias`]),
    ]);
    for (const g of good.gradients) expect(g.maxErrorRatio!, g.tensor).toBeLessThanOrEqual(1);
  });

  it('returns JSON data and sound plot specs', () => {
    expect(jsonRoundTrips(good)).toBe(true);
    expect(good.plots.map((p) => p.name)).toEqual(['overfit-curve', 'gradcheck-errors']);
    for (const p of good.plots) expect(specProblems(p)).toEqual([]);
  });

  it('a huge initial scale fails the initial-loss check, with the reason', async () => {
    const result = await sanityChecks({
      ...sanityChecksExperiment.quick,
      model: deep(
        { dense: 100, activation: 'relu', init: { type: 'normal', std: 1 } },
        { dense: 10, init: { type: 'normal', std: 1 } },
      ),
    });
    const initial = check(result, 'initialLoss');
    expect(initial.passed).toBe(false);
    expect(initial.value).toBeGreaterThan(1000);
    expect(initial.message).toMatch(/is far above ln\(10\): the initial logits are too large/);
    expect(result.passed).toBe(false);
  });

  it('zero kernels fail the regularization and overfitting checks, with the reasons', async () => {
    const result = await sanityChecks({
      ...sanityChecksExperiment.quick,
      overfitSteps: 50,
      model: deep({ dense: 100, activation: 'relu', init: 'zeros' }, { dense: 10, init: 'zeros' }),
    });
    // Uniform predictions: exactly ln 10.
    expect(check(result, 'initialLoss')).toMatchObject({ passed: true });
    expect(check(result, 'initialLoss').value).toBeCloseTo(Math.log(10), 5);
    expect(check(result, 'regularization')).toMatchObject({ passed: false, value: 0 });
    expect(check(result, 'regularization').message).toContain('every kernel is zero');
    expect(check(result, 'overfit').passed).toBe(false);
    expect(check(result, 'overfit').message).toMatch(
      /^After 50 steps the model fits only \d+% of 20 examples/,
    );
  });

  it('rejects a model whose outputs do not match the classes', async () => {
    await expect(
      sanityChecks({ model: { layers: [{ dense: 8, activation: 'relu' }, { dense: 3 }] } }),
    ).rejects.toThrow(
      'experiment "sanityChecks": the model has 3 outputs but dataset "mnist" has 10 classes',
    );
  });
});

describe('sanityChecks on cpu', () => {
  it('passes on a small well-initialized model, including batch norm', async () => {
    await useBackend('cpu');
    const events: string[] = [];
    const result = await sanityChecks(
      {
        lossSamples: 100,
        model: {
          layers: [
            { dense: 32, activation: 'relu', init: 'heNormal', norm: 'batchNorm' },
            { dense: 10, init: { type: 'normal', std: 0.01 } },
          ],
        },
      },
      { onProgress: (event) => events.push(event.stage) },
    );
    expect(events).toEqual(['initialLoss', 'regularization', 'overfit', 'gradcheck']);
    expect(result.checks.filter((c) => !c.passed).map((c) => c.message)).toEqual([]);
    expect(result.gradients.map((g) => g.tensor)).toContain('0.norm.gamma');
  });
});
