import { type Optimizer, type Tensor, tf, type Variable } from '@fanin/core';
import type { MlpSpec } from '../training/reference-mlp.js';
import type { SpeedAttempt } from './attempt.js';

type Inputs = Record<string, tf.TensorInfo>;

/**
 * Adam that runs the backend's own kernels directly (`tf.getKernel(...).kernelFunc`) on
 * tensor infos, without tfjs's engine: no Tensor objects, scopes or bookkeeping for the ~12
 * intermediates of each parameter, which are freed with `backend.disposeData`. The result
 * becomes a tensor once, for `assign`. Same kernels, same arithmetic as core's `adam`
 * (PyTorch's), with the bias correction of the second moment folded into the step size and
 * epsilon: lr / (1 - b1^t) * m / (sqrt(v) / c + eps) = (lr c / (1 - b1^t)) * m / (sqrt(v) + eps c),
 * c = sqrt(1 - b2^t). What the engine's per-kernel overhead costs an optimizer.
 */
export class DirectAdam implements Optimizer {
  readonly name = 'directAdam';
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
    const backend = tf.backend();
    const backendName = tf.getBackend();
    const kernel = (name: string) => {
      const config = tf.getKernel(name, backendName);
      if (!config) throw new Error(`directAdam: no ${name} kernel on ${backendName}`);
      return (inputs: Inputs) => config.kernelFunc({ inputs, backend, attrs: {} }) as tf.TensorInfo;
    };
    const multiply = kernel(tf.Multiply);
    const add = kernel(tf.Add);
    const subtract = kernel(tf.Sub);
    const divide = kernel(tf.RealDiv);
    const sqrt = kernel(tf.Sqrt);
    const square = kernel(tf.Square);
    const free = (...infos: tf.TensorInfo[]) => {
      for (const info of infos) backend.disposeData(info.dataId);
    };
    const correction = Math.sqrt(1 - this.beta2 ** this.steps);
    const stepSize = (this.learningRate * correction) / (1 - this.beta1 ** this.steps);
    const scalars = [
      this.beta1,
      1 - this.beta1,
      this.beta2,
      1 - this.beta2,
      stepSize,
      this.epsilon * correction,
    ].map((value) => tf.scalar(value));
    const [beta1, keep1, beta2, keep2, size, epsilon] = scalars as [
      Tensor,
      Tensor,
      Tensor,
      Tensor,
      Tensor,
      Tensor,
    ];
    const engine = tf.engine();
    try {
      for (const [name, parameter] of parameters) {
        const gradient = gradients.get(name);
        if (!gradient) continue;
        const moments = this.momentsOf(name, parameter);
        const oldFirst = multiply({ a: moments.first, b: beta1 });
        const newGradient = multiply({ a: gradient, b: keep1 });
        const first = add({ a: oldFirst, b: newGradient });
        const squared = square({ x: gradient });
        const oldSecond = multiply({ a: moments.second, b: beta2 });
        const newSquared = multiply({ a: squared, b: keep2 });
        const second = add({ a: oldSecond, b: newSquared });
        const root = sqrt({ x: second });
        const denominator = add({ a: root, b: epsilon });
        const ratio = divide({ a: first, b: denominator });
        const update = multiply({ a: ratio, b: size });
        const next = subtract({ a: parameter, b: update });
        free(
          oldFirst,
          newGradient,
          squared,
          oldSecond,
          newSquared,
          root,
          denominator,
          ratio,
          update,
        );
        const tensors = [first, second, next].map((info) => engine.makeTensorFromTensorInfo(info));
        moments.first.assign(tensors[0]!);
        moments.second.assign(tensors[1]!);
        parameter.assign(tensors[2]!);
        tf.dispose(tensors);
      }
    } finally {
      tf.dispose(scalars);
    }
  }

  private momentsOf(name: string, parameter: Variable) {
    let moments = this.moments.get(name);
    if (!moments) {
      moments = tf.tidy(() => ({
        first: tf.variable(tf.zerosLike(parameter), false),
        second: tf.variable(tf.zerosLike(parameter), false),
      }));
      this.moments.set(name, moments);
    }
    return moments;
  }

  dispose(): void {
    for (const { first, second } of this.moments.values()) tf.dispose([first, second]);
    this.moments.clear();
  }
}

export const directAdam: SpeedAttempt = {
  name: 'directAdam',
  description: "Adam calling the backend's kernels directly, without tfjs's engine bookkeeping",
  backends: ['cpu', 'wasm'],
  parts: { optimizer: (spec: MlpSpec) => new DirectAdam(spec.learningRate) },
};
