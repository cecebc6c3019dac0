import type { Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import type { ApplyOptions } from '../modules/module.js';
import { Module } from '../modules/module.js';
import { type InputOptions, option, type ResolvedOptions } from '../options/option.js';
import { resolveOptions } from '../options/resolve.js';
import { Random } from '../random/random.js';
import { defineLayer } from '../registry/entry.js';

/** The options of {@link Dropout}. */
export const dropoutOptions = {
  rate: option.number({
    description:
      'Share of the values set to 0 in training (PyTorch p, Keras rate); the kept ones are scaled by 1 / (1 - rate)',
    default: 0.5,
    min: 0,
    lessThan: 1,
  }),
} as const;

/** What `new Dropout(options)` accepts. */
export type DropoutOptions = InputOptions<typeof dropoutOptions> & {
  /** The seeded stream the masks are drawn from; default `new Random(0)`. */
  readonly random?: Random;
};

/**
 * Inverted dropout (Srivastava et al., 2014), as PyTorch's `nn.Dropout` and Keras's
 * `Dropout`: in training each value is kept with probability 1 - rate and scaled by
 * 1 / (1 - rate), or set to 0, so the expected output equals the input; in inference
 * (`apply(x)`, `evaluate`, `predict`) it is the identity. The gradient is the same mask.
 *
 * The masks are reproducible: the n-th training call draws its mask from
 * `random.fork("mask", n)`, where `random` is the layer's stream (in a model, forked from the
 * model seed and the layer's path), so two runs with the same seed drop the same values, on
 * every backend. Each element is kept when a 32-bit draw is below (1 - rate) 2^32.
 */
export class Dropout extends Module {
  readonly type = 'dropout';
  readonly options: ResolvedOptions<typeof dropoutOptions>;
  private readonly random: Random;
  private calls = 0;

  constructor(options: DropoutOptions = {}) {
    super();
    const { random, ...rest } = options;
    this.options = resolveOptions(dropoutOptions, rest, 'layer "dropout"');
    this.random = random ?? new Random(0);
  }

  /** How many masks the layer has drawn (training calls with rate > 0). */
  get masksDrawn(): number {
    return this.calls;
  }

  protected forward(x: Tensor, { training }: Required<ApplyOptions>): Tensor {
    const { rate } = this.options;
    if (!training || rate === 0) return x;
    const stream = this.random.fork('mask', this.calls++);
    const threshold = (1 - rate) * 2 ** 32;
    const scale = 1 / (1 - rate);
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = stream.nextUint32() < threshold ? scale : 0;
    return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, 'float32')));
  }
}

/** The dropout layer entry; in a model config `{ "dropout": 0.5 }` (the name carries `rate`). */
export const dropout = defineLayer({
  description:
    'Inverted dropout: in training zeroes a share rate of the values and scales the rest by 1 / (1 - rate)',
  options: dropoutOptions,
  metadata: { shorthand: 'rate' },
  create: (options, { random }) => new Dropout({ ...options, ...(random ? { random } : {}) }),
});
