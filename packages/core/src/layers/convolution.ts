import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { customGradient } from '../autograd/grad.js';
import type { Pads, Pair } from './spatial.js';

/** The geometry of a 2-D convolution, every size already a pair. */
export interface ConvolutionGeometry {
  readonly stride: Pair;
  readonly dilation: Pair;
  /** Zero padding [top, bottom, left, right]. */
  readonly pads: Pads;
  readonly groups: number;
}

/**
 * A 2-D convolution of an NHWC input with a kernel [kh, kw, in / groups, out], as PyTorch's
 * `F.conv2d` computes it (cross-correlation; output channel o belongs to group
 * floor(o / (out / groups))). Differentiable in both arguments on every backend.
 *
 * tfjs's own conv gradients cannot train on the wasm backend: it has no Conv2DBackpropFilter,
 * DepthwiseConv2dNativeBackpropInput or DepthwiseConv2dNativeBackpropFilter kernel, and on every
 * backend tfjs refuses the gradient of a dilated conv. So the forward pass is tfjs's native
 * conv2d (groups = 1, or each group of a grouped conv) or depthwiseConv2d (groups = in
 * channels), and the gradients are written with forward ops every backend has:
 *
 * - dx of a conv: tfjs's conv2dTranspose (Conv2DBackpropInput), except when dilated (which it
 *   does not take) and on wasm, where it is slow: there, the conv of dy (stride - 1 zeros
 *   inserted between its rows and columns, padded by the dilated kernel's extent minus 1) with
 *   the kernel flipped and its channel axes swapped, at the same dilation. Measured for a batch
 *   of 16, 30x30x32 to 64 channels, 3x3: on wasm 26 vs 226 ms at stride 1, 32 vs 42 ms at
 *   stride 2; on cpu tfjs's kernel wins (685 vs 1008 ms, 170 vs 1710 ms).
 * - dkernel of a conv: a conv of the input with dy as the kernel, batch and channel axes
 *   swapped (x as [C, H, W, N], dy as [Ho, Wo, N, out]), dy's taps spaced by the stride.
 * - dx of a depthwise conv: the same flipped-kernel conv, depthwise.
 * - dkernel of a depthwise conv: per kernel tap, the sum over the batch and positions of the
 *   input seen by that tap times dy.
 *
 * tfjs's kernels take a stride or a dilation above 1, not both: then the kernel is dilated by
 * inserting zeros (a differentiable reshape and pad), which costs the zeros' multiplications.
 * Padding is applied with `tf.pad` before the convolution. Second derivatives through a
 * convolution are not available (the gradient is a custom one, as tfjs's own).
 */
export function convolve(x: Tensor4D, kernel: Tensor4D, geometry: ConvolutionGeometry): Tensor4D {
  const { pads, groups } = geometry;
  let { stride, dilation } = geometry;
  let w = kernel;
  if (stride.some((s) => s > 1) && dilation.some((d) => d > 1)) {
    w = spread(kernel, 0, dilation) as Tensor4D;
    dilation = [1, 1];
  }
  const padded = pads.some((pad) => pad > 0)
    ? (tf.pad(x, [
        [0, 0],
        [pads[0], pads[1]],
        [pads[2], pads[3]],
        [0, 0],
      ]) as Tensor4D)
    : x;
  const channels = padded.shape[3];
  if (groups === 1) return plainConvolution(stride, dilation)(padded, w) as Tensor4D;
  if (groups === channels) {
    const [kh, kw, , filters] = w.shape;
    const depthwiseKernel = tf.reshape(w, [kh, kw, channels, filters / channels]);
    return depthwiseConvolution(stride, dilation)(padded, depthwiseKernel) as Tensor4D;
  }
  const inputs = tf.split(padded, groups, 3);
  const kernels = tf.split(w, groups, 3);
  const convolution = plainConvolution(stride, dilation);
  return tf.concat(
    inputs.map((input, group) => convolution(input, kernels[group]!)),
    3,
  ) as Tensor4D;
}

/**
 * Spreads axes `first` and `first + 1` of a tensor by `factors`: factor - 1 zeros between
 * neighbouring entries, none after the last, so n entries become (n - 1) * factor + 1.
 * Differentiable (reshape, pad, slice).
 */
export function spread(t: Tensor, first: number, factors: Pair): Tensor {
  if (factors[0] === 1 && factors[1] === 1) return t;
  const shape = t.shape;
  const [h, w] = [shape[first]!, shape[first + 1]!];
  const before = shape.slice(0, first);
  const after = shape.slice(first + 2);
  const split = tf.reshape(t, [...before, h, 1, w, 1, ...after]);
  const none = (dims: readonly number[]) => dims.map(() => [0, 0] as [number, number]);
  const zeros = tf.pad(split, [
    ...none(before),
    [0, 0],
    [0, factors[0] - 1],
    [0, 0],
    [0, factors[1] - 1],
    ...none(after),
  ]);
  const merged = tf.reshape(zeros, [...before, h * factors[0], w * factors[1], ...after]);
  return tf.slice(
    merged,
    shape.map(() => 0),
    [...before, (h - 1) * factors[0] + 1, (w - 1) * factors[1] + 1, ...after],
  );
}

