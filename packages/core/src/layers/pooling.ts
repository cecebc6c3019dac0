import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { customGradient } from '../autograd/grad.js';
import { spread } from './convolution.js';
import type { Pads, Pair } from './spatial.js';

/** The geometry of a 2-D pooling, every size already a pair. */
export interface PoolingGeometry {
  readonly poolSize: Pair;
  readonly stride: Pair;
  readonly padding: 'same' | 'valid';
  /** The padding `padding` means for this input: [top, bottom, left, right]. */
  readonly pads: Pads;
}

/**
 * Max pooling of an NHWC input, tfjs's kernel forward, with a gradient of fanin's own: tfjs's
 * MaxPoolGrad on the wasm backend drops the gradient of some windows (tfjs-backend-wasm 4.22:
 * 3 of the 36 windows of a 2x2 pool of a [2, 5, 6, 3] input get 0, in fixtures/conv.json). The gradient of each window goes to its
 * first maximum in row-major order, as PyTorch's: on ties (a window of zeros after a ReLU) one
 * position gets it, not every tied one.
 */
export function maxPool(x: Tensor4D, geometry: PoolingGeometry): Tensor4D {
  const { poolSize, stride, padding, pads } = geometry;
  const op = customGradient((input: Tensor) => ({
    value: tf.maxPool(input as Tensor4D, poolSize, stride, padding),
    gradient: (dy, [saved]) => {
      if (tiles(geometry))
        return [maxPoolGradientTiled(saved as Tensor4D, dy as Tensor4D, poolSize)];
      const padded = padWith(saved as Tensor4D, pads, Number.NEGATIVE_INFINITY);
      const y = tf.maxPool(saved as Tensor4D, poolSize, stride, padding);
      let taken = tf.zerosLike(y).cast('bool');
      const parts: Tensor[] = [];
      forEachTap(poolSize, (i, j) => {
        const seen = tapOf(padded, [i, j], stride, y.shape);
        const first = tf.logicalAnd(tf.equal(seen, y), tf.logicalNot(taken));
        taken = tf.logicalOr(taken, first);
        parts.push(place(tf.where(first, dy, tf.zerosLike(dy)), [i, j], stride, padded.shape));
      });
      return [crop(tf.addN(parts), pads)];
    },
  }));
  return op(x) as Tensor4D;
}

/**
 * Average pooling of an NHWC input, tfjs's kernel forward (with "same", the mean of the real
 * values of each window, padding not counted), with a gradient of fanin's own: tfjs's
 * AvgPoolGrad divides by the whole window even where its forward pass divided by fewer values,
 * so its gradient of a "same" average pool is wrong at the edges on every backend.
 */
export function avgPool(x: Tensor4D, geometry: PoolingGeometry): Tensor4D {
  const { poolSize, stride, padding, pads } = geometry;
  const op = customGradient((input: Tensor) => ({
    value: tf.avgPool(input as Tensor4D, poolSize, stride, padding),
    gradient: (dy, [saved]) => {
      const [, height, width] = (saved as Tensor4D).shape;
      const [, outHeight, outWidth] = dy.shape as [number, number, number, number];
      const counts = windowCounts([height, width], [outHeight, outWidth], geometry);
      const share = tf.div(dy, tf.tensor(counts, [1, outHeight, outWidth, 1]));
      if (tiles(geometry))
        return [
          untile(share as Tensor4D, poolSize, (saved as Tensor4D).shape, (windows) => windows),
        ];
      const paddedShape = [0, height + pads[0] + pads[1], width + pads[2] + pads[3], 0] as const;
      const parts: Tensor[] = [];
      forEachTap(poolSize, (i, j) => {
        parts.push(place(share, [i, j], stride, paddedShape));
      });
      return [crop(tf.addN(parts), pads)];
    },
  }));
  return op(x) as Tensor4D;
}

/** How many real (unpadded) values each output's window covers. */
/**
 * Whether the windows tile the input without overlap or padding (stride = pool size, "valid",
 * the usual 2x2 pool): then the gradient is a reshape of dy onto the windows instead of one
 * strided slice and pad per tap (tfjs's wasm StridedSlice made those ~110 of the ~210 ms of a
 * CNN training step).
 */
function tiles({ poolSize, stride, padding }: PoolingGeometry): boolean {
  return padding === 'valid' && poolSize[0] === stride[0] && poolSize[1] === stride[1];
}

/**
 * Spreads a per-window gradient [n, ho, wo, c] (or per window and tap, [n, ho, wo, c, ph pw],
 * as `perTap` makes it) back onto the input's [n, h, w, c]; rows and columns past the last
 * whole window (dropped by "valid") get zeros.
 */
