import { core, createRegistry, Dense, Random, Sequential, UnknownEntryError } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { describe, expect, it } from 'vitest';
import { initializers } from '../src/index.js';
import { pytorchLikeActivations } from './activations.js';

const registry = createRegistry({ plugins: [core, initializers, pytorchLikeActivations] });

const CANONICAL = [
  'constant',
  'glorotNormal',
  'glorotUniform',
  'heNormal',
  'heUniform',
  'identity',
  'lecunNormal',
  'lecunUniform',
  'normal',
  'ones',
  'orthogonal',
  'pretrained',
  'truncatedNormal',
  'uniform',
  'varianceScaling',
  'zeros',
];

/** A kernel config for every scheme (pretrained is tested in src/pretrained.test.ts). */
const KERNEL_CONFIGS = [
  ...CANONICAL.filter((name) => !['constant', 'pretrained'].includes(name)),
  { type: 'constant', value: 0.1 },
  'xavierNormal',
  'xavierUniform',
  'kaimingNormal',
  'kaimingUniform',
  { type: 'heNormal', nonlinearity: { type: 'leakyRelu', alpha: 0.2 } },
];

describe('the initializers plugin', () => {
  it('provides every scheme by name, with the aliases PyTorch users know', () => {
    const listed = registry.list('initializer');
    expect(listed.map((info) => info.name)).toEqual(CANONICAL);
    expect(
      Object.fromEntries(
        listed.filter((info) => info.aliases.length > 0).map((info) => [info.name, info.aliases]),
      ),
    ).toEqual({
      glorotNormal: ['xavierNormal'],
      glorotUniform: ['xavierUniform'],
      heNormal: ['kaimingNormal'],
      heUniform: ['kaimingUniform'],
    });
  });

  it('lists metadata, descriptions and option schemas', () => {
    for (const info of registry.list('initializer')) {
      expect(info.plugin).toBe('@fanin/initializers');
      expect(info.description.length).toBeGreaterThan(10);
      expect(typeof info.metadata?.random).toBe('boolean');
      expect(info.metadata?.distribution.length).toBeGreaterThan(0);
      for (const option of info.options) expect(option.description.length).toBeGreaterThan(3);
    }
    const he = registry.info('initializer', 'kaimingNormal');
    expect(he.name).toBe('heNormal');
    expect(he.metadata).toEqual({ random: true, distribution: 'normal' });
    expect(he.options.find((option) => option.name === 'mode')).toMatchObject({
      default: 'fanIn',
      expected: 'one of "fanIn", "fanOut"',
    });
    expect(registry.info('initializer', 'orthogonal').metadata).toEqual({
      random: true,
      distribution: 'orthogonal',
    });
    expect(registry.info('initializer', 'identity').metadata?.random).toBe(false);
  });

  it('suggests the right name for a typo', () => {
    expect(() => registry.initializer('heNromal' as never)).toThrow(UnknownEntryError);
    expect(() => registry.initializer('heNromal' as never)).toThrow('Did you mean "heNormal"?');
  });

  it("validates every scheme's options against its schema", () => {
    for (const info of registry.list('initializer')) {
      expect(() => registry.create('initializer', { type: info.name, notAnOption: 1 })).toThrow(
        `initializer "${info.name}": unknown option "notAnOption"`,
      );
    }
    expect(registry.configSchema('initializer')).toMatchObject({ oneOf: expect.any(Array) });
  });

  it.each(KERNEL_CONFIGS.map((config) => [JSON.stringify(config), config] as const))(
    '%s initializes a Dense layer that runs',
    (_, config) => {
      const dense = new Dense({
        units: 8,
        kernelInitializer: registry.create('initializer', config),
        random: new Random(1),
      });
      const model = new Sequential([dense]);
      const x = new Random(2).normalTensor([4, 8]);
      const y = model.apply(x);
      expect(y.shape).toEqual([4, 8]);
      expect([...y.dataSync()].every(Number.isFinite)).toBe(true);
      expect(dense.kernel!.shape).toEqual([8, 8]);
      x.dispose();
      y.dispose();
      model.dispose();
    },
  );

  it('leaves no tensor behind but the one it returns', () => {
    for (const config of KERNEL_CONFIGS) {
      const initializer = registry.create('initializer', config);
      const before = liveTensors();
      const shape = initializer.name === 'identity' ? [4, 6] : [3, 3, 4, 6];
      const tensor = initializer.init(shape, { random: new Random(0), name: 'kernel' });
      expect(liveTensors()).toBe(before + 1);
      tensor.dispose();
    }
  });

  it('is usable from a layer config of the core dense layer', () => {
    const layer = registry.layer('dense', {
      units: 5,
      init: { type: 'orthogonal', gain: 2 },
      biasInit: { type: 'constant', value: 0.5 },
    });
    layer.ensureBuilt([1, 5]);
    const parameters = layer.namedParameters();
    expect([...parameters.get('bias')!.dataSync()]).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    const w = parameters.get('kernel')!.dataSync();
    let trace = 0;
    for (let i = 0; i < 5; i++) for (let k = 0; k < 5; k++) trace += w[k * 5 + i]! * w[k * 5 + i]!;
    expect(trace).toBeCloseTo(5 * 4, 4); // WᵀW = 4·I
    layer.dispose();
  });

  it('refuses a variance-scaling scheme for a bias, saying how to fix it', () => {
    const dense = new Dense({
      units: 3,
      biasInitializer: registry.initializer('heNormal'),
      path: 'layers.0',
    });
    expect(() => dense.ensureBuilt([1, 3])).toThrow(
      'initializer "heNormal" for "layers.0.bias": cannot compute fans of a rank-1 shape [3]: fans need a kernel [in, out] or [...kernel, in, out]. A bias has no fans: initialize it with "zeros", or give the fan explicitly ("fanIn", "fanOut")',
    );
    dense.dispose();
  });
});
