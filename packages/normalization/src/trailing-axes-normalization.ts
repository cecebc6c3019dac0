import { ShapeError, type Tensor } from '@fanin/core';
import { type AffineOptions, Normalization } from './normalization.js';
import { expectBuiltShape, formatShape } from './shapes.js';

/** The options a {@link TrailingAxesNormalization} reads. */
export interface TrailingAxesSettings extends AffineOptions {
  /** How many trailing axes to normalize over. */
  readonly axes: number;
}

/**
 * The base of the per-sample normalizers over the last `axes` axes of the input (layer norm,
 * RMS norm), PyTorch's normalized_shape = input.shape.slice(-axes): `build` checks the axes
 * and gives gamma and beta their shape, `forward` checks the input and applies
 * `normalize(x, axes)` then the affine part. No batch statistics, so training and inference
 * compute the same thing.
 */
export abstract class TrailingAxesNormalization extends Normalization {
  abstract readonly options: TrailingAxesSettings;
  private expectedShape: number[] = [];
  private normalizedAxes: number[] = [];

  /** Normalizes `x` over `axes` (the last ones), before gamma and beta. */
  protected abstract normalize(x: Tensor, axes: readonly number[]): Tensor;

  protected override build(inputShape: readonly number[]): void {
    const { axes } = this.options;
    if (inputShape.length < axes + 1) {
      throw new ShapeError(
        `${this.type}: cannot normalize the last ${axes} axes of an input of shape ${formatShape(inputShape)}: the first axis is the batch`,
        `Use axes <= ${Math.max(inputShape.length - 1, 1)} or add the batch axis`,
      );
    }
    const rank = inputShape.length;
    this.normalizedAxes = Array.from({ length: axes }, (_, i) => rank - axes + i);
    const normalizedShape = this.normalizedAxes.map((axis) => inputShape[axis]!);
    if (!normalizedShape.every((size) => size > 0)) {
      throw new ShapeError(
        `${this.type}: the normalized axes of ${formatShape(inputShape)} must have known sizes`,
      );
    }
    this.expectedShape = [...inputShape];
    this.buildAffine(normalizedShape, this.options);
  }

  protected forward(x: Tensor): Tensor {
    expectBuiltShape(this.type, this.expectedShape, x.shape, this.normalizedAxes);
    return this.affine(this.normalize(x, this.normalizedAxes));
  }
}
