import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../modules/module.js';
import { type InputOptions, option, type ResolvedOptions } from '../options/option.js';
import { resolveOptions } from '../options/resolve.js';
import type { PoolingGeometry } from './pooling.js';
import { expectNhwc, type Pair, padsOf, pairOf, slidingOutput } from './spatial.js';

/** The options of {@link MaxPool2d} and {@link AvgPool2d}. */
export const pool2dOptions = {
  poolSize: option.integerOrPair({
    description: 'Window height and width: an integer, or [ph, pw]',
    min: 1,
  }),
  stride: option.integerOrPair({
    description: 'Step of the window: an integer, or [sh, sw] (default: the pool size)',
    optional: true,
    min: 1,
  }),
  padding: option.enum(['valid', 'same'], {
    description:
      'Padding: "valid" (none, windows past the edge are dropped, as PyTorch) or "same" (output = ceil(input / stride), padding split as TensorFlow, extra at the bottom and right)',
    default: 'valid',
  }),
} as const;

/** What `new MaxPool2d(options)` and `new AvgPool2d(options)` accept. */
export type Pool2dOptions = InputOptions<typeof pool2dOptions>;

/**
 * The shared part of 2-D pooling over NHWC inputs: a `poolSize` window moving by `stride`
 * (default the pool size, as PyTorch and Keras), per channel, with no parameters.
 */
export abstract class Pool2d extends Module {
  readonly options: ResolvedOptions<typeof pool2dOptions>;
  readonly poolSize: Pair;
  readonly stride: Pair;

  constructor(type: string, options: Pool2dOptions) {
    super();
    this.options = resolveOptions(pool2dOptions, options, `layer "${type}"`);
    this.poolSize = pairOf(this.options.poolSize);
    this.stride = pairOf(this.options.stride ?? this.options.poolSize);
  }

  /** The pooling itself, on a checked NHWC input. */
  protected abstract pool(x: Tensor4D, geometry: PoolingGeometry): Tensor;

  protected override build(inputShape: readonly number[]): void {
    this.outputShape(inputShape);
  }

  protected forward(x: Tensor): Tensor {
    this.outputShape(x.shape);
    const [, height, width] = x.shape as [number, number, number, number];
    const { padding } = this.options;
    const pads = padsOf(padding, [height, width], this.poolSize, this.stride);
    return tf.tidy(() =>
      this.pool(x as Tensor4D, { poolSize: this.poolSize, stride: this.stride, padding, pads }),
    );
  }

  override outputShape(inputShape: readonly number[]): number[] {
    const [batch, height, width, channels] = expectNhwc(this.type, inputShape);
    const size: Pair = [height, width];
    const pads = padsOf(this.options.padding, size, this.poolSize, this.stride);
    return [
      batch,
      ...slidingOutput(this.type, 'pool window', size, pads, this.poolSize, this.stride),
      channels,
    ];
  }
}
