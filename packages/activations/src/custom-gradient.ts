import { customGradient, type Tensor } from '@fanin/core';

/**
 * A function with a hand-written derivative, for the few activations whose derivative must be
 * written down rather than derived by autograd (an exact derivative of an approximated value, a
 * derivative convention that differs from the value's one-sided slopes).
 *
 * Unlike a closure over the inputs, `backward` receives the inputs as tfjs saved them for the
 * backward pass: they stay alive when the inputs are intermediates of a larger function (which
 * `tf.grad` disposes after the forward pass), and they stay connected to the tape, so `backward`
 * written with differentiable ops makes second derivatives (`grad(grad(f))`) work.
 */
export function withGradient(
  forward: (...inputs: Tensor[]) => Tensor,
  backward: (dy: Tensor, saved: Tensor[]) => Tensor[],
): (...inputs: Tensor[]) => Tensor {
  return customGradient((...inputs: Tensor[]) => ({
    value: forward(...inputs),
    gradient: backward,
  }));
}
