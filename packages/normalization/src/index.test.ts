import {
  createRegistry,
  Dense,
  FunctionModule,
  Random,
  Sequential,
  type Tensor,
  tf,
  UnknownEntryError,
  useBackend,
} from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm, GroupNorm, InstanceNorm, LayerNorm, normalization, RmsNorm } from './index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const registry = createRegistry({ plugins: [normalization] });

describe('the normalization plugin', () => {
  it('provides every normalizer by name, with its Keras-style long name as an alias', () => {
    expect(registry.list('normalization').map((entry) => [entry.name, entry.aliases])).toEqual([
      ['batchNorm', ['batchNormalization']],
      ['groupNorm', ['groupNormalization']],
      ['instanceNorm', ['instanceNormalization']],
      ['layerNorm', ['layerNormalization']],
      ['rmsNorm', ['rmsNormalization']],
    ]);
    expect(registry.normalization('batchNorm')).toBeInstanceOf(BatchNorm);
    expect(registry.create('normalization', 'layerNormalization')).toBeInstanceOf(LayerNorm);
    expect(registry.create('normalization', { type: 'groupNorm', groups: 4 })).toBeInstanceOf(
      GroupNorm,
    );
    expect(registry.create('normalization', 'instanceNorm')).toBeInstanceOf(InstanceNorm);
    expect(registry.create('normalization', 'rmsNorm')).toBeInstanceOf(RmsNorm);
    expect(() => registry.create('normalization', 'batchnorm')).toThrow(UnknownEntryError);
  });

  it('describes every option (CLI help and docs come from these)', () => {
    for (const entry of registry.list('normalization')) {
      expect(entry.description.length).toBeGreaterThan(20);
      for (const option of entry.options)
        expect(option.description.length, `${entry.name}.${option.name}`).toBeGreaterThan(20);
    }
    expect(
      registry.info('normalization', 'batchNorm').options.map((o) => [o.name, o.default]),
    ).toEqual([
      ['axis', -1],
      ['momentum', undefined],
      ['decay', undefined],
      ['runningVariance', 'unbiased'],
      ['epsilon', 1e-5],
      ['center', true],
      ['scale', true],
    ]);
  });

  it('passes validated options from a config to the module', () => {
    const bn = registry.create('normalization', {
      type: 'batchNorm',
      decay: 0.9,
      epsilon: 1e-3,
    }) as BatchNorm;
    expect(bn.momentum).toBeCloseTo(0.1, 12);
    expect(bn.options.epsilon).toBe(1e-3);
    expect(() =>
      registry.create('normalization', { type: 'batchNorm', momentum: 0.1, decay: 0.9 }),
    ).toThrow(/options "momentum" and "decay" cannot both be given/);
    expect(() => registry.create('normalization', { type: 'batchNorm', momentum: 0.99 })).toThrow(
      /option "momentum" must be a number >= 0 and <= 0\.5 \(.*pass decay: 0\.99.*\), got 0\.99$/,
    );
    expect(registry.info('normalization', 'batchNorm').jsonSchema).toMatchObject({
      properties: { momentum: { minimum: 0, maximum: 0.5 } },
    });
    expect(() => registry.create('normalization', { type: 'layerNorm', epsilon: -1 })).toThrow(
      'normalization "layerNorm": option "epsilon" must be a number > 0, got -1',
    );
  });

  it.each<[string, number[], Record<string, unknown>]>([
    ['batchNorm', [-1, 100], {}],
    ['layerNorm', [-1, 100], {}],
    ['groupNorm', [-1, 100], { groups: 4 }],
    ['rmsNorm', [-1, 100], {}],
    ['instanceNorm', [-1, 5, 5, 8], {}],
  ])(
    '%s works where buildModel puts it: built lazily from the input shape, output shape unchanged, both modes',
    (name, shape, options) => {
      const norm = registry.create('normalization', { type: name, ...options });
      const units = shape[shape.length - 1]!;
      const layers =
        shape.length === 2 ? [new Dense({ units, random: new Random(1) }), norm] : [norm];
      const model = new Sequential([
        ...layers,
        new FunctionModule('relu', (x: Tensor) => tf.relu(x)),
      ]);
      model.ensureBuilt(shape);
      expect(norm.built).toBe(true);
      expect(model.outputShape(shape)).toEqual([...shape]);
      const x = new Random(2).normalTensor([4, ...shape.slice(1)], 0, 1);
      for (const training of [true, false]) {
        const y = model.apply(x, { training });
        expect(y.shape).toEqual(x.shape);
        expect(y.dataSync().every(Number.isFinite)).toBe(true);
        y.dispose();
      }
      model.dispose();
      x.dispose();
    },
  );
});
