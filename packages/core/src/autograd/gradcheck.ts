import type { Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { registerGradients } from '../gradients/register.js';
import { Random } from '../random/random.js';

export interface GradcheckOptions {
  /** Finite-difference step. float32 needs a larger step than float64's 1e-6. Default 1e-3. */
  readonly epsilon?: number;
  /** Allowed relative error. Default 1e-2. */
  readonly rtol?: number;
  /** Allowed absolute error (for gradients near 0). Default 1e-3. */
  readonly atol?: number;
  /** Seed of the random projection that turns a non-scalar output into a scalar. */
  readonly seed?: number;
}

export interface GradcheckResult {
  /** Whether every entry is within atol + rtol * |numeric|. */
  readonly ok: boolean;
  /** The worst relative error |analytic - numeric| / max(|analytic|, |numeric|, atol). */
  readonly maxRelativeError: number;
  readonly maxAbsoluteError: number;
  /** Where the worst error occurred. */
  readonly worst: { input: number; index: number; analytic: number; numeric: number } | undefined;
}

/**
 * Checks the gradient of `f` at `inputs` against central finite differences, like
 * `torch.autograd.gradcheck`. A non-scalar output is reduced to a scalar by a fixed random
 * projection, so the whole Jacobian is exercised. `f` must be deterministic.
 */
export function gradcheck(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): GradcheckResult {
  registerGradients();
  const epsilon = options.epsilon ?? 1e-3;
  const rtol = options.rtol ?? 1e-2;
  const atol = options.atol ?? 1e-3;
  const random = new Random(options.seed ?? 0);

  const shape = tf.tidy(() => f(...inputs).shape);
  const projection = random.uniformTensor(shape, 0.5, 1.5);
  const scalarF = (...xs: Tensor[]) => tf.sum(tf.mul(f(...xs), projection));

  const analytic = tf.tidy(() =>
    tf
      .grads(scalarF)(inputs as Tensor[])
      .map((g) => g.dataSync().slice()),
  );
  let maxRelativeError = 0;
  let maxAbsoluteError = 0;
  let ok = true;
  let worst: GradcheckResult['worst'];
  inputs.forEach((input, inputIndex) => {
    const base = input.dataSync().slice();
    for (let index = 0; index < base.length; index++) {
      const evaluate = (delta: number) =>
        tf.tidy(() => {
          const values = base.slice();
          values[index] = (values[index] ?? 0) + delta;
          const shifted = inputs.map((x, k) =>
            k === inputIndex ? tf.tensor(values, x.shape, x.dtype) : x,
          );
          return scalarF(...shifted).dataSync()[0] ?? Number.NaN;
        });
      const numeric = (evaluate(epsilon) - evaluate(-epsilon)) / (2 * epsilon);
      const value = analytic[inputIndex]?.[index] ?? Number.NaN;
      const absolute = Math.abs(value - numeric);
      const relative = absolute / Math.max(Math.abs(value), Math.abs(numeric), atol);
      if (!(absolute <= atol + rtol * Math.abs(numeric))) ok = false;
      if (worst === undefined || Number.isNaN(relative) || relative > maxRelativeError) {
        maxRelativeError = Number.isNaN(relative) ? Number.POSITIVE_INFINITY : relative;
        worst = { input: inputIndex, index, analytic: value, numeric };
      }
      maxAbsoluteError = Math.max(maxAbsoluteError, absolute);
    }
  });
  projection.dispose();
  return { ok, maxRelativeError, maxAbsoluteError, worst };
}
