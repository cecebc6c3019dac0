import { activations } from '@fanin/activations';
import { createRegistry, Random } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import torchGains from '../fixtures/gains.json' with { type: 'json' };
import { calculateGain, initializers, recommendedInitializer } from '../src/index.js';

const registry = createRegistry({ plugins: [activations, initializers] });
const names = registry.list('activation').map((info) => info.name);
const torch = (nonlinearity: string, param: number | null = null) =>
  torchGains.find((entry) => entry.nonlinearity === nonlinearity && entry.param === param)!.gain;

describe('with the @fanin/activations plugin', () => {
  it('has a gain for every activation, from its metadata', () => {
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const gain = calculateGain(registry, name);
      const { options } = registry.validate('activation', name);
      expect(gain, name).toBe(registry.info('activation', name).metadata!.gain(options));
      expect(gain, name).toBeGreaterThan(0);
    }
  });

  it('agrees with torch.nn.init.calculate_gain where PyTorch defines one', () => {
    expect(calculateGain(registry, 'linear')).toBeCloseTo(torch('linear'), 15);
    expect(calculateGain(registry, 'sigmoid')).toBeCloseTo(torch('sigmoid'), 15);
    expect(calculateGain(registry, 'tanh')).toBeCloseTo(torch('tanh'), 15);
    expect(calculateGain(registry, 'relu')).toBeCloseTo(torch('relu'), 15);
    expect(calculateGain(registry, 'selu')).toBeCloseTo(torch('selu'), 15);
    expect(calculateGain(registry, 'leakyRelu')).toBeCloseTo(torch('leaky_relu'), 15);
    expect(calculateGain(registry, 'leakyRelu', 0.2)).toBeCloseTo(torch('leaky_relu', 0.2), 15);
    expect(calculateGain(registry, { type: 'leakyRelu', alpha: 0 })).toBeCloseTo(
      torch('leaky_relu', 0),
      15,
    );
  });

  it("accepts every torch.nn.init.calculate_gain nonlinearity name, with PyTorch's value", () => {
    for (const { nonlinearity, param, gain } of torchGains) {
      const ours =
        param === null
          ? calculateGain(registry, nonlinearity)
          : calculateGain(registry, nonlinearity, param);
      expect(ours, `${nonlinearity} ${param}`).toBeCloseTo(gain, 15);
    }
    expect(calculateGain(registry, { type: 'leaky_relu', alpha: 0.2 })).toBeCloseTo(
      torch('leaky_relu', 0.2),
      15,
    );
    expect(registry.initializer('kaimingNormal', { nonlinearity: 'leaky_relu' }).name).toBe(
      'heNormal',
    );
    expect(recommendedInitializer(registry, 'conv2d')).toEqual({ type: 'glorotUniform' });
  });

  it('recommends, for every activation, an initializer this plugin creates and a Dense kernel accepts', () => {
    for (const name of names) {
      const config = recommendedInitializer(registry, name);
      expect(registry.has('initializer', config.type), `${name} recommends ${config.type}`).toBe(
        true,
      );
      const tensor = registry.create('initializer', config).init([6, 4], { random: new Random(1) });
      expect(tensor.shape).toEqual([6, 4]);
      tensor.dispose();
    }
    expect(recommendedInitializer(registry, { type: 'leakyRelu', alpha: 0.2 })).toEqual({
      type: 'heNormal',
      nonlinearity: { type: 'leakyRelu', alpha: 0.2 },
    });
  });

  it("scales He by any activation's gain through nonlinearity", () => {
    for (const name of names) {
      expect(() => registry.initializer('heUniform', { nonlinearity: name }), name).not.toThrow();
    }
  });
});
