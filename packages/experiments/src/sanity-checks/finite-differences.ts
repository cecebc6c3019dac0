import {
  gradcheck,
  type Module,
  type Random,
  type Scalar,
  type Tensor,
  tf,
  valueAndGrad,
} from '@fanin/core';
import { jsonNumber } from '../shared/plot.js';

/** Tolerances of the gradient check: core's gradcheck defaults, sized for float32. */
export const GRADCHECK_TOLERANCES = {
  /** Central-difference step (float32 needs a larger one than float64's 1e-6). */
  epsilon: 1e-3,
  /** Allowed relative error. */
  rtol: 1e-2,
  /** Allowed absolute error (for gradients near 0). */
  atol: 1e-3,
} as const;

/** How the gradient of one tensor compares with finite differences. */
export interface TensorGradientCheck {
  /** "input" or the parameter's name ("0.kernel"). */
  readonly tensor: string;
  /** Entries compared. */
  readonly entries: number;
  /** Whether every entry is within atol + rtol |numeric| (for the input: core's gradcheck says so). */
  readonly ok: boolean;
  /**
   * The largest |analytic − numeric| / (atol + rtol |numeric|): the share of the tolerance
   * used, at most 1 when the check passes (null if not finite).
   */
  readonly maxErrorRatio: number | null;
  /** The entry with that ratio: flat index, autograd's value and the finite difference. */
  readonly worst: { index: number; analytic: number | null; numeric: number | null } | null;
}

/** Compares analytic and numeric values entry by entry. */
function compare(
  tensor: string,
  entries: readonly { index: number; analytic: number; numeric: number }[],
): TensorGradientCheck {
  const { rtol, atol } = GRADCHECK_TOLERANCES;
  let maxErrorRatio = 0;
  let worst: TensorGradientCheck['worst'] = null;
  for (const { index, analytic, numeric } of entries) {
    const ratio = Math.abs(analytic - numeric) / (atol + rtol * Math.abs(numeric));
    if (worst === null || !(ratio <= maxErrorRatio)) {
      maxErrorRatio = Number.isNaN(ratio) ? Number.POSITIVE_INFINITY : ratio;
      worst = { index, analytic: jsonNumber(analytic), numeric: jsonNumber(numeric) };
    }
  }
  return {
    tensor,
    entries: entries.length,
    ok: maxErrorRatio <= 1,
    maxErrorRatio: jsonNumber(maxErrorRatio),
    worst,
  };
}

/** The central difference of `f` around 0: (f(ε) − f(−ε)) / 2ε. */
function centralDifference(f: (delta: number) => number): number {
  const { epsilon } = GRADCHECK_TOLERANCES;
  return (f(epsilon) - f(-epsilon)) / (2 * epsilon);
}

/**
 * Checks the gradient of `loss(x)` with respect to the input with core's `gradcheck`, on
 * `count` randomly chosen features of every example: x is rebuilt as
 * base + (sub − base_sub) P, P selecting those columns, so the whole backward pass is
 * exercised while only examples × count entries are perturbed. The entries are also
 * compared one by one, for the report.
 */
export function checkInputGradient(
  loss: (x: Tensor) => Scalar,
  x: Tensor,
  count: number,
  random: Random,
): TensorGradientCheck {
  const [, features] = x.shape as [number, number];
  const columns = [...random.permutation(features)]
    .slice(0, Math.min(count, features))
    .sort((a, b) => a - b);
  const selector = tf.tidy(() =>
    tf.cast(tf.oneHot(tf.tensor1d(columns, 'int32'), features), 'float32'),
  );
  const sub = tf.tidy(() => tf.matMul(x, tf.transpose(selector)));
  const base = tf.tidy(() => tf.sub(x, tf.matMul(sub, selector)));
  const f = (s: Tensor) => loss(tf.add(base, tf.matMul(s, selector)));
  try {
    const verdict = gradcheck(f, [sub], GRADCHECK_TOLERANCES);
    const analytic = tf.tidy(() => tf.grad(f)(sub).dataSync().slice());
    const values = sub.dataSync().slice();
    const entries = [...values.keys()].map((i) => ({
      index: Math.floor(i / columns.length) * features + columns[i % columns.length]!,
      analytic: analytic[i]!,
      numeric: centralDifference((delta) =>
        tf.tidy(() => {
          const shifted = values.slice();
          shifted[i] = shifted[i]! + delta;
          return f(tf.tensor(shifted, sub.shape)).dataSync()[0]!;
        }),
      ),
    }));
    const check = compare('input', entries);
    return { ...check, ok: check.ok && verdict.ok };
  } finally {
    tf.dispose([selector, sub, base]);
  }
}

/**
 * Checks the gradient of `loss()` with respect to `count` randomly chosen entries of each
 * trainable parameter of `model` against central differences (the entry is moved by
 * ±epsilon in place, then restored), with the same tolerances as `gradcheck`.
 */
export function checkParameterGradients(
  loss: () => Scalar,
  model: Module,
  count: number,
  random: Random,
): TensorGradientCheck[] {
  const parameters = model.namedParameters();
  const { value, grads } = valueAndGrad(loss, parameters);
  try {
    return [...parameters].map(([name, variable]) => {
      const gradient = grads.get(name);
      const analytic = gradient ? gradient.dataSync() : new Float32Array(variable.size);
      const original = variable.dataSync().slice();
      const set = (values: typeof original) =>
        tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
      const indices = [...random.fork(name).permutation(variable.size)].slice(
        0,
        Math.min(count, variable.size),
      );
      const entries = indices.map((index) => ({
        index,
        analytic: analytic[index]!,
        numeric: centralDifference((delta) => {
          const shifted = original.slice();
          shifted[index] = shifted[index]! + delta;
          set(shifted);
          return tf.tidy(() => loss().dataSync()[0]!);
        }),
      }));
      set(original);
      return compare(name, entries);
    });
  } finally {
    tf.dispose([value, ...grads.values()]);
  }
}
