/**
 * Type tests of the typed registry (run by vitest's typecheck: `*.test-d.ts`): names and options
 * come from the registered plugins, so a misspelled name or a wrong option type is a compile
 * error, and an untyped registry (plugins only known as Plugin[]) accepts any name.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  createRegistry,
  defineActivation,
  definePlugin,
  FunctionModule,
  type Module,
  type NameOf,
  type OptionsFor,
  option,
  type Plugin,
} from '../src/index.js';

const metadata = {
  range: [0, Number.POSITIVE_INFINITY] as [number, number],
  zeroCentered: false,
  saturating: false,
  smooth: false,
  monotonic: true,
  recommendedInitializer: 'heNormal',
  gain: () => Math.SQRT2,
};

const relu = defineActivation({
  description: 'max(x, 0)',
  options: {},
  metadata,
  create: (_options, { name }) => new FunctionModule(name, (x) => x),
});
const leakyRelu = defineActivation({
  description: 'x for x > 0, alpha x otherwise',
  options: { alpha: option.number({ description: 'slope for x < 0', default: 0.01, min: 0 }) },
  metadata,
  create: (_options, { name }) => new FunctionModule(name, (x) => x),
});
const silu = defineActivation({
  description: 'x sigmoid(x)',
  options: {},
  aliases: ['swish'],
  metadata,
  create: (_options, { name }) => new FunctionModule(name, (x) => x),
});
const acts = definePlugin({ name: '@test/acts', activations: { relu, leakyRelu, silu } });
type Plugins = readonly [typeof acts];
const registry = createRegistry({ plugins: [acts] });

describe('the typed registry', () => {
  it('NameOf is the registered names and aliases of a kind', () => {
    expectTypeOf<NameOf<Plugins, 'activation'>>().toEqualTypeOf<
      'relu' | 'leakyRelu' | 'silu' | 'swish'
    >();
    expectTypeOf<NameOf<Plugins, 'initializer'>>().toBeNever();
    expectTypeOf<NameOf<readonly Plugin[], 'activation'>>().toEqualTypeOf<string>();
  });

  it('OptionsFor is the options of the named entry, optional where defaulted', () => {
    expectTypeOf<OptionsFor<Plugins, 'activation', 'leakyRelu'>>().toEqualTypeOf<{
      alpha?: number;
    }>();
    expectTypeOf<OptionsFor<Plugins, 'activation', string>>().toEqualTypeOf<
      Record<string, unknown>
    >();
  });

  it('an entry declared without options accepts none, under its name or an alias', () => {
    expectTypeOf<OptionsFor<Plugins, 'activation', 'relu'>>().toEqualTypeOf<
      Record<string, never>
    >();
    expectTypeOf<OptionsFor<Plugins, 'activation', 'swish'>>().toEqualTypeOf<
      Record<string, never>
    >();
    expectTypeOf(registry.activation('relu')).toEqualTypeOf<Module>();
    expectTypeOf(registry.activation('relu', {})).toEqualTypeOf<Module>();
    // @ts-expect-error relu declares no options
    registry.activation('relu', { any: 1 });
    // @ts-expect-error nor does silu, named by its alias
    registry.activation('swish', { beta: 1 });
  });

  it('an entry with options keeps them typed, and rejects an option it does not declare', () => {
    expectTypeOf(registry.activation('leakyRelu', { alpha: 0.1 })).toEqualTypeOf<Module>();
    expectTypeOf(registry.activation('leakyRelu', {})).toEqualTypeOf<Module>();
    // @ts-expect-error leakyRelu has alpha, not slope
    registry.activation('leakyRelu', { slope: 0.1 });
  });

  it('activation() takes a registered name and its options, and returns a Module', () => {
    expectTypeOf(registry.activation('leakyRelu', { alpha: 0.2 })).toEqualTypeOf<Module>();
    expectTypeOf(registry.activation).toBeCallableWith('swish');
    // @ts-expect-error a misspelled name
    registry.activation('rellu');
    // @ts-expect-error alpha is a number
    registry.activation('leakyRelu', { alpha: 'x' });
  });
});
