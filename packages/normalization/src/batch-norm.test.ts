import {
  InvalidOptionError,
  Random,
  ShapeError,
  type Tensor,
  tf,
  useBackend,
  valueAndGrad,
} from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, oneLineError } from '../test/assertions.js';
import { BatchNorm } from './batch-norm.js';
import { BatchTooSmallError, ConflictingOptionsError } from './errors.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const values = (t: Tensor) => [...t.dataSync()];
/** One channel: mean 2.5, biased variance 1.25, unbiased 5/3. */
const column = () => tf.tensor2d([[1], [2], [3], [4]]);

describe('batchNorm running statistics', () => {
  it('momentum is the weight of the new batch (PyTorch): 0.9 * old + 0.1 * batch, unbiased variance', () => {
    const bn = new BatchNorm();
    tf.tidy(() => bn.apply(column(), { training: true }));
    expectClose(values(bn.runningMean!), [0.25], 6);
    expectClose(values(bn.runningVar!), [0.9 + 0.1 * (5 / 3)], 6);
  });

  it('decay is the weight of the old statistics (Keras momentum): 0.99 * old + 0.01 * batch', () => {
    const bn = new BatchNorm({ decay: 0.99 });
    expect(bn.momentum).toBeCloseTo(0.01, 12);
    tf.tidy(() => bn.apply(column(), { training: true }));
    expectClose(values(bn.runningMean!), [0.025], 6);
    expectClose(values(bn.runningVar!), [0.99 + 0.01 * (5 / 3)], 6);
  });

  it('runningVariance "biased" stores the batch variance as Keras and tfjs do', () => {
    const bn = new BatchNorm({ runningVariance: 'biased', decay: 0 });
    tf.tidy(() => bn.apply(column(), { training: true }));
    expectClose(values(bn.runningMean!), [2.5], 6);
    expectClose(values(bn.runningVar!), [1.25], 6);
  });

  it('training normalizes with the biased batch variance; inference with the running statistics', () => {
    const bn = new BatchNorm({ decay: 0, epsilon: 1e-9 });
    const trained = tf.tidy(() => values(bn.apply(column(), { training: true })));
    expectClose(
      trained,
      [-1.5, -0.5, 0.5, 1.5].map((v) => v / Math.sqrt(1.25)),
      6,
    );
    const inferred = tf.tidy(() => values(bn.apply(column())));
    expectClose(
      inferred,
      [-1.5, -0.5, 0.5, 1.5].map((v) => v / Math.sqrt(5 / 3)),
      6,
    );
  });

  it('inference on a fresh module is x * gamma / sqrt(1 + epsilon) + beta (running mean 0, variance 1)', () => {
    const bn = new BatchNorm({ epsilon: 0.25 });
    bn.ensureBuilt([2, 2]);
    bn.gamma!.assign(tf.tensor1d([2, -1]));
    bn.beta!.assign(tf.tensor1d([0.5, 1]));
    const y = tf.tidy(() =>
      values(
        bn.apply(
          tf.tensor2d([
            [1, 2],
            [3, 4],
          ]),
        ),
      ),
    );
    const k = 1 / Math.sqrt(1.25);
    expectClose(y, [2 * k + 0.5, -2 * k + 1, 6 * k + 0.5, -4 * k + 1], 6);
  });

  it('stores running statistics as non-trainable state next to the trainable gamma and beta', () => {
    const bn = new BatchNorm();
    bn.ensureBuilt([-1, 3]);
    expect(bn.namedTensors().map((t) => [t.name, t.trainable, t.variable.shape])).toEqual([
      ['gamma', true, [3]],
      ['beta', true, [3]],
      ['runningMean', false, [3]],
      ['runningVar', false, [3]],
    ]);
    expect([...bn.namedState().keys()]).toEqual(['runningMean', 'runningVar']);
  });
});

