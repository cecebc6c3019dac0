import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DuplicatePluginError,
  FaninError,
  FrozenRegistryError,
  InvalidOptionError,
  UnknownEntryError,
} from '../errors.js';
import { FunctionModule, type Module } from '../modules/module.js';
import { option } from '../options/option.js';
import { defineActivation, defineEntry } from './entry.js';
import { definePlugin } from './plugin.js';
import { createRegistry } from './registry.js';

const meta = {
  range: [0, Number.POSITIVE_INFINITY] as const,
  zeroCentered: false,
  saturating: false,
  smooth: false,
  monotonic: true,
  recommendedInitializer: 'heNormal',
  gain: () => Math.SQRT2,
};

const relu = defineActivation({
  description: 'max(0, x)',
  options: {},
  metadata: meta,
  create: () => new FunctionModule('relu', (x) => x),
});
const leakyRelu = defineActivation({
  description: 'x for x > 0, alpha x otherwise',
  options: { alpha: option.number({ description: 'slope for x < 0', default: 0.01, min: 0 }) },
  metadata: meta,
  create: (options) => new FunctionModule(`leakyRelu(${options.alpha})`, (x) => x),
});
const silu = defineActivation({
  description: 'x sigmoid(x)',
  options: {},
  aliases: ['swish'],
  metadata: meta,
  create: () => new FunctionModule('silu', (x) => x),
});
const scaled = defineEntry('layer', {
  description: 'a layer with a required option',
  options: {
    units: option.integer({ description: 'output units', min: 1 }),
    mode: option.enum(['fanIn', 'fanOut'], { description: 'fan mode', default: 'fanIn' }),
    axes: option.array(option.integer({ description: 'axis' }), {
      description: 'axes',
      optional: true,
      minItems: 1,
    }),
  },
  create: (options) =>
    new FunctionModule(`scaled(${options.units},${options.mode},${options.axes ?? '-'})`, (x) => x),
});

const acts = definePlugin({ name: '@test/acts', activations: { relu, leakyRelu, silu } });
const layers = definePlugin({ name: '@test/layers', layers: { scaled } });

