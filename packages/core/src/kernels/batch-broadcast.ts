/** Number of values of a shape. */
export const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * For each matrix of a broadcast batch (`outer`, the batch dimensions of the result), the index
 * of the matrix of `operand` (a full shape, its last two dimensions the matrix) that it reads,
 * by NumPy's broadcasting rules: dimensions aligned from the right, a dimension of 1 repeated.
 */
export function operandIndices(outer: readonly number[], operand: readonly number[]): Int32Array {
  const dims = operand.slice(0, -2);
  const total = size(outer);
  const indices = new Int32Array(total);
  for (let index = 0; index < total; index++) {
    let rest = index;
    let flat = 0;
    let stride = 1;
    for (let d = outer.length - 1, e = dims.length - 1; d >= 0; d--, e--) {
      const coordinate = rest % outer[d]!;
      rest = Math.floor(rest / outer[d]!);
      if (e < 0) continue;
      if (dims[e] !== 1) flat += coordinate * stride;
      stride *= dims[e]!;
    }
    indices[index] = flat;
  }
  return indices;
}
