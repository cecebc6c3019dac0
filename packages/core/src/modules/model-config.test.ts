import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BackendName, useBackend } from '../backend/backend.js';
import { UnknownEntryError } from '../errors.js';
import { option } from '../options/option.js';
import { core } from '../plugin.js';
import { Random } from '../random/random.js';
import {
  defineActivation,
  defineInitializer,
  defineLayer,
  defineNormalization,
} from '../registry/entry.js';
import { definePlugin } from '../registry/plugin.js';
import { createRegistry } from '../registry/registry.js';
import { buildModel } from './model-config.js';
import { modelConfigSchema } from './model-config-schema.js';
import { ModelConfigError } from './model-config-validate.js';
import { FunctionModule, Module } from './module.js';

// A small local plugin standing in for @fanin/activations, initializers and normalization.
const metadata = {
  range: [0, Number.POSITIVE_INFINITY] as const,
  zeroCentered: false,
  saturating: false,
  smooth: false,
  monotonic: true,
  recommendedInitializer: 'heNormal',
  gain: () => Math.SQRT2,
};

/** Scales by a learned gamma (ones) and counts calls in training mode as state. */
class Scale extends Module {
  readonly type = 'scale';
  gamma: tf.Variable | undefined;
  protected override build(inputShape: readonly number[]): void {
    this.gamma = this.addParameter('gamma', tf.ones([inputShape[inputShape.length - 1]!]));
    this.addState('calls', tf.zeros([]));
  }
  protected forward(x: tf.Tensor): tf.Tensor {
    return tf.mul(x, this.gamma!);
  }
}

/** A layer whose parameter is drawn from the seeded stream the registry hands it. */
class Noisy extends Module {
  readonly type = 'noisy';
  constructor(
    readonly units: number,
    private readonly random: Random,
  ) {
    super();
  }
  protected override build(inputShape: readonly number[]): void {
    this.addParameter(
      'weight',
      this.random.normalTensor([inputShape[inputShape.length - 1]!, this.units]),
    );
  }
  protected forward(x: tf.Tensor): tf.Tensor {
    return tf.matMul(x, this.namedParameters().get('weight')!);
  }
  override outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape.slice(0, -1), this.units];
  }
}

const testPlugin = definePlugin({
  name: '@test/model-parts',
  activations: {
    relu: defineActivation({
      description: 'max(0, x)',
      options: {},
      metadata,
      create: () => new FunctionModule('relu', (x) => tf.relu(x)),
    }),
    leakyRelu: defineActivation({
      description: 'leaky relu',
      options: { alpha: option.number({ description: 'slope', default: 0.01, min: 0 }) },
      metadata,
      create: ({ alpha }) => new FunctionModule('leakyRelu', (x) => tf.leakyRelu(x, alpha)),
    }),
  },
  initializers: {
    heNormal: defineInitializer({
      description: 'N(0, 2 / fanIn)',
      options: {},
      metadata: { random: true, distribution: 'normal' },
      create: () => ({
        name: 'heNormal',
        init: (shape, { random }) => random.normalTensor(shape, 0, Math.sqrt(2 / shape[0]!)),
      }),
    }),
    constant: defineInitializer({
      description: 'a constant',
      options: { value: option.number({ description: 'the value', default: 0 }) },
      metadata: { random: false, distribution: 'constant' },
      create: ({ value }) => ({ name: 'constant', init: (shape) => tf.fill([...shape], value) }),
    }),
  },
  normalizations: {
    scale: defineNormalization({
      description: 'learned scale',
      options: {},
      create: () => new Scale(),
    }),
    shift: defineNormalization({
      description: 'adds a constant',
      options: { by: option.number({ description: 'offset', default: -10 }) },
      create: ({ by }) => new FunctionModule('shift', (x) => tf.add(x, by)),
    }),
  },
  layers: {
    noisy: defineLayer({
      description: 'x W, W from the seeded stream',
      options: { units: option.integer({ description: 'outputs', min: 1 }) },
      create: ({ units }, { random }) => new Noisy(units, random ?? new Random(0)),
    }),
    broken: defineLayer({
      description: 'fails to build',
      options: {},
      create: () =>
        new (class extends Module {
          readonly type = 'broken';
          protected override build(): void {
            throw new ModelConfigError('broken', 'cannot build');
          }
          protected forward(x: tf.Tensor): tf.Tensor {
            return x;
          }
        })(),
    }),
  },
});

