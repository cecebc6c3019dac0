import {
  core,
  createRegistry,
  Dense,
  FunctionModule,
  fit,
  Random,
  Sequential,
  tf,
  useBackend,
  valueAndGrad,
} from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeSplits } from '../src/dataset.js';
import { datasets, loadSplits, preprocessSplits, Standardize } from '../src/index.js';
import { batches } from '../src/sampling/batches.js';

const fanin = createRegistry({ plugins: [core, datasets] });

function mlp(inputs: number, classes: number, seed: number): Sequential {
  const random = new Random(seed);
  const model = new Sequential([
    new Dense({ units: 16, random: random.fork('0'), path: '0' }),
    new FunctionModule('relu', (x) => tf.relu(x)),
    new Dense({ units: classes, random: random.fork('2'), path: '2' }),
  ]);
  model.ensureBuilt([1, inputs]);
  return model;
}

describe.each(['cpu', 'wasm'] as const)('datasets feeding core on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('fit learns the XOR set from a registry source, split and standardized on the training part', async () => {
    const before = liveTensors();
    const source = fanin.dataset('xor', { pointsPerClass: 200, seed: 1 });
    const raw = await loadSplits(source, {
      train: 0.75,
      validation: 0.25,
      seed: 2,
      stratify: true,
    });
    const { train, validation } = preprocessSplits(raw, new Standardize());
    disposeSplits(raw);
    const model = mlp(source.features, source.classes, 3);
    const optimizer = fanin.optimizer('adam', { learningRate: 0.02 });
    const history = await fit(model, train, {
      epochs: 60,
      batchSize: 32,
      optimizer,
      loss: fanin.loss('softmaxCrossEntropy'),
      metrics: ['accuracy'],
      validationData: validation,
      seed: 4,
    });
    // Not linearly separable: a linear model stays near 50%; one hidden layer solves it.
    expect(history.logs.val_accuracy!.at(-1)).toBeGreaterThan(0.95);
    model.dispose();
    optimizer.dispose();
    disposeSplits({ train, validation });
    expect(liveTensors()).toBe(before);
  });

  it('batches drive a custom loop without leaking', async () => {
    const data = await fanin
      .dataset('blobs', { classes: 3, dimension: 4, std: 0.5, pointsPerClass: 50 })
      .load();
    const model = mlp(4, 3, 5);
    const optimizer = fanin.optimizer('sgd', { learningRate: 0.05 });
    const loss = fanin.loss('softmaxCrossEntropy');
    const losses: number[] = [];
    const before = liveTensors();
    for (let epoch = 0; epoch < 20; epoch++) {
      let total = 0;
      for (const { x, y } of batches(data, { batchSize: 30, seed: 6, epoch })) {
        const { value, grads } = valueAndGrad(
          () => loss.compute(model.apply(x, { training: true }), y),
          model.namedParameters(),
        );
        optimizer.step(model.namedParameters(), grads);
        total += value.dataSync()[0]!;
        tf.dispose([value, ...grads.values()]);
      }
      losses.push(total);
    }
    // The optimizer's per-parameter state is created on its first step; nothing else stays.
    optimizer.dispose();
    expect(liveTensors()).toBe(before);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 4);
    model.dispose();
    tf.dispose([data.x, data.y]);
  });
});
