/**
 * gradcheck (central finite differences, from @fanin/core) on every activation, at points away
 * from kinks, on cpu and wasm; and for the smooth ones, gradcheck of the first derivative, which
 * checks the second derivative the same way.
 */
import {
  type BackendName,
  createRegistry,
  grad,
  gradcheck,
  type Tensor,
  tf,
  useBackend,
} from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  activations,
  elu,
  gelu,
  hardSigmoid,
  hardSwish,
  leakyRelu,
  linear,
  logSoftmax,
  maxout,
  mish,
  prelu,
  relu,
  relu6,
  selu,
  sigmoid,
  silu,
  softmax,
  softplus,
  softsign,
  step,
  tanh,
} from '../src/index.js';

// No kink of any activation (0, +-3, 6, step thresholds 0 and 0.5) within 1e-2 of these.
const POINTS = [-7.3, -4.1, -2.2, -1.3, -0.7, -0.2, 0.15, 0.6, 1.1, 2.4, 3.7, 5.2, 8.5];

/**
 * gradcheck at one point. One point at a time: summed over many points, the float32 rounding of
 * the sum (ulp(20) = 2e-6) divided by the step 1e-3 would swamp the finite difference.
 */
function checkAt(f: (x: Tensor) => Tensor, point: number): string {
  const x = tf.tensor1d([point]);
  const result = gradcheck(f, [x]);
  x.dispose();
  return result.ok ? 'ok' : `x = ${point}: ${JSON.stringify(result.worst)}`;
}

type Case = readonly [name: string, f: (x: Tensor) => Tensor, smooth: boolean];

const ELEMENTWISE: readonly Case[] = [
  ['sigmoid', sigmoid, true],
  ['tanh', tanh, true],
  ['relu', relu, false],
  ['leakyRelu 0.01', (x) => leakyRelu(x), false],
  ['leakyRelu 0.2', (x) => leakyRelu(x, 0.2), false],
  ['elu 1', (x) => elu(x), true],
  ['elu 0.5', (x) => elu(x, 0.5), true],
  ['selu', selu, true],
  ['gelu', (x) => gelu(x), true],
  ['gelu tanh', (x) => gelu(x, 'tanh'), true],
  ['silu', silu, true],
  ['mish', mish, true],
  ['softplus', (x) => softplus(x), true],
  ['softplus beta 2 threshold 5', (x) => softplus(x, 2, 5), true],
  ['softsign', softsign, true],
  ['relu6', relu6, false],
  ['hardSigmoid', hardSigmoid, false],
  ['hardSwish', hardSwish, true],
  ['step', (x) => step(x), false],
  ['step 0.5', (x) => step(x, 0.5), false],
  ['linear', linear, false],
];

/**
 * Every activation of the plugin without parameters, created by name with its default options:
 * derived from the plugin table, so a new activation is gradchecked without editing this file.
 */
const registry = createRegistry({ plugins: [activations] });
const BY_NAME = registry
  .list('activation')
  .filter((entry) => !entry.metadata?.learnable)
  .map((entry) => entry.name);

describe.each<BackendName>(['cpu', 'wasm'])('gradcheck on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it.each(ELEMENTWISE)('%s: first derivative', (_name, f) => {
    for (const point of POINTS) expect(checkAt(f, point)).toBe('ok');
  });

  // Away from the kinks every one of these is smooth; the second derivative is checked by
  // finite differences of the first (elu, selu, softsign and hardSwish are piecewise smooth).
  it.each(ELEMENTWISE.filter(([, , smooth]) => smooth))('%s: second derivative', (_name, f) => {
    for (const point of POINTS) expect(checkAt((t) => grad(f)(t), point)).toBe('ok');
  });

  it.each(BY_NAME)('%s (from the registry, default options): first derivative', (name) => {
    const module = registry.activation(name as never);
    for (const point of POINTS) expect(checkAt((x) => module.apply(x), point)).toBe('ok');
    module.dispose();
  });

  it('prelu: input and slope (shared and per channel)', () => {
    const x = tf.tensor2d([POINTS.slice(0, 4), POINTS.slice(4, 8), POINTS.slice(8, 12)]);
    for (const alpha of [tf.scalar(0.25), tf.tensor1d([0.25, -0.5, 1.5, 0])]) {
      const result = gradcheck((a, b) => prelu(a!, b!), [x, alpha]);
      expect(result.ok, JSON.stringify(result.worst)).toBe(true);
      alpha.dispose();
    }
    x.dispose();
  });

  it('maxout: input, kernel and bias', () => {
    const x = tf.tensor2d([
      [0.3, -1.2, 2.1],
      [1.5, 0.2, -0.7],
    ]);
    const kernel = tf.tensor2d([
      [0.5, -0.3, 0.8, 0.1],
      [-0.6, 0.9, 0.2, -0.4],
      [0.7, 0.05, -0.2, 0.3],
    ]);
    const bias = tf.tensor1d([0.1, -0.2, 0.05, 0]);
    const result = gradcheck((a, k, b) => maxout(a!, k!, b, 2), [x, kernel, bias]);
    expect(result.ok, JSON.stringify(result.worst)).toBe(true);
    tf.dispose([x, kernel, bias]);
  });

  it('softmax and logSoftmax along each axis', () => {
    const x = tf.tensor2d([
      [0.3, -1.2, 2.1],
      [1.5, 0.2, -0.7],
    ]);
    for (const fn of [softmax, logSoftmax]) {
      for (const axis of [0, 1]) {
        const result = gradcheck((t) => fn(t, axis), [x]);
        expect(result.ok, JSON.stringify(result.worst)).toBe(true);
      }
    }
    x.dispose();
  });
});
