import { hashSeed, Random } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { categorical } from '../space/categorical.js';
import { uniform } from '../space/uniform.js';
import { ksTest } from '../stats/ks.js';
import { random, randomUnit } from './random.js';

describe('random sampler', () => {
  it("draws trial k's parameter p from hashSeed(seed, k, p) only", () => {
    expect(randomUnit(7, 3, 'lr')).toBe(new Random(hashSeed(7, 3, 'lr')).uniform());
    const sampler = random();
    const small = { lr: uniform(0, 1) };
    const large = { momentum: uniform(0, 1), lr: uniform(0, 1), act: categorical(['a', 'b']) };
    for (let k = 0; k < 20; k++) {
      expect(sampler.sample({ space: large, seed: 7, number: k }).lr).toBe(
        sampler.sample({ space: small, seed: 7, number: k }).lr,
      );
    }
  });

  it('differs between seeds, trials and parameters, and is uniform', () => {
    expect(randomUnit(1, 0, 'a')).not.toBe(randomUnit(2, 0, 'a'));
    expect(randomUnit(1, 0, 'a')).not.toBe(randomUnit(1, 1, 'a'));
    expect(randomUnit(1, 0, 'a')).not.toBe(randomUnit(1, 0, 'b'));
    const samples = Array.from({ length: 3000 }, (_, k) => randomUnit(42, k, 'x'));
    expect(ksTest(samples).pValue).toBeGreaterThan(0.01);
  });
});