describe('createRegistry', () => {
  const fanin = createRegistry({ plugins: [acts, layers] });

  it('creates entries by name with defaults and validated options', () => {
    expect(fanin.activation('leakyRelu').type).toBe('leakyRelu(0.01)');
    expect(fanin.activation('leakyRelu', { alpha: 0.2 }).type).toBe('leakyRelu(0.2)');
    expect((fanin.create('activation', { type: 'leakyRelu', alpha: 0 }) as Module).type).toBe(
      'leakyRelu(0)',
    );
    expect(fanin.layer('scaled', { units: 3, axes: [0, 1] }).type).toBe('scaled(3,fanIn,0,1)');
  });

  it('types names and options from the registered plugins', () => {
    expectTypeOf(fanin.activation)
      .parameter(0)
      .toEqualTypeOf<'relu' | 'leakyRelu' | 'silu' | 'swish'>();
    // @ts-expect-error: unknown names are compile errors
    expect(() => fanin.activation('rellu')).toThrow(UnknownEntryError);
    // @ts-expect-error: options are typed too
    expect(() => fanin.activation('leakyRelu', { alpha: 'x' })).toThrow(InvalidOptionError);
  });

  it('resolves aliases to the canonical name', () => {
    expect(fanin.activation('swish').type).toBe('silu');
    expect(fanin.canonicalName('activation', 'swish')).toBe('silu');
    expect(fanin.list('activation').find((e) => e.name === 'silu')?.aliases).toEqual(['swish']);
  });

  it('names an unknown entry, suggests the closest and lists what exists', () => {
    expect(() => fanin.create('activation', 'rellu')).toThrow(
      'unknown activation "rellu". Did you mean "relu"? Available: leakyRelu, relu, silu',
    );
    expect(() => fanin.create('activation', 'swsh')).toThrow('Did you mean "silu"?');
    expect(() => fanin.create('optimizer', 'adam')).toThrow(
      'unknown optimizer "adam". Available: none (register a plugin that provides optimizer entries)',
    );
  });

  it('rejects a bad option naming the entry, the option, what was expected and what came', () => {
    expect(() => fanin.create('activation', { type: 'leakyRelu', alpha: 'x' })).toThrow(
      'activation "leakyRelu": option "alpha" must be a number >= 0, got "x"',
    );
    expect(() => fanin.create('activation', { type: 'leakyRelu', alpha: -1 })).toThrow(
      'must be a number >= 0, got -1',
    );
    expect(() => fanin.create('activation', { type: 'leakyRelu', alpha: Number.NaN })).toThrow(
      'got NaN',
    );
    expect(() => fanin.create('activation', { type: 'leakyRelu', alhpa: 0.1 })).toThrow(
      'activation "leakyRelu": unknown option "alhpa". Did you mean "alpha"? Known options: alpha',
    );
    expect(() => fanin.create('layer', 'scaled')).toThrow(
      'layer "scaled": option "units" must be an integer >= 1 (it is required), got undefined',
    );
    expect(() => fanin.create('layer', { type: 'scaled', units: 2, mode: 'fanAvg' })).toThrow(
      'option "mode" must be one of "fanIn", "fanOut", got "fanAvg"',
    );
    expect(() => fanin.create('layer', { type: 'scaled', units: 2, axes: [0, 1.5] })).toThrow(
      'option "axes[1]" must be an integer, got 1.5',
    );
    expect(() => fanin.create('layer', { type: 'scaled', units: 2, axes: [] })).toThrow(
      'option "axes" must be an array of at least 1 item, each an integer, got []',
    );
    expect(() => fanin.create('activation', { alpha: 1 } as never)).toThrow('has no "type"');
    expect(() => fanin.create('activation', 42 as never)).toThrow(
      'activation config must be a name or an object with "type", got 42',
    );
  });

  it('rejects any option of an entry declared without options (the types reject it too)', () => {
    for (const [call, subject, key] of [
      [() => fanin.activation('relu', { any: 1 } as never), 'relu', 'any'],
      [() => fanin.activation('swish', { beta: 1 } as never), 'silu', 'beta'],
      [() => fanin.create('activation', { type: 'relu', alpha: 0.1 }), 'relu', 'alpha'],
    ] as const) {
      expect(call).toThrow(FaninError);
      expect(call).toThrow(
        expect.objectContaining({
          code: 'UNKNOWN_OPTION',
          message: `activation "${subject}": unknown option "${key}". It takes no options`,
        }),
      );
    }
    expect(fanin.activation('relu', {})).toBeInstanceOf(FunctionModule);
  });

  it('validates without creating', () => {
    expect(fanin.validate('activation', { type: 'swish' })).toEqual({ name: 'silu', options: {} });
    expect(fanin.validate('activation', 'leakyRelu')).toEqual({
      name: 'leakyRelu',
      options: { alpha: 0.01 },
    });
  });

  it('lists entries with descriptions, option schemas and metadata', () => {
    const entries = fanin.list('activation');
    expect(entries.map((e) => e.name)).toEqual(['leakyRelu', 'relu', 'silu']);
    const leaky = entries[0]!;
    expect(leaky.plugin).toBe('@test/acts');
    expect(leaky.description).toBe('x for x > 0, alpha x otherwise');
    expect(leaky.options).toEqual([
      {
        name: 'alpha',
        type: 'number',
        description: 'slope for x < 0',
        expected: 'a number >= 0',
        required: false,
        default: 0.01,
      },
    ]);
    expect(leaky.metadata?.recommendedInitializer).toBe('heNormal');
    expect(leaky.jsonSchema).toEqual({
      type: 'object',
      properties: {
        type: { const: 'leakyRelu', description: 'x for x > 0, alpha x otherwise' },
        alpha: { type: 'number', minimum: 0, description: 'slope for x < 0', default: 0.01 },
      },
      required: ['type'],
      additionalProperties: false,
    });
    expect(fanin.list().map((e) => `${e.kind}:${e.name}`)).toEqual([
      'activation:leakyRelu',
      'activation:relu',
      'activation:silu',
      'layer:scaled',
    ]);
  });

  it('exports a JSON Schema for references to a kind', () => {
    const schema = fanin.configSchema('activation') as { oneOf: Array<Record<string, unknown>> };
    expect(schema.oneOf[0]).toEqual({
      type: 'string',
      enum: ['leakyRelu', 'relu', 'silu', 'swish'],
    });
    expect(schema.oneOf).toHaveLength(1 + 3 + 1);
  });

  it('is frozen and says how to make a new one', () => {
    expect(Object.isFrozen(fanin)).toBe(true);
    expect(() => fanin.register(acts)).toThrow(FrozenRegistryError);
    expect(() => fanin.register(acts)).toThrow(
      'createRegistry({ plugins: [...registry.plugins, yourPlugin] })',
    );
    const more = definePlugin({ name: '@test/more', activations: { other: relu } });
    const bigger = fanin.extend(more);
    expect(bigger.has('activation', 'other')).toBe(true);
    expect(fanin.has('activation', 'other')).toBe(false);
  });
});

describe('plugin validation', () => {
  it('fails on a duplicate name and names both plugins', () => {
    const clash = definePlugin({ name: '@test/clash', activations: { relu } });
    expect(() => createRegistry({ plugins: [acts, clash] })).toThrow(DuplicatePluginError);
    expect(() => createRegistry({ plugins: [acts, clash] })).toThrow(
      'activation "relu" is provided by both "@test/acts" and "@test/clash"',
    );
  });

  it('fails when an alias collides with a name', () => {
    const clash = definePlugin({ name: '@test/alias', activations: { swish: relu } });
    expect(() => createRegistry({ plugins: [acts, clash] })).toThrow(
      'activation "swish" is provided by both',
    );
  });

  it('rejects a plugin registered twice, a misspelled kind and a misfiled entry', () => {
    expect(() => createRegistry({ plugins: [acts, acts] })).toThrow(
      'plugin "@test/acts" is registered twice',
    );
    expect(() => definePlugin({ name: 'x', activation: { relu } } as never)).toThrow(
      'unknown key "activation". Did you mean "activations"?',
    );
    expect(() => definePlugin({ name: 'x', layers: { relu } } as never)).toThrow(
      '"relu" is a activation but is listed under "layers"',
    );
    expect(() => definePlugin({ name: '', activations: {} })).toThrow(FaninError);
  });
});
