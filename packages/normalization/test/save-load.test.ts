import {
  createRegistry,
  Dense,
  loadWeightsFromBytes,
  Random,
  Sequential,
  type Tensor,
  tf,
  useBackend,
  weightsToBytes,
} from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalization } from '../src/index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const registry = createRegistry({ plugins: [normalization] });

function model(seed: number) {
  return new Sequential([
    new Dense({ units: 6, random: new Random(seed) }),
    registry.create('normalization', 'batchNorm'),
    registry.create('normalization', { type: 'layerNorm', center: false }),
    registry.create('normalization', { type: 'groupNorm', groups: 3 }),
    registry.create('normalization', 'rmsNorm'),
  ]);
}

const snapshot = (m: Sequential) =>
  Object.fromEntries(m.namedTensors().map((t) => [t.name, [...t.variable.dataSync()]]));

describe('save and load', () => {
  it('running statistics and every affine parameter survive weightsToBytes / loadWeightsFromBytes', () => {
    const random = new Random(3);
    const trained = model(1);
    trained.ensureBuilt([-1, 4]);
    // Train the statistics and move every parameter away from its initial value.
    for (let step = 0; step < 3; step++) {
      const x = random.normalTensor([8, 4], 2, 3);
      tf.tidy(() => {
        trained.apply(x, { training: true });
      });
      x.dispose();
    }
    for (const variable of trained.namedParameters().values()) {
      tf.tidy(() => variable.assign(tf.add(variable, random.normalTensor(variable.shape, 0, 0.5))));
    }
    const names = trained.namedTensors().map((t) => t.name);
    expect(names).toContain('1.runningMean');
    expect(names).toContain('1.runningVar');
    const saved = snapshot(trained);
    expect(saved['1.runningMean']!.some((v) => v !== 0)).toBe(true);

    const restored = model(2);
    restored.ensureBuilt([-1, 4]);
    expect(snapshot(restored)['1.runningMean']).toEqual([0, 0, 0, 0, 0, 0]);
    loadWeightsFromBytes(restored, weightsToBytes(trained));
    expect(snapshot(restored)).toEqual(saved);

    const x = random.normalTensor([5, 4], 2, 3);
    const outputs = [trained, restored].map((m) =>
      tf.tidy(() => [...(m.apply(x) as Tensor).dataSync()]),
    );
    expect(outputs[1]).toEqual(outputs[0]);
    tf.dispose(x);
    trained.dispose();
    restored.dispose();
  });

  it('instanceNorm running statistics are saved only when tracked', () => {
    const tracked = registry.create('normalization', {
      type: 'instanceNorm',
      trackRunningStats: true,
    });
    tracked.ensureBuilt([-1, 3, 3, 2]);
    tf.tidy(() => {
      tracked.apply(tf.randomNormal([2, 3, 3, 2], 1, 2, 'float32', 7), { training: true });
    });
    const copy = registry.create('normalization', {
      type: 'instanceNorm',
      trackRunningStats: true,
    });
    copy.ensureBuilt([-1, 3, 3, 2]);
    loadWeightsFromBytes(copy, weightsToBytes(tracked));
    expect([...copy.namedState().get('runningMean')!.dataSync()]).toEqual([
      ...tracked.namedState().get('runningMean')!.dataSync(),
    ]);
    expect([...copy.namedState().get('runningVar')!.dataSync()]).toEqual([
      ...tracked.namedState().get('runningVar')!.dataSync(),
    ]);
    const plain = registry.create('normalization', 'instanceNorm');
    plain.ensureBuilt([-1, 3, 3, 2]);
    expect(plain.namedTensors()).toEqual([]);
  });
});
