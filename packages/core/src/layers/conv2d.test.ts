import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/conv.json' with { type: 'json' };
import { gradcheck } from '../autograd/gradcheck.js';
import { valueAndGrad } from '../autograd/grad.js';
import { type BackendName, useBackend } from '../backend/backend.js';
import { ShapeError } from '../errors.js';
import type { Initializer } from '../modules/initializer.js';
import { Random } from '../random/random.js';
import { buildModel } from '../modules/model-config.js';
import { core } from '../plugin.js';
import { createRegistry } from '../registry/registry.js';
import { countLeaks, liveTensors } from '../testing/leaks.js';
import { Conv2d, type Conv2dOptions, conv2d } from './conv2d.js';
import { convolve } from './convolution.js';
import { effectiveKernel, padsOf, pairOf } from './spatial.js';

/**
 * float32 against PyTorch's float64 result from the same float32 inputs. An output sums at most
 * 3 * 3 * 3 = 27 products of N(0, 1) values, a kernel gradient at most 2 * 5 * 6 = 60; the worst
 * error measured is 0.06 of RTOL |torch| + ATOL (cpu and wasm alike; FANIN_REPORT_TOLERANCE=1
 * prints every case), a margin of about 15x.
 */
const RTOL = 1e-5;
const ATOL = 1e-5;

type Case = (typeof fixture.conv2d)[number];

/** The largest |ours - torch| / (RTOL |torch| + ATOL): at most 1 passes. */
function worstRatio(ours: ArrayLike<number>, torch: readonly number[]): number {
  expect(ours.length).toBe(torch.length);
  let worst = 0;
  for (let i = 0; i < torch.length; i++) {
    const ratio = Math.abs(ours[i]! - torch[i]!) / (RTOL * Math.abs(torch[i]!) + ATOL);
    worst = Number.isNaN(ratio) ? Number.POSITIVE_INFINITY : Math.max(worst, ratio);
  }
  return worst;
}

/** A conv layer of a fixture case, built for its input, with the case's kernel and bias. */
function layerOf(c: Case): Conv2d {
  const layer = new Conv2d(c.options as Conv2dOptions);
  layer.ensureBuilt(c.x.shape);
  tf.tidy(() => {
    layer.kernel!.assign(tf.tensor(c.kernel.values, c.kernel.shape));
    if (c.bias) layer.bias!.assign(tf.tensor(c.bias));
  });
  return layer;
}

interface Result {
  output: Float32Array;
  gradX: Float32Array;
  gradKernel: Float32Array;
  gradBias: Float32Array | undefined;
}

/** Output and gradients of sum(output * weighting), read back and disposed. */
function run(layer: Conv2d, c: Case, kernel = layer.kernel!): Result {
  const initial = tf.tensor(c.x.values, c.x.shape);
  const x = tf.variable(initial);
  initial.dispose();
  const weighting = tf.tensor(c.weighting, c.outputShape);
  let output: Float32Array | undefined;
  const parameters = new Map([
    ['x', x],
    ['kernel', kernel],
  ]);
  if (layer.bias) parameters.set('bias', layer.bias);
  const { value, grads } = valueAndGrad(() => {
    const y = layer.apply(x);
    expect(y.shape).toEqual(c.outputShape);
    output = y.dataSync() as Float32Array;
    return tf.sum(tf.mul(y, weighting));
  }, parameters);
  const read = (name: string) => grads.get(name)?.dataSync() as Float32Array;
  const result = {
    output: output!,
    gradX: read('x'),
    gradKernel: read('kernel'),
    gradBias: layer.bias ? read('bias') : undefined,
  };
  tf.dispose([x, weighting, value, ...grads.values()]);
  return result;
}

const measured: string[] = [];
afterAll(() => {
  if (process.env.FANIN_REPORT_TOLERANCE) console.log(measured.join('\n'));
});

