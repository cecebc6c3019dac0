import { useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonRoundTrips, specProblems } from '../../test/spec-check.js';
import { defaultRegistry } from '../shared/registry.js';
import { activationCatalogue } from './activation-catalogue.js';

type Result = Awaited<ReturnType<typeof activationCatalogue>>;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** float32 results against float64 formulas: 1e-6 relative plus 1e-7 absolute. */
function expectClose(actual: number | null, expected: number, what: string) {
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), what).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-7);
}

describe.each(['wasm', 'cpu'] as const)('activationCatalogue on %s', (backend) => {
  let result: Result;
  beforeAll(async () => {
    await useBackend(backend);
    const leaks = await countLeaks(async () => {
      result = await activationCatalogue();
    });
    expect(leaks).toBe(0);
  });

  const entry = (name: string) => result.activations.find((a) => a.activation === name)!;

  it('covers every registered activation over 201 points from -5 to 5', () => {
    const names = defaultRegistry()
      .list('activation')
      .map((info) => info.name);
    expect(result.skipped).toEqual([]);
    expect(result.activations.map((a) => a.name)).toEqual(names);
    expect(result.x).toHaveLength(201);
    expect(result.x[100]).toBe(0);
    for (const activation of result.activations) {
      expect(
        activation.value.every((v) => v !== null),
        activation.name,
      ).toBe(true);
      expect(
        activation.derivative.every((v) => v !== null),
        activation.name,
      ).toBe(true);
    }
  });

  it('gives each function and its derivative (x in float32, formulas in float64)', () => {
    result.x.forEach((input, i) => {
      const x = Math.fround(input);
      const s = sigmoid(x);
      expectClose(entry('sigmoid').value[i]!, s, `sigmoid(${x})`);
      expectClose(entry('sigmoid').derivative[i]!, s * (1 - s), `sigmoid'(${x})`);
      const t = Math.tanh(x);
      expectClose(entry('tanh').value[i]!, t, `tanh(${x})`);
      expectClose(entry('tanh').derivative[i]!, 1 - t * t, `tanh'(${x})`);
      expectClose(entry('relu').value[i]!, Math.max(0, x), `relu(${x})`);
      expectClose(entry('relu').derivative[i]!, x > 0 ? 1 : 0, `relu'(${x})`);
      // softmax of the logits [x, 0]: the first probability is the sigmoid of x.
      expectClose(entry('softmax').value[i]!, s, `softmax([${x}, 0])[0]`);
    });
    expect(entry('relu').derivative[100]).toBe(0); // relu'(0) = 0, as PyTorch
  });

  it('reports the registry facts', () => {
    expect(entry('relu').facts).toMatchObject({
      range: [0, null],
      recommendedInitializer: 'heNormal',
      monotonic: true,
      smooth: false,
    });
    expect(entry('relu').facts.gain).toBeCloseTo(Math.SQRT2, 12);
    expect(entry('tanh').facts.gain).toBeCloseTo(5 / 3, 12);
    expect(entry('maxout').facts.learnable).toBe(true);
  });

  it('returns JSON data and a sound plot spec', () => {
    expect(jsonRoundTrips(result)).toBe(true);
    expect(result.plots.map((p) => p.name)).toEqual(['activations']);
    for (const p of result.plots) expect(specProblems(p)).toEqual([]);
  });
});

describe('activationCatalogue options', () => {
  it('takes activations with options and a range', async () => {
    await useBackend('cpu');
    const result = await activationCatalogue({
      activations: [{ type: 'leakyRelu', alpha: 0.2 }],
      min: -1,
      max: 1,
      points: 3,
    });
    expect(result.x).toEqual([-1, 0, 1]);
    const [leaky] = result.activations;
    expect(leaky!.activation).toBe('leakyRelu(alpha=0.2)');
    expect(leaky!.value.map((v) => Math.fround(v!))).toEqual([Math.fround(-0.2), 0, 1]);
    expect(leaky!.derivative.map((v) => Math.fround(v!))).toEqual([
      Math.fround(0.2),
      Math.fround(0.2),
      1,
    ]);
  });

  it('rejects an empty range and unknown activations', async () => {
    await expect(activationCatalogue({ min: 1, max: 1 })).rejects.toThrow(
      'experiment "activationCatalogue": min (1) must be below max (1)',
    );
    await expect(activationCatalogue({ activations: ['sigmod'] })).rejects.toThrow(
      'unknown activation "sigmod". Did you mean "sigmoid"?',
    );
  });
});
