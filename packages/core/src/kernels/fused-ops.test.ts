import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { grad, valueAndGrad } from '../autograd/grad.js';
import { type BackendName, useBackend } from '../backend/backend.js';
import { softmaxCrossEntropy } from '../losses/softmax-cross-entropy.js';
import { Dense } from '../modules/dense.js';
import { DenseBlock } from '../modules/model-config-block.js';
import { FunctionModule } from '../modules/module.js';
import { Random } from '../random/random.js';
import { FUSED_KERNELS } from './fused-kernels.js';
import { fusedKernelsEnabled, useFusedKernels } from './fused-ops.js';

/** fanin's relu as @fanin/activations writes it: max(x, 0), derivative step(x). */
const relu = () =>
  new FunctionModule(
    'relu',
    tf.customGrad((x, save) => {
      (save as (tensors: tf.Tensor[]) => void)([x as tf.Tensor]);
      return {
        value: tf.maximum(x as tf.Tensor, 0),
        gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) => tf.mul(dy, tf.step(input!)),
      };
    }) as (x: tf.Tensor) => tf.Tensor,
  );

function worst(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  let ratio = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    const r = Math.abs(x[i]! - y[i]!) / (1e-5 * Math.abs(y[i]!) + 1e-6);
    ratio = Number.isNaN(r)
      ? Number.isNaN(x[i]!) && Number.isNaN(y[i]!)
        ? ratio
        : Infinity
      : Math.max(ratio, r);
  }
  return ratio;
}

async function kernelNames(fn: () => void): Promise<string[]> {
  const profile = await tf.profile(() => {
    fn();
    return [];
  });
  return profile.kernels.map((kernel) => kernel.name);
}

afterEach(() => useFusedKernels(true));

describe.each<BackendName>(['cpu', 'wasm'])('fused dense on %s', (backend) => {
  const shapes: [number, number, number][] = [
    [7, 13, 10],
    [4, 8, 8],
    [9, 5, 3],
    [1, 1, 1],
    [100, 784, 100],
  ];

  it.each(shapes)(
    'x [%i, %i] to %i units: value and every gradient as the unfused ops, in one kernel each way',
    async (m, k, n) => {
      await useBackend(backend);
      const random = new Random(m * 100 + k + n);
      for (const activation of ['relu', 'none'] as const) {
        const block = new DenseBlock({
          units: n,
          random,
          ...(activation === 'relu' ? { activation: relu() } : {}),
        });
        block.ensureBuilt([m, k]);
        const x = tf.variable(random.normalTensor([m, k]));
        const weighting = random.normalTensor([m, n]);
        const parameters = new Map([...block.namedParameters(), ['x', x]]);
        const objective = () =>
          tf.sum(tf.mul(block.apply(x, { training: true }), weighting)) as tf.Scalar;
        const before = tf.memory().numTensors;
        const fused = valueAndGrad(objective, parameters);
        expect(tf.memory().numTensors - before).toBe(1 + parameters.size);
        useFusedKernels(false);
        const plain = valueAndGrad(objective, parameters);
        useFusedKernels(true);
        expect(worst(fused.value, plain.value), 'value').toBeLessThanOrEqual(1 + k / 10);
        for (const [name, g] of plain.grads)
          expect(worst(fused.grads.get(name)!, g), name).toBeLessThanOrEqual(1 + m / 10);
        const names = await kernelNames(() => {
          const { value, grads } = valueAndGrad(objective, parameters);
          tf.dispose([value, ...grads.values()]);
        });
        expect(names.filter((name) => name === FUSED_KERNELS.dense)).toHaveLength(1);
        expect(names.filter((name) => name === FUSED_KERNELS.denseGrad)).toHaveLength(1);
        expect(names).not.toContain(tf.BatchMatMul);
        // Only the objective saves (clones) tensors: multiply its two inputs, sum its one; the
        // dense layer saves references to its tensors, without an Identity kernel.
        expect(names.filter((name) => name === tf.Identity)).toHaveLength(3);
        tf.dispose([fused.value, plain.value, ...fused.grads.values(), ...plain.grads.values()]);
        tf.dispose([x, weighting]);
        block.dispose();
      }
    },
  );

  it("matches the unfused ops on NaN, infinities and zeros (relu keeps NaN, relu'(0) = 0)", async () => {
    await useBackend(backend);
    const block = new DenseBlock({ units: 5, activation: relu(), random: new Random(1) });
    block.ensureBuilt([4, 3]);
    const x = tf.tensor2d([0, 0, 0, Number.NaN, 1, 2, Infinity, -1, 0, -Infinity, 3, 1], [4, 3]);
    const f = () => tf.sum(block.apply(x)) as tf.Scalar;
    const fused = valueAndGrad(f, block.namedParameters());
    const forward = block.apply(x);
    useFusedKernels(false);
    const plain = valueAndGrad(f, block.namedParameters());
    const plainForward = block.apply(x);
    expect(worst(forward, plainForward)).toBeLessThanOrEqual(1);
    for (const [name, g] of plain.grads)
      expect(worst(fused.grads.get(name)!, g), name).toBeLessThanOrEqual(1);
    tf.dispose([
      x,
      forward,
      plainForward,
      fused.value,
      plain.value,
      ...fused.grads.values(),
      ...plain.grads.values(),
    ]);
    block.dispose();
  });

  it('runs a plain Dense (bias, no activation) and rank-3 inputs fused', async () => {
    await useBackend(backend);
    const dense = new Dense({ units: 6, random: new Random(2) });
    const x = new Random(3).normalTensor([2, 5, 4]);
    dense.ensureBuilt(x.shape);
    const f = () => tf.sum(tf.square(dense.apply(x))) as tf.Scalar;
    const fused = valueAndGrad(f, dense.namedParameters());
    const names = await kernelNames(() => tf.dispose(dense.apply(x)));
    expect(names).toContain(FUSED_KERNELS.dense);
    useFusedKernels(false);
    const plain = valueAndGrad(f, dense.namedParameters());
    expect(worst(fused.value, plain.value)).toBeLessThanOrEqual(2);
    for (const [name, g] of plain.grads)
      expect(worst(fused.grads.get(name)!, g), name).toBeLessThanOrEqual(2);
    tf.dispose([x, fused.value, plain.value, ...fused.grads.values(), ...plain.grads.values()]);
    dense.dispose();
  });

  it('leaves second-order gradients to the differentiable ops', async () => {
    await useBackend(backend);
    const block = new DenseBlock({ units: 3, activation: relu(), random: new Random(4) });
    const x = new Random(5).normalTensor([2, 4]);
    block.ensureBuilt(x.shape);
    const kernel = block.kernel!;
    // f(x) = sum(block(x)^2); d/dx sum(df/dx) differs from 0 (the square is not linear).
    const second = (fusedOn: boolean) => {
      useFusedKernels(fusedOn);
      return grad((input: tf.Tensor) =>
        tf.sum(grad((v: tf.Tensor) => tf.sum(tf.square(block.apply(v))))(input)),
      )(x);
    };
    const a = second(true);
    const b = second(false);
    expect(worst(a, b)).toBeLessThanOrEqual(1);
    expect(Math.max(...Array.from(tf.abs(b).dataSync()))).toBeGreaterThan(0);
    expect(kernel.isDisposed).toBe(false);
    tf.dispose([a, b, x]);
    block.dispose();
  });

  it('is off after useFusedKernels(false)', async () => {
    await useBackend(backend);
    const dense = new Dense({ units: 2 });
    const x = tf.ones([3, 4]);
    useFusedKernels(false);
    expect(fusedKernelsEnabled()).toBe(false);
    const names = await kernelNames(() => tf.dispose(dense.apply(x)));
    expect(names).toContain(tf.BatchMatMul);
    expect(names).not.toContain(FUSED_KERNELS.dense);
    tf.dispose(x);
    dense.dispose();
  });
});