describe.each<BackendName>(['cpu', 'wasm'])('conv2d on %s', (backend) => {
  it.each(fixture.conv2d.map((c) => [c.name, c] as const))(
    'matches PyTorch: %s',
    async (_name, c) => {
      await useBackend(backend);
      const before = liveTensors();
      const layer = layerOf(c);
      expect(layer.outputShape(c.x.shape)).toEqual(c.outputShape);
      const result = run(layer, c);
      const ratios = {
        output: worstRatio(result.output, c.output64),
        gradX: worstRatio(result.gradX, c.gradX64),
        gradKernel: worstRatio(result.gradKernel, c.gradKernel64),
        gradBias: c.gradBias64 ? worstRatio(result.gradBias!, c.gradBias64) : 0,
      };
      measured.push(`${backend} ${c.name}: ${JSON.stringify(ratios)}`);
      expect(ratios.output, 'output').toBeLessThanOrEqual(1);
      expect(ratios.gradX, 'gradient of x').toBeLessThanOrEqual(1);
      expect(ratios.gradKernel, 'gradient of the kernel').toBeLessThanOrEqual(1);
      expect(ratios.gradBias, 'gradient of the bias').toBeLessThanOrEqual(1);
      if (c.otherSide) {
        // the extra row and column of an even kernel's "same" padding at the top and left
        // instead of the bottom and right: PyTorch pads the other way, and so must fanin
        expect(worstRatio(result.output, c.otherSide)).toBeGreaterThan(1000);
      }
      layer.dispose();
      expect(liveTensors()).toBe(before);
    },
  );

  it('would catch a kernel read in PyTorch layout or transposed in space', async () => {
    await useBackend(backend);
    const c = fixture.conv2d.find(
      (entry) => entry.name === '2x3 kernel, stride [2, 1], padding [1, 2]',
    )!;
    // the same kernel values, spatial axes swapped: [kw, kh] read as [kh, kw]
    const [kh, kw, inputs, filters] = c.kernel.shape as [number, number, number, number];
    const swapped = tf.tidy(() =>
      tf.reshape(
        tf.transpose(
          tf.reshape(tf.tensor(c.kernel.values), [kh, kw, inputs, filters]),
          [1, 0, 2, 3],
        ),
        [kh, kw, inputs, filters],
      ),
    );
    const layer = layerOf(c);
    layer.kernel!.assign(swapped);
    expect(worstRatio(run(layer, c).output, c.output64)).toBeGreaterThan(1000);
    // PyTorch's [out, in, kh, kw] values taken as fanin's [kh, kw, in, out]
    const same = fixture.conv2d.find((entry) => entry.name === '3x3 valid')!;
    const torchOrder = tf.tidy(() =>
      tf.reshape(
        tf.transpose(tf.tensor(same.kernel.values, same.kernel.shape), [3, 2, 0, 1]),
        same.kernel.shape,
      ),
    );
    const square = layerOf(same);
    square.kernel!.assign(torchOrder);
    expect(worstRatio(run(square, same).output, same.output64)).toBeGreaterThan(1000);
    tf.dispose([swapped, torchOrder]);
    layer.dispose();
    square.dispose();
  });

  it('passes gradcheck in float32 on small cases (plain, strided, dilated, grouped, depthwise)', async () => {
    await useBackend(backend);
    const cases: { options: Conv2dOptions; input: number[] }[] = [
      {
        options: { filters: 2, kernelSize: [2, 3], stride: [2, 1], padding: 1 },
        input: [1, 5, 4, 2],
      },
      {
        options: { filters: 2, kernelSize: 2, dilation: [2, 1], padding: 'same' },
        input: [1, 4, 5, 2],
      },
      { options: { filters: 3, kernelSize: 2, stride: 2, dilation: 2 }, input: [1, 6, 5, 1] },
      { options: { filters: 4, kernelSize: 2, groups: 2, stride: [1, 2] }, input: [1, 3, 5, 4] },
      // depthwise with a stride that leaves the last row and column unread
      { options: { filters: 4, kernelSize: [2, 3], groups: 2, stride: 2 }, input: [1, 6, 6, 2] },
      {
        options: { filters: 2, kernelSize: 3, groups: 2, dilation: 2, padding: 'same' },
        input: [1, 5, 4, 2],
      },
    ];
    for (const { options, input } of cases) {
      const layer = new Conv2d(options);
      const [, height, width, channels] = input as [number, number, number, number];
      const kernelSize = pairOf(options.kernelSize);
      const stride = pairOf(options.stride ?? 1);
      const dilation = pairOf(options.dilation ?? 1);
      const geometry = {
        stride,
        dilation,
        pads: padsOf(
          options.padding ?? 'valid',
          [height, width],
          effectiveKernel(kernelSize, dilation),
          stride,
        ),
        groups: options.groups ?? 1,
      };
      const random = new Random(4);
      const x = random.normalTensor(input);
      const kernel = random.normalTensor([
        ...kernelSize,
        channels / geometry.groups,
        options.filters,
      ]);
      const result = gradcheck(
        (xs, k) => convolve(xs as tf.Tensor4D, k as tf.Tensor4D, geometry),
        [x, kernel],
        { epsilon: 1e-2, rtol: 2e-2, atol: 2e-3 },
      );
      expect(result.ok, `${JSON.stringify(options)}: ${JSON.stringify(result.worst)}`).toBe(true);
      // the layer computes the same function
      const viaLayer = tf.tidy(() => {
        layer.ensureBuilt(input);
        layer.kernel!.assign(kernel);
        return tf.sub(
          layer.apply(x),
          tf.add(convolve(x as tf.Tensor4D, kernel as tf.Tensor4D, geometry), layer.bias!),
        );
      });
      expect(tf.max(tf.abs(viaLayer)).dataSync()[0]).toBe(0);
      tf.dispose([x, kernel, viaLayer]);
      layer.dispose();
    }
  });
});

