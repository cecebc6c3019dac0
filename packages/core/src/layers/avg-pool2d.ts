import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { defineLayer } from '../registry/entry.js';
import { Pool2d, type Pool2dOptions, pool2dOptions } from './pool2d.js';
import { avgPool, type PoolingGeometry } from './pooling.js';

/**
 * 2-D average pooling over NHWC inputs, as PyTorch's `nn.AvgPool2d` (stride defaults to the
 * pool size).
 *
 * With "same" padding a window on the edge averages only the real values it covers: the padded
 * zeros are not counted (TensorFlow and Keras do the same; in PyTorch it is
 * `count_include_pad=False`). PyTorch's default, `count_include_pad=True`, divides by the whole
 * window, which pulls edge outputs towards 0; it only applies to PyTorch's explicit padding,
 * which this layer does not take. The gradient matches this forward pass on every backend
 * (tfjs's own divides edge windows by the whole window; see {@link avgPool}).
 */
export class AvgPool2d extends Pool2d {
  readonly type = 'avgPool2d';

  constructor(options: Pool2dOptions) {
    super('avgPool2d', options);
  }

  protected pool(x: Tensor4D, geometry: PoolingGeometry): Tensor {
    return avgPool(x, geometry);
  }
}

/** The avgPool2d layer entry; in a model config `{ "avgPool2d": 2 }` (the name carries `poolSize`). */
export const avgPool2d = defineLayer({
  description:
    '2-D average pooling over NHWC inputs, as PyTorch nn.AvgPool2d (padding not counted)',
  options: pool2dOptions,
  metadata: { shorthand: 'poolSize' },
  create: (options) => new AvgPool2d(options),
});