function untile(
  perWindow: Tensor4D,
  [ph, pw]: Pair,
  [n, h, w, c]: readonly number[],
  perTap: (windows: Tensor) => Tensor,
): Tensor4D {
  const [, ho, wo] = perWindow.shape;
  const taps = perTap(perWindow);
  const spread =
    taps.rank === 5
      ? tf.transpose(tf.reshape(taps, [n!, ho, wo, c!, ph, pw]), [0, 1, 4, 2, 5, 3])
      : tf.broadcastTo(tf.reshape(taps, [n!, ho, 1, wo, 1, c!]), [n!, ho, ph, wo, pw, c!]);
  const covered = tf.reshape(spread, [n!, ho * ph, wo * pw, c!]) as Tensor4D;
  if (ho * ph === h && wo * pw === w) return covered;
  return tf.pad(covered, [
    [0, 0],
    [0, h! - ho * ph],
    [0, w! - wo * pw],
    [0, 0],
  ]);
}

/** Max pooling's gradient on tiling windows: each window's dy to its first maximum (argMax). */
function maxPoolGradientTiled(x: Tensor4D, dy: Tensor4D, poolSize: Pair): Tensor4D {
  const [n, , , c] = x.shape;
  const [, ho, wo] = dy.shape;
  const [ph, pw] = poolSize;
  const covered =
    ho * ph === x.shape[1] && wo * pw === x.shape[2]
      ? x
      : tf.slice(x, [0, 0, 0, 0], [n, ho * ph, wo * pw, c]);
  const windows = tf.reshape(
    tf.transpose(tf.reshape(covered, [n, ho, ph, wo, pw, c]), [0, 1, 3, 5, 2, 4]),
    [n, ho, wo, c, ph * pw],
  );
  // argMax takes the first of tied maxima in row-major window order, as PyTorch does.
  const first = tf.argMax(windows, 4);
  return untile(dy, poolSize, x.shape, (perWindow) =>
    tf.mul(tf.oneHot(first, ph * pw), tf.expandDims(perWindow, 4)),
  );
}

function windowCounts(size: Pair, out: Pair, geometry: PoolingGeometry): Float32Array {
  const { poolSize, stride, pads } = geometry;
  const covered = (index: number, axis: 0 | 1) => {
    const start = index * stride[axis] - pads[axis * 2]!;
    const end = start + poolSize[axis];
    return Math.min(end, size[axis]) - Math.max(start, 0);
  };
  const counts = new Float32Array(out[0] * out[1]);
  for (let h = 0; h < out[0]; h++) {
    for (let w = 0; w < out[1]; w++) counts[h * out[1] + w] = covered(h, 0) * covered(w, 1);
  }
  return counts;
}

function forEachTap(poolSize: Pair, visit: (i: number, j: number) => void): void {
  for (let i = 0; i < poolSize[0]; i++) for (let j = 0; j < poolSize[1]; j++) visit(i, j);
}

function padWith(x: Tensor4D, pads: Pads, value: number): Tensor4D {
  if (!pads.some((pad) => pad > 0)) return x;
  return tf.pad(
    x,
    [
      [0, 0],
      [pads[0], pads[1]],
      [pads[2], pads[3]],
      [0, 0],
    ],
    value,
  );
}

/** The input values a window tap (i, j) sees, one per output position. */
function tapOf(
  padded: Tensor4D,
  [i, j]: Pair,
  stride: Pair,
  [batch, outHeight, outWidth, channels]: readonly number[],
): Tensor {
  return tf.stridedSlice(
    padded,
    [0, i, j, 0],
    [batch!, i + (outHeight! - 1) * stride[0] + 1, j + (outWidth! - 1) * stride[1] + 1, channels!],
    [1, stride[0], stride[1], 1],
  );
}

/** The adjoint of {@link tapOf}: per-output values put back at the positions tap (i, j) read. */
function place(values: Tensor, [i, j]: Pair, stride: Pair, paddedShape: readonly number[]): Tensor {
  const spreadValues = spread(values, 1, stride);
  const [, height, width] = spreadValues.shape as [number, number, number, number];
  return tf.pad(spreadValues, [
    [0, 0],
    [i, paddedShape[1]! - i - height],
    [j, paddedShape[2]! - j - width],
    [0, 0],
  ]);
}

function crop(padded: Tensor, pads: Pads): Tensor {
  if (!pads.some((pad) => pad > 0)) return padded;
  const [batch, height, width, channels] = padded.shape as [number, number, number, number];
  return tf.slice(
    padded,
    [0, pads[0], pads[2], 0],
    [batch, height - pads[0] - pads[1], width - pads[2] - pads[3], channels],
  );
}
