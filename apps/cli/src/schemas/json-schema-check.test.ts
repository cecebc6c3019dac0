import { describe, expect, it } from 'vitest';
import { checkJsonSchema } from './json-schema-check.js';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    size: { type: 'integer', minimum: 1, maximum: 10 },
    rate: { type: 'number', exclusiveMinimum: 0 },
    mode: { enum: ['fast', 'slow'] },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 },
    layer: { $ref: '#/$defs/layer' },
  },
  required: ['name'],
  additionalProperties: false,
  $defs: {
    layer: {
      oneOf: [
        { type: 'string', enum: ['relu', 'tanh'] },
        {
          type: 'object',
          properties: { type: { const: 'leakyRelu' }, alpha: { type: 'number', minimum: 0 } },
          required: ['type'],
          additionalProperties: false,
        },
        {
          type: 'object',
          properties: { type: { const: 'elu' }, alpha: { type: 'number' } },
          required: ['type'],
          additionalProperties: false,
        },
      ],
    },
  },
};

describe('checkJsonSchema', () => {
  it('accepts valid values', () => {
    expect(checkJsonSchema(schema, { name: 'a' })).toBeUndefined();
    expect(
      checkJsonSchema(schema, {
        name: 'a',
        size: 3,
        rate: 0.5,
        mode: 'fast',
        tags: ['x'],
        layer: { type: 'leakyRelu', alpha: 0.1 },
      }),
    ).toBeUndefined();
    expect(checkJsonSchema(schema, { name: 'a', layer: 'tanh' })).toBeUndefined();
  });

  it.each([
    [{}, '', 'needs "name"'],
    [{ name: '' }, 'name', 'must have at least 1 characters'],
    [{ name: 'a', size: 1.5 }, 'size', 'must be an integer, got 1.5'],
    [{ name: 'a', size: 11 }, 'size', 'must be <= 10, got 11'],
    [{ name: 'a', rate: 0 }, 'rate', 'must be > 0, got 0'],
    [{ name: 'a', mode: 'medium' }, 'mode', 'must be one of "fast", "slow", got "medium"'],
    [{ name: 'a', tags: [] }, 'tags', 'must have at least 1 items, got 0'],
    [{ name: 'a', tags: ['x', 'y', 'z'] }, 'tags', 'must have at most 2 items, got 3'],
    [{ name: 'a', tags: ['x', 3] }, 'tags[1]', 'must be a string, got 3'],
    [{ name: 'a', extra: 1 }, '', 'unknown key "extra"'],
    [{ name: 'a', layer: { type: 'leakyRelu', alpha: -1 } }, 'layer.alpha', 'must be >= 0, got -1'],
    [{ name: 'a', layer: 'rellu' }, 'layer', 'does not match any allowed form, got "rellu"'],
  ])('reports %j at "%s"', (value, path, message) => {
    const problem = checkJsonSchema(schema, value);
    expect(problem?.path).toBe(path);
    expect(problem?.message).toContain(message);
  });

  it('refuses a value that matches two branches of a oneOf', () => {
    const ambiguous = { oneOf: [{ type: 'number' }, { type: 'integer' }] };
    expect(checkJsonSchema(ambiguous, 1)?.message).toContain('matches 2 forms');
    expect(checkJsonSchema(ambiguous, 1.5)).toBeUndefined();
  });
});
