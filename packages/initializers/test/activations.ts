import { defineActivation, definePlugin, FunctionModule, option, tf } from '@fanin/core';

/**
 * A stand-in activation plugin with PyTorch's gains, so that calculateGain and the He
 * family's `nonlinearity` are tested on their own (the real @fanin/activations plugin is
 * tested in test/activations-plugin.test.ts).
 */
const common = {
  range: [-1, 1] as const,
  zeroCentered: true,
  saturating: false,
  smooth: true,
  monotonic: true,
};

export const pytorchLikeActivations = definePlugin({
  name: 'test-activations',
  activations: {
    linear: defineActivation({
      description: 'identity',
      options: {},
      metadata: { ...common, recommendedInitializer: 'glorotUniform', gain: () => 1 },
      create: (_, { name }) => new FunctionModule(name, (x) => x),
    }),
    tanh: defineActivation({
      description: 'tanh',
      options: {},
      metadata: { ...common, recommendedInitializer: 'xavierUniform', gain: () => 5 / 3 },
      create: (_, { name }) => new FunctionModule(name, tf.tanh),
    }),
    leakyRelu: defineActivation({
      description: 'leaky relu',
      aliases: ['leaky_relu'],
      options: { alpha: option.number({ description: 'negative slope', default: 0.01, min: 0 }) },
      metadata: {
        ...common,
        recommendedInitializer: 'kaimingNormal',
        gain: (options) => Math.sqrt(2 / (1 + (options.alpha as number) ** 2)),
      },
      create: ({ alpha }, { name }) => new FunctionModule(name, (x) => tf.leakyRelu(x, alpha)),
    }),
    selu: defineActivation({
      description: 'selu',
      options: {},
      metadata: { ...common, recommendedInitializer: 'lecunNormal', gain: () => 3 / 4 },
      create: (_, { name }) => new FunctionModule(name, tf.selu),
    }),
    twoParameters: defineActivation({
      description: 'an activation with two numeric options',
      options: {
        a: option.number({ description: 'a', default: 1 }),
        b: option.number({ description: 'b', default: 2 }),
      },
      metadata: {
        ...common,
        recommendedInitializer: 'notRegistered',
        gain: (options) => (options.a as number) * (options.b as number),
      },
      create: (_, { name }) => new FunctionModule(name, (x) => x),
    }),
  },
});