describe('Conv2d', () => {
  beforeAll(() => useBackend('cpu'));

  it('names its parameters kernel and bias, kernel [kh, kw, in / groups, filters]', () => {
    const layer = new Conv2d({ filters: 6, kernelSize: [3, 2], groups: 2 });
    layer.ensureBuilt([-1, 8, 8, 4]);
    const shapes = Object.fromEntries(
      [...layer.namedParameters()].map(([name, v]) => [name, v.shape]),
    );
    expect(shapes).toEqual({ kernel: [3, 2, 2, 6], bias: [6] });
    expect(layer.parameterCount()).toBe(3 * 2 * 2 * 6 + 6);
    const noBias = new Conv2d({ filters: 2, kernelSize: 1, bias: false });
    noBias.ensureBuilt([1, 2, 2, 3]);
    expect([...noBias.namedParameters().keys()]).toEqual(['kernel']);
    layer.dispose();
    noBias.dispose();
  });

  it('computes output shapes as PyTorch does (and keeps an unknown batch)', () => {
    const shape = (options: Conv2dOptions, input: number[]) =>
      new Conv2d(options).outputShape(input);
    expect(shape({ filters: 8, kernelSize: 3 }, [-1, 28, 28, 1])).toEqual([-1, 26, 26, 8]);
    expect(shape({ filters: 8, kernelSize: 3, padding: 'same' }, [4, 28, 28, 1])).toEqual([
      4, 28, 28, 8,
    ]);
    expect(shape({ filters: 8, kernelSize: 3, stride: 2, padding: 'same' }, [4, 7, 8, 1])).toEqual([
      4, 4, 4, 8,
    ]);
    expect(shape({ filters: 8, kernelSize: 3, stride: 2, padding: 1 }, [4, 7, 8, 1])).toEqual([
      4, 4, 4, 8,
    ]);
    expect(shape({ filters: 8, kernelSize: [5, 3], dilation: 2 }, [1, 9, 9, 2])).toEqual([
      1, 1, 5, 8,
    ]);
    for (const c of fixture.conv2d)
      expect(shape(c.options as Conv2dOptions, c.x.shape)).toEqual(c.outputShape);
  });

  it('gives initializers the kernel shape and fans as PyTorch computes them', () => {
    const seen: number[][] = [];
    const recording: Initializer = {
      name: 'recording',
      init: (shape) => {
        seen.push([...shape]);
        return tf.zeros([...shape]);
      },
    };
    const layer = new Conv2d({
      filters: 6,
      kernelSize: 3,
      groups: 2,
      kernelInitializer: recording,
    });
    layer.ensureBuilt([1, 5, 5, 4]);
    // PyTorch's Conv2d(4, 6, 3, groups=2) weight [6, 2, 3, 3]: fan_in 18 = 2 * 9, fan_out 54 = 6 * 9;
    // [kh, kw, in / groups, out] gives both by the usual rule (receptive field times the last two axes)
    expect(seen).toEqual([[3, 3, 2, 6]]);
    layer.dispose();
  });

  it('starts from Glorot uniform with fanIn = kh kw in / groups and fanOut = kh kw filters, and a zero bias', () => {
    const layer = new Conv2d({ filters: 16, kernelSize: 3, groups: 2, random: new Random(1) });
    layer.ensureBuilt([1, 8, 8, 8]);
    const limit = Math.sqrt(6 / (9 * 4 + 9 * 16));
    const values = layer.kernel!.dataSync();
    const max = Math.max(...Array.from(values, Math.abs));
    expect(max).toBeLessThanOrEqual(limit);
    expect(max).toBeGreaterThan(0.98 * limit);
    const variance = Array.from(values).reduce((sum, v) => sum + v * v, 0) / values.length;
    expect(variance).toBeCloseTo((limit * limit) / 3, 3);
    expect(Array.from(layer.bias!.dataSync())).toEqual(new Array(16).fill(0));
    layer.dispose();
  });

  it('draws the same initial kernel from the same seed and path, another from another seed', () => {
    const kernelOf = (seed: number) => {
      const layer = new Conv2d({ filters: 2, kernelSize: 2, random: new Random(seed) });
      layer.ensureBuilt([1, 3, 3, 1]);
      const values = Array.from(layer.kernel!.dataSync());
      layer.dispose();
      return values;
    };
    expect(kernelOf(5)).toEqual(kernelOf(5));
    expect(kernelOf(5)).not.toEqual(kernelOf(6));
  });

  it('refuses bad input in one line naming the layer, what it got and the fix', () => {
    const build = (options: Conv2dOptions, input: number[]) => () =>
      new Conv2d(options).ensureBuilt(input);
    expect(build({ filters: 4, kernelSize: 3 }, [-1, 784])).toThrow(
      new ShapeError(
        'conv2d needs a 4-D NHWC input [batch, height, width, channels], got [N, 784]; put conv layers before flatten',
      ),
    );
    expect(build({ filters: 4, kernelSize: 3 }, [2, 28, 28])).toThrow(
      'got [2, 28, 28]; add a channel axis: reshape the images to [batch, height, width, 1]',
    );
    expect(build({ filters: 4, kernelSize: 5 }, [1, 4, 6, 1])).toThrow(
      'conv2d: the kernel 5x5 is larger than the input 4x6. Use a smaller kernel or dilation, padding "same", or a larger input',
    );
    expect(build({ filters: 4, kernelSize: 3, dilation: 3, padding: 1 }, [1, 4, 6, 1])).toThrow(
      'conv2d: the dilated kernel 7x7 is larger than the input 4x6 (4x6 padded to 6x8)',
    );
    expect(build({ filters: 4, kernelSize: 3, stride: 0 }, [1, 4, 4, 1])).toThrow(
      'layer "conv2d": option "stride" must be an integer >= 1 or a pair [height, width] of them, got 0',
    );
    expect(build({ filters: 4, kernelSize: [3, 0] }, [1, 4, 4, 1])).toThrow(
      'option "kernelSize" must be an integer >= 1 or a pair [height, width] of them, got [3,0]',
    );
    expect(build({ filters: 6, kernelSize: 1, groups: 4 }, [1, 4, 4, 8])).toThrow(
      'conv2d: filters 6 is not divisible by groups 4. Every group needs the same number of output channels: use filters that is a multiple of 4',
    );
    expect(build({ filters: 6, kernelSize: 1, groups: 3 }, [1, 4, 4, 4])).toThrow(
      'conv2d: input channels 4 (input [1, 4, 4, 4]) are not divisible by groups 3. Use groups that divides 4 (groups = 4 is a depthwise conv)',
    );
    expect(build({ filters: 6, kernelSize: 1, padding: 'full' as never }, [1, 4, 4, 4])).toThrow(
      'option "padding" must be "same", "valid", an integer >= 0 or a pair [ph, pw] of them, got "full"',
    );
  });

  it('checks a later, smaller input too', () => {
    const layer = new Conv2d({ filters: 2, kernelSize: 3 });
    layer.ensureBuilt([1, 5, 5, 1]);
    const small = tf.zeros([1, 2, 5, 1]);
    expect(() => layer.apply(small)).toThrow('conv2d: the kernel 3x3 is larger than the input 2x5');
    small.dispose();
    layer.dispose();
  });

  it('leaves no tensors behind in inference and training steps', async () => {
    await useBackend('cpu');
    const layer = new Conv2d({
      filters: 4,
      kernelSize: 3,
      stride: 2,
      dilation: 2,
      groups: 2,
      padding: 'same',
    });
    const x = tf.randomNormal([2, 7, 7, 2]);
    layer.ensureBuilt(x.shape);
    expect(await countLeaks(() => layer.apply(x))).toBe(0);
    expect(
      await countLeaks(() => {
        const { value, grads } = valueAndGrad(
          () => tf.sum(layer.apply(x, { training: true })),
          layer.namedParameters(),
        );
        tf.dispose([value, ...grads.values()]);
      }),
    ).toBe(0);
    x.dispose();
    layer.dispose();
  });
});

