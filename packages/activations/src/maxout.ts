import {
  defineActivation,
  Module,
  noGrad,
  option,
  Random,
  ShapeError,
  type Tensor,
  tf,
  type Variable,
} from '@fanin/core';
import { withGradient } from './custom-gradient.js';
import { normalExpectation } from './gain.js';
import { normalCdfScalar } from './normal-cdf.js';

export const maxoutOptions = {
  units: option.integer({
    description: 'Number of output units (default: as many as input features)',
    min: 1,
    optional: true,
  }),
  pieces: option.integer({
    description: 'Number of linear pieces k each unit takes the maximum of',
    default: 2,
    min: 2,
  }),
  seed: option.integer({
    description:
      'Seed of the initial kernel, drawn from new Random(seed).fork("kernel"). Default: the stream buildModel gives the layer (Random(modelSeed).fork(path)), else 0',
    min: 0,
    optional: true,
  }),
} as const;

/**
 * The piece a 0/1 mask selects in each group of the last axis, with the gradient routed to it.
 * Selected rather than multiplied by the mask, which gives Infinity * 0 = NaN beside a piece of
 * +-Infinity; the gradient, dy times the mask, is written out because tfjs's gradient of `where`
 * goes through logicalNot, which has no gradient (second derivatives would throw).
 */
const selectPiece = withGradient(
  (grouped, mask) => tf.sum(tf.where(tf.cast(mask!, 'bool'), grouped!, tf.zerosLike(grouped!)), -1),
  (dy, [, mask]) => [tf.mul(tf.expandDims(dy, -1), mask!), tf.zerosLike(mask!)],
);

/**
 * maxout(x)_j = max over p < pieces of (x W + b)_{j * pieces + p} (Goodfellow et al. 2013): each
 * output unit is the maximum of `pieces` affine functions of the input.
 *
 * `kernel` is [inputs, units * pieces] and `bias` [units * pieces]; column j * pieces + p holds
 * piece p of unit j. Inputs of rank > 2 are taken as [..., inputs] and keep their leading axes.
 *
 * - Range (-inf, inf). Piecewise linear and convex in x; it can learn relu (one piece at 0),
 *   leaky relu, abs and any convex piecewise-linear function with `pieces` pieces.
 * - Derivative: the gradient goes to the first maximal piece only (as PyTorch's max along an
 *   axis), also at ties, so k identical pieces (e.g. a zero-initialized kernel) pass the
 *   gradient once, not k times.
 * - Non-finite pieces as PyTorch: +-Infinity is a value like any other, a NaN piece wins the
 *   max (the output is NaN and the gradient goes to it).
 */
export function maxout(
  x: Tensor,
  kernel: Tensor,
  bias: Tensor | undefined,
  pieces: number,
): Tensor {
  const inputs = x.shape[x.rank - 1];
  if (!Number.isInteger(pieces) || pieces < 1) {
    throw new ShapeError(`maxout: pieces must be a positive integer, got ${pieces}`);
  }
  if (kernel.rank !== 2 || kernel.shape[0] !== inputs || kernel.shape[1]! % pieces !== 0) {
    throw new ShapeError(
      `maxout: kernel of shape [${kernel.shape.join(', ')}] does not fit an input of shape [${x.shape.join(', ')}] with ${pieces} pieces`,
      `Use a kernel of shape [${inputs ?? '?'}, units * ${pieces}]`,
    );
  }
  const units = kernel.shape[1]! / pieces;
  if (bias && (bias.rank !== 1 || bias.shape[0] !== units * pieces)) {
    throw new ShapeError(
      `maxout: bias of shape [${bias.shape.join(', ')}] should be [${units * pieces}]`,
    );
  }
  return tf.tidy(() => {
    const flat = x.rank === 2 ? x : tf.reshape(x, [-1, inputs!]);
    const linear = tf.matMul(flat, kernel);
    const affine = bias ? tf.add(linear, bias) : linear;
    const grouped = tf.reshape(affine, [-1, units, pieces]);
    // The first maximal piece, NaN counting as maximal (as PyTorch's max: NaN wins), as a 0/1
    // mask (int32 then cast: the wasm backend ignores oneHot's dtype argument). It is computed
    // off the tape (tfjs's gradient of `where` needs logicalNot's, which does not exist), then
    // tied to x through argMax, whose gradient is zero, so grad(grad(maxout)) is 0 rather than
    // tfjs's "cannot compute gradient" (the argMax term is 0 * a one-hot: exactly 0).
    const onTape = tf.cast(tf.oneHot(tf.argMax(grouped, -1), pieces), 'float32');
    const nanFirst = noGrad(() => {
      const infinity = tf.fill(grouped.shape, Number.POSITIVE_INFINITY);
      const ranked = tf.where(tf.isNaN(grouped), infinity, grouped);
      return tf.cast(tf.oneHot(tf.argMax(ranked, -1), pieces), 'float32');
    });
    const first = tf.add(nanFirst, tf.mul(onTape, 0));
    const out = selectPiece(grouped, first);
    return x.rank === 2 ? out : tf.reshape(out, [...x.shape.slice(0, -1), units]);
  });
}

