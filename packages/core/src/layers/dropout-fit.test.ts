import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backend.js';
import { buildModel } from '../modules/model-config.js';
import type { Module } from '../modules/module.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { core } from '../plugin.js';
import { Random } from '../random/random.js';
import { createRegistry } from '../registry/registry.js';
import { evaluate } from '../training/evaluate.js';
import { fit } from '../training/fit.js';
import { Dropout } from './dropout.js';

const registry = createRegistry({ plugins: [core] });

function model(rate: number, seed = 1): Module {
  return buildModel(
    { inputShape: [6], seed, layers: [{ dense: 32 }, { dropout: rate }, { dense: 3 }] } as never,
    { registry },
  );
}

function data() {
  const random = new Random(11);
  return { x: random.normalTensor([40, 6]), y: random.normalTensor([40, 3]) };
}

const parameters = (m: Module) =>
  Object.fromEntries([...m.namedParameters()].map(([name, v]) => [name, Array.from(v.dataSync())]));

describe.each(['cpu', 'wasm'] as const)('dropout in fit and evaluate on %s', (backend) => {
  it("fit's loss is computed with dropout, evaluate's without", async () => {
    await useBackend(backend);
    const { x, y } = data();
    const loss = registry.loss('meanSquaredError');
    // an optimizer that leaves the parameters put, so fit's and evaluate's losses differ only
    // by the training mode
    const lossesOf = async (rate: number) => {
      const m = model(rate);
      const optimizer: Optimizer = {
        name: 'none',
        learningRate: 0,
        iterations: 0,
        step: () => {},
        dispose: () => {},
      };
      const history = await fit(
        m,
        { x, y },
        { epochs: 1, batchSize: 40, optimizer, loss, shuffle: false },
      );
      const evaluated = await evaluate(m, { x, y }, { batchSize: 40, loss });
      const dropoutLayer = [...(m as unknown as { layers: Module[] }).layers].find(
        (l) => l instanceof Dropout,
      );
      optimizer.dispose?.();
      m.dispose();
      return {
        fit: history.logs.loss![0]!,
        evaluate: evaluated.loss!,
        masks: (dropoutLayer as Dropout).masksDrawn,
      };
    };
    const withDropout = await lossesOf(0.5);
    expect(withDropout.masks).toBe(1);
    expect(Math.abs(withDropout.fit - withDropout.evaluate)).toBeGreaterThan(1e-3);
    const without = await lossesOf(0);
    expect(without.fit).toBeCloseTo(without.evaluate, 6);
    // dropout is the only difference: the same parameters give the same inference loss
    expect(without.evaluate).toBeCloseTo(withDropout.evaluate, 6);
    tf.dispose([x, y]);
  });

  it('two fits with the same seed are bit-identical, another model seed is not', async () => {
    await useBackend(backend);
    const { x, y } = data();
    const run = async (seed: number) => {
      const m = model(0.5, seed);
      const optimizer = registry.optimizer('sgd', { learningRate: 0.05 });
      const history = await fit(
        m,
        { x, y },
        {
          epochs: 3,
          batchSize: 8,
          optimizer,
          loss: registry.loss('meanSquaredError'),
          seed: 5,
        },
      );
      const result = { losses: history.logs.loss, parameters: parameters(m) };
      optimizer.dispose();
      m.dispose();
      return result;
    };
    const first = await run(1);
    expect(await run(1)).toEqual(first);
    expect((await run(2)).losses).not.toEqual(first.losses);
    tf.dispose([x, y]);
  });
});
