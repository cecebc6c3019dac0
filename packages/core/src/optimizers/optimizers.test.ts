import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/optimizers.json' with { type: 'json' };
import { valueAndGrad } from '../autograd/grad.js';
import { type BackendName, useBackend } from '../backend/backend.js';
import { useFusedKernels } from '../kernels/fused-ops.js';
import { hostUpdateLimits } from './adam.js';
import { core } from '../plugin.js';
import { createRegistry } from '../registry/registry.js';

const fanin = createRegistry({ plugins: [core] });

// Float32 tolerance (1e-6 relative + 1e-7 absolute): the gradients are computed by tfjs and by
// PyTorch with different summation orders. The worst case measured uses about a third of it
// (run with FANIN_REPORT=1 to print the worst ratio per case).
const RTOL = 1e-6;
const ATOL = 1e-7;

function expectClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  label: string,
): number {
  let worst = 0;
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    worst = Math.max(worst, error / (ATOL + RTOL * Math.abs(expected[i]!)));
    expect(error, `${label}[${i}]: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(
      ATOL + RTOL * Math.abs(expected[i]!),
    );
  }
  return worst;
}

const worstRatio: Record<string, number> = {};

// Every optimizer updates all parameters in one fused call (kernels/fused-optimizers.ts, in
// place) where it can; without fused kernels Adam updates a parameter either with tfjs kernels
// or with a JavaScript loop on the host, chosen by backend and size. Every path is checked on
// both backends.
const paths = {
  'in one fused call': { fused: true, limits: { ...hostUpdateLimits } },
  'as chosen': { fused: false, limits: { ...hostUpdateLimits } },
  'with kernels': { fused: false, limits: { cpu: -1, wasm: -1 } },
  'on the host': {
    fused: false,
    limits: { cpu: Number.POSITIVE_INFINITY, wasm: Number.POSITIVE_INFINITY },
  },
};
const defaultLimits = { ...hostUpdateLimits };
afterAll(() => {
  Object.assign(hostUpdateLimits, defaultLimits);
  useFusedKernels(true);
});

describe.each(
  (['cpu', 'wasm'] as BackendName[]).flatMap((backend) =>
    Object.keys(paths).map((path) => [backend, path as keyof typeof paths] as const),
  ),
)('optimizers match PyTorch 1.13 on %s, Adam updating %s', (backend, path) => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    await useBackend(backend);
    Object.assign(hostUpdateLimits, paths[path].limits);
    useFusedKernels(paths[path].fused);
    const before = tf.memory().numTensors;
    const x = tf.tensor2d(fixture.x);
    const y = tf.tensor2d(fixture.y);
    const w = tf.tidy(() => tf.variable(tf.tensor2d(fixture.w)));
    const b = tf.tidy(() => tf.variable(tf.tensor1d(fixture.b)));
    const parameters = new Map<string, tf.Variable>([
      ['w', w],
      ['b', b],
    ]);
    const optimizer = fanin.create('optimizer', { type: testCase.optimizer, ...testCase.options });
    expect(optimizer.name).toBe(testCase.optimizer);
    let worst = 0;
    testCase.steps.forEach((expected, step) => {
      const { value, grads } = valueAndGrad(
        () => tf.tidy(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y)))),
        parameters,
      );
      worst = Math.max(
        worst,
        expectClose(value.dataSync(), [expected.loss], `step ${step + 1} loss`),
      );
      optimizer.step(parameters, grads);
      tf.dispose([value, ...grads.values()]);
      worst = Math.max(worst, expectClose(w.dataSync(), expected.w.flat(), `step ${step + 1} w`));
      worst = Math.max(worst, expectClose(b.dataSync(), expected.b, `step ${step + 1} b`));
    });
    expect(optimizer.iterations).toBe(testCase.steps.length);
    optimizer.dispose();
    tf.dispose([x, y, w, b]);
    expect(tf.memory().numTensors).toBe(before);
    worstRatio[`${backend} ${path} ${testCase.name}`] = worst;
  });
});

afterAll(() => {
  if (process.env.FANIN_REPORT) console.log(worstRatio);
});

describe('how Adam updates a parameter', () => {
  it.each([
    ['cpu', 50_000, true, 0],
    ['wasm', 100, true, 0],
    ['wasm', 10_000, true, 0],
    ['cpu', 50_000, false, 0],
    ['wasm', 100, false, 0],
    ['wasm', 10_000, false, 12],
  ] as const)(
    'on %s, %i values, fused %s: %i kernels per step',
    async (backend, size, fused, kernels) => {
      await useBackend(backend);
      Object.assign(hostUpdateLimits, defaultLimits);
      useFusedKernels(fused);
      const parameter = tf.variable(tf.fill([size], 0.5));
      const gradient = tf.fill([size], 0.1);
      const parameters = new Map([['p', parameter]]);
      const gradients = new Map([['p', gradient]]);
      const optimizer = fanin.optimizer('adam');
      optimizer.step(parameters, gradients); // creates the moments
      const profile = await tf.profile(() => {
        optimizer.step(parameters, gradients);
        return [];
      });
      expect(profile.kernels.length).toBe(kernels);
      // Either way, step 2 of Adam with a constant gradient moves p by lr (the moments are exact).
      const moved = 0.5 - parameter.dataSync()[size - 1]!;
      expect(moved).toBeCloseTo(2 * 0.001, 6);
      // The fused update writes the parameter's own storage on cpu; on wasm, and without fused
      // kernels, the parameter is assigned a new tensor.
      const dataId = parameter.dataId;
      optimizer.step(parameters, gradients);
      expect(parameter.dataId === dataId).toBe(fused && backend === 'cpu');
      optimizer.dispose();
      tf.dispose([parameter, gradient]);
    },
  );
});
