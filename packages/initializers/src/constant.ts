import { defineInitializer, option, tf } from '@fanin/core';

/**
 * zeros: every value 0. The usual bias initializer (PyTorch's `zeros_`, Keras's `Zeros`).
 * Never use it for a kernel: every unit of the layer then computes the same function and
 * receives the same gradient, so the units stay identical however long you train.
 */
export const zeros = defineInitializer({
  description: 'All zeros (the usual bias initializer; never for kernels: symmetry never breaks)',
  options: {},
  metadata: { random: false, distribution: 'constant' },
  create: (_options, { name }) => ({ name, init: (shape) => tf.zeros([...shape]) }),
});

/** ones: every value 1 (PyTorch's `ones_`, Keras's `Ones`), e.g. normalization scales. */
export const ones = defineInitializer({
  description: 'All ones (e.g. the scale of a normalization layer)',
  options: {},
  metadata: { random: false, distribution: 'constant' },
  create: (_options, { name }) => ({ name, init: (shape) => tf.ones([...shape]) }),
});

/**
 * constant: every value equal to `value` (PyTorch's `constant_(val)`, Keras's `Constant`).
 * `value` is required; 0 is honoured (tfjs replaces falsy options by their defaults).
 * Like zeros, a constant kernel never breaks the symmetry between units.
 */
export const constant = defineInitializer({
  description: 'Every value equal to "value"',
  options: {
    value: option.number({ description: 'The value of every element' }),
  },
  metadata: { random: false, distribution: 'constant' },
  create: ({ value }, { name }) => ({
    name,
    init: (shape) => tf.fill([...shape], value, 'float32'),
  }),
});
