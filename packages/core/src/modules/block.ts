import type { Tensor } from '@tensorflow/tfjs-core';
import type { NormPosition } from './block-options.js';
import { type ApplyOptions, Module } from './module.js';

/** A block's stages after its layer, as `createBlockStages` makes them. */
export interface BlockStages {
  readonly norm?: Module;
  readonly activation?: Module;
  readonly normPosition?: NormPosition;
}

/**
 * A layer followed by a normalization and an activation, as a config entry with `norm` and
 * `activation` builds it (`{ "conv2d": 32, "kernelSize": 3, "norm": "batchNorm",
 * "activation": "relu" }`). The layer's tensors are the block's own ("3.kernel"), the others
 * children ("3.norm.gamma"), so parameter names follow the config's layer index. Without
 * stages, use the layer itself (see {@link withStages}).
 */
export class Block extends Module {
  readonly type: string;
  readonly layer: Module;
  readonly norm: Module | undefined;
  readonly activation: Module | undefined;
  readonly normPosition: NormPosition;

  constructor(layer: Module, stages: BlockStages) {
    super();
    this.type = layer.type;
    this.layer = this.addInlineChild('layer', layer);
    this.normPosition = stages.normPosition ?? 'beforeActivation';
    this.norm = stages.norm ? this.addChild('norm', stages.norm) : undefined;
    this.activation = stages.activation
      ? this.addChild('activation', stages.activation)
      : undefined;
  }

  /** The modules in the order they run. */
  private get modules(): Module[] {
    const after =
      this.normPosition === 'beforeActivation'
        ? [this.norm, this.activation]
        : [this.activation, this.norm];
    return [this.layer, ...after.filter((module): module is Module => module !== undefined)];
  }

  protected override build(inputShape: readonly number[]): void {
    let shape = [...inputShape];
    for (const module of this.modules) {
      module.ensureBuilt(shape);
      shape = module.outputShape(shape);
    }
  }

  protected forward(x: Tensor, options: Required<ApplyOptions>): Tensor {
    let out = x;
    for (const module of this.modules) out = module.apply(out, options);
    return out;
  }

  override outputShape(inputShape: readonly number[]): number[] {
    return this.modules.reduce<number[]>(
      (shape, module) => module.outputShape(shape),
      [...inputShape],
    );
  }
}

/** The layer alone when there are no stages, else the layer in a {@link Block}. */
export function withStages(layer: Module, stages: BlockStages): Module {
  return stages.norm || stages.activation ? new Block(layer, stages) : layer;
}
