import { createRegistry, UnknownEntryError } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import torchGains from '../fixtures/gains.json' with { type: 'json' };
import { pytorchLikeActivations } from '../test/activations.js';
import { calculateGain, recommendedInitializer } from './gain.js';
import { initializers } from './index.js';

const registry = createRegistry({ plugins: [initializers, pytorchLikeActivations] });
const torch = (nonlinearity: string, param: number | null = null) =>
  torchGains.find((entry) => entry.nonlinearity === nonlinearity && entry.param === param)!.gain;

describe('calculateGain', () => {
  it('reads the gain from the activation metadata, as torch.nn.init.calculate_gain', () => {
    expect(calculateGain(registry, 'linear')).toBe(torch('linear'));
    expect(calculateGain(registry, 'tanh')).toBeCloseTo(torch('tanh'), 15);
    expect(calculateGain(registry, 'selu')).toBe(torch('selu'));
    expect(calculateGain(registry, 'leakyRelu')).toBeCloseTo(torch('leaky_relu'), 15);
  });

  it("takes the options in a config or PyTorch's positional parameter", () => {
    expect(calculateGain(registry, { type: 'leakyRelu', alpha: 0.2 })).toBeCloseTo(
      torch('leaky_relu', 0.2),
      15,
    );
    expect(calculateGain(registry, 'leakyRelu', 0.2)).toBeCloseTo(torch('leaky_relu', 0.2), 15);
    expect(calculateGain(registry, 'leaky_relu', 0)).toBeCloseTo(torch('leaky_relu', 0), 15);
    expect(calculateGain(registry, { type: 'twoParameters', a: 3 })).toBe(6);
  });

  it('explains what is wrong', () => {
    expect(() => calculateGain(registry, 'tanhh')).toThrow(UnknownEntryError);
    expect(() => calculateGain(registry, 'tanhh')).toThrow(
      'unknown activation "tanhh". Did you mean "tanh"?',
    );
    expect(() => calculateGain(registry, { type: 'leakyRelu', alpha: -1 })).toThrow(
      'activation "leakyRelu": option "alpha" must be a number >= 0, got -1',
    );
    expect(() => calculateGain(registry, 'tanh', 0.5)).toThrow(
      'calculateGain: a parameter needs an activation with exactly one numeric option, but "tanh" has no numeric option',
    );
    expect(() => calculateGain(registry, 'twoParameters', 0.5)).toThrow(
      'has 2 numeric options (a, b)',
    );
    expect(() => calculateGain(registry, { type: 'leakyRelu', alpha: 0.1 }, 0.2)).toThrow(
      'calculateGain("leakyRelu"): option "alpha" must be given once',
    );
  });

  it('needs an activations plugin', () => {
    const bare = createRegistry({ plugins: [initializers] });
    expect(() => calculateGain(bare, 'relu')).toThrow(
      'unknown activation "relu". Available: none (register a plugin that provides activation entries)',
    );
  });
});

describe('recommendedInitializer', () => {
  it("returns the metadata's initializer under its canonical name", () => {
    expect(recommendedInitializer(registry, 'tanh')).toEqual({ type: 'glorotUniform' });
    expect(recommendedInitializer(registry, 'selu')).toEqual({ type: 'lecunNormal' });
    expect(recommendedInitializer(registry, 'twoParameters')).toEqual({ type: 'notRegistered' });
  });

  it('passes the activation to He as its nonlinearity, so the gain follows the slope', () => {
    expect(recommendedInitializer(registry, 'leakyRelu')).toEqual({
      type: 'heNormal',
      nonlinearity: { type: 'leakyRelu' },
    });
    const config = recommendedInitializer(registry, { type: 'leaky_relu', alpha: 0.2 });
    expect(config).toEqual({ type: 'heNormal', nonlinearity: { type: 'leakyRelu', alpha: 0.2 } });
    // and the config creates an initializer
    expect(registry.create('initializer', config).name).toBe('heNormal');
  });
});
