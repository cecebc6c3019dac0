import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/losses.json' with { type: 'json' };
import { type BackendName, useBackend } from '../backend/backend.js';
import { accuracy } from '../metrics/accuracy.js';
import { core } from '../plugin.js';
import { createRegistry } from '../registry/registry.js';

const fanin = createRegistry({ plugins: [core] });

// Float32 tolerance: 1e-6 relative, 1e-7 absolute.
function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-7 + 1e-6 * Math.abs(expected);
}

function tensorOf(values: unknown, dtype: string): tf.Tensor {
  return tf.tensor(values as number[], undefined, dtype === 'int32' ? 'int32' : 'float32');
}

describe.each<BackendName>(['cpu', 'wasm'])('losses match PyTorch 1.13 on %s', (backend) => {
  it.each(
    fixture.losses.map((c) => [`${c.loss} ${JSON.stringify(c.options)}: ${c.note}`, c] as const),
  )('%s', async (_name, testCase) => {
    await useBackend(backend);
    const before = tf.memory().numTensors;
    const loss = fanin.create('loss', { type: testCase.loss, ...testCase.options });
    const predictions = tensorOf(testCase.predictions, 'float32');
    const targets = tensorOf(testCase.targets, testCase.targetDtype);
    const value = loss.compute(predictions, targets);
    expect(value.rank).toBe(0);
    const actual = value.dataSync()[0]!;
    expect(close(actual, testCase.value), `value ${actual} vs ${testCase.value}`).toBe(true);
    if (testCase.gradient) {
      const gradient = tf.grad((z: tf.Tensor) => loss.compute(z, targets))(predictions);
      const expected = (testCase.gradient as unknown[]).flat(3) as number[];
      const got = Array.from(gradient.dataSync());
      for (const [i, g] of got.entries()) {
        expect(close(g, expected[i]!), `gradient[${i}] ${g} vs ${expected[i]}`).toBe(true);
      }
      gradient.dispose();
    }
    tf.dispose([predictions, targets, value]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(fixture.accuracy.map((c) => [c.note, c] as const))(
    'accuracy: %s',
    async (_name, testCase) => {
      await useBackend(backend);
      const predictions = tensorOf(testCase.predictions, 'float32');
      const targets = tensorOf(testCase.targets, testCase.targetDtype);
      const value = accuracy(predictions, targets);
      expect(value.dataSync()[0]).toBeCloseTo(testCase.value, 7);
      tf.dispose([predictions, targets, value]);
    },
  );
});

describe('loss stability and shape checks', () => {
  it('is finite with exact gradients for logits of 1e4 and beyond', async () => {
    await useBackend('cpu');
    const ce = fanin.loss('softmaxCrossEntropy');
    const logits = tf.tensor2d([[3e4, -3e4, 0]]);
    const right = tf.tensor1d([0], 'int32');
    const wrong = tf.tensor1d([1], 'int32');
    expect(ce.compute(logits, right).dataSync()[0]).toBeCloseTo(0, 10);
    expect(ce.compute(logits, wrong).dataSync()[0]).toBe(6e4);
    expect(
      Array.from(
        tf
          .grad((z: tf.Tensor) => ce.compute(z, wrong))(logits)
          .dataSync(),
      ),
    ).toEqual([1, -1, 0]);

    const bce = fanin.loss('binaryCrossEntropy');
    const z = tf.tensor1d([3e4, -3e4, 0]);
    const t = tf.tensor1d([1, 1, 0]);
    expect(Array.from(bce.compute(z, t).dataSync())[0]).toBeCloseTo((0 + 3e4 + Math.LN2) / 3, 2);
    // sigmoid(z) - t over 3 elements; the kink-free formula gives 0.5 / 3 at z = 0.
    const g = Array.from(
      tf
        .grad((x: tf.Tensor) => bce.compute(x, t))(z)
        .dataSync(),
    );
    expect(g[0]).toBeCloseTo(0, 10);
    expect(g[1]).toBeCloseTo(-1 / 3, 7);
    expect(g[2]).toBeCloseTo(0.5 / 3, 7);
  });

  it.each<BackendName>(['cpu', 'wasm'])(
    'trains a saturated sigmoid with probabilities: finite gradients, no NaN weights (%s)',
    async (backend) => {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      const bce = fanin.loss('binaryCrossEntropy', { fromLogits: false });
      // z = 30 w saturates float32 sigmoid at exactly 1 (wrongly, target 0), the others do not.
      const x = tf.tensor2d([[30], [1], [-2], [0.5]]);
      const t = tf.tensor2d([[0], [1], [0], [1]]);
      const [w, b] = tf.tidy(() => [tf.variable(tf.tensor2d([[1]])), tf.variable(tf.scalar(0))]);
      const loss = () => bce.compute(tf.sigmoid(tf.add(tf.matMul(x, w), b)), t);
      expect(tf.tidy(() => tf.sigmoid(tf.mul(x, w)).dataSync()[0])).toBe(1);
      const losses: number[] = [];
      for (let step = 0; step < 20; step++) {
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(loss, [w, b]);
          losses.push(value.dataSync()[0]!);
          for (const g of Object.values(grads)) expect(Number.isFinite(g.dataSync()[0])).toBe(true);
          w.assign(tf.sub(w, tf.mul(grads[w.name]!, 0.5)));
          b.assign(tf.sub(b, tf.mul(grads[b.name]!, 0.5)));
        });
      }
      expect(Number.isFinite(w.dataSync()[0]!) && Number.isFinite(b.dataSync()[0]!)).toBe(true);
      // The saturated example contributes 100 / 4 (its log is clamped at -100) and no gradient
      // (sigmoid'(30) is 0 in float32, as in PyTorch); the others are learned.
      expect(losses.at(-1)!).toBeLessThan(losses[0]!);
      expect(losses.at(-1)!).toBeGreaterThan(25);
      tf.dispose([x, t, w, b]);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('gives the targets the gradient of the clamped formula, finite at p = 0 and 1', async () => {
    await useBackend('cpu');
    const bce = fanin.loss('binaryCrossEntropy', { fromLogits: false });
    const p = tf.tensor1d([1, 0, 0.25]);
    const t = tf.tensor1d([1, 1, 0.5]);
    const dt = Array.from(
      tf
        .grad((target: tf.Tensor) => bce.compute(p, target))(t)
        .dataSync(),
    );
    // (max(log(1 - p), -100) - max(log p, -100)) / 3
    expect(dt[0]).toBeCloseTo(-100 / 3, 5);
    expect(dt[1]).toBeCloseTo(100 / 3, 5);
    expect(dt[2]).toBeCloseTo((Math.log(0.75) - Math.log(0.25)) / 3, 6);
    tf.dispose([p, t]);
  });

  it('accepts float class indices and rejects targets that do not fit', () => {
    const ce = fanin.loss('softmaxCrossEntropy');
    const logits = tf.tensor2d([
      [1, 2],
      [3, 1],
    ]);
    const asFloat = ce.compute(logits, tf.tensor1d([1, 0])).dataSync()[0];
    const asInt = ce.compute(logits, tf.tensor1d([1, 0], 'int32')).dataSync()[0];
    expect(asFloat).toBe(asInt);
    expect(() => ce.compute(logits, tf.tensor1d([1, 0, 1]))).toThrow(
      'softmaxCrossEntropy: targets of shape [3] do not fit logits of shape [2, 2]. Pass class indices of shape [2] or one-hot targets of shape [2, 2]',
    );
    expect(() => fanin.loss('meanSquaredError').compute(tf.zeros([4]), tf.zeros([4, 1]))).toThrow(
      'meanSquaredError: targets of shape [4, 1] do not match predictions of shape [4]',
    );
    expect(() => fanin.loss('binaryCrossEntropy').compute(tf.zeros([4, 1]), tf.zeros([4]))).toThrow(
      'binaryCrossEntropy: targets of shape [4]',
    );
    expect(() => accuracy(tf.zeros([4, 3]), tf.zeros([4, 2]))).toThrow(
      'accuracy: targets of shape [4, 2] do not fit predictions of shape [4, 3]',
    );
    expect(fanin.canonicalName('loss', 'mse')).toBe('meanSquaredError');
  });

  it('thresholds binary probabilities at a given threshold', () => {
    const p = tf.tensor2d([[0.2], [0.7], [0.6]]);
    const t = tf.tensor2d([[0], [1], [0]]);
    expect(accuracy(p, t, { threshold: 0.5 }).dataSync()[0]).toBeCloseTo(2 / 3, 7);
    expect(accuracy(p, t).dataSync()[0]).toBeCloseTo(1 / 3, 7);
  });
});
