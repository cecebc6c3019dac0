import {
  core,
  createRegistry,
  Dense,
  FunctionModule,
  type Initializer,
  Random,
  Sequential,
  tf,
  useBackend,
  valueAndGrad,
} from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { initializers } from '../src/index.js';

const registry = createRegistry({ plugins: [core, initializers] });

/** Rows of a row-major [rows, cols] matrix. */
function rowsOf(values: Float32Array, cols: number): number[][] {
  return Array.from({ length: values.length / cols }, (_, i) => [
    ...values.subarray(i * cols, (i + 1) * cols),
  ]);
}

/** The largest spread (max − min) across hidden units of each incoming and outgoing weight. */
function unitSpread(model: Sequential, hidden: number): number {
  const parameters = model.namedParameters();
  const incoming = rowsOf(parameters.get('0.kernel')!.dataSync() as Float32Array, hidden); // [in, hidden]
  const outgoing = rowsOf(parameters.get('2.kernel')!.dataSync() as Float32Array, 2); // [hidden, out]
  const bias = [...parameters.get('0.bias')!.dataSync()];
  const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
  const columns = outgoing[0]!.map((_, j) => outgoing.map((row) => row[j]!));
  return Math.max(spread(bias), ...incoming.map(spread), ...columns.map(spread));
}

/**
 * Trains a 4 → 6 (tanh) → 2 network for 20 SGD steps on a fixed regression batch, with
 * the given kernel initializer, and returns the model (caller disposes).
 */
function train(kernel: Initializer, hidden = 6): { model: Sequential; firstKernelChange: number } {
  const random = new Random(99);
  const model = new Sequential([
    new Dense({ units: hidden, kernelInitializer: kernel, random: random.fork('0') }),
    new FunctionModule('tanh', tf.tanh),
    new Dense({ units: 2, kernelInitializer: kernel, random: random.fork('2') }),
  ]);
  const data = new Random(7);
  const x = data.normalTensor([16, 4]);
  const y = data.normalTensor([16, 2]);
  model.ensureBuilt(x.shape);
  const initial = model.namedParameters().get('0.kernel')!.dataSync().slice();
  const loss = registry.loss('meanSquaredError');
  const optimizer = registry.optimizer('sgd', { learningRate: 0.2 });
  for (let step = 0; step < 20; step++) {
    const { value, grads } = valueAndGrad(
      () => loss.compute(model.apply(x, { training: true }), y),
      model.namedParameters(),
    );
    optimizer.step(model.namedParameters(), grads);
    value.dispose();
    tf.dispose([...grads.values()]);
  }
  optimizer.dispose();
  tf.dispose([x, y]);
  const final = model.namedParameters().get('0.kernel')!.dataSync();
  const firstKernelChange = Math.max(...final.map((v, i) => Math.abs(v - initial[i]!)));
  return { model, firstKernelChange };
}

describe.each(['cpu', 'wasm'] as const)('symmetry breaking on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('a constant kernel: every hidden unit stays identical however long it trains', () => {
    const before = liveTensors();
    const { model, firstKernelChange } = train(registry.initializer('constant', { value: 0.3 }));
    expect(firstKernelChange).toBeGreaterThan(1e-3); // it did train
    // same incoming weights, same outgoing weights, same bias: the units are copies,
    // computed with the same operations, so equal to the last bit
    expect(unitSpread(model, 6)).toBe(0);
    model.dispose();
    expect(liveTensors()).toBe(before);
  });

  it('zeros: the first layer does not even move (its gradient is zero)', () => {
    const { model, firstKernelChange } = train(registry.initializer('zeros'));
    expect(firstKernelChange).toBe(0);
    expect(unitSpread(model, 6)).toBe(0);
    model.dispose();
  });

  it('a random kernel (heNormal): the units differ from the start and stay different', () => {
    const { model, firstKernelChange } = train(registry.initializer('heNormal'));
    expect(firstKernelChange).toBeGreaterThan(1e-3);
    expect(unitSpread(model, 6)).toBeGreaterThan(0.1);
    model.dispose();
  });
});
