import { ShapeError } from '@fanin/core';

/** How to compute a kernel's fans when its layout is not the usual one. */
export interface FanOptions {
  /** Use this fan-in instead of computing it from the shape. */
  readonly fanIn?: number | undefined;
  /** Use this fan-out instead of computing it from the shape. */
  readonly fanOut?: number | undefined;
  /** Axes holding the input units (negative counts from the end). Default: the second to last. */
  readonly inAxes?: readonly number[] | undefined;
  /** Axes holding the output units (negative counts from the end). Default: the last. */
  readonly outAxes?: readonly number[] | undefined;
  /**
   * Axes that stack independent kernels (e.g. one per head or per ensemble member); they
   * count in neither fan. Default: none.
   */
  readonly batchAxes?: readonly number[] | undefined;
}

/** A kernel's fan-in and fan-out. */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/**
 * The fan-in and fan-out of a kernel: the number of inputs each output unit sums over, and
 * the number of outputs each input unit feeds.
 *
 * - Dense `[in, out]`: fanIn = in, fanOut = out.
 * - Convolution `[...kernel, in, out]` (e.g. `[kh, kw, in, out]`): the receptive field
 *   (the product of the kernel dimensions) times the channels, fanIn = kh·kw·in and
 *   fanOut = kh·kw·out. This is Keras's `compute_fans` and, after the change of layout,
 *   PyTorch's `_calculate_fan_in_and_fan_out` (PyTorch stores `[out, in, kh, kw]`).
 * - Other layouts: name the axes. `inAxes` and `outAxes` hold the units; every other axis
 *   that is not in `batchAxes` is receptive field, multiplied into both fans (as JAX's
 *   `in_axis`/`out_axis`/`batch_axis` and Keras 3.15's `input_axes`/`output_axes`).
 *   A transposed convolution stored `[kh, kw, out, in]` is `{ inAxes: [-1], outAxes: [-2] }`.
 * - `fanIn` / `fanOut` override the computed values outright.
 *
 * Scalars and 1-D shapes (biases) have no fans: like PyTorch (and unlike Keras, which uses
 * n for both), this throws a {@link ShapeError} unless both fans are given explicitly,
 * because a bias's scale depends on the kernel it belongs to. Initialize biases with
 * `zeros`, or give the variance-scaling schemes the fan their mode uses (the kernel's
 * `fanIn`), which they then take without computing fans.
 */
export function computeFans(shape: readonly number[], options: FanOptions = {}): Fans {
  const { fanIn, fanOut } = options;
  if (fanIn !== undefined && fanOut !== undefined) return { fanIn, fanOut };
  const rank = shape.length;
  const customAxes =
    options.inAxes !== undefined ||
    options.outAxes !== undefined ||
    options.batchAxes !== undefined;
  if (rank < 2 && !customAxes) {
    throw new ShapeError(
      `cannot compute fans of a rank-${rank} shape [${shape.join(', ')}]: fans need a kernel [in, out] or [...kernel, in, out]`,
      'A bias has no fans: initialize it with "zeros", or give the fan explicitly ("fanIn", "fanOut")',
    );
  }
  const inAxes = normalizeAxes(options.inAxes ?? [-2], rank, 'inAxes');
  const outAxes = normalizeAxes(options.outAxes ?? [-1], rank, 'outAxes');
  const batchAxes = normalizeAxes(options.batchAxes ?? [], rank, 'batchAxes');
  const used = new Map<number, string>();
  for (const [name, axes] of [
    ['inAxes', inAxes],
    ['outAxes', outAxes],
    ['batchAxes', batchAxes],
  ] as const) {
    for (const axis of axes) {
      const other = used.get(axis);
      if (other !== undefined) {
        throw new ShapeError(
          `axis ${axis} of shape [${shape.join(', ')}] is in both ${other} and ${name}`,
          'Each axis is input units, output units, batch, or (if in none) receptive field',
        );
      }
      used.set(axis, name);
    }
  }
  let inSize = 1;
  let outSize = 1;
  let receptive = 1;
  shape.forEach((dim, axis) => {
    const role = used.get(axis);
    if (role === 'inAxes') inSize *= dim;
    else if (role === 'outAxes') outSize *= dim;
    else if (role === undefined) receptive *= dim;
  });
  return { fanIn: fanIn ?? inSize * receptive, fanOut: fanOut ?? outSize * receptive };
}

function normalizeAxes(axes: readonly number[], rank: number, name: string): number[] {
  return axes.map((axis) => {
    const resolved = axis < 0 ? rank + axis : axis;
    if (!Number.isInteger(axis) || resolved < 0 || resolved >= rank) {
      throw new ShapeError(
        `${name}: axis ${axis} is out of range for a rank-${rank} shape`,
        `Use axes from ${-rank} to ${rank - 1}`,
      );
    }
    return resolved;
  });
}

/** Which fan a variance-scaling initializer divides by. */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg' | 'fanGeoAvg';

/** The fan a mode selects: fanIn, fanOut, their mean (fanAvg) or geometric mean (fanGeoAvg). */
export function fanOf(fans: Fans, mode: FanMode): number {
  switch (mode) {
    case 'fanIn':
      return fans.fanIn;
    case 'fanOut':
      return fans.fanOut;
    case 'fanAvg':
      return (fans.fanIn + fans.fanOut) / 2;
    case 'fanGeoAvg':
      return Math.sqrt(fans.fanIn * fans.fanOut);
  }
}
