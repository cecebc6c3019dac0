import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blobs } from '../../test/blobs.js';
import { useBackend } from '../backend/backend.js';
import { Dense } from '../modules/dense.js';
import { FunctionModule } from '../modules/module.js';
import { Sequential } from '../modules/sequential.js';
import { core } from '../plugin.js';
import { Random } from '../random/random.js';
import { createRegistry } from '../registry/registry.js';
import { evaluate, predict } from './evaluate.js';
import { fit } from './fit.js';
import type { Callback, CallbackContext, TensorData } from './types.js';

const fanin = createRegistry({ plugins: [core] });

function mlp(seed: number, hidden = 8, classes = 2): Sequential {
  const random = new Random(seed);
  const model = new Sequential([
    new Dense({ units: hidden, random: random.fork('0'), path: '0' }),
    new FunctionModule('relu', (x) => tf.relu(x)),
    new Dense({ units: classes, random: random.fork('2'), path: '2' }),
  ]);
  model.ensureBuilt([1, 2]);
  return model;
}

function weights(model: Sequential): Record<string, number[]> {
  return Object.fromEntries(
    [...model.namedParameters()].map(([name, v]) => [name, Array.from(v.dataSync())]),
  );
}

let train: TensorData;
let validation: TensorData;
beforeAll(async () => {
  await useBackend('cpu');
  train = blobs(100, { seed: 1 });
  validation = blobs(40, { seed: 1, sample: 1 });
});

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

