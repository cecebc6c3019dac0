import type { Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { Module } from '../modules/module.js';
import { defineLayer } from '../registry/entry.js';
import { formatShape } from './spatial.js';

/**
 * Flattens every axis but the batch: [N, d1, d2, ...] to [N, d1 d2 ...], as PyTorch's
 * `nn.Flatten()` and Keras's `Flatten`.
 *
 * The order of the features is the memory order of the input. fanin is channels-last, so a
 * feature map [N, H, W, C] flattens in (h, w, c) order, with feature index (h W + w) C + c.
 * PyTorch's conv nets are channels-first and flatten [N, C, H, W] in (c, h, w) order. The
 * values are the same, their order is not: to port a PyTorch `nn.Linear` that follows a
 * flatten, reorder its weight [out, C H W] to fanin's dense kernel [H W C, out] with
 * `weight.reshape(out, C, H, W).permute(2, 3, 1, 0).reshape(H * W * C, out)`.
 */
export class Flatten extends Module {
  readonly type = 'flatten';

  protected override build(inputShape: readonly number[]): void {
    this.outputShape(inputShape);
  }

  protected forward(x: Tensor): Tensor {
    const [batch, features] = this.outputShape(x.shape) as [number, number];
    return x.rank === 2 ? x : tf.reshape(x, [batch, features]);
  }

  override outputShape(inputShape: readonly number[]): number[] {
    if (inputShape.length < 2) {
      throw new ShapeError(
        `flatten needs an input [batch, ...features], got ${formatShape(inputShape)}`,
        'Its first axis is the batch, which it keeps',
      );
    }
    const [batch, ...rest] = inputShape as [number, ...number[]];
    const unknown = rest.some((dim) => dim < 0);
    return [batch, unknown ? -1 : rest.reduce((product, dim) => product * dim, 1)];
  }
}

/** The flatten layer entry; in a model config `{ "flatten": true }`. */
export const flatten = defineLayer({
  description:
    'Flattens every axis but the batch: [N, ...] to [N, product], in NHWC (h, w, c) order',
  options: {},
  create: () => new Flatten(),
});
