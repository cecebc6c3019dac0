import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { FaninError } from '../errors.js';
import { registerGradients } from '../gradients/register.js';

/** Parameters by name: a Map (as `Module.namedParameters()` returns) or a plain object. */
export type NamedVariables = ReadonlyMap<string, Variable> | Readonly<Record<string, Variable>>;

function entriesOf(parameters: NamedVariables): [string, Variable][] {
  return parameters instanceof Map
    ? [...parameters.entries()]
    : Object.entries(parameters as Record<string, Variable>);
}

/**
 * The gradient function of a tensor function: `grad(f)(x)` is d sum(f(x)) / dx, with the
 * same shape as x. Nests: `grad(grad(f))` gives second derivatives (elementwise f).
 */
export function grad(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  registerGradients();
  return tf.grad(f);
}

/** The value of a scalar function of named parameters and its gradient for each of them. */
export interface ValueAndGrad {
  readonly value: Scalar;
  /** Gradients by parameter name. A parameter the value does not depend on has none. */
  readonly grads: Map<string, Tensor>;
}

/**
 * Computes `f()` and its gradient with respect to named parameters, like PyTorch's
 * `loss.backward()` over `model.named_parameters()`. The caller owns (and disposes) the
 * returned tensors.
 *
 * ```ts
 * const { value, grads } = valueAndGrad(() => loss.compute(model.apply(x), y), model.namedParameters());
 * ```
 */
export function valueAndGrad(f: () => Scalar, parameters: NamedVariables): ValueAndGrad {
  registerGradients();
  const entries = entriesOf(parameters);
  if (entries.length === 0) {
    throw new FaninError(
      'NO_PARAMETERS',
      'valueAndGrad needs at least one parameter',
      'Pass model.namedParameters() (build the model first with an input)',
    );
  }
  const byId = new Map(entries.map(([name, v]) => [v.name, name]));
  const { value, grads } = tf.variableGrads(
    f,
    entries.map(([, v]) => v),
  );
  const named = new Map<string, Tensor>();
  for (const [id, gradient] of Object.entries(grads)) named.set(byId.get(id) ?? id, gradient);
  return { value, grads: named };
}

/**
 * Defines a function with a hand-written gradient. `f` returns the value and a function from
 * the upstream gradient `dy` (and the inputs, as tfjs saved them) to the gradients of each
 * input, in order.
 *
 * Use the `inputs` passed to `gradient` rather than a closure over `f`'s arguments: when the
 * inputs are intermediates of a larger function, tfjs disposes them after the forward pass, but
 * the saved copies stay alive and connected to the tape, so a `gradient` written with
 * differentiable ops also gives second derivatives.
 *
 * ```ts
 * const clippedIdentity = customGradient((x) => ({
 *   value: tf.clone(x),
 *   gradient: (dy) => [tf.clipByValue(dy, -1, 1)],
 * }));
 * ```
 */
export function customGradient<Inputs extends Tensor[]>(
  f: (...inputs: Inputs) => { value: Tensor; gradient: (dy: Tensor, inputs: Inputs) => Tensor[] },
): (...inputs: Inputs) => Tensor {
  registerGradients();
  const wrapped = tf.customGrad(((...args: unknown[]) => {
    const save = args[args.length - 1] as (tensors: Tensor[]) => void;
    const inputs = args.slice(0, -1) as Inputs;
    save(inputs);
    const { value, gradient } = f(...inputs);
    return { value, gradFunc: (dy: Tensor, saved: Tensor[]) => gradient(dy, saved as Inputs) };
  }) as never) as unknown as (...inputs: Tensor[]) => Tensor;
  return (...inputs: Inputs) => wrapped(...inputs);
}
