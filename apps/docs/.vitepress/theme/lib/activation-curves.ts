import { type EntryInfo, grad, type Registry, tf } from '@fanin/core';

/** f and f' sampled on a grid. */
export interface ActivationCurves {
  readonly x: number[];
  readonly y: number[];
  readonly dy: number[];
}

/** An evenly spaced grid of `points` values on [-limit, limit]. */
export function grid(limit: number, points: number): number[] {
  return Array.from({ length: points }, (_, i) => -limit + (2 * limit * i) / (points - 1));
}

/**
 * Whether an activation acts on each element on its own (so it can be drawn as y = f(x)).
 * Softmax mixes a vector's elements; maxout needs a kernel and changes the shape. Probed by
 * applying the entry to the same values as a column and as a row.
 */
export function isElementwise(registry: Registry, info: EntryInfo<'activation'>): boolean {
  if (info.options.some((option) => option.required)) return false;
  const xs = [-2, -0.5, 0, 0.7, 3];
  const column = registry.activation(info.name);
  const row = registry.activation(info.name);
  try {
    return tf.tidy(() => {
      const a = column.apply(tf.tensor2d(xs, [xs.length, 1]));
      const b = row.apply(tf.tensor2d(xs, [1, xs.length]));
      if (a.size !== xs.length || b.size !== xs.length) return false;
      const left = a.dataSync();
      const right = b.dataSync();
      return xs.every(
        (_, i) => Math.abs(left[i]! - right[i]!) <= 1e-5 * Math.max(1, Math.abs(left[i]!)),
      );
    });
  } catch {
    return false;
  } finally {
    column.dispose();
    row.dispose();
  }
}

/**
 * Evaluates an activation and its derivative (by fanin's autograd) on the current backend.
 * Options are validated by the registry; a bad value throws its one-line error.
 */
export async function activationCurves(
  registry: Registry,
  name: string,
  options: Record<string, unknown>,
  x: readonly number[],
): Promise<ActivationCurves> {
  const module = registry.create('activation', { ...options, type: name });
  try {
    const [y, dy] = tf.tidy(() => {
      const input = tf.tensor2d([...x], [x.length, 1]);
      return [module.apply(input), grad((t) => tf.sum(module.apply(t)))(input)];
    });
    const [values, derivatives] = await Promise.all([y!.data(), dy!.data()]);
    tf.dispose([y!, dy!]);
    return { x: [...x], y: Array.from(values), dy: Array.from(derivatives) };
  } finally {
    module.dispose();
  }
}