describe('fit', () => {
  const rates = {
    sgd: 0.1,
    momentum: 0.05,
    nesterov: 0.05,
    adagrad: 0.1,
    rmsprop: 0.01,
    adam: 0.01,
    adamw: 0.01,
  } as const;
  it.each(Object.entries(rates))(
    'reduces the loss on two blobs with %s',
    async (name, learningRate) => {
      const model = mlp(3);
      const optimizer = fanin.create('optimizer', { type: name, learningRate });
      disposables.push(model, optimizer);
      const history = await fit(model, train, {
        epochs: 8,
        batchSize: 16,
        optimizer,
        loss: fanin.loss('softmaxCrossEntropy'),
        validationData: validation,
      });
      const loss = history.logs.loss!;
      expect(history.epochs).toBe(8);
      expect(loss).toHaveLength(8);
      expect(loss[7]).toBeLessThan(0.5 * loss[0]!);
      expect(history.logs.accuracy![7]).toBeGreaterThan(0.9);
      expect(history.logs.val_accuracy![7]).toBeGreaterThan(0.9);
      expect(history.stopReason).toBeUndefined();
      expect(optimizer.iterations).toBe(8 * 7);
    },
  );

  it('logs every batch (the last one partial) and weights epoch means by batch size', async () => {
    const model = mlp(3);
    const optimizer = fanin.optimizer('sgd', { learningRate: 0.05 });
    disposables.push(model);
    const batches: {
      epoch: number;
      batch: number;
      step: number;
      loss: number;
      accuracy: number;
    }[] = [];
    const epochs: Record<string, number>[] = [];
    const history = await fit(model, train, {
      epochs: 2,
      batchSize: 32,
      optimizer,
      loss: fanin.loss('softmaxCrossEntropy'),
      validationData: validation,
      callbacks: [
        {
          onBatchEnd: ({ epoch, batch, step, logs }) =>
            void batches.push({ epoch, batch, step, loss: logs.loss!, accuracy: logs.accuracy! }),
          onEpochEnd: ({ logs }) => void epochs.push({ ...logs }),
        },
      ],
    });
    expect(batches.map((b) => `${b.epoch}.${b.batch}@${b.step}`)).toEqual([
      '0.0@1',
      '0.1@2',
      '0.2@3',
      '0.3@4',
      '1.0@5',
      '1.1@6',
      '1.2@7',
      '1.3@8',
    ]);
    const sizes = [32, 32, 32, 4];
    const mean = (epoch: number, key: 'loss' | 'accuracy') =>
      batches.filter((b) => b.epoch === epoch).reduce((sum, b, i) => sum + b[key] * sizes[i]!, 0) /
      100;
    expect(history.logs.loss![0]).toBeCloseTo(mean(0, 'loss'), 6);
    expect(history.logs.accuracy![1]).toBeCloseTo(mean(1, 'accuracy'), 6);
    expect(Object.keys(history.logs).sort()).toEqual([
      'accuracy',
      'loss',
      'val_accuracy',
      'val_loss',
    ]);
    expect(epochs[1]).toEqual({
      loss: history.logs.loss![1],
      accuracy: history.logs.accuracy![1],
      val_loss: history.logs.val_loss![1],
      val_accuracy: history.logs.val_accuracy![1],
    });
    // val_ numbers are evaluate() in inference mode on the trained model.
    const final = await evaluate(model, validation, {
      loss: fanin.loss('softmaxCrossEntropy'),
      batchSize: 7,
    });
    expect(final.loss).toBeCloseTo(history.logs.val_loss![1]!, 6);
    expect(final.accuracy).toBeCloseTo(history.logs.val_accuracy![1]!, 6);
  });

  it('is deterministic: the same seeds give identical weights and losses; another shuffle seed differs', async () => {
    const run = async (shuffleSeed: number) => {
      const model = mlp(5);
      const optimizer = fanin.optimizer('adam', { learningRate: 0.01 });
      const history = await fit(model, train, {
        epochs: 3,
        batchSize: 16,
        optimizer,
        loss: fanin.loss('softmaxCrossEntropy'),
        seed: shuffleSeed,
      });
      const result = { losses: history.logs.loss, weights: weights(model) };
      model.dispose();
      optimizer.dispose();
      return result;
    };
    const first = await run(11);
    const second = await run(11);
    const other = await run(12);
    expect(second).toEqual(first);
    expect(other.losses).not.toEqual(first.losses);
  });

  it('keeps the examples in order without shuffle', async () => {
    const model = mlp(5);
    disposables.push(model);
    const seen: number[] = [];
    const probe = {
      name: 'firstLabel',
      compute: (_p: tf.Tensor, y: tf.Tensor) =>
        tf.tidy(() => tf.cast(tf.slice(y, [0], [1]), 'float32').reshape([])) as tf.Scalar,
    };
    await fit(model, train, {
      epochs: 1,
      batchSize: 25,
      shuffle: false,
      optimizer: fanin.optimizer('sgd'),
      loss: fanin.loss('softmaxCrossEntropy'),
      metrics: [probe],
      callbacks: [{ onBatchEnd: ({ logs }) => void seen.push(logs.firstLabel!) }],
    });
    // blobs() alternates labels 0, 1, 0, 1...; batches start at 0, 25, 50, 75.
    expect(seen).toEqual([0, 1, 0, 1]);
  });

  it('awaits async callbacks in order and stops when a callback asks', async () => {
    const model = mlp(3);
    disposables.push(model);
    const events: string[] = [];
    const recorder: Callback = {
      onTrainBegin: async () => void events.push('trainBegin'),
      onEpochBegin: async ({ epoch }) => void events.push(`epochBegin ${epoch}`),
      onBatchEnd: async ({ epoch, batch }) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        events.push(`batch ${epoch}.${batch}`);
      },
      onEpochEnd: ({ epoch }) => void events.push(`epochEnd ${epoch}`),
      onTrainEnd: ({ logs }) => void events.push(`trainEnd ${Object.keys(logs).join(',')}`),
    };
    const stopper: Callback = {
      onBatchEnd: (context: CallbackContext) => {
        if (context.epoch === 1 && context.batch === 1) context.stop('enough');
      },
    };
    const history = await fit(model, train, {
      epochs: 5,
      batchSize: 40,
      optimizer: fanin.optimizer('sgd'),
      loss: fanin.loss('softmaxCrossEntropy'),
      callbacks: [recorder, stopper],
    });
    expect(events).toEqual([
      'trainBegin',
      'epochBegin 0',
      'batch 0.0',
      'batch 0.1',
      'batch 0.2',
      'epochEnd 0',
      'epochBegin 1',
      'batch 1.0',
      'batch 1.1',
      'trainEnd loss,accuracy',
    ]);
    expect(history).toMatchObject({
      epochs: 1,
      stopReason: 'enough',
      stoppedAt: { epoch: 1, batch: 1 },
    });
    expect(history.logs.loss).toHaveLength(1);
  });

  it('stops after the epoch when a callback asks in onEpochEnd (early stopping)', async () => {
    const model = mlp(3);
    disposables.push(model);
    let best = Number.POSITIVE_INFINITY;
    const earlyStopping: Callback = {
      onEpochEnd: ({ logs, stop }) => {
        // Improvement must beat 1e9 after the first epoch, so it stops after the second.
        if (logs.val_loss! < best - 1e9) best = logs.val_loss!;
        else stop('val_loss did not improve');
      },
    };
    const history = await fit(model, train, {
      epochs: 5,
      optimizer: fanin.optimizer('sgd'),
      loss: fanin.loss('softmaxCrossEntropy'),
      validationData: validation,
      callbacks: [earlyStopping],
    });
    expect(history.epochs).toBe(2);
    expect(history.stopReason).toBe('val_loss did not improve');
    expect(history.stoppedAt).toBeUndefined();
  });

  it('stops cleanly when its signal is aborted, from a callback or from outside', async () => {
    const model = mlp(3);
    disposables.push(model);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    // The optimizer's state (here its cached learning-rate scalar) is released by dispose.
    const optimizer = fanin.optimizer('sgd');
    const history = await fit(model, train, {
      epochs: 4,
      batchSize: 10,
      optimizer,
      loss: fanin.loss('softmaxCrossEntropy'),
      signal: controller.signal,
      callbacks: [
        {
          onBatchEnd: ({ epoch, batch }) => void (epoch === 2 && batch === 4 && controller.abort()),
        },
      ],
    });
    expect(history).toMatchObject({
      epochs: 2,
      stopReason: 'aborted',
      stoppedAt: { epoch: 2, batch: 4 },
    });
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // Aborted by a macrotask while fit runs: fit yields between batches, so it sees it.
    const outside = new AbortController();
    let batches = 0;
    setImmediate(() => outside.abort());
    const second = fanin.optimizer('sgd');
    const stopped = await fit(model, train, {
      epochs: 1000,
      batchSize: 10,
      optimizer: second,
      loss: fanin.loss('softmaxCrossEntropy'),
      signal: outside.signal,
      callbacks: [{ onBatchEnd: () => void batches++ }],
    });
    expect(stopped.stopReason).toBe('aborted');
    expect(batches).toBeLessThanOrEqual(1);
    second.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const already = new AbortController();
    already.abort();
    const none = await fit(model, train, {
      epochs: 3,
      optimizer: fanin.optimizer('sgd'),
      loss: fanin.loss('softmaxCrossEntropy'),
      signal: already.signal,
    });
    expect(none).toEqual({ epochs: 0, logs: {}, stopReason: 'aborted' });
  });

  it('leaks no tensors: the same count before and after fit, and at the end of every epoch', async () => {
    const model = mlp(3);
    disposables.push(model);
    const before = tf.memory().numTensors;
    const sgd = fanin.optimizer('sgd');
    await fit(model, train, {
      epochs: 2,
      batchSize: 30,
      optimizer: sgd,
      loss: fanin.loss('softmaxCrossEntropy'),
      validationData: validation,
    });
    sgd.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // A metric of the user's that leaves intermediates for fit to clean up.
    const meanLogit = {
      name: 'meanLogit',
      compute: (predictions: tf.Tensor) => tf.mean(tf.mul(predictions, 1)) as tf.Scalar,
    };
    const plain = fanin.optimizer('sgd');
    const withMetric = await fit(model, train, {
      epochs: 2,
      batchSize: 30,
      optimizer: plain,
      loss: fanin.loss('softmaxCrossEntropy'),
      metrics: ['accuracy', meanLogit],
    });
    expect(withMetric.logs.meanLogit).toHaveLength(2);
    expect(Number.isFinite(withMetric.logs.meanLogit![0])).toBe(true);
    plain.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const counts: number[] = [];
    const optimizer = fanin.optimizer('adam');
    await fit(model, train, {
      epochs: 4,
      batchSize: 30,
      optimizer,
      loss: fanin.loss('softmaxCrossEntropy'),
      validationData: validation,
      callbacks: [
        {
          onEpochEnd: () => void counts.push(tf.memory().numTensors),
          onAfterStep: () => undefined,
        },
      ],
    });
    expect(new Set(counts).size).toBe(1);
    // Adam's two moments per parameter are the optimizer's, released by dispose.
    expect(counts[0]).toBe(before + 2 * model.namedParameters().size);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shows callbacks the gradients around each optimizer step', async () => {
    const model = mlp(3);
    disposables.push(model);
    const ratios: number[] = [];
    let kernelBefore: number[] = [];
    await fit(model, train, {
      epochs: 1,
      batchSize: 50,
      optimizer: fanin.optimizer('sgd', { learningRate: 0.1 }),
      loss: fanin.loss('softmaxCrossEntropy'),
      callbacks: [
        {
          onBeforeStep: ({ model: m, gradients }) => {
            expect([...gradients!.keys()].sort()).toEqual([
              '0.bias',
              '0.kernel',
              '2.bias',
              '2.kernel',
            ]);
            kernelBefore = Array.from(m.namedParameters().get('0.kernel')!.dataSync());
          },
          onAfterStep: ({ model: m, gradients }) => {
            const after = m.namedParameters().get('0.kernel')!.dataSync();
            const g = gradients!.get('0.kernel')!.dataSync();
            // sgd: the update is exactly -lr * g
            for (const [i, value] of after.entries()) {
              expect(value - kernelBefore[i]!).toBeCloseTo(-0.1 * g[i]!, 6);
            }
            ratios.push((Math.hypot(...g) * 0.1) / Math.hypot(...after));
          },
        },
      ],
    });
    expect(ratios).toHaveLength(2);
  });

  it('does not train frozen modules', async () => {
    const model = mlp(3);
    disposables.push(model);
    model.layers[0]!.freeze();
    const frozen = weights(model)['2.kernel'];
    const firstBefore = Array.from(model.layers[0]!.namedTensors()[0]!.variable.dataSync());
    await fit(model, train, {
      epochs: 1,
      optimizer: fanin.optimizer('sgd'),
      loss: fanin.loss('softmaxCrossEntropy'),
    });
    expect(Array.from(model.layers[0]!.namedTensors()[0]!.variable.dataSync())).toEqual(
      firstBefore,
    );
    expect(weights(model)['2.kernel']).not.toEqual(frozen);
  });

  it('rejects bad data and options with clear messages', async () => {
    const model = mlp(3);
    disposables.push(model);
    const base = {
      epochs: 1,
      optimizer: fanin.optimizer('sgd'),
      loss: fanin.loss('softmaxCrossEntropy'),
    };
    const y = tf.zeros([99], 'int32');
    disposables.push(y);
    await expect(fit(model, { x: train.x, y }, base)).rejects.toThrow(
      'fit: x has 100 examples but y has 99 (shapes [100, 2] and [99])',
    );
    await expect(fit(model, train, { ...base, epochs: 1.5 })).rejects.toThrow(
      'fit: "epochs" must be an integer >= 0, got 1.5',
    );
    await expect(fit(model, train, { ...base, batchSize: 0 })).rejects.toThrow(
      'fit: "batchSize" must be an integer >= 1, got 0',
    );
    await expect(fit(model, train, { ...base, metrics: ['acuracy'] })).rejects.toThrow(
      'unknown metric "acuracy". Did you mean "accuracy"? Available: accuracy',
    );
    await expect(fit(model, train, { ...base, optimizer: undefined as never })).rejects.toThrow(
      'fit: "optimizer" must be an optimizer',
    );
  });
});

