import { Random, type Tensor, tf } from '@fanin/core';

/**
 * The small CNN the conv training benchmark times (issue 16): conv 3x3x16 (same, relu) ->
 * max pool 2 -> conv 3x3x32 (same, relu) -> max pool 2 -> flatten -> dense 10, softmax
 * cross-entropy on the logits and Adam, one step per mini-batch of 28 x 28 x 1 images. The
 * same network as `scripts/torch_cnn.py` (which lays it out NCHW, as PyTorch does).
 */
export interface CnnSpec {
  /** Height, width and channels of one image (NHWC). */
  readonly image: readonly [number, number, number];
  /** Filters of the two conv layers. */
  readonly filters: readonly [number, number];
  readonly kernelSize: number;
  readonly classes: number;
  readonly batchSize: number;
  /** Batches in the synthetic training set; a `fit` epoch is this many steps. */
  readonly batchesPerEpoch: number;
  readonly learningRate: number;
  /** Soft targets, for the reason `MlpSpec.labelSmoothing` gives. */
  readonly labelSmoothing: number;
  readonly seed: number;
}

export const REFERENCE_CNN: CnnSpec = {
  image: [28, 28, 1],
  filters: [16, 32],
  kernelSize: 3,
  classes: 10,
  batchSize: 64,
  batchesPerEpoch: 10,
  learningRate: 1e-3,
  labelSmoothing: 0.1,
  seed: 0,
};

/** The reference CNN as a fanin model config (what `buildModel` and `fanin train` read). */
export function cnnModelConfig(spec: CnnSpec) {
  const conv = (filters: number) => ({
    conv2d: filters,
    kernelSize: spec.kernelSize,
    padding: 'same',
    activation: 'relu',
  });
  return {
    inputShape: [...spec.image],
    seed: spec.seed,
    layers: [
      conv(spec.filters[0]),
      { maxPool2d: 2 },
      conv(spec.filters[1]),
      { maxPool2d: 2 },
      { flatten: true },
      { dense: spec.classes },
    ],
  };
}

/** A synthetic image set for a CNN spec: x ~ N(0, 1) NHWC, smoothed one-hot y. */
export interface CnnData {
  /** [examples, height, width, channels] */
  readonly x: Tensor;
  /** [examples, classes], float32 rows summing to 1 */
  readonly y: Tensor;
  dispose(): void;
}

/** Labels from a random linear teacher on the pixels, so the loss falls as the network learns. */
export function makeCnnData(spec: CnnSpec): CnnData {
  const examples = spec.batchSize * spec.batchesPerEpoch;
  const pixels = spec.image[0] * spec.image[1] * spec.image[2];
  const random = new Random(spec.seed).fork('bench', 'cnn-data');
  const x = random.normalTensor([examples, ...spec.image], 0, 1);
  const y = tf.tidy(() => {
    const teacher = random.normalTensor([pixels, spec.classes], 0, 1);
    const labels = tf.argMax(tf.matMul(tf.reshape(x, [examples, pixels]), teacher), 1);
    const oneHot = tf.cast(tf.oneHot(labels, spec.classes), 'float32');
    return tf.add(tf.mul(oneHot, 1 - spec.labelSmoothing), spec.labelSmoothing / spec.classes);
  });
  return { x, y, dispose: () => tf.dispose([x, y]) };
}
