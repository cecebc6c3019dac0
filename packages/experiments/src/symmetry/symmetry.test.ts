import { useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonRoundTrips, specProblems } from '../../test/spec-check.js';
import { symmetry, symmetryExperiment } from './symmetry.js';

type Result = Awaited<ReturnType<typeof symmetry>>;

describe.each(['wasm', 'cpu'] as const)('symmetry on %s', (backend) => {
  let result: Result;
  beforeAll(async () => {
    await useBackend(backend);
    const leaks = await countLeaks(async () => {
      result = await symmetry(symmetryExperiment.quick);
    });
    expect(leaks).toBe(0);
  });

  const run = (initializer: string) => result.runs.find((r) => r.initializer === initializer)!;
  const hidden = (initializer: string) =>
    run(initializer).layers.filter((l) => l.name !== 'output');

  it('a constant initialization keeps every hidden unit bit-identical through training', () => {
    // Units with equal incoming weights compute equal outputs, and their gradients are
    // equal too (the weights above them are equal), so every update keeps them equal: the
    // difference is exactly 0, not merely small.
    for (const layer of hidden('constant(value=0.1)')) {
      expect(layer.initial.maxDifference).toBe(0);
      expect(layer.final.maxDifference).toBe(0);
      expect(layer.final.distinctUnits).toBe(1);
      expect(layer.symmetric).toBe(true);
    }
    // ...although the weights did train: the first hidden layer moved away from 0.1.
    const trace = result.trace.filter(
      (p) => p.initializer === 'constant(value=0.1)' && p.layer === 'hidden 1',
    );
    expect(trace).toHaveLength(symmetryExperiment.quick.epochs! + 1);
    expect(run('constant(value=0.1)').finding).toContain('the symmetry never breaks');
  });

  it('zeros keep the units identical too', () => {
    for (const layer of hidden('zeros')) expect(layer.final.distinctUnits).toBe(1);
  });

  it('a random initialization breaks the symmetry and training keeps the units apart', () => {
    // Glorot normal on 2 -> 16 -> 16: each incoming vector's entries have std 0.32 and 0.25,
    // so two units differ by about that much in some coordinate from the start.
    for (const layer of hidden('glorotNormal')) {
      expect(layer.initial.maxDifference).toBeGreaterThan(0.1);
      expect(layer.final.maxDifference).toBeGreaterThan(0.1);
      expect(layer.final.distinctUnits).toBe(layer.units);
      expect(layer.symmetric).toBe(false);
    }
    expect(run('glorotNormal').finding).toContain('break the symmetry');
  });

  it('the output units of a constant initialization differ after training (different targets)', () => {
    const output = run('constant(value=0.1)').layers.at(-1)!;
    expect(output.name).toBe('output');
    expect(output.initial.maxDifference).toBe(0);
    expect(output.final.maxDifference).toBeGreaterThan(0);
  });

  it('returns JSON data and sound plot specs', () => {
    expect(jsonRoundTrips(result)).toBe(true);
    expect(result.plots.map((p) => p.name)).toEqual(['difference-over-training', 'distinct-units']);
    for (const p of result.plots) expect(specProblems(p)).toEqual([]);
  });
});

describe('symmetry options', () => {
  it('checks registry names before training', async () => {
    await expect(symmetry({ activation: 'tahn' })).rejects.toThrow(
      'unknown activation "tahn". Did you mean "tanh"?',
    );
    await expect(symmetry({ initializers: ['zeros', 'heNormall'] })).rejects.toThrow(
      'unknown initializer "heNormall". Did you mean "heNormal"?',
    );
  });
});

describe('symmetry sizes', () => {
  it('refuses a hidden layer of 1e9 units before building, naming the option and the limit, and leaks nothing', async () => {
    await useBackend('cpu');
    const leaks = await countLeaks(async () => {
      await expect(symmetry({ hidden: [16, 1e9] })).rejects.toThrow(
        /^experiment "symmetry": hidden\[1\]: 1,000,000,000 units on 16 inputs make a weight matrix that is 16,000,000,000 values; at most 268,435,456 \(2\^28, 1 GiB of float32\) fit\. Use fewer units in hidden\[1\]$/,
      );
    });
    expect(leaks).toBe(0);
  });
});
