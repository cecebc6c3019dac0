import type { Tensor } from '@tensorflow/tfjs-core';
import type { Random } from '../random/random.js';

/** What an initializer is told besides the shape. */
export interface InitContext {
  /** The seeded stream to draw from (already forked for this parameter). */
  readonly random: Random;
  /** The parameter's full name in its model, e.g. "layers.0.kernel" (used by `pretrained`). */
  readonly name?: string;
}

/**
 * Produces a parameter's initial values. Kernels are laid out [fanIn, fanOut] for dense
 * layers and [kh, kw, inChannels, outChannels] for convolutions.
 */
export interface Initializer {
  readonly name: string;
  init(shape: readonly number[], context: InitContext): Tensor;
}