export interface MaxoutOptions {
  /** Output units; default as many as input features. */
  readonly units?: number;
  /** Pieces per unit; default 2. */
  readonly pieces?: number;
  /** Seed of the initial kernel; default 0. Ignored when `random` is given. */
  readonly seed?: number;
  /** A seeded stream to draw the kernel from (forked with "kernel"); overrides `seed`. */
  readonly random?: Random;
}

/**
 * A maxout layer with parameters `kernel` [inputs, units * pieces] and `bias` [units * pieces],
 * created on the first input.
 *
 * Initialization: kernel ~ U(-l, l), l = sqrt(6 / (inputs + units)), Glorot-uniform for each
 * piece as a linear map inputs -> units, drawn from `random.fork('kernel')` with
 * `random = new Random(seed)` (the same on every backend); bias zeros. From the registry, an
 * explicit `seed` option wins, else the stream `buildModel` hands the layer
 * (`Random(modelSeed).fork(path)`, as for a dense kernel), else seed 0. No library ships maxout
 * (Keras 1's MaxoutDense is gone), so there is no convention to follow; Glorot keeps every piece
 * at unit scale, and the max of k pieces of equal variance then has second moment
 * `maxoutSecondMoment(k)` times theirs (1 for k = 2).
 */
export class Maxout extends Module {
  readonly type = 'maxout';
  readonly pieces: number;
  readonly requestedUnits: number | undefined;
  kernel: Variable | undefined;
  bias: Variable | undefined;
  private readonly random: Random;

  constructor(options: MaxoutOptions = {}) {
    super();
    this.pieces = options.pieces ?? 2;
    this.requestedUnits = options.units;
    if (!Number.isInteger(this.pieces) || this.pieces < 2) {
      throw new ShapeError(`maxout: pieces must be an integer >= 2, got ${this.pieces}`);
    }
    if (
      this.requestedUnits !== undefined &&
      (!Number.isInteger(this.requestedUnits) || this.requestedUnits < 1)
    ) {
      throw new ShapeError(`maxout: units must be a positive integer, got ${this.requestedUnits}`);
    }
    this.random = options.random ?? new Random(options.seed ?? 0);
  }

  protected override build(inputShape: readonly number[]): void {
    const inputs = inputShape[inputShape.length - 1];
    if (inputShape.length < 1 || inputs === undefined || inputs < 1) {
      throw new ShapeError(
        `maxout: expected input of shape [..., features], got [${inputShape.join(', ')}]`,
      );
    }
    const units = this.requestedUnits ?? inputs;
    const limit = Math.sqrt(6 / (inputs + units));
    this.kernel = this.addParameter(
      'kernel',
      this.random.fork('kernel').uniformTensor([inputs, units * this.pieces], -limit, limit),
    );
    this.bias = this.addParameter('bias', tf.zeros([units * this.pieces]));
  }

  protected forward(x: Tensor): Tensor {
    return maxout(x, this.kernel!, this.bias, this.pieces);
  }

  override outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape.slice(0, -1), this.requestedUnits ?? inputShape[inputShape.length - 1]!];
  }
}

/**
 * E[max(Z_1, ..., Z_k)^2] for k independent standard normals: the integral of
 * z^2 k phi(z) Phi(z)^(k-1). 1 for k = 2 (max^2 + min^2 = Z_1^2 + Z_2^2), growing with k.
 */
export function maxoutSecondMoment(pieces: number): number {
  return normalExpectation((z) => z * z * pieces * normalCdfScalar(z) ** (pieces - 1));
}

export const maxoutActivation = defineActivation({
  description: 'Maxout: each unit is the max of k learned affine pieces (seeded Glorot init)',
  options: maxoutOptions,
  metadata: {
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: false,
    smooth: false,
    monotonic: false,
    recommendedInitializer: 'glorotUniform',
    learnable: true,
    // Second-moment gain 1 / sqrt(E[max of k N(0,1)]^2): 1 for k = 2, 0.8854 for k = 3.
    gain: (options) =>
      1 / Math.sqrt(maxoutSecondMoment((options.pieces as number | undefined) ?? 2)),
  },
  create: ({ units, pieces, seed }, context) =>
    new Maxout({
      units,
      pieces,
      // an explicit seed wins; inside a model, the layer's own stream; else seed 0
      random: seed !== undefined ? new Random(seed) : (context.random ?? new Random(0)),
    }),
});
