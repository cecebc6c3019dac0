import { buildModel, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliRegistry } from '../registry.js';
import { diagnoseTraining, diverged } from './diagnosis.js';
import type { TrainedModel } from './train-model.js';

const registry = cliRegistry();

beforeAll(async () => {
  await useBackend('cpu');
});

/** A finished run with the given batch losses, on a tiny model. */
function trainedWith(batchLosses: number[]): TrainedModel {
  const model = buildModel(
    { inputShape: [2], seed: 1, layers: [{ dense: 4, activation: 'relu' }, { dense: 3 }] },
    { registry },
  );
  return {
    model,
    optimizer: registry.create('optimizer', 'adam' as never),
    history: { logs: {}, epochs: 1 } as unknown as TrainedModel['history'],
    health: undefined as unknown as TrainedModel['health'],
    batchLosses,
    initialLoss: batchLosses[0],
  };
}

function diagnose(batchLosses: number[]) {
  const trained = trainedWith(batchLosses);
  const x = tf.randomNormal([8, 2]);
  try {
    return diagnoseTraining(trained, { x, y: tf.oneHot(tf.zeros([8], 'int32'), 3) } as never, [2]);
  } finally {
    x.dispose();
    trained.model.dispose();
  }
}

describe('the divergence rule of fanin train', () => {
  it('does not stop a long run whose loss fell steadily (it compared the first raw losses with the mean of a window in which the loss had already fallen)', () => {
    // The shape of `fanin train --config examples/model.json --epochs 100 --learning-rate 0.01`:
    // 6300 batches, the loss falls from 0.61 to ~0 within the first 2% (the smoothing window).
    const n = 6300;
    const losses = Array.from({ length: n }, (_, i) => 3e-5 + 0.61 * Math.exp(-250 * (i / n)));
    const diagnosis = diagnose(losses);
    expect(diagnosis.lossCurve.shape).toBe('decreasing');
    expect(diverged(diagnosis)).toBe(false);
    expect(diagnosis.findings.at(-1)!.message).not.toMatch(/rose above 3 times/);
  });

  it('still stops a run whose loss rose above 3 times its start', () => {
    const losses = Array.from({ length: 600 }, (_, i) => (i < 300 ? 2.3 - i / 300 : 9));
    const diagnosis = diagnose(losses);
    expect(diagnosis.lossCurve.shape).toBe('exploding');
    expect(diverged(diagnosis)).toBe(true);
  });
});
