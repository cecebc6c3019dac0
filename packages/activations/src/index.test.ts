import {
  createRegistry,
  FaninError,
  FunctionModule,
  InvalidOptionError,
  tf,
  UnknownEntryError,
  useBackend,
} from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activations, elu, gelu, leakyRelu, relu, silu, softmax, softplus, step } from './index.js';
import { Maxout } from './maxout.js';
import { Prelu } from './prelu.js';

// Derived from the plugin table, so a new activation is listed, created and checked here without
// editing this file (contributing/add-an-activation.md).
const NAMES = Object.keys(activations.activations).sort();

// Registry names of @fanin/initializers that the recommendations point to.
const INITIALIZERS = ['glorotNormal', 'glorotUniform', 'heNormal', 'lecunNormal'];

const registry = createRegistry({ plugins: [activations] });

beforeAll(async () => {
  await useBackend('cpu');
});

describe('the activations plugin', () => {
  it('lists every activation with its metadata', () => {
    const listed = registry.list('activation');
    expect(listed.map((entry) => entry.name)).toEqual(NAMES);
    for (const entry of listed) {
      expect(entry.plugin).toBe('@fanin/activations');
      expect(entry.description.length).toBeGreaterThan(10);
      const metadata = entry.metadata!;
      expect(metadata.range[0]).toBeLessThan(metadata.range[1]);
      expect(INITIALIZERS).toContain(metadata.recommendedInitializer);
      const defaults = registry.validate('activation', entry.name).options;
      const gain = metadata.gain(defaults);
      expect(Number.isFinite(gain) && gain > 0).toBe(true);
      expect(typeof metadata.smooth).toBe('boolean');
      expect(Boolean(metadata.learnable)).toBe(entry.name === 'prelu' || entry.name === 'maxout');
      for (const option of entry.options) expect(option.description.length).toBeGreaterThan(10);
    }
  });

  it('creates every activation by name, as a module computing the plain function', () => {
    const x = tf.tensor2d([[-2.5, -0.3, 0, 0.7, 4]]);
    for (const name of NAMES) {
      const module = registry.activation(name as never);
      expect(module.type).toBe(name);
      const y = module.apply(x);
      expect(y.shape).toEqual(name === 'maxout' ? [1, 5] : x.shape);
      y.dispose();
      module.dispose();
    }
    const check = (
      name: string,
      options: Record<string, unknown>,
      fn: (t: tf.Tensor) => tf.Tensor,
    ) => {
      const module = registry.activation(name as never, options as never);
      expect(Array.from(module.apply(x).dataSync())).toEqual(Array.from(fn(x).dataSync()));
    };
    check('relu', {}, relu);
    check('leakyRelu', { alpha: 0.3 }, (t) => leakyRelu(t, 0.3));
    check('elu', { alpha: 0.5 }, (t) => elu(t, 0.5));
    check('gelu', { approximate: 'tanh' }, (t) => gelu(t, 'tanh'));
    check('softplus', { beta: 2, threshold: 5 }, (t) => softplus(t, 2, 5));
    check('step', { threshold: 0.5 }, (t) => step(t, 0.5));
    check('softmax', { axis: 0 }, (t) => softmax(t, 0));
    x.dispose();
  });

  it('fills in defaults: leakyRelu 0.01, elu 1, gelu exact, softplus 1 / 20, maxout 2 pieces', () => {
    expect(registry.validate('activation', 'leakyRelu').options).toEqual({ alpha: 0.01 });
    expect(registry.validate('activation', 'elu').options).toEqual({ alpha: 1 });
    expect(registry.validate('activation', 'gelu').options).toEqual({ approximate: 'none' });
    expect(registry.validate('activation', 'softplus').options).toEqual({ beta: 1, threshold: 20 });
    expect(registry.validate('activation', 'prelu').options).toEqual({
      perChannel: false,
      init: 0.25,
    });
    expect(registry.validate('activation', 'maxout').options).toEqual({
      units: undefined,
      pieces: 2,
      seed: undefined,
    });
    expect(registry.validate('activation', 'softmax').options).toEqual({ axis: -1 });
  });

  it('resolves the aliases swish -> silu, identity -> linear, hardSilu -> hardSwish', () => {
    expect(registry.canonicalName('activation', 'swish')).toBe('silu');
    expect(registry.canonicalName('activation', 'identity')).toBe('linear');
    expect(registry.canonicalName('activation', 'hardSilu')).toBe('hardSwish');
    const swish = registry.activation('swish');
    expect(swish.type).toBe('silu');
    const x = tf.tensor1d([-1, 0.5, 3]);
    expect(Array.from(swish.apply(x).dataSync())).toEqual(Array.from(silu(x).dataSync()));
    expect(registry.info('activation', 'silu').aliases).toEqual(['swish']);
  });

  it('rejects bad options with a one-line InvalidOptionError naming the option', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'leakyRelu',
        { alpha: 'x' },
        'activation "leakyRelu": option "alpha" must be a number >= 0, got "x"',
      ],
      [
        'leakyRelu',
        { alpha: -0.2 },
        'activation "leakyRelu": option "alpha" must be a number >= 0, got -0.2',
      ],
      ['elu', { alpha: -1 }, 'activation "elu": option "alpha" must be a number >= 0, got -1'],
      [
        'gelu',
        { approximate: true },
        'activation "gelu": option "approximate" must be one of "none", "tanh", got true',
      ],
      ['softplus', { beta: 0 }, 'activation "softplus": option "beta" must be a number > 0, got 0'],
      [
        'step',
        { threshold: null },
        'activation "step": option "threshold" must be a finite number, got null',
      ],
      ['softmax', { axis: 1.5 }, 'activation "softmax": option "axis" must be an integer, got 1.5'],
      [
        'prelu',
        { perChannel: 'yes' },
        'activation "prelu": option "perChannel" must be true or false, got "yes"',
      ],
      [
        'maxout',
        { pieces: 1 },
        'activation "maxout": option "pieces" must be an integer >= 2, got 1',
      ],
      [
        'maxout',
        { units: 0 },
        'activation "maxout": option "units" must be an integer >= 1, got 0',
      ],
    ];
    for (const [name, options, message] of cases) {
      expect(() => registry.activation(name as never, options as never)).toThrow(
        InvalidOptionError,
      );
      expect(() => registry.activation(name as never, options as never)).toThrow(message);
    }
  });

  it('rejects unknown options and names with suggestions', () => {
    expect(() => registry.activation('leakyRelu', { slope: 0.1 } as never)).toThrow(FaninError);
    expect(() => registry.activation('relu', { alpha: 1 } as never)).toThrow(
      'activation "relu": unknown option "alpha". It takes no options',
    );
    expect(() => registry.activation('rellu' as never)).toThrow(UnknownEntryError);
    expect(() => registry.activation('rellu' as never)).toThrow('Did you mean "relu"?');
  });

  it('creates from JSON configs, maxout and prelu included', () => {
    const maxout = registry.create('activation', { type: 'maxout', pieces: 3 });
    expect(maxout).toBeInstanceOf(Maxout);
    expect((maxout as Maxout).pieces).toBe(3);
    const prelu = registry.create('activation', { type: 'prelu', perChannel: true });
    expect(prelu).toBeInstanceOf(Prelu);
    expect((prelu as Prelu).perChannel).toBe(true);
    expect(registry.create('activation', 'tanh')).toBeInstanceOf(FunctionModule);
    const schema = registry.configSchema('activation') as { oneOf: { enum?: string[] }[] };
    expect(schema.oneOf[0]!.enum).toEqual([...NAMES, 'hardSilu', 'identity', 'swish'].sort());
  });

  it('validates the plain functions with the same messages as the registry', () => {
    const x = tf.tensor1d([1]);
    expect(() => leakyRelu(x, -0.2)).toThrow(
      'activation "leakyRelu": option "alpha" must be a number >= 0, got -0.2',
    );
    expect(() => softplus(x, 1, 0)).toThrow(
      'activation "softplus": option "threshold" must be a number > 0, got 0',
    );
    x.dispose();
  });
});
