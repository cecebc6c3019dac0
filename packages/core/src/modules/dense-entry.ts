import { option } from '../options/option.js';
import { defineLayer } from '../registry/entry.js';
import { blockOptions, createBlockStages, placeChild } from './block-options.js';
import { entryReferenceOption } from '../options/entry-reference.js';
import { DenseBlock } from './model-config-block.js';

export { entryReferenceOption } from '../options/entry-reference.js';

/**
 * A fully connected layer, y = x W + b, W laid out [inputs, units] (Keras; PyTorch's
 * `nn.Linear` stores the transpose), with an optional normalization and activation after it.
 * The input size is taken from the first input. Without initializers, the kernel is Glorot
 * uniform (Keras's default) and the bias zeros. In a model config: `{ "dense": 100, ... }`.
 */
export const dense = defineLayer({
  description:
    'Fully connected layer y = x W + b (W of shape [inputs, units]), then optionally a normalization and an activation',
  options: {
    units: option.integer({ description: 'Number of units', min: 1 }),
    activation: blockOptions.activation,
    init: entryReferenceOption('initializer', 'Kernel initializer (default Glorot uniform)'),
    biasInit: entryReferenceOption('initializer', 'Bias initializer (default zeros)'),
    bias: option.boolean({ description: 'Add a learned bias', default: true }),
    norm: blockOptions.norm,
    normPosition: blockOptions.normPosition,
  },
  metadata: { shorthand: 'units' },
  create: (options, context) => {
    const { registry, random, path } = context;
    return new DenseBlock({
      units: options.units,
      useBias: options.bias,
      ...(random ? { random } : {}),
      ...(path ? { path } : {}),
      ...(options.init !== undefined
        ? {
            kernelInitializer: registry.create(
              'initializer',
              options.init,
              placeChild(context, 'kernel'),
            ),
          }
        : {}),
      ...(options.biasInit !== undefined
        ? {
            biasInitializer: registry.create(
              'initializer',
              options.biasInit,
              placeChild(context, 'bias'),
            ),
          }
        : {}),
      ...createBlockStages(options, context),
    });
  },
});
