import { createRegistry, grad, type Tensor, tf, useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { activations } from '../src/index.js';

const registry = createRegistry({ plugins: [activations] });

/**
 * Activations whose derivative is a constant (1 and 0). A second derivative of them throws in
 * tfjs, and tfjs leaves the tape's tensors behind when a gradient throws, so they are not part
 * of the second-order leak check.
 */
const CONSTANT_DERIVATIVE = new Set(['linear', 'step']);

describe.each(['cpu', 'wasm'] as const)('no tensor leaks on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it.each(registry.list('activation').map((entry) => entry.name))(
    '%s: forward, first and second derivative',
    async (name) => {
      const module = registry.activation(name as never);
      const x = tf.tensor2d([[-2.5, -0.3, 0, 0.7, 4, 1e4]]);
      module.ensureBuilt(x.shape);
      const f = (t: Tensor) => module.apply(t);
      expect(await countLeaks(() => module.apply(x))).toBe(0);
      expect(await countLeaks(() => grad((t) => tf.sum(f(t)))(x))).toBe(0);
      if (CONSTANT_DERIVATIVE.has(name)) {
        // tfjs (like PyTorch) refuses to differentiate a derivative that does not depend on x
        expect(() => grad(grad((t: Tensor) => tf.sum(f(t))))(x)).toThrow('Cannot compute gradient');
      } else {
        expect(await countLeaks(() => grad(grad((t: Tensor) => tf.sum(f(t))))(x))).toBe(0);
      }
      x.dispose();
      module.dispose();
    },
  );
});