describe.each<BackendName>(['cpu', 'wasm'])('fused softmax cross-entropy on %s', (backend) => {
  it.each([0, 0.1])(
    'with label smoothing %s matches the unfused loss and gradient',
    async (smoothing) => {
      await useBackend(backend);
      const random = new Random(7);
      const loss = softmaxCrossEntropy.create({ labelSmoothing: smoothing }, {
        name: 'softmaxCrossEntropy',
      } as never);
      const logits = tf.variable(tf.mul(random.normalTensor([13, 10]), 5));
      const classes = tf.tensor1d([0, 3, 9, 2, 2, 5, 1, 0, 7, 8, 4, 6, 3], 'int32');
      const soft = tf.softmax(random.normalTensor([13, 10]));
      for (const targets of [classes, soft]) {
        for (const factor of [1, 3]) {
          const f = () => tf.mul(loss.compute(logits, targets), factor) as tf.Scalar;
          const names = await kernelNames(() => {
            const { value, grads } = valueAndGrad(f, new Map([['z', logits]]));
            tf.dispose([value, ...grads.values()]);
          });
          expect(names).toContain(FUSED_KERNELS.softmaxCrossEntropy);
          expect(names).not.toContain('LogSoftmax');
          const fused = valueAndGrad(f, new Map([['z', logits]]));
          useFusedKernels(false);
          const plain = valueAndGrad(f, new Map([['z', logits]]));
          useFusedKernels(true);
          expect(worst(fused.value, plain.value), 'loss').toBeLessThanOrEqual(1);
          expect(
            worst(fused.grads.get('z')!, plain.grads.get('z')!),
            'gradient',
          ).toBeLessThanOrEqual(1);
          tf.dispose([fused.value, plain.value, ...fused.grads.values(), ...plain.grads.values()]);
        }
      }
      // Huge logits stay finite, as with logSoftmax.
      const big = tf.tensor2d([1e4, 0, -1e4, 3], [2, 2]);
      const value = loss.compute(big, tf.tensor1d([0, 1], 'int32'));
      expect(Number.isFinite(value.dataSync()[0]!)).toBe(true);
      tf.dispose([logits, classes, soft, big, value]);
    },
  );

  it('gives the gradient with respect to soft targets too', async () => {
    await useBackend(backend);
    const random = new Random(8);
    const loss = softmaxCrossEntropy.create({ labelSmoothing: 0.2 }, {
      name: 'softmaxCrossEntropy',
    } as never);
    const logits = random.normalTensor([5, 4]);
    const targets = tf.variable(tf.softmax(random.normalTensor([5, 4])));
    const f = () => loss.compute(logits, targets);
    const fused = valueAndGrad(f, new Map([['t', targets]]));
    useFusedKernels(false);
    const plain = valueAndGrad(f, new Map([['t', targets]]));
    expect(worst(fused.grads.get('t')!, plain.grads.get('t')!)).toBeLessThanOrEqual(1);
    tf.dispose([
      logits,
      targets,
      fused.value,
      plain.value,
      ...fused.grads.values(),
      ...plain.grads.values(),
    ]);
  });
});
