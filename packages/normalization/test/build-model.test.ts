import { activations } from '@fanin/activations';
import {
  buildModel,
  core,
  createRegistry,
  loadWeightsFromBytes,
  Random,
  tf,
  useBackend,
  weightsToBytes,
} from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalization } from '../src/index.js';

const config = {
  inputShape: [16],
  seed: 5,
  layers: [
    { dense: 32, norm: 'batchNorm', activation: 'relu' },
    { dense: 24, norm: { type: 'groupNorm', groups: 4 }, activation: 'relu' },
    { dense: 24, norm: { type: 'layerNorm', center: false } },
    { norm: 'rmsNorm' },
    { dense: 3 },
  ],
};

describe('normalizers in a model config (core buildModel)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('builds from names and objects, trains, and saves and reloads the running statistics', () => {
    const registry = createRegistry({ plugins: [core, activations, normalization] });
    const model = buildModel(config, { registry });
    const names = model.namedTensors().map((t) => `${t.name}${t.trainable ? '' : ' (state)'}`);
    expect(names.filter((n) => n.includes('norm') || n.startsWith('3.'))).toEqual([
      '0.norm.gamma',
      '0.norm.beta',
      '0.norm.runningMean (state)',
      '0.norm.runningVar (state)',
      '1.norm.gamma',
      '1.norm.beta',
      '2.norm.gamma',
      '3.gamma',
    ]);
    const x = new Random(1).normalTensor([8, 16], 1, 2);
    tf.tidy(() => {
      expect(model.apply(x, { training: true }).shape).toEqual([8, 3]);
    });
    const runningMean = model.namedState().get('0.norm.runningMean')!;
    expect([...runningMean.dataSync()].some((v) => v !== 0)).toBe(true);

    const copy = buildModel(config, { registry, seed: 99 });
    loadWeightsFromBytes(copy, weightsToBytes(model));
    expect([...copy.namedState().get('0.norm.runningVar')!.dataSync()]).toEqual([
      ...model.namedState().get('0.norm.runningVar')!.dataSync(),
    ]);
    const [a, b] = [model, copy].map((m) => tf.tidy(() => [...m.apply(x).dataSync()]));
    expect(b).toEqual(a);
    tf.dispose(x);
    model.dispose();
    copy.dispose();
  });

  it('reports a bad normalization option with its config path', () => {
    const registry = createRegistry({ plugins: [core, activations, normalization] });
    const bad = {
      inputShape: [16],
      layers: [{ dense: 6, norm: { type: 'groupNorm', groups: 4 } }],
    };
    expect(() => buildModel(bad, { registry })).toThrow(
      /layers\[0\].*groupNorm: 4 groups do not divide the 6 channels/,
    );
  });
});
