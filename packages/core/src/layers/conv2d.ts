import type { Tensor, Tensor4D, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { blockOptions, createBlockStages, placeChild } from '../modules/block-options.js';
import { withStages } from '../modules/block.js';
import { zerosFallback } from '../modules/dense.js';
import type { Initializer } from '../modules/initializer.js';
import { Module } from '../modules/module.js';
import { entryReferenceOption } from '../options/entry-reference.js';
import { type InputOptions, option, type ResolvedOptions } from '../options/option.js';
import { resolveOptions } from '../options/resolve.js';
import { Random } from '../random/random.js';
import { defineLayer } from '../registry/entry.js';
import { convolve } from './convolution.js';
import {
  effectiveKernel,
  expectNhwc,
  type Pair,
  type Pads,
  padsOf,
  paddingOption,
  pairOf,
  slidingOutput,
} from './spatial.js';

/** The options of {@link Conv2d}, declared once (validation, defaults, CLI help, JSON Schema). */
export const conv2dOptions = {
  filters: option.integer({
    description: 'Number of output channels (PyTorch out_channels)',
    min: 1,
  }),
  kernelSize: option.integerOrPair({
    description: 'Kernel height and width: an integer, or [kh, kw]',
    min: 1,
  }),
  stride: option.integerOrPair({
    description: 'Step of the kernel: an integer, or [sh, sw]',
    default: 1,
    min: 1,
  }),
  padding: paddingOption(
    'Zero padding: "valid" (none, as PyTorch), "same" (output = ceil(input / stride), extra row and column at the bottom and right, as TensorFlow and PyTorch), an integer for every side or [ph, pw]',
  ),
  dilation: option.integerOrPair({
    description: 'Spacing of the kernel taps: an integer, or [dh, dw]',
    default: 1,
    min: 1,
  }),
  groups: option.integer({
    description:
      'Channel groups: input and output channels split in this many groups, each convolved separately; groups = input channels is a depthwise conv',
    default: 1,
    min: 1,
  }),
  bias: option.boolean({ description: 'Add a learned bias per output channel', default: true }),
} as const;

/** What `new Conv2d(options)` accepts. */
export type Conv2dOptions = InputOptions<typeof conv2dOptions> & {
  /** Kernel initializer; default Glorot uniform (see {@link Conv2d}). */
  readonly kernelInitializer?: Initializer;
  /** Bias initializer; default zeros. */
  readonly biasInitializer?: Initializer;
  /** Seeded stream for the initial values (forked per parameter name). */
  readonly random?: Random;
  /** This layer's path in its model, e.g. "0" (for pretrained weights and error messages). */
  readonly path?: string;
};

/**
 * Glorot (Xavier) uniform with a convolution's fans, U(-a, a), a = sqrt(6 / (fanIn + fanOut)),
 * fanIn = kh kw in / groups and fanOut = kh kw out for a kernel [kh, kw, in / groups, out]:
 * the fans PyTorch's `_calculate_fan_in_and_fan_out` and Keras's `compute_fans` give.
 */
export const convGlorotUniformFallback: Initializer = {
  name: 'glorotUniform',
  init(shape, { random }) {
    const [kh = 1, kw = 1, inputs = 1, outputs = 1] = shape;
    const limit = Math.sqrt(6 / (kh * kw * (inputs + outputs)));
    return random.uniformTensor(shape, -limit, limit);
  },
};

/**
 * A 2-D convolution over NHWC inputs [batch, height, width, channels], as PyTorch's
 * `nn.Conv2d` computes it (a cross-correlation, no kernel flip) with tfjs's channels-last layout.
 *
 * - Parameters: `kernel` [kh, kw, in / groups, filters] (tfjs's and Keras's layout; PyTorch
 *   stores [filters, in / groups, kh, kw]: `w.permute(2, 3, 1, 0)` converts) and `bias`
 *   [filters]. The input channels are taken from the first input.
 * - Output: [batch, floor((H + padding - dilation (kh - 1) - 1) / stride) + 1, ..., filters].
 * - `padding`: "valid" (PyTorch's default), "same" (see {@link paddingOption}; the same output
 *   as PyTorch's `padding='same'` at stride 1, TensorFlow's rule at larger strides), or
 *   explicit symmetric zero padding.
 * - `groups`: input and output channels split into groups convolved separately (output channel
 *   o reads the input channels of group floor(o / (filters / groups)), as PyTorch);
 *   groups = in channels with filters a multiple of it is a depthwise conv.
 * - Default initialization: Glorot uniform, U(±sqrt(6 / (fanIn + fanOut))) with
 *   fanIn = kh kw in / groups and fanOut = kh kw filters, and a zero bias: Keras's default and
 *   fanin's dense default, so a conv net's kernels start by one rule. PyTorch's default is
 *   kaiming_uniform(a = √5), U(±1 / sqrt(fanIn)), and a bias U(±1 / sqrt(fanIn)) too: 3x less
 *   variance than Glorot for a square layer, which shrinks a deep ReLU net's activations layer by
 *   layer (PyTorch keeps it for compatibility). For PyTorch's kernels, give
 *   `init: { type: "heUniform", negativeSlope: Math.sqrt(5) }` (@fanin/initializers); for
 *   ReLU nets, `init: "heNormal"` or `"heUniform"`.
 */
export class Conv2d extends Module {
  readonly type = 'conv2d';
  readonly options: ResolvedOptions<typeof conv2dOptions>;
  readonly kernelSize: Pair;
  readonly stride: Pair;
  readonly dilation: Pair;
  kernel: Variable | undefined;
  bias: Variable | undefined;
  private readonly initializers: Pick<Conv2dOptions, 'kernelInitializer' | 'biasInitializer'>;
  private readonly random: Random;
  private readonly path: string | undefined;

  constructor(options: Conv2dOptions) {
    super();
    const { kernelInitializer, biasInitializer, random, path, ...rest } = options;
    this.options = resolveOptions(conv2dOptions, rest, 'layer "conv2d"');
    this.kernelSize = pairOf(this.options.kernelSize);
    this.stride = pairOf(this.options.stride);
    this.dilation = pairOf(this.options.dilation);
    const { filters, groups } = this.options;
    if (filters % groups !== 0) {
      throw new ShapeError(
        `conv2d: filters ${filters} is not divisible by groups ${groups}`,
        `Every group needs the same number of output channels: use filters that is a multiple of ${groups}`,
      );
    }
    this.initializers = {
      ...(kernelInitializer ? { kernelInitializer } : {}),
      ...(biasInitializer ? { biasInitializer } : {}),
    };
    this.random = random ?? new Random(0);
    this.path = path;
  }

  protected override build(inputShape: readonly number[]): void {
    const [, height, width, channels] = expectNhwc('conv2d', inputShape);
    const { filters, groups } = this.options;
    if (channels % groups !== 0) {
      throw new ShapeError(
        `conv2d: input channels ${channels} (input ${`[${inputShape.join(', ')}]`}) are not divisible by groups ${groups}`,
        `Use groups that divides ${channels} (groups = ${channels} is a depthwise conv)`,
      );
    }
    this.outputSize([height, width]);
    const prefix = this.path ? `${this.path}.` : '';
    const kernelInit = this.initializers.kernelInitializer ?? convGlorotUniformFallback;
    this.kernel = this.addParameter(
      'kernel',
      kernelInit.init([...this.kernelSize, channels / groups, filters], {
        random: this.random.fork('kernel'),
        name: `${prefix}kernel`,
      }),
    );
    if (this.options.bias) {
      const biasInit = this.initializers.biasInitializer ?? zerosFallback;
      this.bias = this.addParameter(
        'bias',
        biasInit.init([filters], { random: this.random.fork('bias'), name: `${prefix}bias` }),
      );
    }
  }

  private padsFor(size: Pair): Pads {
    return padsOf(
      this.options.padding,
      size,
      effectiveKernel(this.kernelSize, this.dilation),
      this.stride,
    );
  }

  private outputSize(size: Pair): [number, number] {
    const dilated = this.dilation.some((d) => d > 1);
    return slidingOutput(
      'conv2d',
      dilated ? 'dilated kernel' : 'kernel',
      size,
      this.padsFor(size),
      effectiveKernel(this.kernelSize, this.dilation),
      this.stride,
    );
  }

  protected forward(x: Tensor): Tensor {
    const [, height, width] = expectNhwc('conv2d', x.shape);
    this.outputSize([height, width]);
    return tf.tidy(() => {
      const y = convolve(x as Tensor4D, this.kernel as Tensor as Tensor4D, {
        stride: this.stride,
        dilation: this.dilation,
        pads: this.padsFor([height, width]),
        groups: this.options.groups,
      });
      return this.bias ? tf.add(y, this.bias) : y;
    });
  }

  override outputShape(inputShape: readonly number[]): number[] {
    const [batch, height, width] = expectNhwc('conv2d', inputShape);
    return [batch, ...this.outputSize([height, width]), this.options.filters];
  }
}

/**
 * The conv2d layer entry. In a model config the entry's name carries `filters`:
 * `{ "conv2d": 32, "kernelSize": 3, "padding": "same" }`.
 */
export const conv2d = defineLayer({
  description:
    '2-D convolution over NHWC inputs, kernel [kh, kw, in / groups, filters], as PyTorch nn.Conv2d, then optionally a normalization (per channel) and an activation',
  options: {
    ...conv2dOptions,
    activation: blockOptions.activation,
    init: entryReferenceOption(
      'initializer',
      'Kernel initializer (default Glorot uniform with fanIn = kh kw in / groups, fanOut = kh kw filters)',
    ),
    biasInit: entryReferenceOption('initializer', 'Bias initializer (default zeros)'),
    norm: blockOptions.norm,
    normPosition: blockOptions.normPosition,
  },
  metadata: { shorthand: 'filters' },
  create: ({ init, biasInit, activation, norm, normPosition, ...options }, context) => {
    const { registry, random, path } = context;
    const layer = new Conv2d({
      ...options,
      ...(init !== undefined
        ? { kernelInitializer: registry.create('initializer', init, placeChild(context, 'kernel')) }
        : {}),
      ...(biasInit !== undefined
        ? { biasInitializer: registry.create('initializer', biasInit, placeChild(context, 'bias')) }
        : {}),
      ...(random ? { random } : {}),
      ...(path ? { path } : {}),
    });
    return withStages(layer, createBlockStages({ activation, norm, normPosition }, context));
  },
});
