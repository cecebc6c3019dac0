import { defineActivation, FunctionModule, option, ShapeError, type Tensor, tf } from '@fanin/core';
import { checkOptions } from './check-options.js';
import { withGradient } from './custom-gradient.js';

export const softmaxOptions = {
  axis: option.integer({
    description: 'The axis to normalize over; negative counts from the end (-1 is the last axis)',
    default: -1,
  }),
} as const;

/** The non-negative axis for a tensor of this rank; throws a ShapeError when out of range. */
export function normalizeAxis(name: string, rank: number, axis: number): number {
  if (rank === 0) {
    throw new ShapeError(
      `${name}: expected a tensor of rank >= 1, got a scalar`,
      'Normalize over a vector or a batch of vectors',
    );
  }
  if (axis < -rank || axis >= rank) {
    throw new ShapeError(
      `${name}: axis ${axis} is out of range for a rank-${rank} input`,
      `Use an axis from ${-rank} to ${rank - 1}`,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/** x - max(x, axis): the shift that makes exp overflow-free; softmax is invariant to it. */
export function shiftByMax(x: Tensor, axis: number): Tensor {
  return tf.sub(x, tf.max(x, axis, true));
}

/**
 * softmax(x)_i = exp(x_i) / sum_j exp(x_j) along `axis` (any axis; default the last).
 *
 * - Range (0, 1) per entry, summing to 1 along the axis.
 * - Computed as exp(x - max) / sum(exp(x - max)), so inputs of 1e4 (or -1e4) give exact 1s and
 *   0s, never Inf or NaN. tfjs's `tf.softmax` works on the last axis only.
 * - Derivative (Jacobian-vector product) dx = y * (dy - sum(dy * y)), written out: the max shift
 *   contributes nothing (tfjs would route a gradient through `max`'s tie-breaking), and the
 *   expression is differentiable again, so second derivatives work.
 * - When to use it: the output of a multi-class classifier (better: logSoftmax with a negative
 *   log-likelihood loss) and attention weights.
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  checkOptions('softmax', softmaxOptions, { axis });
  const dimension = normalizeAxis('softmax', x.rank, axis);
  return softmaxAlong(dimension)(x);
}

function softmaxAlong(axis: number): (x: Tensor) => Tensor {
  return withGradient(
    (x) => {
      const exponentials = tf.exp(shiftByMax(x, axis));
      return tf.div(exponentials, tf.sum(exponentials, axis, true));
    },
    (dy, [x]) => {
      const y = softmaxAlong(axis)(x!);
      return [tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true)))];
    },
  );
}

export const softmaxActivation = defineActivation({
  description: 'Softmax along an axis (default -1), overflow-free',
  options: softmaxOptions,
  metadata: {
    range: [0, 1],
    zeroCentered: false,
    saturating: true,
    smooth: true,
    monotonic: false,
    recommendedInitializer: 'glorotUniform',
    // Not an elementwise nonlinearity (it sits on the output layer); gain 1 as for linear.
    gain: () => 1,
  },
  create: (options, { name }) => new FunctionModule(name, (x) => softmax(x, options.axis)),
});