describe('batchNorm in training', () => {
  it('standardizes every channel of a conv input over batch and space', () => {
    const bn = new BatchNorm({ epsilon: 1e-9 });
    const x = new Random(1).normalTensor([4, 3, 5, 2], 3, 2);
    const y = bn.apply(x, { training: true });
    const { mean, variance } = tf.moments(y, [0, 1, 2]);
    expectClose(values(mean), [0, 0], 5);
    expectClose(values(variance), [1, 1], 5);
    tf.dispose([x, y, mean, variance]);
  });

  it('axis 1 on channels-first input equals axis -1 on the same data channels-last', () => {
    const x = new Random(2).normalTensor([3, 4, 2, 5], 1, 2);
    const first = new BatchNorm({ axis: 1 });
    const last = new BatchNorm();
    const a = tf.tidy(() => values(tf.transpose(first.apply(x, { training: true }), [0, 2, 3, 1])));
    const b = tf.tidy(() => values(last.apply(tf.transpose(x, [0, 2, 3, 1]), { training: true })));
    expectClose(a, b, 5);
    expectClose(values(first.runningVar!), values(last.runningVar!), 5);
    x.dispose();
  });

  it.each([
    ['scale false', { scale: false }, ['beta']],
    ['center false', { center: false }, ['gamma']],
    ['neither', { scale: false, center: false }, []],
  ] as const)(
    'trains with %s (tfjs crashes here): finite gradients for the input and the remaining parameters',
    (_name, options, names) => {
      const bn = new BatchNorm(options);
      const x = tf.variable(new Random(3).normalTensor([6, 3], 0, 1));
      bn.ensureBuilt(x.shape);
      const { value, grads } = valueAndGrad(
        () =>
          tf.sum(tf.mul(bn.apply(x, { training: true }), tf.linspace(-1, 1, 18).reshape([6, 3]))),
        new Map([['input', x], ...bn.namedParameters()]),
      );
      expect([...bn.namedParameters().keys()]).toEqual(names);
      expect([...grads.keys()].sort()).toEqual(['input', ...names].sort());
      for (const g of grads.values()) expect(g.dataSync().every(Number.isFinite)).toBe(true);
      expect(grads.get('input')!.abs().sum().dataSync()[0]).toBeGreaterThan(0);
      tf.dispose([x, value, ...grads.values()]);
    },
  );

  it('does not record the running-statistics update on the gradient tape', () => {
    const bn = new BatchNorm();
    const x = tf.variable(new Random(4).normalTensor([5, 3], 0, 1));
    bn.ensureBuilt(x.shape);
    let tapeOutputs = new Set<unknown>();
    const { value, grads } = valueAndGrad(
      () => {
        const y = bn.apply(x, { training: true });
        const tape = (tf.engine().state as unknown as { activeTape: { outputs: Tensor[] }[] })
          .activeTape;
        tapeOutputs = new Set(tape.flatMap((node) => node.outputs.map((t) => t.dataId)));
        return tf.sum(y);
      },
      new Map([['input', x], ...bn.namedParameters()]),
    );
    expect(tapeOutputs.size).toBeGreaterThan(0);
    expect(tapeOutputs.has(bn.runningMean!.dataId)).toBe(false);
    expect(tapeOutputs.has(bn.runningVar!.dataId)).toBe(false);
    expect(values(bn.runningMean!).some((v) => v !== 0)).toBe(true);
    tf.dispose([x, value, ...grads.values()]);
  });

  it('leaks no tensors in training, inference or a gradient step', () => {
    const bn = new BatchNorm();
    const x = new Random(5).normalTensor([4, 2, 2, 3], 0, 1);
    bn.ensureBuilt(x.shape);
    const before = liveTensors();
    tf.tidy(() => {
      bn.apply(x, { training: true });
      bn.apply(x);
    });
    const { value, grads } = valueAndGrad(
      () => tf.sum(bn.apply(x, { training: true })),
      bn.namedParameters(),
    );
    tf.dispose([value, ...grads.values()]);
    expect(liveTensors()).toBe(before);
    x.dispose();
  });
});

describe('frozen batchNorm', () => {
  it('uses and keeps its running statistics in training mode, and has no trainable parameters', () => {
    const bn = new BatchNorm({ momentum: 0.5 });
    const random = new Random(6);
    const warmup = random.normalTensor([8, 3], 2, 3);
    tf.tidy(() => bn.apply(warmup, { training: true }));
    bn.freeze();
    const mean = values(bn.runningMean!);
    const variance = values(bn.runningVar!);
    const x = random.normalTensor([8, 3], -1, 1);
    const trained = tf.tidy(() => values(bn.apply(x, { training: true })));
    const inferred = tf.tidy(() => values(bn.apply(x)));
    expect(trained).toEqual(inferred);
    expect(values(bn.runningMean!)).toEqual(mean);
    expect(values(bn.runningVar!)).toEqual(variance);
    expect(bn.namedParameters().size).toBe(0);
    bn.freeze(false);
    tf.tidy(() => bn.apply(x, { training: true }));
    expect(values(bn.runningMean!)).not.toEqual(mean);
    tf.dispose([warmup, x]);
  });

  it('accepts a batch of 1 (it needs no batch statistics)', () => {
    const bn = new BatchNorm().freeze();
    expect(tf.tidy(() => bn.apply(tf.ones([1, 4]), { training: true }).shape)).toEqual([1, 4]);
  });
});

