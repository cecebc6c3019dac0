import { defineEntry, hashSeed, Random } from '@fanin/core';
import type { SampleContext, Sampler } from './sampler.js';

/**
 * The unit coordinate of parameter `name` in trial `number`: a pure function of
 * (seed, number, name) through `hashSeed`, with 53 random bits. Adding or removing another
 * parameter does not change this one's values.
 */
export function randomUnit(seed: number, number: number, name: string): number {
  return new Random(hashSeed(seed, number, name)).uniform();
}

class RandomSampler implements Sampler {
  readonly name = 'random';
  readonly config = { type: 'random' } as const;

  sample({ space, seed, number }: SampleContext): Record<string, number> {
    const units: Record<string, number> = {};
    for (const name of Object.keys(space)) units[name] = randomUnit(seed, number, name);
    return units;
  }
}

export const randomEntry = defineEntry('sampler', {
  description:
    'Independent uniform coordinates per trial and parameter, from hashSeed(seed, trial, parameter)',
  options: {},
  create: () => new RandomSampler(),
});

/**
 * Random search (Bergstra and Bengio 2012): every parameter of every trial drawn
 * independently. The default, and a strong baseline when few parameters matter. Trial k's
 * parameter p depends only on (study seed, k, p), so 1 worker or 8, and a crash and resume,
 * give the same trials (Optuna's RandomSampler draws from one stream per process instead).
 */
export function random(): Sampler {
  return new RandomSampler();
}
