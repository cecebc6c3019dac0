import { ShapeError, type Tensor, tf } from '@fanin/core';

/** "[8, 6]"; an unknown batch size (-1 or null) prints as "?". */
export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null || d < 0 ? '?' : String(d))).join(', ')}]`;
}

/** The product of the given dimensions of a shape. */
export function sizeOver(shape: readonly number[], axes: readonly number[]): number {
  return axes.reduce((product, axis) => product * (shape[axis] ?? 1), 1);
}

/** Every axis of a rank, except the listed ones. */
export function otherAxes(rank: number, keep: readonly number[]): number[] {
  return Array.from({ length: rank }, (_, axis) => axis).filter((axis) => !keep.includes(axis));
}

/** The spatial axes of a channels-last input [N, ...spatial, C]: 1 ... rank - 2. */
export function spatialAxes(rank: number): number[] {
  return Array.from({ length: rank - 2 }, (_, i) => i + 1);
}

/** A per-channel tensor reshaped to `broadcastShape` when given (channels-first), else as is. */
export function reshapeForBroadcast(tensor: Tensor, broadcastShape?: readonly number[]): Tensor {
  return broadcastShape ? tf.reshape(tensor, [...broadcastShape]) : tensor;
}

/** Throws a one-line ShapeError unless the input rank is at least `minimum`. */
export function expectRankAtLeast(
  type: string,
  shape: readonly number[],
  minimum: number,
  layouts: string,
): void {
  if (shape.length < minimum) {
    throw new ShapeError(
      `${type}: expected an input of rank >= ${minimum} (${layouts}), got shape ${formatShape(shape)}`,
    );
  }
}

/**
 * Checks a forward input against the shape the module was built for: same rank, and the same
 * size on every axis the parameters depend on (the batch and, for convolutions, the spatial
 * sizes may change between calls).
 */
export function expectBuiltShape(
  type: string,
  built: readonly number[],
  shape: readonly number[],
  fixedAxes: readonly number[],
): void {
  const same =
    built.length === shape.length && fixedAxes.every((axis) => built[axis] === shape[axis]);
  if (!same) {
    const fixed = fixedAxes.map((axis) => `${axis}: ${built[axis]}`).join(', ');
    throw new ShapeError(
      `${type}: built for inputs of shape ${formatShape(built)} (rank ${built.length}; axis ${fixed}) but got ${formatShape(shape)}`,
      'A module takes its parameter shapes from its first input; create a new one for differently shaped inputs',
    );
  }
}
