import {
  core,
  createRegistry,
  Dense,
  FunctionModule,
  fit,
  Random,
  Sequential,
  type Tensor,
  tf,
  useBackend,
} from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BatchNorm, BatchTooSmallError, normalization } from '../src/index.js';
import { gaussianClusters } from './clusters.js';

let registry: ReturnType<typeof createRegistry>;

function model() {
  return new Sequential([
    new Dense({ units: 32, random: new Random(1) }),
    registry.normalization('batchNorm'),
    new FunctionModule('relu', (x: Tensor) => tf.relu(x)),
    new Dense({ units: 4, random: new Random(2) }),
  ]);
}

describe("batch norm inside core's fit", () => {
  beforeAll(async () => {
    await useBackend('wasm');
    registry = createRegistry({ plugins: [core, normalization] });
  });

  it('trains in training mode, validates with the running statistics, and leaks nothing', async () => {
    const { train, test } = gaussianClusters('fit data', {
      classes: 4,
      features: 16,
      noise: 1,
      trainPerClass: 50,
      testPerClass: 25,
    });
    const net = model();
    const y = tf.tensor1d(train.labels, 'int32');
    const yTest = tf.tensor1d(test.labels, 'int32');
    net.ensureBuilt([-1, 16]);
    const before = liveTensors();
    const optimizer = registry.optimizer('sgd', { learningRate: 0.1 });
    const history = await fit(
      net,
      { x: train.x, y },
      {
        epochs: 3,
        batchSize: 20,
        optimizer,
        loss: registry.loss('softmaxCrossEntropy'),
        validationData: { x: test.x, y: yTest },
        seed: 3,
      },
    );
    // The optimizer's state (its cached learning-rate scalar) is released by dispose.
    optimizer.dispose();
    expect(liveTensors() - before).toBe(0);
    const norm = net.layers[1] as BatchNorm;
    // 3 epochs x 10 batches of updates with momentum 0.1 move the running mean well away from 0.
    expect(Math.max(...[...norm.runningMean!.dataSync()].map(Math.abs))).toBeGreaterThan(0.05);
    const loss = history.logs.loss!;
    expect(loss[2]!).toBeLessThan(loss[0]!);
    // Four clusters 5.7 apart with noise 1 are separable almost perfectly; chance is 25%.
    expect(history.logs.val_accuracy![2]!).toBeGreaterThan(0.8);
    tf.dispose([train.x, test.x, y, yTest]);
    net.dispose();
  });

  it('a last batch of one example fails with the one-line batch-size error, as PyTorch without drop_last', async () => {
    const { train } = gaussianClusters('fit data', {
      classes: 4,
      features: 16,
      noise: 1,
      trainPerClass: 5,
      testPerClass: 0,
    });
    const y = tf.tensor1d(train.labels, 'int32');
    const net = model();
    // 20 examples in batches of 19: the second batch holds one example.
    const run = fit(
      net,
      { x: train.x, y },
      {
        epochs: 1,
        batchSize: 19,
        optimizer: registry.optimizer('sgd'),
        loss: registry.loss('softmaxCrossEntropy'),
      },
    );
    await expect(run).rejects.toBeInstanceOf(BatchTooSmallError);
    await expect(run).rejects.toThrow(
      /batchNorm: a training batch of shape \[1, 32\] has 1 value per channel/,
    );
    tf.dispose([train.x, y]);
    net.dispose();
  });
});
