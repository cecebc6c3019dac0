import { Module, option, type Tensor, tf, type Variable } from '@fanin/core';
import { reshapeForBroadcast } from './shapes.js';

/**
 * Declares the learnable affine options every normalizer takes, with that normalizer's
 * defaults: `center` adds the shift beta (initialized to 0), `scale` the gain gamma
 * (initialized to 1). PyTorch's `affine` / `elementwise_affine=False` is
 * `center: false, scale: false`; its LayerNorm `bias=False` is `center: false`.
 */
export function affineOptions(defaults: { readonly center: boolean; readonly scale: boolean }) {
  return {
    center: option.boolean({
      description:
        'Add a learnable shift beta (initialized to 0) after normalizing, as Keras "center"',
      default: defaults.center,
    }),
    scale: option.boolean({
      description:
        'Multiply by a learnable gain gamma (initialized to 1) after normalizing, as Keras "scale"',
      default: defaults.scale,
    }),
  } as const;
}

/** The affine part of a normalizer's options. */
export interface AffineOptions {
  readonly center: boolean;
  readonly scale: boolean;
}

/**
 * The base of the normalizers: owns the optional affine parameters `gamma` and `beta` and
 * applies y = normalized * gamma + beta. Subclasses create them in `build` once they know
 * the parameter shape.
 */
export abstract class Normalization extends Module {
  /** The learnable gain (absent when `scale: false`). */
  gamma: Variable | undefined;
  /** The learnable shift (absent when `center: false`). */
  beta: Variable | undefined;

  /** Creates `gamma` (ones) and `beta` (zeros) of this shape, as the options ask. */
  protected buildAffine(shape: readonly number[], options: AffineOptions): void {
    if (options.scale) this.gamma = this.addParameter('gamma', tf.ones([...shape]));
    if (options.center) this.beta = this.addParameter('beta', tf.zeros([...shape]));
  }

  /** normalized * gamma + beta, reshaping the parameters to `broadcastShape` when given. */
  protected affine(normalized: Tensor, broadcastShape?: readonly number[]): Tensor {
    let out = normalized;
    if (this.gamma) out = tf.mul(out, reshapeForBroadcast(this.gamma, broadcastShape));
    if (this.beta) out = tf.add(out, reshapeForBroadcast(this.beta, broadcastShape));
    return out;
  }
}
