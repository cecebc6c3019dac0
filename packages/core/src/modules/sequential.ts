import type { Tensor } from '@tensorflow/tfjs-core';
import { type ApplyOptions, Module } from './module.js';

/** Modules applied one after another. Children are named "0", "1", ... */
export class Sequential extends Module {
  readonly type = 'sequential';
  readonly layers: readonly Module[];

  constructor(layers: readonly Module[]) {
    super();
    this.layers = layers;
    layers.forEach((layer, index) => {
      this.addChild(String(index), layer);
    });
  }

  protected override build(inputShape: readonly number[]): void {
    let shape = [...inputShape];
    for (const layer of this.layers) {
      layer.ensureBuilt(shape);
      shape = layer.outputShape(shape);
    }
  }

  protected forward(x: Tensor, options: Required<ApplyOptions>): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.apply(out, options);
    return out;
  }

  /** Runs the layers and returns every intermediate output (the input first). */
  applyAll(x: Tensor, options: ApplyOptions = {}): Tensor[] {
    this.ensureBuilt(x.shape);
    const outputs = [x];
    let out = x;
    for (const layer of this.layers) {
      out = layer.apply(out, options);
      outputs.push(out);
    }
    return outputs;
  }

  override outputShape(inputShape: readonly number[]): number[] {
    return this.layers.reduce<number[]>(
      (shape, layer) => layer.outputShape(shape),
      [...inputShape],
    );
  }
}
