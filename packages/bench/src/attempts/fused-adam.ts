import { type Optimizer, type Tensor, tf, type Variable } from '@fanin/core';
import type { MlpSpec } from '../training/reference-mlp.js';
import type { SpeedAttempt } from './attempt.js';
import { registerKernels, withFloatArrays } from './backend-memory.js';

const KERNEL = 'FaninBenchAdamUpdate';

interface AdamAttributes {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** lr / (1 - beta1^t) */
  stepSize: number;
  /** sqrt(1 - beta2^t) */
  correction2: number;
}

/**
 * One Adam update of one parameter in a single pass: reads p, g, m, v and writes new p, m, v
 * with core's (PyTorch's) arithmetic: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p = p - stepSize m / (sqrt(v) / correction2 + eps).
 */
const adamKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { parameter, gradient, first, second } = inputs as Record<string, tf.TensorInfo>;
  const { beta1, beta2, epsilon, stepSize, correction2 } = attrs as unknown as AdamAttributes;
  const shape = [...parameter!.shape];
  return withFloatArrays(
    backend,
    [parameter!, gradient!, first!, second!],
    [shape, shape, shape],
    ([p, g, m, v], [pOut, mOut, vOut]) => {
      const keep1 = 1 - beta1;
      const keep2 = 1 - beta2;
      for (let i = 0; i < p!.length; i++) {
        const gi = g![i]!;
        const mi = beta1 * m![i]! + keep1 * gi;
        const vi = beta2 * v![i]! + keep2 * gi * gi;
        mOut![i] = mi;
        vOut![i] = vi;
        pOut![i] = p![i]! - (stepSize * mi) / (Math.sqrt(vi) / correction2 + epsilon);
      }
    },
  );
};

/** Adam whose per-parameter update is one kernel call (see `adamKernel`). */
export class FusedAdam implements Optimizer {
  readonly name = 'fusedAdam';
  learningRate: number;
  private steps = 0;
  private readonly moments = new Map<string, { first: Variable; second: Variable }>();

  constructor(
    learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.learningRate = learningRate;
  }

  get iterations(): number {
    return this.steps;
  }

  step(parameters: ReadonlyMap<string, Variable>, gradients: ReadonlyMap<string, Tensor>): void {
    this.steps += 1;
    const attrs: AdamAttributes = {
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      stepSize: this.learningRate / (1 - this.beta1 ** this.steps),
      correction2: Math.sqrt(1 - this.beta2 ** this.steps),
    };
    for (const [name, parameter] of parameters) {
      const gradient = gradients.get(name);
      if (!gradient) continue;
      let moments = this.moments.get(name);
      if (!moments) {
        moments = tf.tidy(() => ({
          first: tf.variable(tf.zerosLike(parameter), false),
          second: tf.variable(tf.zerosLike(parameter), false),
        }));
        this.moments.set(name, moments);
      }
      const [p, m, v] = tf
        .engine()
        .runKernel(
          KERNEL,
          { parameter, gradient, first: moments.first, second: moments.second },
          attrs as unknown as tf.NamedAttrMap,
        ) as Tensor[];
      parameter.assign(p!);
      moments.first.assign(m!);
      moments.second.assign(v!);
      tf.dispose([p!, m!, v!]);
    }
  }

  dispose(): void {
    for (const { first, second } of this.moments.values()) tf.dispose([first, second]);
    this.moments.clear();
  }
}

export const fusedAdam: SpeedAttempt = {
  name: 'fusedAdam',
  description: "Adam's update as one JavaScript kernel per parameter instead of ~14 tfjs kernels",
  backends: ['cpu', 'wasm'],
  install: () => registerKernels(KERNEL, ['cpu', 'wasm'], adamKernel),
  parts: { optimizer: (spec: MlpSpec) => new FusedAdam(spec.learningRate) },
};
