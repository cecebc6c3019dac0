/**
 * The classic batch-norm result (Ioffe and Szegedy, 2015; the "weight scale" experiment of
 * the fanin seeds): a 5 x 100 ReLU MLP whose weights start at std 0.01 does not learn, and
 * the same network with batch norm after every hidden dense layer does.
 *
 * Why, and so which thresholds: each hidden layer multiplies the activation scale by about
 * 0.01 * sqrt(100) * sqrt(1/2) = 0.07, so after five layers the signal reaching the output is
 * ~1e-6 of the input and the logits are ~1e-7: the softmax is uniform whatever the input, and
 * the gradients of the hidden weights carry the same vanishing factors. The plain network is
 * therefore a constant classifier: on 10 balanced classes, about 10% accuracy (the test set's
 * largest class share, 10% +- 1.3%); we require < 20%. Batch norm re-standardizes every layer,
 * so activations are O(1) whatever the weight scale and the gradients do not vanish; the
 * clusters below are separable to about 90% (Bayes), and we require > 60% in inference mode
 * (which also exercises the running statistics) after the same 10 epochs.
 */
import {
  Dense,
  FunctionModule,
  type Initializer,
  type Module,
  Random,
  Sequential,
  type Tensor,
  tf,
  useBackend,
  valueAndGrad,
} from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm } from '../src/index.js';
import { gaussianClusters } from './clusters.js';

const CLASSES = 10;
const FEATURES = 64;
const HIDDEN = 100;
const DEPTH = 5;
const EPOCHS = 10;
const BATCH = 50;
const LEARNING_RATE = 0.1;

const smallWeights: Initializer = {
  name: 'normal(0, 0.01)',
  init: (shape, { random }) => random.normalTensor(shape, 0, 0.01),
};

function mlp(withBatchNorm: boolean, random: Random): Sequential {
  const layers: Module[] = [];
  for (let i = 0; i < DEPTH; i++) {
    layers.push(
      new Dense({
        units: HIDDEN,
        kernelInitializer: smallWeights,
        random: random.fork('layer', i),
      }),
    );
    if (withBatchNorm) layers.push(new BatchNorm());
    layers.push(new FunctionModule('relu', (x: Tensor) => tf.relu(x)));
  }
  layers.push(
    new Dense({ units: CLASSES, kernelInitializer: smallWeights, random: random.fork('output') }),
  );
  return new Sequential(layers);
}

function crossEntropy(logits: Tensor, oneHot: Tensor): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}

/** Plain SGD over shuffled mini-batches; returns the test accuracy in inference mode. */
function trainAndTest(withBatchNorm: boolean): number {
  const random = new Random('batch-norm-mlp');
  // Centers ~11 apart, noise std 2.5: separable to about 90% (Bayes).
  const { train, test } = gaussianClusters('batch-norm-mlp data', {
    classes: CLASSES,
    features: FEATURES,
    noise: 2.5,
    trainPerClass: 100,
    testPerClass: 50,
  });
  const model = mlp(withBatchNorm, random.fork('model'));
  model.ensureBuilt([-1, FEATURES]);
  const order = random.fork('shuffle');
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const permutation = order.permutation(train.labels.length);
    for (let start = 0; start < permutation.length; start += BATCH) {
      tf.tidy(() => {
        const indices = tf.tensor1d(permutation.slice(start, start + BATCH), 'int32');
        const x = tf.gather(train.x, indices);
        const y = tf.oneHot(tf.gather(tf.tensor1d(train.labels, 'int32'), indices), CLASSES);
        const parameters = model.namedParameters();
        const { value, grads } = valueAndGrad(
          () => crossEntropy(model.apply(x, { training: true }), y),
          parameters,
        );
        for (const [name, gradient] of grads) {
          const parameter = parameters.get(name)!;
          parameter.assign(tf.sub(parameter, tf.mul(gradient, LEARNING_RATE)));
        }
        tf.dispose([value, ...grads.values()]);
      });
    }
  }
  const predicted = tf.tidy(() => [...tf.argMax(model.apply(test.x), 1).dataSync()]);
  const accuracy = predicted.filter((p, i) => p === test.labels[i]).length / test.labels.length;
  tf.dispose([train.x, test.x]);
  model.dispose();
  return accuracy;
}

describe('batch norm rescues a badly scaled deep MLP', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('weights with std 0.01: near chance without batch norm, well above it with batch norm', () => {
    const without = trainAndTest(false);
    const withBatchNorm = trainAndTest(true);
    console.log(
      `test accuracy after ${EPOCHS} epochs: without batch norm ${without.toFixed(3)}, with batch norm ${withBatchNorm.toFixed(3)}`,
    );
    expect(without).toBeLessThan(0.2);
    expect(withBatchNorm).toBeGreaterThan(0.6);
  });
});
