/**
 * Each finding of the training-health diagnosis on a run built to show it (small MNIST
 * splits on wasm), and the healthy default run (the quick config). What the numbers rest on:
 *
 * - The update/weight ratio of plain SGD is lr ‖∇W‖ / ‖W‖, linear in the learning rate. At
 *   the default rate (0.03) it is within a decade of cs231n's 1e-3 in every layer (measured
 *   1.5e-3 to 5.7e-3); a rate 3000 times lower (1e-5) puts it near 1e-6, below the "bad"
 *   bound 1e-5, and the loss cannot move in a few dozen steps.
 * - A bias of -5 under He-initialized weights on MNIST (pre-activation std √(2 E[x²]) ≈ 0.45,
 *   so P(z > 0) = P(N > 11) ≈ 0) makes every relu unit of the first layer output 0 on every
 *   example; the next layers then see 0 and output relu(-5) = 0: all units are dead, every
 *   kernel's gradient is 0 and nothing moves.
 * - 50 training examples are memorized by a 5 x 100 network (training accuracy 1) in 75 steps, while 5
 *   examples per class cannot reach high validation accuracy (nearest-neighbour accuracy of
 *   MNIST with 5 examples per class is about 60-70%): a gap well above the 0.15 "bad" bound.
 * - With plain SGD at lr 2 the first steps overshoot by orders of magnitude: NaN within a few
 *   steps.
 */
import { type DenseLayerConfig, useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonRoundTrips, specProblems } from '../../test/spec-check.js';
import { layerLabel, trainingHealth, trainingHealthExperiment } from './training-health.js';

type Result = Awaited<ReturnType<typeof trainingHealth>>;

const deep = (layer: DenseLayerConfig) => ({
  layers: [...Array.from({ length: 5 }, () => layer), { dense: 10 }],
});
const of = (result: Result, check: string) => result.findings.filter((f) => f.check === check);

describe('trainingHealth on wasm', () => {
  let healthy: Result;
  beforeAll(async () => {
    await useBackend('wasm');
    const leaks = await countLeaks(async () => {
      healthy = await trainingHealth(trainingHealthExperiment.quick);
    });
    expect(leaks).toBe(0);
  });

  it('finds the default run healthy where it is: update ratios near 1e-3, a falling loss', () => {
    const ratios = of(healthy, 'updateRatio');
    expect(ratios.map((f) => f.subject)).toEqual([
      'layer 1',
      'layer 2',
      'layer 3',
      'layer 4',
      'layer 5',
      'layer 6',
    ]);
    for (const finding of ratios) expect(finding.level, finding.message).toBe('ok');
    expect(of(healthy, 'lossCurve')[0]).toMatchObject({ level: 'ok' });
    expect(healthy.lossCurve.shape).toBe('decreasing');
    // 5 relu layers are checked for dead units; the output layer is not.
    expect(of(healthy, 'deadUnits').map((f) => f.subject)).toEqual([
      'layer 1',
      'layer 2',
      'layer 3',
      'layer 4',
      'layer 5',
    ]);
    expect(healthy.final.trainAccuracy).toBeGreaterThan(0.5);
  });

  it('returns JSON data and sound plot specs', () => {
    expect(jsonRoundTrips(healthy)).toBe(true);
    expect(healthy.plots.map((p) => p.name)).toEqual([
      'loss-curve',
      'update-ratio',
      'accuracy',
      'dead-units',
    ]);
    for (const p of healthy.plots) expect(specProblems(p)).toEqual([]);
    expect(healthy.lossCurve.losses).toHaveLength(6 * 10);
    expect(healthy.epochs).toHaveLength(6);
  });

  it('a learning rate far too low: tiny update ratios and a flat loss', async () => {
    const result = await trainingHealth({
      ...trainingHealthExperiment.quick,
      epochs: 2,
      optimizer: { type: 'sgd', learningRate: 1e-5 },
    });
    for (const finding of of(result, 'updateRatio')) {
      expect(finding.level).toBe('bad');
      expect(finding.value).toBeLessThan(1e-5);
      expect(finding.message).toContain(
        'the learning rate is too low for this layer, or its gradient vanishes',
      );
    }
    expect(of(result, 'lossCurve')[0]).toMatchObject({ level: 'bad' });
    expect(result.lossCurve.shape).toBe('flat');
    expect(result.level).toBe('bad');
  });

  it('a very negative bias: every relu unit dead and nothing learns', async () => {
    const result = await trainingHealth({
      ...trainingHealthExperiment.quick,
      epochs: 1,
      model: deep({
        dense: 100,
        activation: 'relu',
        init: 'heNormal',
        biasInit: { type: 'constant', value: -5 },
      }),
    });
    for (const layer of result.layers.slice(0, 5)) {
      expect(layer.deadUnitsBefore).toBe(100);
      expect(layer.deadUnitsAfter).toBe(100);
    }
    for (const finding of of(result, 'deadUnits')) {
      expect(finding).toMatchObject({ level: 'bad', value: 1 });
      expect(finding.message).toContain(
        '100 of 100 units (100%) output 0 on every validation example',
      );
    }
    for (const finding of of(result, 'updateRatio'))
      expect(finding).toMatchObject({ level: 'bad', value: 0 });
  });

  it('50 training examples for 15 epochs: overfitting', async () => {
    const result = await trainingHealth({
      trainSamples: 50,
      validationSamples: 200,
      epochs: 15,
      batchSize: 10,
      optimizer: { type: 'sgd', learningRate: 0.05 },
    });
    const [gap] = of(result, 'generalizationGap');
    expect(result.final.trainAccuracy).toBe(1);
    expect(gap!.level).toBe('bad');
    expect(gap!.value).toBeGreaterThan(0.15);
    expect(gap!.message).toMatch(
      /^The model overfits \(training accuracy 1\.000, validation 0\.\d{3}, a gap of 0\.\d{3}\)/,
    );
  });

  it('a learning rate far too high: the loss diverges', async () => {
    const result = await trainingHealth({
      ...trainingHealthExperiment.quick,
      epochs: 1,
      optimizer: { type: 'sgd', learningRate: 2 },
    });
    expect(of(result, 'lossCurve')[0]!.level).toBe('bad');
    expect(['diverged', 'exploding']).toContain(result.lossCurve.shape);
    expect(of(result, 'updateRatio').some((f) => f.level !== 'ok')).toBe(true);
    expect(jsonRoundTrips(result)).toBe(true);
  });
});

describe('trainingHealth on cpu', () => {
  it('diagnoses any dataset and model, reporting progress per epoch', async () => {
    await useBackend('cpu');
    const events: string[] = [];
    const result = await trainingHealth(
      {
        dataset: 'spiral',
        trainSamples: 200,
        validationSamples: 100,
        epochs: 3,
        batchSize: 50,
        model: {
          layers: [{ dense: 16, activation: 'leakyRelu' }, { activation: 'relu' }, { dense: 3 }],
        },
      },
      { onProgress: (event) => events.push(`${event.done}/${event.total}`) },
    );
    expect(events).toEqual(['4/12', '8/12', '12/12']);
    // leakyRelu is not relu-like; the standalone relu layer (config layer 1) is.
    expect(of(result, 'deadUnits').map((f) => f.subject)).toEqual(['layer 2']);
    expect(of(result, 'updateRatio').map((f) => f.subject)).toEqual(['layer 1', 'layer 3']);
  });

  it('labels layers from parameter paths', () => {
    expect(layerLabel('0')).toBe('layer 1');
    expect(layerLabel('2.activation')).toBe('layer 3 activation');
  });
});
