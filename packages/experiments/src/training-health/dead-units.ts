import { DenseBlock, type Module, type Sequential, type Tensor, tf } from '@fanin/core';

/** A hidden layer whose activation outputs exactly 0 on a half-line (relu-like). */
export interface ReluLikeLayer {
  /** Index of the layer in the model. */
  readonly index: number;
  readonly units: number;
}

/**
 * Whether an activation module outputs exactly 0 for negative inputs: a row of distinct
 * values from -3 to -0.1 (distinct, so that a parameterless normalization, which maps a
 * constant row to 0, is not mistaken for an activation).
 */
function zeroOnNegatives(activation: Module, width: number): boolean {
  try {
    return tf.tidy(() => {
      const probe = tf.reshape(tf.linspace(-3, -0.1, Math.max(width, 2)), [1, -1]);
      const row = width >= 2 ? probe : tf.slice(probe, [0, 0], [1, 1]);
      return tf.all(tf.equal(activation.apply(row), 0)).dataSync()[0] === 1;
    });
  } catch {
    return false;
  }
}

/**
 * The hidden layers (all but the last) whose output is a relu-like activation: a dense
 * block with such an activation, or such an activation on its own. Decided by probing the
 * activation with negative inputs, so any registered activation is classified (relu,
 * relu6, hardSigmoid, step count; leakyRelu, elu, sigmoid do not).
 */
export function reluLikeLayers(model: Sequential, inputShape: readonly number[]): ReluLikeLayer[] {
  const found: ReluLikeLayer[] = [];
  let shape = [1, ...inputShape];
  model.layers.forEach((layer, index) => {
    const outputShape = layer.outputShape(shape);
    const width = outputShape[outputShape.length - 1]!;
    const last = index === model.layers.length - 1;
    if (!last) {
      const activation =
        layer instanceof DenseBlock
          ? layer.normPosition === 'beforeActivation' || !layer.norm
            ? layer.activation
            : undefined
          : layer.namedParameters().size === 0 && layer.namedState().size === 0
            ? layer
            : undefined;
      const inputWidth = layer instanceof DenseBlock ? layer.units : width;
      if (activation && zeroOnNegatives(activation, inputWidth))
        found.push({ index, units: width });
    }
    shape = outputShape;
  });
  return found;
}

/**
 * For each relu-like layer, the number of its units that output exactly 0 on every example
 * of `x` (inference mode): dead units, which get no gradient from any of these examples.
 * A unit is a feature of the last axis: a dense unit of a `[N, units]` output, a channel of
 * an NHWC `[N, H, W, C]` one (dead when 0 at every position of every example).
 */
export function deadUnitCounts(
  model: Sequential,
  x: Tensor,
  layers: readonly ReluLikeLayer[],
): number[] {
  return tf.tidy(() => {
    const outputs = model.applyAll(x);
    return layers.map(({ index }) => {
      const output = outputs[index + 1]!;
      // Every axis but the last (the unit or channel axis): examples and positions.
      const axes = Array.from({ length: output.rank - 1 }, (_, axis) => axis);
      const alive = axes.length > 0 ? tf.any(tf.notEqual(output, 0), axes) : tf.notEqual(output, 0);
      return output.shape[output.rank - 1]! - tf.sum(tf.cast(alive, 'int32')).dataSync()[0]!;
    });
  });
}
