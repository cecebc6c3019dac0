import { grad, type Tensor, tf, useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { withGradient } from './custom-gradient.js';

beforeAll(async () => {
  await useBackend('cpu');
});

// cube with a hand-written derivative 3x^2
const cube = withGradient(
  (x) => tf.mul(tf.square(x), x),
  (dy, [x]) => [tf.mul(dy, tf.mul(tf.square(x!), 3))],
);

describe('withGradient', () => {
  it('uses the written derivative', () => {
    const g = grad((x) => cube(x))(tf.tensor1d([1, 2, -3]));
    expect(Array.from(g.dataSync())).toEqual([3, 12, 27]);
  });

  it('works when its input is an intermediate that tf.grad disposes after the forward pass', () => {
    // d/dx (2x)^3 = 24 x^2
    const g = grad((x) => cube(tf.mul(x, 2)))(tf.tensor1d([1, -0.5]));
    expect(Array.from(g.dataSync())).toEqual([24, 6]);
  });

  it('differentiates the written derivative again (second order)', () => {
    const g2 = grad(grad((x: Tensor) => cube(x)))(tf.tensor1d([1, 2, -3]));
    expect(Array.from(g2.dataSync())).toEqual([6, 12, -18]);
    const g2OfIntermediate = grad(grad((x: Tensor) => cube(tf.mul(x, 2))))(tf.tensor1d([1]));
    expect(Array.from(g2OfIntermediate.dataSync())).toEqual([48]);
  });

  it('leaves no tensor behind, in the forward pass or under grad', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    expect(await countLeaks(() => cube(x))).toBe(0);
    expect(await countLeaks(() => grad((t) => cube(t))(x))).toBe(0);
    expect(await countLeaks(() => grad(grad((t: Tensor) => cube(t)))(x))).toBe(0);
    x.dispose();
  });
});
