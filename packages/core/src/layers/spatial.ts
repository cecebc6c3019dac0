import { ShapeError } from '../errors.js';
import { option } from '../options/option.js';

/** A size along (height, width). */
export type Pair = [number, number];

/** How a conv or pool pads its input (see {@link paddingOption}). */
export type Padding = 'same' | 'valid' | number | readonly [number, number];

/** Zero padding on each side: [top, bottom, left, right]. */
export type Pads = readonly [number, number, number, number];

/** `3` as `[3, 3]`; a pair as itself. */
export function pairOf(value: number | readonly [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/** A shape for an error message; an unknown (negative) batch size reads "N". */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.map((dim, axis) => (axis === 0 && dim < 0 ? 'N' : String(dim))).join(', ')}]`;
}

/** `3x3`, `2x4`. */
export function formatPair([height, width]: Pair): string {
  return `${height}x${width}`;
}

function isPadding(value: unknown): value is Padding {
  const isSize = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  return (
    value === 'same' ||
    value === 'valid' ||
    isSize(value) ||
    (Array.isArray(value) && value.length === 2 && value.every(isSize))
  );
}

/**
 * The padding of a convolution: "valid" (none, PyTorch's default), "same" or explicit zero
 * padding, an integer for every side or [ph, pw] (ph rows above and below, pw columns left and
 * right, as PyTorch's `padding=(ph, pw)`).
 *
 * "same" is TensorFlow's: the output has ceil(input / stride) rows and columns, and the
 * total padding (out - 1) * stride + (k - 1) * dilation + 1 - in is split floor(total / 2)
 * before and the rest after, so an even kernel gets its extra row and column at the bottom and
 * right. At stride 1 this is exactly PyTorch's `padding='same'` (which pads the same side);
 * PyTorch refuses "same" with a stride, fanin keeps TensorFlow's meaning there.
 */
export function paddingOption(description: string) {
  return option.custom<Padding, { description: string; default: 'valid' }>({
    description,
    default: 'valid',
    expected: '"same", "valid", an integer >= 0 or a pair [ph, pw] of them',
    schema: {
      oneOf: [
        { type: 'string', enum: ['same', 'valid'] },
        { type: 'integer', minimum: 0 },
        {
          type: 'array',
          items: { type: 'integer', minimum: 0 },
          minItems: 2,
          maxItems: 2,
        },
      ],
    },
    check: isPadding,
  });
}

/** TensorFlow's "same" padding along one axis: [before, after]. */
function samePads(size: number, effectiveKernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + effectiveKernel - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** The zero padding of an input of `size` [height, width] (see {@link paddingOption}). */
export function padsOf(padding: Padding, size: Pair, effectiveKernel: Pair, stride: Pair): Pads {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    return [
      ...samePads(size[0], effectiveKernel[0], stride[0]),
      ...samePads(size[1], effectiveKernel[1], stride[1]),
    ];
  }
  const [ph, pw] = pairOf(padding);
  return [ph, ph, pw, pw];
}

/** The extent of a dilated kernel: (k - 1) * dilation + 1 along each axis. */
export function effectiveKernel(kernel: Pair, dilation: Pair): [number, number] {
  return [(kernel[0] - 1) * dilation[0] + 1, (kernel[1] - 1) * dilation[1] + 1];
}

/**
 * The input shape of a 2-D conv or pool, checked: a 4-D NHWC shape with known height, width and
 * channels. Anything else is a one-line {@link ShapeError} saying what to change.
 */
export function expectNhwc(
  layer: string,
  inputShape: readonly number[],
): [number, number, number, number] {
  if (inputShape.length !== 4) {
    const hint =
      inputShape.length === 2
        ? 'put conv layers before flatten'
        : inputShape.length === 3
          ? 'add a channel axis: reshape the images to [batch, height, width, 1]'
          : 'reshape the input to [batch, height, width, channels]';
    throw new ShapeError(
      `${layer} needs a 4-D NHWC input [batch, height, width, channels], got ${formatShape(inputShape)}; ${hint}`,
    );
  }
  const [batch, height, width, channels] = inputShape as [number, number, number, number];
  if (!(height >= 1 && width >= 1 && channels >= 1)) {
    throw new ShapeError(
      `${layer}: height, width and channels must be known and >= 1, got ${formatShape(inputShape)}`,
    );
  }
  return [batch, height, width, channels];
}

/**
 * The output height and width of a window of `effective` size sliding with `stride` over the
 * padded input; a window larger than the padded input is a {@link ShapeError}.
 */
export function slidingOutput(
  layer: string,
  what: string,
  size: Pair,
  pads: Pads,
  effective: Pair,
  stride: Pair,
): [number, number] {
  const padded: Pair = [size[0] + pads[0] + pads[1], size[1] + pads[2] + pads[3]];
  if (padded[0] < effective[0] || padded[1] < effective[1]) {
    const paddedText = pads.some((pad) => pad > 0)
      ? ` (${formatPair(size)} padded to ${formatPair(padded)})`
      : '';
    throw new ShapeError(
      `${layer}: the ${what} ${formatPair(effective)} is larger than the input ${formatPair(size)}${paddedText}`,
      'Use a smaller kernel or dilation, padding "same", or a larger input (fewer downsampling layers before this one)',
    );
  }
  return [
    Math.floor((padded[0] - effective[0]) / stride[0]) + 1,
    Math.floor((padded[1] - effective[1]) / stride[1]) + 1,
  ];
}
