import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { defineLayer } from '../registry/entry.js';
import { Pool2d, type Pool2dOptions, pool2dOptions } from './pool2d.js';
import { maxPool, type PoolingGeometry } from './pooling.js';

/**
 * 2-D max pooling over NHWC inputs, as PyTorch's `nn.MaxPool2d` (stride defaults to the pool
 * size). "same" padding pads with -infinity, so a padded position is never the maximum. The
 * gradient of each window goes to its first maximum (row-major), as PyTorch's, on every
 * backend (tfjs's own wasm gradient is wrong; see {@link maxPool}).
 */
export class MaxPool2d extends Pool2d {
  readonly type = 'maxPool2d';

  constructor(options: Pool2dOptions) {
    super('maxPool2d', options);
  }

  protected pool(x: Tensor4D, geometry: PoolingGeometry): Tensor {
    return maxPool(x, geometry);
  }
}

/** The maxPool2d layer entry; in a model config `{ "maxPool2d": 2 }` (the name carries `poolSize`). */
export const maxPool2d = defineLayer({
  description: '2-D max pooling over NHWC inputs, as PyTorch nn.MaxPool2d',
  options: pool2dOptions,
  metadata: { shorthand: 'poolSize' },
  create: (options) => new MaxPool2d(options),
});
