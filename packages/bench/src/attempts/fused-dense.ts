import { type BackendName, Module, Random, type Tensor, tf, type Variable } from '@fanin/core';
import type { MlpSpec } from '../training/reference-mlp.js';
import type { SpeedAttempt } from './attempt.js';
import { swapGradient } from './matmul-gradient.js';

type Activation = 'relu' | 'linear';

/**
 * A dense layer with its bias and activation fused into tfjs's `_FusedMatMul` kernel (one
 * kernel instead of matMul, add and relu). tfjs gives that kernel no registered gradient
 * (its `tf.fused.matMul` op carries a custom one that uses the slow transposed matMul on
 * wasm), so the attempt registers one: see `fusedMatMulGradient`.
 */
export class FusedDense extends Module {
  readonly type = 'fusedDense';
  kernel: Variable | undefined;
  bias: Variable | undefined;

  constructor(
    readonly units: number,
    readonly activation: Activation,
    private readonly random: Random,
  ) {
    super();
  }

  protected override build(inputShape: readonly number[]): void {
    const inputs = inputShape[inputShape.length - 1]!;
    const limit = Math.sqrt(6 / (inputs + this.units));
    this.kernel = this.addParameter(
      'kernel',
      this.random.fork('kernel').uniformTensor([inputs, this.units], -limit, limit),
    );
    this.bias = this.addParameter('bias', tf.zeros([this.units]));
  }

  protected forward(x: Tensor): Tensor {
    const [rows, columns] = x.shape as [number, number];
    const a = tf.reshape(x, [1, rows, columns]);
    const b = tf.reshape(this.kernel!, [1, columns, this.units]);
    const out = tf
      .engine()
      .runKernel(
        tf._FusedMatMul,
        { a, b, bias: this.bias! },
        { transposeA: false, transposeB: false, activation: this.activation },
      ) as Tensor;
    return tf.reshape(out, [rows, this.units]);
  }

  override outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape.slice(0, -1), this.units];
  }
}

/** The reference MLP from fused layers: relu fused into every hidden layer. */
export class FusedMlp extends Module {
  readonly type = 'fusedMlp';
  readonly layers: FusedDense[] = [];

  constructor(spec: MlpSpec) {
    super();
    const random = new Random(spec.seed).fork('bench', 'fused');
    for (let i = 1; i < spec.sizes.length; i++) {
      const layer = new FusedDense(
        spec.sizes[i]!,
        i < spec.sizes.length - 1 ? 'relu' : 'linear',
        random.fork(i),
      );
      this.layers.push(this.addChild(String(i - 1), layer));
    }
    this.ensureBuilt([spec.batchSize, spec.sizes[0]!]);
  }

  protected override build(inputShape: readonly number[]): void {
    let shape = [...inputShape];
    for (const layer of this.layers) {
      layer.ensureBuilt(shape);
      shape = layer.outputShape(shape);
    }
  }

  protected forward(x: Tensor): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.apply(out);
    return out;
  }
}

function swapLast3(x: Tensor): Tensor {
  return tf.transpose(x, [0, 2, 1]);
}

/**
 * Gradient of `_FusedMatMul` (rank 3, no transposes in the forward pass, relu or linear):
 * dz = dy * step(y) for relu; da = dz b^T; db = a^T dz; dbias = sum of dz over rows. The
 * transposes are explicit on wasm, as fanin's BatchMatMul gradient does.
 */
export function fusedMatMulGradient(): tf.GradConfig {
  return {
    kernelName: tf._FusedMatMul,
    inputsToSave: ['a', 'b'],
    outputsToSave: [true],
    gradFunc: (dyOrList, saved, attrs) => {
      const dy = dyOrList as Tensor;
      const [a, b, y] = saved as [Tensor, Tensor, Tensor];
      const { activation } = attrs as unknown as { activation: Activation };
      const dz = activation === 'relu' ? tf.mul(dy, tf.step(y)) : dy;
      const explicit = (tf.getBackend() as BackendName) === 'wasm';
      return {
        a: () => (explicit ? tf.matMul(dz, swapLast3(b)) : tf.matMul(dz, b, false, true)),
        b: () => (explicit ? tf.matMul(swapLast3(a), dz) : tf.matMul(a, dz, true, false)),
        bias: () => tf.sum(dz, [0, 1]),
      };
    },
  };
}

export const fusedDense: SpeedAttempt = {
  name: 'fusedDense',
  description: 'dense + bias + relu as one _FusedMatMul kernel, with a registered gradient',
  backends: ['cpu', 'wasm'],
  install: () => swapGradient(fusedMatMulGradient()),
  parts: { model: (spec) => new FusedMlp(spec) },
};
