import { defineInitializer, option, ShapeError, tf } from '@fanin/core';

/**
 * identity: gain on the main diagonal, 0 elsewhere, for 2-D shapes, square or rectangular
 * (ones at [i, i] for i < min(rows, cols)). PyTorch's `eye_` (times gain) and Keras's
 * `Identity(gain)`; tfjs's `identity` accepts only square matrices. A dense layer
 * initialized so starts as (a truncation or zero-padding of) the identity map, e.g. for
 * residual-style or IRNN recurrent kernels.
 */
export const identity = defineInitializer({
  description: 'gain on the main diagonal, 0 elsewhere (2-D, square or rectangular)',
  options: {
    gain: option.number({ description: 'Value on the diagonal', default: 1, min: 0 }),
  },
  metadata: { random: false, distribution: 'identity' },
  create: ({ gain }, { name }) => ({
    name,
    init(shape, { name: parameter }) {
      if (shape.length !== 2) {
        const target = parameter ? ` for "${parameter}"` : '';
        throw new ShapeError(
          `initializer "${name}"${target}: needs a 2-D shape [rows, cols], got [${shape.join(', ')}]`,
          'Use it for dense kernels; initialize biases with "zeros"',
        );
      }
      const [rows, cols] = shape as [number, number];
      const values = new Float32Array(rows * cols);
      for (let i = 0; i < Math.min(rows, cols); i++) values[i * cols + i] = gain;
      return tf.tensor(values, [rows, cols], 'float32');
    },
  }),
});
