import { Random, type Tensor, tf } from '@fanin/core';

/** A labelled set of Gaussian clusters: inputs [n, features] and integer labels. */
export interface Clusters {
  readonly x: Tensor;
  readonly labels: number[];
}

/**
 * An MNIST-like synthetic task: `classes` Gaussian clusters in `features` dimensions, centers
 * drawn N(0, 1) per coordinate (about sqrt(2 * features) apart), noise N(0, noise^2). Returns
 * a training and a test set drawn around the same centers, balanced and seeded.
 */
export function gaussianClusters(
  seed: string,
  options: {
    classes: number;
    features: number;
    noise: number;
    trainPerClass: number;
    testPerClass: number;
  },
): { train: Clusters; test: Clusters } {
  const random = new Random(seed);
  const { classes, features, noise } = options;
  const centers = Array.from({ length: classes }, () =>
    Array.from({ length: features }, () => random.normal()),
  );
  const draw = (stream: Random, perClass: number): Clusters => {
    const xs: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < perClass * classes; i++) {
      const label = i % classes;
      for (const c of centers[label]!) xs.push(c + noise * stream.normal());
      labels.push(label);
    }
    return { x: tf.tensor2d(xs, [labels.length, features]), labels };
  };
  return {
    train: draw(random.fork('train'), options.trainPerClass),
    test: draw(random.fork('test'), options.testPerClass),
  };
}
