import type { Tensor } from '@tensorflow/tfjs-core';
import type { FusedActivation } from '../kernels/cpu-fused.js';
import { fusedActivationOf } from '../kernels/fused-activation.js';
import { Dense, type DenseOptions } from './dense.js';
import type { NormPosition } from './model-config-validate.js';
import type { ApplyOptions, Module } from './module.js';

/**
 * A dense layer with its normalization and activation, as one config entry builds it. Its
 * kernel and bias are its own tensors ("3.kernel"), the others are children ("3.norm.gamma",
 * "3.activation.alpha"), so parameter names follow the config's layer index.
 */
export class DenseBlock extends Dense {
  readonly norm: Module | undefined;
  readonly activation: Module | undefined;
  readonly normPosition: NormPosition;

  constructor(
    options: DenseOptions & { norm?: Module; activation?: Module; normPosition?: NormPosition },
  ) {
    super(options);
    this.normPosition = options.normPosition ?? 'beforeActivation';
    this.norm = options.norm ? this.addChild('norm', options.norm) : undefined;
    this.activation = options.activation
      ? this.addChild('activation', options.activation)
      : undefined;
  }

  /** The modules after the matrix product, in the order they run. */
  private get stages(): Module[] {
    const ordered =
      this.normPosition === 'beforeActivation'
        ? [this.norm, this.activation]
        : [this.activation, this.norm];
    return ordered.filter((module): module is Module => module !== undefined);
  }

  /**
   * The activation fused into the dense kernel (fanin's relu or identity, no normalization),
   * decided at build; undefined when the block runs its stages one by one.
   */
  private fused: FusedActivation | undefined;

  protected override build(inputShape: readonly number[]): void {
    super.build(inputShape);
    let shape = super.outputShape(inputShape);
    for (const stage of this.stages) {
      stage.ensureBuilt(shape);
      shape = stage.outputShape(shape);
    }
    if (!this.norm) this.fused = this.activation ? fusedActivationOf(this.activation) : 'linear';
  }

  protected override forward(
    x: Tensor,
    options: Required<ApplyOptions> = { training: false },
  ): Tensor {
    if (this.fused) {
      const y = this.fusedForward(x, this.fused);
      if (y) return y;
    }
    let out = this.linearForward(x);
    for (const stage of this.stages) out = stage.apply(out, options);
    return out;
  }

  override outputShape(inputShape: readonly number[]): number[] {
    return this.stages.reduce<number[]>(
      (shape, stage) => stage.outputShape(shape),
      super.outputShape(inputShape),
    );
  }
}