describe('batchNorm errors', () => {
  it('batch size 1 in training says why and how to fix it', () => {
    const bn = new BatchNorm();
    const error = oneLineError(() => tf.tidy(() => bn.apply(tf.ones([1, 4]), { training: true })));
    expect(error).toBeInstanceOf(BatchTooSmallError);
    expect(error.message).toMatch(
      /batchNorm: a training batch of shape \[1, 4\] has 1 value per channel/,
    );
    expect(error.message).toMatch(/batches of 2 or more.*layerNorm or groupNorm/);
    expect(tf.tidy(() => bn.apply(tf.ones([1, 4])).shape)).toEqual([1, 4]);
  });

  it('a conv batch of 1 has H * W values per channel and trains, as in PyTorch', () => {
    const bn = new BatchNorm();
    expect(
      tf.tidy(() => bn.apply(tf.randomNormal([1, 3, 3, 2]), { training: true }).shape),
    ).toEqual([1, 3, 3, 2]);
  });

  it('momentum and decay together are an error that explains both conventions', () => {
    const error = oneLineError(() => new BatchNorm({ momentum: 0.1, decay: 0.99 }));
    expect(error).toBeInstanceOf(ConflictingOptionsError);
    expect(error.message).toBe(
      'normalization "batchNorm": options "momentum" and "decay" cannot both be given. momentum is the weight of the new batch (PyTorch, 0.1); decay = 1 - momentum is the weight of the old statistics (Keras momentum, 0.99): give one',
    );
  });

  it.each([
    [0.99, 0.01],
    [0.9, 0.1],
    [0.6, 0.4],
    [1, 0],
  ])(
    'refuses momentum %d, a Keras decay in the PyTorch option, naming decay',
    (momentum, flipped) => {
      const error = oneLineError(() => new BatchNorm({ momentum }));
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.message).toBe(
        `normalization "batchNorm": option "momentum" must be a number >= 0 and <= 0.5 (the weight of the new batch, PyTorch's convention; for Keras's momentum ${momentum} pass decay: ${momentum}, for a new-batch weight of ${momentum} pass decay: ${flipped}), got ${momentum}`,
      );
    },
  );

  it('accepts momentum up to 0.5, and any new-batch weight as decay', () => {
    expect(new BatchNorm({ momentum: 0.5 }).momentum).toBe(0.5);
    expect(new BatchNorm({ momentum: 0 }).momentum).toBe(0);
    expect(new BatchNorm({ decay: 0.01 }).momentum).toBeCloseTo(0.99, 12);
    expect(new BatchNorm({ decay: 0 }).momentum).toBe(1);
  });

  it.each([
    [{ momentum: 1.5 }, 'option "momentum" must be a number >= 0 and <= 0.5, got 1.5'],
    [{ decay: -0.1 }, 'option "decay" must be a number >= 0 and <= 1, got -0.1'],
    [{ epsilon: 0 }, 'option "epsilon" must be a number > 0, got 0'],
    [
      { runningVariance: 'sample' },
      'option "runningVariance" must be one of "unbiased", "biased", got "sample"',
    ],
    [{ axis: 1.5 }, 'option "axis" must be an integer, got 1.5'],
    [{ center: 'no' }, 'option "center" must be true or false, got "no"'],
  ])('rejects bad options %o', (options, message) => {
    const error = oneLineError(() => new BatchNorm(options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.message).toBe(`normalization "batchNorm": ${message}`);
  });

  it('suggests the intended option for a typo', () => {
    expect(oneLineError(() => new BatchNorm({ momentun: 0.1 } as never)).message).toMatch(
      /unknown option "momentun". Did you mean "momentum"\?/,
    );
  });

  it.each([
    [
      [6],
      {},
      'batchNorm: expected an input of rank >= 2 ([batch, channels] or [batch, ..., channels]), got shape [6]',
    ],
    [
      [4, 6],
      { axis: 2 },
      'batchNorm: axis 2 is out of range for an input of shape [4, 6]. Use -1 for channels-last or 1 for channels-first inputs',
    ],
    [
      [4, 6],
      { axis: 0 },
      'batchNorm: axis 0 is the batch axis of an input of shape [4, 6]. Use the channel axis: -1 for channels-last or 1 for channels-first inputs',
    ],
  ] as const)('rejects input shape %o with options %o', (shape, options, message) => {
    const error = oneLineError(() => new BatchNorm(options).ensureBuilt(shape));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(message);
  });

  it('rejects an input of another rank or channel count than it was built for', () => {
    const bn = new BatchNorm();
    bn.ensureBuilt([-1, 6]);
    const error = oneLineError(() => bn.apply(tf.ones([4, 5])));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toMatch(
      /^batchNorm: built for inputs of shape \[\?, 6\] \(rank 2; axis 1: 6\) but got \[4, 5\]/,
    );
    expect(() => bn.apply(tf.ones([4, 3, 6]))).toThrow(ShapeError);
  });

  it('accepts other spatial sizes for a conv input (fully convolutional)', () => {
    const bn = new BatchNorm();
    tf.tidy(() => bn.apply(tf.ones([2, 4, 4, 3])));
    expect(tf.tidy(() => bn.apply(tf.ones([2, 7, 5, 3])).shape)).toEqual([2, 7, 5, 3]);
  });
});
