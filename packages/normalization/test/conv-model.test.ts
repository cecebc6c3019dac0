import { activations } from '@fanin/activations';
import {
  buildModel,
  core,
  createRegistry,
  fit,
  Random,
  tf,
  useBackend,
  valueAndGrad,
} from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalization } from '../src/index.js';

const registry = createRegistry({ plugins: [core, activations, normalization] });

/** A small ResNet-style CNN written as JSON: conv blocks, a residual block, pooling, dropout. */
const cnn = (norm: unknown) => ({
  inputShape: [8, 8, 2],
  seed: 3,
  layers: [
    { conv2d: 4, kernelSize: 3, padding: 'same', norm, activation: 'relu' },
    {
      residual: [
        { conv2d: 4, kernelSize: 3, padding: 'same', norm, activation: 'relu' },
        { conv2d: 4, kernelSize: 3, padding: 'same', norm },
      ],
      activation: 'relu',
    },
    { maxPool2d: 2 },
    { conv2d: 6, kernelSize: 3, stride: 2, padding: 1, activation: 'relu' },
    { globalAvgPool: true },
    { dropout: 0.25 },
    { dense: 3 },
  ],
});

describe('conv networks from a model config', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('normalizes a conv block per channel, with parameters named by config index', () => {
    const model = buildModel(cnn('batchNorm'), { registry });
    const shapes = Object.fromEntries(model.namedTensors().map((t) => [t.name, t.variable.shape]));
    expect(shapes['0.kernel']).toEqual([3, 3, 2, 4]);
    expect(shapes['0.norm.gamma']).toEqual([4]);
    expect(shapes['0.norm.runningMean']).toEqual([4]);
    expect(shapes['1.0.kernel']).toEqual([3, 3, 4, 4]);
    expect(shapes['1.1.norm.beta']).toEqual([4]);
    expect(shapes['3.kernel']).toEqual([3, 3, 4, 6]);
    expect(shapes['6.kernel']).toEqual([6, 3]);
    expect(model.outputShape([5, 8, 8, 2])).toEqual([5, 3]);
    // Batch norm in training mode: each channel of the block's output has batch mean 0 before relu.
    const x = new Random(1).normalTensor([4, 8, 8, 2], 2, 3);
    const block = model.layers[0]!;
    tf.tidy(() => {
      const out = block.apply(x, { training: true });
      expect(out.shape).toEqual([4, 8, 8, 4]);
      expect(tf.min(out).dataSync()[0]).toBeGreaterThanOrEqual(0);
    });
    tf.dispose(x);
    model.dispose();
  });

  it.each([['batchNorm'], [{ type: 'groupNorm', groups: 2 }], ['instanceNorm']])(
    'trains with %j in the conv blocks: the loss falls, every parameter gets a gradient',
    async (norm) => {
      const model = buildModel(cnn(norm), { registry });
      const random = new Random(7);
      const x = random.normalTensor([24, 8, 8, 2]);
      const y = tf.tidy(() => tf.cast(tf.argMax(tf.sum(x, [1, 2]), 1), 'int32'));
      const parameters = model.namedParameters();
      const loss = registry.loss('softmaxCrossEntropy');
      const { grads, value } = valueAndGrad(
        () => loss.compute(model.apply(x, { training: true }), tf.oneHot(y, 3)),
        parameters,
      );
      for (const [name, grad] of grads)
        expect(tf.any(tf.notEqual(grad, 0)).dataSync()[0], name).toBe(1);
      tf.dispose([value, ...grads.values()]);
      const history = await fit(
        model,
        { x, y },
        {
          epochs: 15,
          batchSize: 8,
          optimizer: registry.optimizer('adam', { learningRate: 0.01 }),
          loss,
          seed: 0,
        },
      );
      const losses = history.logs.loss!;
      expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.8);
      tf.dispose([x, y]);
      model.dispose();
    },
  );

  const errors: [string, unknown, string][] = [
    [
      'a dense layer fed an image',
      { inputShape: [8, 8, 1], layers: [{ conv2d: 2, kernelSize: 3 }, { dense: 3 }] },
      'layers[1]: dense got a 4-D input [1, 6, 6, 2]',
    ],
    [
      'a conv after flatten',
      { inputShape: [8, 8, 1], layers: [{ flatten: true }, { conv2d: 2, kernelSize: 3 }] },
      'layers[1]: conv2d needs a 4-D NHWC input',
    ],
    [
      'a kernel larger than the input',
      { inputShape: [4, 4, 1], layers: [{ conv2d: 2, kernelSize: 5 }] },
      'layers[0]: conv2d',
    ],
    [
      'a stride of 0',
      { inputShape: [8, 8, 1], layers: [{ conv2d: 2, kernelSize: 3, stride: 0 }] },
      'layers[0].stride: must be',
    ],
    [
      'channels that do not divide into groups',
      { inputShape: [8, 8, 3], layers: [{ conv2d: 4, kernelSize: 3, groups: 2 }] },
      'layers[0]: conv2d',
    ],
    [
      'a misspelled norm in a conv block',
      { inputShape: [8, 8, 1], layers: [{ conv2d: 2, kernelSize: 3, norm: 'batchnorm' }] },
      'layers[0].norm: unknown normalization "batchnorm". Did you mean "batchNorm"?',
    ],
    [
      'group norm whose groups do not divide the filters',
      {
        inputShape: [8, 8, 1],
        layers: [{ conv2d: 6, kernelSize: 3, norm: { type: 'groupNorm', groups: 4 } }],
      },
      'layers[0]: groupNorm: 4 groups do not divide the 6 channels',
    ],
  ];
  it.each(errors)('refuses %s in one line naming the layer', (_name, config, start) => {
    const before = tf.memory().numTensors;
    let message = '';
    try {
      buildModel(config, { registry });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.startsWith(start), message).toBe(true);
    expect(message).not.toContain('\n');
    expect(tf.memory().numTensors).toBe(before);
  });
});
