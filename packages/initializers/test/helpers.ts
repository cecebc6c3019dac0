import { createRegistry, type EntryConfig, Random } from '@fanin/core';
import { expect } from 'vitest';
import schemes from '../fixtures/schemes.json' with { type: 'json' };
import { initializers } from '../src/index.js';
import {
  type Distribution,
  ksTest,
  momentTest,
  normalDistribution,
  truncatedNormalDistribution,
  uniformDistribution,
} from '../src/stats.js';
import { pytorchLikeActivations } from './activations.js';

/** A registry with this package's plugin and stand-in activations with PyTorch's gains. */
export const registry = createRegistry({ plugins: [initializers, pytorchLikeActivations] });

/** Draws one parameter's initial values from a config, as a Dense layer would. */
export function draw(
  config: EntryConfig,
  shape: readonly number[],
  seed = 1,
  name = 'kernel',
): Float32Array {
  const initializer = registry.create('initializer', config);
  const tensor = initializer.init(shape, { random: new Random(seed).fork(name), name });
  expect(tensor.shape).toEqual([...shape]);
  expect(tensor.dtype).toBe('float32');
  const values = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return values;
}

/** A distribution as the fixtures describe it. */
export type FixtureDistribution =
  | { type: 'normal'; mean: number; std: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'truncatedNormal'; mean: number; std: number; bound: number };

export function distributionOf(spec: FixtureDistribution): Distribution {
  switch (spec.type) {
    case 'normal':
      return normalDistribution(spec.mean, spec.std);
    case 'uniform':
      return uniformDistribution(spec.min, spec.max);
    case 'truncatedNormal':
      return truncatedNormalDistribution(spec.mean, spec.std, spec.bound);
  }
}

/**
 * Asserts that `values` are a sample of `distribution`: mean and variance within 5 standard
 * errors of their sampling distributions (a correct generator fails with probability
 * below 1e-6 per check), the KS statistic below its critical value at α = 0.001, and every
 * value inside the support (rounded to float32).
 */
export function expectSampleOf(values: Float32Array, distribution: Distribution): void {
  const moments = momentTest(values, distribution, 5);
  expect(moments.passed, `${distribution.name}: ${JSON.stringify(moments)}`).toBe(true);
  const ks = ksTest(values, distribution.cdf, 0.001);
  expect(ks.rejected, `${distribution.name}: ${JSON.stringify(ks)}`).toBe(false);
  const [low, high] = distribution.support;
  expect(moments.min).toBeGreaterThanOrEqual(Math.fround(low));
  expect(moments.max).toBeLessThanOrEqual(Math.fround(high));
}

export interface SchemeCase {
  config: { type: string } & Record<string, unknown>;
  reference: string;
  shape: number[];
  distribution: FixtureDistribution;
  torchSample: { mean: number; std: number; min: number; max: number };
  expectedStd: number;
  variance?: number;
}

/** The fixture cases (from scripts/golden.py) whose config names one of `types`. */
export function schemeCases(...types: string[]): SchemeCase[] {
  const cases = (schemes as SchemeCase[]).filter((entry) => types.includes(entry.config.type));
  expect(cases.length).toBeGreaterThan(0);
  return cases;
}

/**
 * Draws the case's config at its shape (about 200 000 values) and checks the sample against
 * the distribution PyTorch or Keras defines for it.
 */
export function expectMatchesReference(entry: SchemeCase, seed = 1): void {
  const values = draw(entry.config, entry.shape, seed);
  const distribution = distributionOf(entry.distribution);
  expect(Math.sqrt(distribution.variance)).toBeCloseTo(entry.expectedStd, 12);
  expectSampleOf(values, distribution);
}
