import { Random, type Tensor, tf } from '@fanin/core';

/**
 * The network every training benchmark times: a multilayer perceptron with ReLU between
 * the layers, softmax cross-entropy on the logits and Adam, one step per mini-batch. The
 * default is the reference MLP of the fanin issues (784-100-100-100-100-100-10, batch 100,
 * Adam with learning rate 1e-3), the same as `scripts/torch_mlp.py`.
 */
export interface MlpSpec {
  /** Layer widths, input first: [784, 100, 100, 100, 100, 100, 10]. */
  readonly sizes: readonly number[];
  /** Examples per step. */
  readonly batchSize: number;
  /** Batches in the synthetic training set; a `fit` epoch is this many steps. */
  readonly batchesPerEpoch: number;
  readonly learningRate: number;
  /**
   * Targets are (1 - eps) one-hot + eps / classes. With hard targets the network soon fits
   * the small set exactly, the gradients shrink geometrically and Adam's moments become
   * subnormal floats, which the wasm backend (no flush-to-zero) computes up to 36x slower:
   * the step time would measure that instead of training. Soft targets bound the gradients
   * away from zero (the loss cannot go below the targets' entropy).
   */
  readonly labelSmoothing: number;
  readonly seed: number;
}

export const REFERENCE_MLP: MlpSpec = {
  sizes: [784, 100, 100, 100, 100, 100, 10],
  batchSize: 100,
  batchesPerEpoch: 10,
  learningRate: 1e-3,
  labelSmoothing: 0.1,
  seed: 0,
};

/** A synthetic classification set for an MLP spec: x ~ N(0, 1), smoothed one-hot y. */
export interface MlpData {
  /** [examples, inputs] */
  readonly x: Tensor;
  /** [examples, classes], float32 rows summing to 1 */
  readonly y: Tensor;
  /** The set cut into `batchesPerEpoch` consecutive batches (for hand-written loops). */
  readonly batches: readonly { readonly x: Tensor; readonly y: Tensor }[];
  dispose(): void;
}

/**
 * Makes the training set of a spec on the current backend. Labels come from a random linear
 * teacher, so the loss falls as the network learns (a check that each contender trains);
 * targets are smoothed (`labelSmoothing`), so it never reaches zero.
 */
export function makeMlpData(spec: MlpSpec): MlpData {
  const inputs = spec.sizes[0]!;
  const classes = spec.sizes[spec.sizes.length - 1]!;
  const examples = spec.batchSize * spec.batchesPerEpoch;
  const random = new Random(spec.seed).fork('bench', 'data');
  const x = random.normalTensor([examples, inputs], 0, 1);
  const y = tf.tidy(() => {
    const teacher = random.normalTensor([inputs, classes], 0, 1);
    const labels = tf.argMax(tf.matMul(x, teacher), 1);
    const oneHot = tf.cast(tf.oneHot(labels, classes), 'float32');
    return tf.add(tf.mul(oneHot, 1 - spec.labelSmoothing), spec.labelSmoothing / classes);
  });
  const batches = Array.from({ length: spec.batchesPerEpoch }, (_, i) => ({
    x: tf.slice(x, [i * spec.batchSize, 0], [spec.batchSize, inputs]),
    y: tf.slice(y, [i * spec.batchSize, 0], [spec.batchSize, classes]),
  }));
  return {
    x,
    y,
    batches,
    dispose: () => tf.dispose([x, y, ...batches.flatMap((batch) => [batch.x, batch.y])]),
  };
}

/** Number of trainable scalars of the MLP. */
export function parameterCount(spec: MlpSpec): number {
  let count = 0;
  for (let i = 1; i < spec.sizes.length; i++) count += (spec.sizes[i - 1]! + 1) * spec.sizes[i]!;
  return count;
}
