import {
  createRegistry,
  defineActivation,
  definePlugin,
  FunctionModule,
  UnknownEntryError,
} from '@fanin/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { categorical } from './categorical.js';
import { fixed } from './fixed.js';

const identity = (name: string, aliases: string[] = []) =>
  defineActivation({
    description: name,
    options: {},
    aliases,
    metadata: {
      range: [0, 1],
      zeroCentered: false,
      saturating: false,
      smooth: true,
      monotonic: true,
      recommendedInitializer: 'heNormal',
      gain: () => 1,
    },
    create: () => new FunctionModule(name, (x) => x),
  });

const registry = createRegistry({
  plugins: [
    definePlugin({
      name: 'test-activations',
      activations: {
        relu: identity('relu'),
        tanh: identity('tanh'),
        silu: identity('silu', ['swish']),
      },
    }),
  ],
});

describe('categorical', () => {
  it('maps unit intervals to choices in order', () => {
    const d = categorical(['relu', 'tanh', 'elu']);
    expect(d.fromUnit(0)).toBe('relu');
    expect(d.fromUnit(0.34)).toBe('tanh');
    expect(d.fromUnit(0.99)).toBe('elu');
    expect(d.fromUnit(1)).toBe('elu');
    expect(d.gridUnits().map((u) => d.fromUnit(u))).toEqual(['relu', 'tanh', 'elu']);
  });

  it('types the values', () => {
    const d = categorical(['relu', 'tanh']);
    expectTypeOf(d.fromUnit(0)).toEqualTypeOf<'relu' | 'tanh'>();
  });

  it('accepts JSON primitives, rejects duplicates, objects and empty lists', () => {
    expect(categorical([1, true, null, 'a']).choices).toEqual([1, true, null, 'a']);
    expect(() => categorical([])).toThrow(/choices is empty/);
    expect(() => categorical(['relu', 'relu'])).toThrow(
      /categorical.choices\[1\]: "relu" is listed twice/,
    );
    expect(() => categorical([{ type: 'relu' }] as never)).toThrow(
      /choices\[0\]: must be a string/,
    );
  });

  it('lists a registry kind, resolving aliases and rejecting unknown names', () => {
    expect(categorical.fromRegistry(registry, 'activation').choices).toEqual([
      'relu',
      'silu',
      'tanh',
    ]);
    expect(
      categorical.fromRegistry(registry, 'activation', { only: ['swish', 'relu'] }).choices,
    ).toEqual(['silu', 'relu']);
    expect(categorical.fromRegistry(registry, 'activation', { exclude: ['tanh'] }).choices).toEqual(
      ['relu', 'silu'],
    );
    expect(() => categorical.fromRegistry(registry, 'activation', { only: ['rellu'] })).toThrow(
      UnknownEntryError,
    );
    expect(() => categorical.fromRegistry(registry, 'initializer')).toThrow(
      /no initializer entries/,
    );
  });

  it('keeps a subset in its own order', () => {
    expect(categorical(['a', 'b', 'c']).subset(['c', 'a']).choices).toEqual(['a', 'c']);
  });
});

describe('fixed', () => {
  it('always gives its value', () => {
    const d = fixed(32);
    expect(d.fromUnit(0)).toBe(32);
    expect(d.fromUnit(0.99)).toBe(32);
    expect(d.toJSON()).toEqual({ type: 'fixed', value: 32 });
    expect(() => fixed(Number.NaN)).toThrow(/finite number/);
  });
});
