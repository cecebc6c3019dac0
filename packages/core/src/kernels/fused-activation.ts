import * as tf from '@tensorflow/tfjs-core';
import { FunctionModule, type Module } from '../modules/module.js';
import type { FusedActivation } from './cpu-fused.js';

/** Inputs that tell relu and the identity apart from every other activation fanin ships. */
const PROBE = [
  -3,
  -1,
  -1e-20,
  -0,
  0,
  1e-20,
  0.5,
  2,
  1e30,
  -1e30,
  Infinity,
  -Infinity,
  Number.NaN,
].map(Math.fround);

const EXPECTED: Record<
  FusedActivation,
  { value: (x: number) => number; slope: (x: number) => number }
> = {
  relu: {
    value: (x) => (x > 0 ? x : Number.isNaN(x) ? x : 0),
    slope: (x) => (x > 0 ? 1 : Number.isNaN(x) ? x : 0),
  },
  linear: { value: (x) => x, slope: () => 1 },
};

const same = (a: number, b: number) => (Number.isNaN(b) ? Number.isNaN(a) : a === b);

const decided = new WeakMap<Module, FusedActivation | null>();

/**
 * The activation a fused dense kernel computes in place of `module`, or undefined. A module
 * qualifies when it is a parameter-free function module named "relu" or "linear" (the
 * registry's canonical names) whose values and gradient, checked once on special inputs
 * (signed zeros, tiny and huge values, infinities, NaN), are those of the fused kernel: so a
 * third-party "relu" with another convention (relu'(0) = 1, NaN to 0) keeps its own code.
 */
export function fusedActivationOf(module: Module): FusedActivation | undefined {
  const known = decided.get(module);
  if (known !== undefined) return known ?? undefined;
  let result: FusedActivation | null = null;
  const name = module.type;
  if (
    module instanceof FunctionModule &&
    (name === 'relu' || name === 'linear') &&
    module.namedTensors().length === 0
  ) {
    const expected = EXPECTED[name];
    const [values, slopes] = tf.tidy(() => {
      const x = tf.tensor1d(PROBE);
      const value = module.apply(x);
      const slope = tf.grad((input: tf.Tensor) => tf.sum(module.apply(input)))(x);
      return [value.dataSync(), slope.dataSync()];
    });
    const matches = PROBE.every(
      (x, i) => same(values[i]!, expected.value(x)) && same(slopes[i]!, expected.slope(x)),
    );
    if (matches) result = name;
  }
  decided.set(module, result);
  return result ?? undefined;
}