// Core with its dense layer only, so the messages listing layers stay fixed as core grows.
const coreDense = { ...core, name: '@test/core-dense', layers: { dense: core.layers.dense } };
const fanin = createRegistry({ plugins: [coreDense, testPlugin] });

function values(model: Module): Record<string, number[]> {
  return Object.fromEntries(
    model.namedTensors().map((t) => [t.name, Array.from(t.variable.dataSync())]),
  );
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe('buildModel', () => {
  it('builds every kind of layer eagerly, named by config index', () => {
    const model = buildModel(
      {
        inputShape: [4],
        layers: [
          {
            dense: 8,
            activation: 'relu',
            init: 'heNormal',
            biasInit: { type: 'constant', value: 0.5 },
            norm: 'scale',
          },
          { activation: { type: 'leakyRelu', alpha: 0.1 } },
          { norm: 'scale' },
          { layer: 'noisy', units: 3 },
          { dense: 2, bias: false },
        ],
      },
      { registry: fanin },
    );
    expect(model.built).toBe(true);
    expect(model.namedTensors().map((t) => `${t.name}${t.trainable ? '' : ' (state)'}`)).toEqual([
      '0.kernel',
      '0.bias',
      '0.norm.gamma',
      '0.norm.calls (state)',
      '2.gamma',
      '2.calls (state)',
      '3.weight',
      '4.kernel',
    ]);
    expect(values(model)['0.bias']).toEqual(Array(8).fill(0.5));
    expect(model.outputShape([5, 4])).toEqual([5, 2]);
    const y = model.apply(tf.ones([5, 4]));
    expect(y.shape).toEqual([5, 2]);
    y.dispose();
    model.dispose();
  });

  it('puts the normalization before the activation by default, after it on request', () => {
    const config = (normPosition?: string) => ({
      inputShape: [3],
      layers: [
        {
          dense: 4,
          init: { type: 'constant', value: 1 },
          activation: 'relu',
          norm: 'shift',
          ...(normPosition ? { normPosition } : {}),
        },
      ],
    });
    const x = tf.tensor2d([[1, 2, 3]]);
    const before = buildModel(config(), { registry: fanin });
    const after = buildModel(config('afterActivation'), { registry: fanin });
    // x W = 6 per unit: relu(6 - 10) = 0 before, relu(6) - 10 = -4 after.
    expect(Array.from(before.apply(x).dataSync())).toEqual([0, 0, 0, 0]);
    expect(Array.from(after.apply(x).dataSync())).toEqual([-4, -4, -4, -4]);
    tf.dispose(x);
    before.dispose();
    after.dispose();
  });

  it('seeds each layer from Random(seed).fork(index): reproducible, overridable, independent of the other layers', () => {
    const config = {
      inputShape: [3],
      seed: 7,
      layers: [
        { dense: 4, activation: 'relu', init: 'heNormal' },
        { dense: 2 },
        { layer: 'noisy', units: 2 },
      ],
    };
    const a = buildModel(config, { registry: fanin });
    const b = buildModel(config, { registry: fanin });
    const c = buildModel(config, { registry: fanin, seed: 8 });
    const d = buildModel({ ...config, seed: 8 }, { registry: fanin });
    const changed = buildModel(
      {
        ...config,
        layers: [{ dense: 4, activation: 'leakyRelu' }, { dense: 2 }, { layer: 'noisy', units: 2 }],
      },
      { registry: fanin },
    );
    expect(values(b)).toEqual(values(a));
    expect(values(c)).toEqual(values(d));
    expect(values(c)['0.kernel']).not.toEqual(values(a)['0.kernel']);
    expect(values(changed)['0.kernel']).not.toEqual(values(a)['0.kernel']);
    expect(values(changed)['1.kernel']).toEqual(values(a)['1.kernel']);
    // The exact streams: a dense kernel from fork(i).fork("kernel"), a registry layer gets fork(i).
    const heKernel = new Random(7)
      .fork('0')
      .fork('kernel')
      .normalTensor([3, 4], 0, Math.sqrt(2 / 3));
    expect(values(a)['0.kernel']).toEqual(Array.from(heKernel.dataSync()));
    const noisy = new Random(7).fork('2').normalTensor([2, 2]);
    expect(values(a)['2.weight']).toEqual(Array.from(noisy.dataSync()));
    tf.dispose([heKernel, noisy]);
    for (const m of [a, b, c, d, changed]) m.dispose();
  });

  it('gives the same initial weights on cpu and wasm', async () => {
    const config = {
      inputShape: [5],
      seed: 3,
      layers: [{ dense: 6, init: 'heNormal', activation: 'relu' }, { dense: 2 }],
    };
    const byBackend: Record<string, Record<string, number[]>> = {};
    for (const backend of ['cpu', 'wasm'] as BackendName[]) {
      await useBackend(backend);
      const model = buildModel(config, { registry: fanin });
      byBackend[backend] = values(model);
      model.dispose();
    }
    await useBackend('cpu');
    expect(byBackend.wasm).toEqual(byBackend.cpu);
  });

  it('releases what it created when a layer fails to build', () => {
    const before = tf.memory().numTensors;
    expect(() =>
      buildModel(
        { inputShape: [3], layers: [{ dense: 4 }, { layer: 'broken' }] },
        { registry: fanin },
      ),
    ).toThrow('layers[1]: broken: cannot build');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('layer forms', () => {
  it('writes any layer under its own name: the shorthand option as its value, or true', () => {
    const named = buildModel(
      {
        inputShape: [3],
        seed: 2,
        layers: [
          { noisy: true, units: 2 },
          { dense: 2, bias: false },
        ],
      },
      { registry: fanin },
    );
    const generic = buildModel(
      {
        inputShape: [3],
        seed: 2,
        layers: [
          { layer: 'noisy', units: 2 },
          { layer: 'dense', units: 2, bias: false },
        ],
      },
      { registry: fanin },
    );
    expect(values(named)).toEqual(values(generic));
    expect(Object.keys(values(named))).toEqual(['0.weight', '1.kernel']);
    named.dispose();
    generic.dispose();
  });

  it('builds a residual block: activation(branch(x) + shortcut(x)), tensors named inside it', () => {
    const config = (shortcut?: unknown[]) => ({
      inputShape: [2],
      layers: [
        {
          residual: [
            { dense: 2, init: { type: 'constant', value: 1 }, activation: 'relu' },
            { dense: 2, init: { type: 'constant', value: 1 } },
          ],
          ...(shortcut ? { shortcut } : {}),
          activation: { type: 'leakyRelu', alpha: 0.5 },
        },
      ],
    });
    const identity = buildModel(config(), { registry: fanin });
    expect(Object.keys(values(identity))).toEqual([
      '0.0.kernel',
      '0.0.bias',
      '0.1.kernel',
      '0.1.bias',
    ]);
    // x = [1, -3]: branch relu([-2, -2]) = 0 -> 0; + x = [1, -3]; leaky -> [1, -1.5].
    const x = tf.tensor2d([[1, -3]]);
    const y = identity.apply(x);
    expect(Array.from(y.dataSync())).toEqual([1, -1.5]);
    const projected = buildModel(config([{ dense: 2, init: { type: 'constant', value: 2 } }]), {
      registry: fanin,
    });
    expect(Object.keys(values(projected))).toContain('0.shortcut.0.kernel');
    // shortcut: x W2 = [-4, -4]; leaky -> [-2, -2].
    const z = projected.apply(x);
    expect(Array.from(z.dataSync())).toEqual([-2, -2]);
    tf.dispose([x, y, z]);
    identity.dispose();
    projected.dispose();
  });

  it('trains through a residual block: the gradient reaches every branch and the shortcut', () => {
    const model = buildModel(
      {
        inputShape: [3],
        layers: [
          { residual: [{ dense: 4, activation: 'relu' }, { dense: 3 }], shortcut: [{ dense: 3 }] },
        ],
      },
      { registry: fanin },
    );
    const x = tf.tensor2d([[1, 2, 3]]);
    const { grads, value } = tf.variableGrads(() => tf.sum(model.apply(x)) as tf.Scalar);
    expect(Object.keys(grads).length).toBe(6);
    for (const g of Object.values(grads)) expect(tf.any(tf.notEqual(g, 0)).dataSync()[0]).toBe(1);
    tf.dispose([x, value, ...Object.values(grads)]);
    model.dispose();
  });

  const cases: [string, unknown, string][] = [
    [
      'residual shapes differ',
      { inputShape: [3], layers: [{ dense: 4 }, { residual: [{ dense: 2 }] }] },
      'layers[1]: residual: the branch gives [2] but the shortcut gives [4] per example. Add "shortcut": [...] layers that give the branch\'s shape (e.g. a 1x1 conv2d with its stride), or keep the shapes equal',
    ],
    [
      'error inside a residual block',
      { inputShape: [3], layers: [{ residual: [{ dense: 3 }, { activation: 'rellu' }] }] },
      'layers[0].residual[1].activation: unknown activation "rellu". Did you mean "relu"? Available: leakyRelu, relu',
    ],
    [
      'build error inside a residual block',
      { inputShape: [3], layers: [{ residual: [{ dense: 3 }, { layer: 'broken' }] }] },
      'layers[0].residual[1]: broken: cannot build',
    ],
    [
      'empty residual',
      { inputShape: [3], layers: [{ residual: [] }] },
      'layers[0].residual: must be a non-empty array of layers, got []',
    ],
    [
      'unknown residual key',
      { inputShape: [3], layers: [{ residual: [{ dense: 3 }], shortcutt: [] }] },
      'layers[0]: unknown key "shortcutt". Did you mean "shortcut"? Allowed: residual, shortcut, activation',
    ],
    [
      'a layer without shorthand not given true',
      { inputShape: [3], layers: [{ noisy: 2 }] },
      "layers[0].noisy: must be true (the layer's options go beside it), got 2",
    ],
    [
      'a named layer missing an option',
      { inputShape: [3], layers: [{ noisy: true }] },
      'layers[0].units: must be an integer >= 1 (it is required), got undefined',
    ],
    [
      'two layer names',
      { inputShape: [3], layers: [{ dense: 3, noisy: true }] },
      'layers[0]: names two layers, "dense" and "noisy". Write each as its own layer',
    ],
    [
      'type beside a named layer',
      { inputShape: [3], layers: [{ dense: 3, type: 'dense' }] },
      'layers[0]: unknown key "type". Allowed: dense, activation, init, biasInit, bias, norm, normPosition',
    ],
  ];
  it.each(cases)('%s', (_name, config, message) => {
    const before = tf.memory().numTensors;
    expect(() => buildModel(config, { registry: fanin })).toThrow(message);
    let caught: unknown;
    try {
      buildModel(config, { registry: fanin });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('model config errors', () => {
  const good = { dense: 4 };
  const cases: [string, unknown, string][] = [
    [
      'not an object',
      [1],
      'model config: must be an object with "inputShape" and "layers", got [1]',
    ],
    [
      'unknown top-level key',
      { inputShape: [3], layer: [good] },
      'model config: unknown key "layer". Did you mean "layers"? Allowed: $schema, inputShape, seed, layers',
    ],
    [
      'missing inputShape',
      { layers: [good] },
      "inputShape: must be a non-empty array of positive integers (one example's shape, without the batch axis), got undefined",
    ],
    [
      'bad inputShape',
      { inputShape: [784, 0], layers: [good] },
      "inputShape: must be a non-empty array of positive integers (one example's shape, without the batch axis), got [784,0]",
    ],
    [
      'bad seed',
      { inputShape: [3], seed: -1, layers: [good] },
      'seed: must be an integer from 0 to 2^32 - 1, got -1',
    ],
    [
      'no layers',
      { inputShape: [3], layers: [] },
      'layers: must be a non-empty array of layers, got []',
    ],
    [
      'layer not an object',
      { inputShape: [3], layers: ['relu'] },
      'layers[0]: must be an object such as { "dense": 100, "activation": "relu" }, got "relu"',
    ],
    [
      'unknown activation',
      { inputShape: [3], layers: [good, good, { activation: 'rellu' }] },
      'layers[2].activation: unknown activation "rellu". Did you mean "relu"? Available: leakyRelu, relu',
    ],
    [
      'unknown dense key',
      { inputShape: [3], layers: [{ dense: 4, activaton: 'relu' }] },
      'layers[0]: unknown key "activaton". Did you mean "activation"? Allowed: dense, activation, init, biasInit, bias, norm, normPosition',
    ],
    [
      'units not a number',
      { inputShape: [3], layers: [{ dense: '100' }] },
      'layers[0].dense: must be an integer >= 1, got "100"',
    ],
    [
      'zero units',
      { inputShape: [3], layers: [{ dense: 0 }] },
      'layers[0].dense: must be an integer >= 1, got 0',
    ],
    [
      'missing dense units',
      { inputShape: [3], layers: [{ init: 'heNormal', activation: 'relu' }] },
      'layers[0]: "init" belongs to a dense layer, which needs "dense": <number of units>',
    ],
    [
      'no kind key',
      { inputShape: [3], layers: [{ units: 4 }] },
      'layers[0]: "units" belongs to a dense layer, which needs "dense": <number of units>',
    ],
    [
      'kind key typo',
      { inputShape: [3], layers: [{ dens: 4 }] },
      'layers[0]: a layer needs one of "broken", "dense", "noisy", "layer", "activation", "norm" or "residual", got keys "dens". Did you mean "dense"?',
    ],
    [
      'bad option',
      { inputShape: [3], layers: [{ dense: 4, activation: { type: 'leakyRelu', alpha: 'x' } }] },
      'layers[0].activation: activation "leakyRelu": option "alpha" must be a number >= 0, got "x"',
    ],
    [
      'unknown option',
      { inputShape: [3], layers: [{ activation: { type: 'leakyRelu', alhpa: 0.1 } }] },
      'layers[0].activation: activation "leakyRelu": unknown option "alhpa". Did you mean "alpha"? Known options: alpha',
    ],
    [
      'reference of the wrong type',
      { inputShape: [3], layers: [{ dense: 4, init: 3 }] },
      'layers[0].init: must be an initializer name or an object with "type", got 3',
    ],
    [
      'unknown initializer',
      { inputShape: [3], layers: [{ dense: 4, init: 'heNormall' }] },
      'layers[0].init: unknown initializer "heNormall". Did you mean "heNormal"? Available: constant, heNormal',
    ],
    [
      'unknown normalization',
      { inputShape: [3], layers: [{ norm: 'batchNorm' }] },
      'layers[0].norm: unknown normalization "batchNorm". Available: scale, shift',
    ],
    [
      'bad bias',
      { inputShape: [3], layers: [{ dense: 4, bias: 'yes' }] },
      'layers[0].bias: must be true or false, got "yes"',
    ],
    [
      'bad normPosition',
      { inputShape: [3], layers: [{ dense: 4, normPosition: 'afterActivaton' }] },
      'layers[0].normPosition: must be one of "beforeActivation", "afterActivation", got "afterActivaton". Did you mean "afterActivation"?',
    ],
    [
      'activation and norm alone',
      { inputShape: [3], layers: [{ activation: 'relu', norm: 'scale' }] },
      'layers[0]: has both "activation" and "norm" without a layer. Write them as two layers, or add "dense": <units> (or "conv2d": <filters>) to make one block',
    ],
    [
      'extra key beside activation',
      { inputShape: [3], layers: [{ activation: 'relu', alpha: 1 }] },
      'layers[0]: unknown key "alpha". Allowed: activation',
    ],
    [
      'unknown registry layer',
      { inputShape: [3], layers: [{ layer: 'nosy', units: 2 }] },
      'layers[0].layer: unknown layer "nosy". Did you mean "noisy"? Available: broken, dense, noisy',
    ],
    [
      'registry layer missing option',
      { inputShape: [3], layers: [{ layer: 'noisy' }] },
      'layers[0]: layer "noisy": option "units" must be an integer >= 1 (it is required), got undefined',
    ],
    [
      'registry layer name not a string',
      { inputShape: [3], layers: [{ layer: 5 }] },
      'layers[0].layer: must be a layer name, got 5',
    ],
    [
      'registry layer with type',
      { inputShape: [3], layers: [{ layer: 'noisy', type: 'x', units: 2 }] },
      'layers[0]: has both "layer" and "type". Name the layer with "layer" only: { "layer": "maxout", ...options }',
    ],
  ];
  it.each(cases)('%s', (_name, config, message) => {
    const before = tf.memory().numTensors;
    let caught: unknown;
    try {
      buildModel(config, { registry: fanin });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error | undefined)?.message).toBe(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the registry error class for unknown names', () => {
    expect(() =>
      buildModel({ inputShape: [3], layers: [{ activation: 'rellu' }] }, { registry: fanin }),
    ).toThrow(UnknownEntryError);
    expect(() =>
      buildModel({ inputShape: [3], layers: [{ dense: 0 }] }, { registry: fanin }),
    ).toThrow(ModelConfigError);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the test walks a JSON Schema document.
type Json = any;

describe('modelConfigSchema', () => {
  it('describes the config with the registry entries', () => {
    const schema = modelConfigSchema(fanin) as Json;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['inputShape', 'layers']);
    expect(schema.$defs.activation.oneOf[0]).toEqual({
      type: 'string',
      enum: ['leakyRelu', 'relu'],
    });
    expect(schema.$defs.initializer.oneOf[0].enum).toEqual(['constant', 'heNormal']);
    expect(schema.properties.layers.items).toEqual({ $ref: '#/$defs/layer' });
    const layerSchemas = schema.$defs.layer.oneOf as Json[];
    expect(layerSchemas.map((s) => s.required)).toEqual([
      ['broken'],
      ['dense'],
      ['noisy', 'units'],
      ['activation'],
      ['norm'],
      ['residual'],
      ['layer'],
      ['layer', 'units'],
      ['layer', 'units'],
    ]);
    const noisy = layerSchemas.find((s) => s.properties.layer?.enum?.[0] === 'noisy')!;
    expect(noisy.properties.units).toMatchObject({ type: 'integer', minimum: 1 });
    expect(noisy.additionalProperties).toBe(false);
    const dense = layerSchemas[1]!;
    expect(dense.properties.dense).toMatchObject({ type: 'integer', minimum: 1 });
    expect(dense.properties.units).toBeUndefined();
    expect(dense.properties.normPosition.enum).toEqual(['beforeActivation', 'afterActivation']);
    expect(dense.properties.activation).toMatchObject({ $ref: '#/$defs/activation' });
    expect(dense.properties.init).toMatchObject({ $ref: '#/$defs/initializer' });
    expect(layerSchemas[0]!.properties.broken).toMatchObject({ const: true });
    expect(layerSchemas[5]!.properties.residual.items).toEqual({ $ref: '#/$defs/layer' });
    // Every $ref points into $defs.
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs)
      expect(Object.keys(schema.$defs)).toContain(ref.split('/').pop()!.replace('"', ''));
  });
});
