import { describe, expect, it } from 'vitest';
import { option } from './option.js';
import { optionsJsonSchema, resolveOptions } from './resolve.js';

describe('options', () => {
  const shape = {
    std: option.number({ description: 'standard deviation', default: 1, greaterThan: 0 }),
    value: option.number({ description: 'constant', default: 0.5 }),
    count: option.integer({ description: 'count', optional: true, min: 1, max: 10 }),
    flag: option.boolean({ description: 'flag', default: false }),
  };

  it('fills defaults and honours zero-valued options (tfjs replaces them by defaults)', () => {
    expect(resolveOptions(shape, {}, 'x')).toEqual({
      std: 1,
      value: 0.5,
      count: undefined,
      flag: false,
    });
    expect(resolveOptions(shape, { value: 0, flag: true }, 'x')).toEqual({
      std: 1,
      value: 0,
      count: undefined,
      flag: true,
    });
  });

  it('checks bounds with the bound in the message', () => {
    expect(() => resolveOptions(shape, { std: 0 }, 'initializer "normal"')).toThrow(
      'initializer "normal": option "std" must be a number > 0, got 0',
    );
    expect(() => resolveOptions(shape, { count: 11 }, 's')).toThrow(
      'option "count" must be an integer >= 1 and <= 10, got 11',
    );
    expect(() => resolveOptions(shape, { std: Number.POSITIVE_INFINITY }, 's')).toThrow(
      'got Infinity',
    );
    expect(() => resolveOptions(shape, [] as never, 's')).toThrow(
      'must be an object of options, got []',
    );
  });

  it('rejects a default that breaks its own declaration', () => {
    expect(() => option.number({ description: 'bad', default: -1, min: 0 })).toThrow(
      'option declaration: option "default" must be a number >= 0, got -1',
    );
  });

  it('produces a JSON Schema', () => {
    expect(optionsJsonSchema(shape)).toEqual({
      type: 'object',
      properties: {
        std: { type: 'number', exclusiveMinimum: 0, description: 'standard deviation', default: 1 },
        value: { type: 'number', description: 'constant', default: 0.5 },
        count: { type: 'integer', minimum: 1, maximum: 10, description: 'count' },
        flag: { type: 'boolean', description: 'flag', default: false },
      },
      additionalProperties: false,
    });
  });
});

describe('option.integerOrPair', () => {
  const stride = option.integerOrPair({ description: 'stride', default: 1, min: 1 });

  it('accepts an integer or a pair of integers, and copies the pair', () => {
    const given: [number, number] = [2, 3];
    const parsed = stride.parse(given, 'stride', 's');
    expect(parsed).toEqual([2, 3]);
    expect(parsed).not.toBe(given);
    expect(stride.parse(4, 'stride', 's')).toBe(4);
    expect(resolveOptions({ stride }, {}, 's')).toEqual({ stride: 1 });
  });

  it('refuses non-integers, values below the bound and arrays not of length 2', () => {
    for (const bad of [0, 1.5, [1], [1, 2, 3], [1, 0], ['1', 2], '2', null]) {
      expect(() => stride.parse(bad, 'stride', 'layer "conv2d"')).toThrow(
        'layer "conv2d": option "stride" must be an integer >= 1 or a pair [height, width] of them',
      );
    }
  });

  it('produces a JSON Schema for both forms', () => {
    expect(stride.jsonSchema()).toEqual({
      oneOf: [
        { type: 'integer', minimum: 1 },
        { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 2, maxItems: 2 },
      ],
      description: 'stride',
      default: 1,
    });
    expect(option.integerOrPair({ description: 'any' }).jsonSchema()).toEqual({
      oneOf: [
        { type: 'integer' },
        { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
      ],
      description: 'any',
    });
  });
});