describe('the conv2d entry', () => {
  beforeAll(() => useBackend('cpu'));

  it('creates a Conv2d from validated options, with its initializers from the registry', () => {
    const ones = {
      kind: 'initializer',
      description: 'ones',
      options: {},
      metadata: { random: false, distribution: 'constant' },
      create: (): Initializer => ({ name: 'ones', init: (shape) => tf.ones([...shape]) }),
    } as const;
    const registry = createRegistry({
      plugins: [{ name: 'test', layers: { conv2d }, initializers: { ones } } as never],
    });
    const layer = registry.create('layer', {
      type: 'conv2d',
      filters: 3,
      kernelSize: [1, 2],
      init: 'ones',
      biasInit: 'ones',
    }) as Conv2d;
    expect(layer).toBeInstanceOf(Conv2d);
    expect(layer.options).toMatchObject({
      filters: 3,
      kernelSize: [1, 2],
      stride: 1,
      padding: 'valid',
      groups: 1,
    });
    layer.ensureBuilt([1, 2, 2, 1]);
    expect(Array.from(layer.kernel!.dataSync())).toEqual(new Array(6).fill(1));
    expect(Array.from(layer.bias!.dataSync())).toEqual([1, 1, 1]);
    expect(conv2d.metadata).toEqual({ shorthand: 'filters' });
    expect(() => registry.create('layer', { type: 'conv2d', filters: 0, kernelSize: 3 })).toThrow(
      'option "filters" must be an integer >= 1, got 0',
    );
    layer.dispose();
  });

  it('builds from a model config under its own name, its tensors named "0.kernel", "0.bias"', async () => {
    await useBackend('cpu');
    const registry = createRegistry({ plugins: [core] });
    const model = buildModel(
      {
        inputShape: [8, 8, 1],
        seed: 1,
        layers: [
          { conv2d: 4, kernelSize: 3, padding: 'same' },
          { maxPool2d: 2 },
          { conv2d: 6, kernelSize: [2, 3], groups: 2 },
          { globalAvgPool: true },
          { dense: 3 },
        ],
      } as never,
      { registry },
    );
    const shapes = Object.fromEntries(
      [...model.namedParameters()].map(([name, v]) => [name, v.shape]),
    );
    expect(shapes).toEqual({
      '0.kernel': [3, 3, 1, 4],
      '0.bias': [4],
      '2.kernel': [2, 3, 2, 6],
      '2.bias': [6],
      '4.kernel': [6, 3],
      '4.bias': [3],
    });
    const x = tf.ones([2, 8, 8, 1]);
    const y = model.apply(x);
    expect(y.shape).toEqual([2, 3]);
    tf.dispose([x, y]);
    model.dispose();
  });
});