/** The kernel rotated 180 degrees in space, with its in and out channel axes swapped. */
function flipped(kernel: Tensor4D): Tensor4D {
  return tf.transpose(tf.reverse(kernel, [0, 1]), [0, 1, 3, 2]);
}

/** dy with stride - 1 zeros between entries, padded so that a valid conv of it is x-sized. */
function dyForInputGradient(
  dy: Tensor4D,
  inputSize: Pair,
  kernel: Pair,
  stride: Pair,
  dilation: Pair,
): Tensor4D {
  const spreadDy = spread(dy, 1, stride) as Tensor4D;
  const extent = [(kernel[0] - 1) * dilation[0], (kernel[1] - 1) * dilation[1]] as const;
  // rows of the input that no window reached (a stride that does not divide the size)
  const leftover = [
    inputSize[0] - (spreadDy.shape[1] + extent[0]),
    inputSize[1] - (spreadDy.shape[2] + extent[1]),
  ] as const;
  return tf.pad(spreadDy, [
    [0, 0],
    [extent[0], extent[0] + leftover[0]],
    [extent[1], extent[1] + leftover[1]],
    [0, 0],
  ]);
}

function plainConvolution(stride: Pair, dilation: Pair) {
  const dilated = dilation[0] > 1 || dilation[1] > 1;
  return customGradient((x: Tensor, kernel: Tensor) => ({
    value: tf.conv2d(x as Tensor4D, kernel as Tensor4D, stride, 'valid', 'NHWC', dilation),
    gradient: (dyTensor, saved) => {
      const [input, w] = saved as [Tensor4D, Tensor4D];
      const dy = dyTensor as Tensor4D;
      const [kh, kw] = w.shape;
      const size: Pair = [input.shape[1], input.shape[2]];
      const dx =
        dilated || tf.getBackend() === 'wasm'
          ? tf.conv2d(
              dyForInputGradient(dy, size, [kh, kw], stride, dilation),
              flipped(w),
              1,
              'valid',
              'NHWC',
              dilation,
            )
          : tf.conv2dTranspose(dy, w, input.shape, stride, 'valid');
      // dkernel[i, j, c, o] = sum over n, h, w of x[n, h s + i d, w s + j d, c] dy[n, h, w, o]
      const xByChannel = tf.transpose(input, [3, 1, 2, 0]);
      const dyAsKernel = tf.transpose(dy, [1, 2, 0, 3]);
      const byChannel = dilated
        ? tf.conv2d(xByChannel, dyAsKernel, dilation, 'valid')
        : tf.conv2d(xByChannel, dyAsKernel, 1, 'valid', 'NHWC', stride);
      const taps = tf.slice(byChannel, [0, 0, 0, 0], [-1, kh, kw, -1]);
      return [dx, tf.transpose(taps, [1, 2, 0, 3])];
    },
  }));
}

function depthwiseConvolution(stride: Pair, dilation: Pair) {
  return customGradient((x: Tensor, kernel: Tensor) => ({
    value: tf.depthwiseConv2d(x as Tensor4D, kernel as Tensor4D, stride, 'valid', 'NHWC', dilation),
    gradient: (dyTensor, saved) => {
      const [input, w] = saved as [Tensor4D, Tensor4D];
      const dy = dyTensor as Tensor4D;
      const [kh, kw, channels, multiplier] = w.shape;
      const [batch, height, width] = input.shape;
      const [, outHeight, outWidth] = dy.shape;
      // dx: the depthwise conv of the spread dy with the flipped kernel, one filter per
      // (channel, multiplier) output, then summed over the multiplier
      const perOutput = tf.reshape(tf.reverse(w, [0, 1]), [kh, kw, channels * multiplier, 1]);
      const spreadDy = dyForInputGradient(dy, [height, width], [kh, kw], stride, dilation);
      const dxParts = tf.depthwiseConv2d(
        spreadDy,
        perOutput as Tensor4D,
        1,
        'valid',
        'NHWC',
        dilation,
      );
      const dx = tf.sum(tf.reshape(dxParts, [batch, height, width, channels, multiplier]), 4);
      // dkernel[i, j, c, m] = sum over n, h, w of x[n, h s + i d, w s + j d, c] dy[n, h, w, c m]
      const dyByChannel = tf.reshape(dy, [batch, outHeight, outWidth, channels, multiplier]);
      const taps: Tensor[] = [];
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const seen = tf.stridedSlice(
            input,
            [0, i * dilation[0], j * dilation[1], 0],
            [
              batch,
              i * dilation[0] + (outHeight - 1) * stride[0] + 1,
              j * dilation[1] + (outWidth - 1) * stride[1] + 1,
              channels,
            ],
            [1, stride[0], stride[1], 1],
          );
          const product = tf.mul(
            tf.reshape(seen, [batch, outHeight, outWidth, channels, 1]),
            dyByChannel,
          );
          taps.push(tf.sum(product, [0, 1, 2]));
        }
      }
      return [dx, tf.reshape(tf.stack(taps), [kh, kw, channels, multiplier])];
    },
  }));
}