describe('predict and evaluate', () => {
  it('predict concatenates batches into exactly the full forward pass', () => {
    const model = mlp(3);
    disposables.push(model);
    const batched = predict(model, train.x, { batchSize: 7 });
    const whole = model.apply(train.x);
    expect(batched.shape).toEqual([100, 2]);
    expect(Array.from(batched.dataSync())).toEqual(Array.from(whole.dataSync()));
    tf.dispose([batched, whole]);
  });

  it('evaluate averages over examples whatever the batch size', async () => {
    const model = mlp(3);
    disposables.push(model);
    const loss = fanin.loss('softmaxCrossEntropy');
    const whole = tf.tidy(() => loss.compute(model.apply(train.x), train.y).dataSync()[0]!);
    const before = tf.memory().numTensors;
    const logs = await evaluate(model, train, { loss, batchSize: 33 });
    expect(tf.memory().numTensors).toBe(before);
    expect(logs.loss).toBeCloseTo(whole, 6);
    expect(Object.keys(logs)).toEqual(['loss', 'accuracy']);
    expect(Object.keys(await evaluate(model, train, { loss, metrics: [] }))).toEqual(['loss']);
  });

  it('thresholds binary accuracy at 0.5 for probabilities and at 0 for logits', async () => {
    const model = new Sequential([
      new FunctionModule('identity', (x) => tf.slice(x, [0, 0], [-1, 1])),
    ]);
    const x = tf.tensor2d([
      [0.2, 0],
      [0.7, 0],
      [-1, 0],
    ]);
    const y = tf.tensor2d([[0], [1], [0]]);
    disposables.push(x, y);
    const probabilities = await evaluate(
      model,
      { x, y },
      { loss: fanin.loss('meanSquaredError'), metrics: ['accuracy'] },
    );
    expect(probabilities.accuracy).toBeCloseTo(2 / 3, 6);
    const p = tf.tensor2d([[0.2], [0.7], [0.1]]);
    disposables.push(p);
    const asProbabilities = await evaluate(
      new Sequential([new FunctionModule('id', (t) => tf.clone(t))]),
      { x: p, y },
      { loss: fanin.loss('binaryCrossEntropy', { fromLogits: false }) },
    );
    expect(asProbabilities.accuracy).toBe(1);
  });
});
