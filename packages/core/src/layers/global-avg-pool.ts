import type { Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../modules/module.js';
import { defineLayer } from '../registry/entry.js';
import { expectNhwc } from './spatial.js';

/**
 * The mean over height and width of an NHWC input: [N, H, W, C] to [N, C], as PyTorch's
 * `nn.AdaptiveAvgPool2d(1)` followed by `flatten(1)` and Keras's `GlobalAveragePooling2D`.
 * The usual head of a conv net before the final dense layer.
 */
export class GlobalAvgPool extends Module {
  readonly type = 'globalAvgPool';

  protected override build(inputShape: readonly number[]): void {
    this.outputShape(inputShape);
  }

  protected forward(x: Tensor): Tensor {
    expectNhwc('globalAvgPool', x.shape);
    return tf.mean(x, [1, 2]);
  }

  override outputShape(inputShape: readonly number[]): number[] {
    const [batch, , , channels] = expectNhwc('globalAvgPool', inputShape);
    return [batch, channels];
  }
}

/** The globalAvgPool layer entry; in a model config `{ "globalAvgPool": true }`. */
export const globalAvgPool = defineLayer({
  description: 'Mean over height and width: NHWC [N, H, W, C] to [N, C]',
  options: {},
  create: () => new GlobalAvgPool(),
});
