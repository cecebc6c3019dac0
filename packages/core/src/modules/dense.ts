import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import type { FusedActivation } from '../kernels/cpu-fused.js';
import { fusedDense } from '../kernels/fused-ops.js';
import { Random } from '../random/random.js';
import type { Initializer } from './initializer.js';
import { Module } from './module.js';

export interface DenseOptions {
  /** Number of output units. */
  readonly units: number;
  /** Kernel initializer; default Glorot uniform (as Keras) via the built-in fallback. */
  readonly kernelInitializer?: Initializer;
  /** Bias initializer; default zeros. */
  readonly biasInitializer?: Initializer;
  /** Whether to add a bias. Default true. */
  readonly useBias?: boolean;
  /** Seeded stream for the initial values (forked per parameter name). */
  readonly random?: Random;
  /** This layer's path in its model (for pretrained weights and seeding), e.g. "layers.0". */
  readonly path?: string;
}

/** Glorot (Xavier) uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). Keras's dense default. */
export const glorotUniformFallback: Initializer = {
  name: 'glorotUniform',
  init(shape, { random }) {
    const [fanIn = 1, fanOut = 1] = shape;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return random.uniformTensor(shape, -limit, limit);
  },
};

export const zerosFallback: Initializer = {
  name: 'zeros',
  init: (shape) => tf.zeros([...shape]),
};

/**
 * A fully connected layer y = x W + b, with W laid out [inputs, units] (as Keras; PyTorch
 * stores the transpose). Parameters: `kernel`, `bias`.
 */
export class Dense extends Module {
  readonly type = 'dense';
  readonly units: number;
  kernel: Variable | undefined;
  bias: Variable | undefined;
  private readonly options: DenseOptions;

  constructor(options: DenseOptions) {
    super();
    if (!Number.isInteger(options.units) || options.units < 1) {
      throw new ShapeError(`dense: "units" must be a positive integer, got ${options.units}`);
    }
    this.units = options.units;
    this.options = options;
  }

  protected override build(inputShape: readonly number[]): void {
    const inputs = inputShape[inputShape.length - 1];
    if (inputShape.length === 4) {
      // NHWC feature maps: a per-pixel dense layer is almost always a missing flatten.
      throw new ShapeError(
        `dense got a 4-D input [${inputShape.join(', ')}]; add { "flatten": true } before it`,
        'For a per-pixel projection use a 1x1 conv2d',
      );
    }
    if (inputShape.length < 2 || inputs === undefined || inputs < 1) {
      throw new ShapeError(
        `dense: expected input of shape [batch, features], got [${inputShape.join(', ')}]`,
      );
    }
    const random = this.options.random ?? new Random(0);
    const path = this.options.path ? `${this.options.path}.` : '';
    const kernelInit = this.options.kernelInitializer ?? glorotUniformFallback;
    this.kernel = this.addParameter(
      'kernel',
      kernelInit.init([inputs, this.units], {
        random: random.fork('kernel'),
        name: `${path}kernel`,
      }),
    );
    if (this.options.useBias ?? true) {
      const biasInit = this.options.biasInitializer ?? zerosFallback;
      this.bias = this.addParameter(
        'bias',
        biasInit.init([this.units], { random: random.fork('bias'), name: `${path}bias` }),
      );
    }
  }

  protected forward(x: Tensor): Tensor {
    return this.fusedForward(x, 'linear') ?? this.linearForward(x);
  }

  /** x W + b as tfjs ops (matMul, add), differentiable to any order. */
  protected linearForward(x: Tensor): Tensor {
    return this.flattened(x, (flat) => {
      const y = tf.matMul(flat, this.kernel!);
      return this.bias ? tf.add(y, this.bias) : y;
    });
  }

  /**
   * act(x W + b) as one of fanin's fused kernels (kernels/fused-ops.ts: one kernel forward,
   * one backward, on cpu and wasm), or undefined where they do not apply (then the caller runs
   * the tfjs ops).
   */
  protected fusedForward(x: Tensor, activation: FusedActivation): Tensor | undefined {
    if (x.rank < 2) return undefined;
    if (x.rank === 2) return fusedDense(x, this.kernel!, this.bias, activation);
    const flat = tf.reshape(x, [-1, x.shape[x.rank - 1]!]);
    const y = fusedDense(flat, this.kernel!, this.bias, activation);
    if (!y) {
      flat.dispose();
      return undefined;
    }
    return tf.reshape(y, [...x.shape.slice(0, -1), this.units]);
  }

  private flattened(x: Tensor, body: (flat: Tensor) => Tensor): Tensor {
    const flat = x.rank === 2 ? x : tf.reshape(x, [-1, x.shape[x.rank - 1]!]);
    const out = body(flat);
    return x.rank === 2 ? out : tf.reshape(out, [...x.shape.slice(0, -1), this.units]);
  }

  override outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape.slice(0, -1), this.units];
  }
}
