import { type Random, sizeOf, type Tensor, tf } from '@fanin/core';

/**
 * A float32 tensor of `shape` whose values are drawn one by one, in row-major order, by
 * `sample` (in float64, rounded once to float32). Every draw happens in JavaScript from the
 * seeded stream, so a seed gives the same bytes on cpu, wasm and webgl.
 */
export function sampleTensor(shape: readonly number[], sample: () => number): Tensor {
  const size = sizeOf(shape);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = sample();
  return tf.tensor(values, [...shape], 'float32');
}

/**
 * A unit normal sample conditioned on |x| <= bound, exactly (no clipping). For bound >= 1 it
 * redraws normals until one falls inside (acceptance >= 68%); for smaller bounds, where
 * that would waste most draws, it proposes x ~ U(-bound, bound) and accepts with
 * probability e^(-x²/2) (acceptance >= 85%).
 */
export function truncatedStandardNormal(random: Random, bound: number): number {
  if (bound >= 1) return random.truncatedNormal(bound);
  for (;;) {
    const x = (2 * random.uniform() - 1) * bound;
    if (random.uniform() <= Math.exp(-0.5 * x * x)) return x;
  }
}
