import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { type ApplyOptions, Module } from './module.js';

function chain(layers: readonly Module[], inputShape: readonly number[], build: boolean): number[] {
  let shape = [...inputShape];
  for (const layer of layers) {
    if (build) layer.ensureBuilt(shape);
    shape = layer.outputShape(shape);
  }
  return shape;
}

const show = (shape: readonly number[]) => `[${shape.slice(1).join(', ')}]`;

/**
 * A residual block (He et al. 2016): `activation(branch(x) + shortcut(x))`, the shortcut the
 * identity unless given. The branch's layers are children "0", "1"..., the shortcut's
 * "shortcut.0"..., so a block at model index 3 has tensors "3.0.kernel", "3.1.gamma"...
 */
export class Residual extends Module {
  readonly type = 'residual';
  readonly branch: readonly Module[];
  readonly shortcut: readonly Module[];
  readonly activation: Module | undefined;

  constructor(
    branch: readonly Module[],
    options: { readonly shortcut?: readonly Module[]; readonly activation?: Module } = {},
  ) {
    super();
    if (branch.length === 0) throw new ShapeError('residual: the branch needs at least one layer');
    this.branch = branch;
    branch.forEach((layer, index) => {
      this.addChild(String(index), layer);
    });
    this.shortcut = options.shortcut ?? [];
    if (this.shortcut.length > 0) {
      const shortcut = new ShortcutChildren(this.shortcut);
      this.addChild('shortcut', shortcut);
    }
    this.activation = options.activation
      ? this.addChild('activation', options.activation)
      : undefined;
  }

  protected override build(inputShape: readonly number[]): void {
    const branch = chain(this.branch, inputShape, true);
    const shortcut = chain(this.shortcut, inputShape, true);
    if (branch.length !== shortcut.length || branch.some((d, i) => i > 0 && d !== shortcut[i])) {
      throw new ShapeError(
        `residual: the branch gives ${show(branch)} but the shortcut gives ${show(shortcut)} per example`,
        'Add "shortcut": [...] layers that give the branch\'s shape (e.g. a 1x1 conv2d with its stride), or keep the shapes equal',
      );
    }
    this.activation?.ensureBuilt(branch);
  }

  protected forward(x: tf.Tensor, options: Required<ApplyOptions>): tf.Tensor {
    // Like Sequential, intermediates are left to the caller's tidy (the gradient tape needs them).
    const run = (layers: readonly Module[]) =>
      layers.reduce<tf.Tensor>((out, layer) => layer.apply(out, options), x);
    const sum = tf.add(run(this.branch), run(this.shortcut));
    return this.activation ? this.activation.apply(sum, options) : sum;
  }

  override outputShape(inputShape: readonly number[]): number[] {
    const shape = chain(this.branch, inputShape, false);
    return this.activation ? this.activation.outputShape(shape) : shape;
  }
}

/** The shortcut's layers as one child, so their tensors are "shortcut.0.kernel"... */
class ShortcutChildren extends Module {
  readonly type = 'shortcut';
  constructor(layers: readonly Module[]) {
    super();
    layers.forEach((layer, index) => {
      this.addChild(String(index), layer);
    });
  }
  protected forward(x: tf.Tensor): tf.Tensor {
    return x;
  }
}
