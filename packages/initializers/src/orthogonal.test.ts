import { Random, ShapeError } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { draw, registry } from '../test/helpers.js';
import { orthogonalMatrix } from './orthogonal.js';
import { householderQr } from './qr.js';
import { ksTest, uniformDistribution } from './stats.js';

/** The largest |(MᵀM or MMᵀ) − gain²·I| entry of a row-major rows×cols matrix, in float64. */
function orthogonalityError(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  gain: number,
): number {
  const byColumns = rows >= cols; // columns orthonormal, else rows
  const size = byColumns ? cols : rows;
  const length = byColumns ? rows : cols;
  const at = (vector: number, k: number) =>
    byColumns ? values[k * cols + vector]! : values[vector * cols + k]!;
  let worst = 0;
  for (let a = 0; a < size; a++)
    for (let b = a; b < size; b++) {
      let dot = 0;
      for (let k = 0; k < length; k++) dot += at(a, k) * at(b, k);
      worst = Math.max(worst, Math.abs(dot - (a === b ? gain * gain : 0)));
    }
  return worst;
}

describe('orthogonal', () => {
  // Keras Orthogonal(gain): flatten to (prod(shape[:-1]), shape[-1]), QR of a normal matrix,
  // q *= sign(diag(r)), transpose when rows < cols. PyTorch orthogonal_(w, gain) does the same
  // on its [out, in, ...] layout flattened to (out, in·...): the transpose of our matrix, so
  // in both libraries the out units are orthonormal vectors when out <= fan-in.
  it.each([
    { shape: [64, 32], gain: 1, rows: 64, cols: 32 },
    { shape: [32, 64], gain: 1, rows: 32, cols: 64 },
    { shape: [50, 50], gain: 2, rows: 50, cols: 50 },
    { shape: [3, 3, 16, 32], gain: 0.5, rows: 144, cols: 32 },
    { shape: [1, 7], gain: 1, rows: 1, cols: 7 },
  ])('$shape with gain $gain: WᵀW (or WWᵀ) = gain²·I to 1e-5', ({ shape, gain, rows, cols }) => {
    const values = draw({ type: 'orthogonal', gain }, shape);
    expect(orthogonalityError(values, rows, cols, gain)).toBeLessThan(1e-5);
  });

  it('is Haar-distributed: every entry of a random 3×3 rotation/reflection is U(−1, 1)', () => {
    // A row or column of a Haar orthogonal 3×3 matrix is uniform on the sphere S², and a
    // coordinate of a uniform point on S² is uniform on [−1, 1] (Archimedes' hat-box theorem).
    const random = new Random(21);
    const count = 20_000;
    const corner = new Float64Array(count);
    const middle = new Float64Array(count);
    const last = new Float64Array(count);
    let reflections = 0;
    for (let i = 0; i < count; i++) {
      const q = orthogonalMatrix(random, 3, 3);
      corner[i] = q[0]!;
      middle[i] = q[5]!;
      last[i] = q[8]!;
      const det =
        q[0]! * (q[4]! * q[8]! - q[5]! * q[7]!) -
        q[1]! * (q[3]! * q[8]! - q[5]! * q[6]!) +
        q[2]! * (q[3]! * q[7]! - q[4]! * q[6]!);
      if (det < 0) reflections++;
    }
    const uniform = uniformDistribution(-1, 1).cdf;
    for (const entries of [corner, middle, last])
      expect(ksTest(entries, uniform).rejected).toBe(false);
    // rotations and reflections equally likely: 5 standard errors of a binomial proportion
    expect(Math.abs(reflections / count - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / count));
  });

  it('needs the sign correction: raw Householder QR is not Haar (its Q[0,0] is never positive)', () => {
    const random = new Random(22);
    const corner = Float64Array.from({ length: 5000 }, () => {
      const gaussian = Float64Array.from({ length: 9 }, () => random.normal());
      return householderQr(gaussian, 3, 3).q[0]!;
    });
    expect(Math.max(...corner)).toBeLessThanOrEqual(0);
    expect(ksTest(corner, uniformDistribution(-1, 1).cdf).rejected).toBe(true);
  });

  it('is reproducible per seed', () => {
    expect(draw('orthogonal', [20, 10], 3)).toEqual(draw('orthogonal', [20, 10], 3));
    expect(draw('orthogonal', [20, 10], 3)).not.toEqual(draw('orthogonal', [20, 10], 4));
  });

  it('refuses biases and scalars, and a negative gain', () => {
    const init = registry.initializer('orthogonal');
    expect(() => init.init([10], { random: new Random(0), name: '0.bias' })).toThrow(ShapeError);
    expect(() => init.init([10], { random: new Random(0), name: '0.bias' })).toThrow(
      'initializer "orthogonal" for "0.bias": needs a shape of rank >= 2, got [10]',
    );
    expect(() => registry.initializer('orthogonal', { gain: -1 })).toThrow(
      'initializer "orthogonal": option "gain" must be a number >= 0, got -1',
    );
    expect(draw('orthogonal', [0, 4])).toEqual(new Float32Array(0));
  });
});
