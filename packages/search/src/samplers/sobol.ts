import { defineEntry, FaninError, hashSeed, option, resolveOptions } from '@fanin/core';
import type { SampleContext, Sampler } from './sampler.js';
import { SOBOL_DIRECTIONS } from './sobol-directions.js';

const BITS = 32;
/** Dimensions with direction numbers: the van der Corput one plus Joe–Kuo's table. */
export const SOBOL_MAX_DIMENSIONS = SOBOL_DIRECTIONS.length + 1;

const directionCache: Uint32Array[] = [];

/** The 32 direction numbers v_1..v_32 of a dimension (0-based), as 32-bit integers. */
export function sobolDirections(dimension: number): Uint32Array {
  const cached = directionCache[dimension];
  if (cached) return cached;
  if (!Number.isInteger(dimension) || dimension < 0 || dimension >= SOBOL_MAX_DIMENSIONS) {
    throw new FaninError(
      'SOBOL_DIMENSIONS',
      `Sobol direction numbers exist for ${SOBOL_MAX_DIMENSIONS} dimensions, dimension ${dimension} was asked for`,
      'Use the random sampler for spaces with more parameters',
    );
  }
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let j = 0; j < BITS; j++) v[j] = 2 ** (BITS - 1 - j);
  } else {
    const row = SOBOL_DIRECTIONS[dimension - 1]!;
    const s = row[0]!;
    const a = row[1]!;
    for (let j = 0; j < Math.min(s, BITS); j++) v[j] = (row[2 + j]! * 2 ** (BITS - 1 - j)) >>> 0;
    for (let j = s; j < BITS; j++) {
      let value = v[j - s]! ^ (v[j - s]! >>> s);
      for (let l = 1; l < s; l++) if ((a >>> (s - 1 - l)) & 1) value ^= v[j - l]!;
      v[j] = value >>> 0;
    }
  }
  directionCache[dimension] = v;
  return v;
}

/**
 * Coordinate `dimension` of Sobol point `index` as a 32-bit integer (divide by 2^32 for
 * [0, 1)), in Gray-code order: the same sequence as SciPy's and PyTorch's unscrambled
 * `SobolEngine`, computed directly from the index so any trial can be drawn on its own.
 */
export function sobolInteger(index: number, dimension: number): number {
  const v = sobolDirections(dimension);
  let gray = (index ^ (index >>> 1)) >>> 0;
  let x = 0;
  for (let j = 0; gray !== 0; j++, gray >>>= 1) if (gray & 1) x ^= v[j]!;
  return x >>> 0;
}

function reverseBits(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) >>> 0;
}

/**
 * Owen (nested uniform) scrambling of a 32-bit coordinate, by Burley's hash ("Practical
 * Hash-based Owen Scrambling", JCGT 2020): on the bit-reversed value, each step changes a
 * bit as a function of that bit and the bits below it only, so after reversing back each
 * output bit is flipped depending on the bits above it: a random permutation at every node
 * of the binary tree, as Owen's scrambling requires. It keeps the (t, m, s)-net structure
 * and makes every point uniformly distributed; the seed selects the permutation.
 */
export function owenScramble(x: number, seed: number): number {
  let y = reverseBits(x);
  y ^= Math.imul(y, 0x3d20adea);
  y = (y + seed) | 0;
  y = Math.imul(y, (seed >>> 16) | 1);
  y ^= Math.imul(y, 0x05526c56);
  y ^= Math.imul(y, 0x53a22864);
  return reverseBits(y >>> 0);
}

/** How a Sobol sequence is randomized. */
export type SobolScramble = 'owen' | 'shift' | 'none';

/**
 * Unit coordinates of Sobol point `index` in `dimensions` dimensions, randomized by the seed:
 * `owen` (nested uniform scrambling), `shift` (a random digital shift: XOR with a seeded
 * constant per dimension) or `none` (the raw sequence, whose first point is all zeros).
 */
export function sobolPoint(
  index: number,
  dimensions: number,
  scramble: SobolScramble,
  seed: number,
): number[] {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 32) {
    throw new FaninError(
      'SOBOL_INDEX',
      `Sobol index must be an integer in [0, 2^32), got ${index}`,
    );
  }
  const point: number[] = [];
  for (let d = 0; d < dimensions; d++) {
    let x = sobolInteger(index, d);
    if (scramble === 'owen') x = owenScramble(x, hashSeed(seed, 'sobol-owen', d));
    else if (scramble === 'shift') x = (x ^ hashSeed(seed, 'sobol-shift', d)) >>> 0;
    point.push(x / 2 ** 32);
  }
  return point;
}

const sobolOptions = {
  scramble: option.enum(['owen', 'shift', 'none'], {
    description:
      'Randomization seeded by the study seed: owen (nested uniform), shift (random digital shift) or none (raw sequence)',
    default: 'owen',
  }),
} as const;

class SobolSampler implements Sampler {
  readonly name = 'sobol';
  readonly config: { type: 'sobol'; scramble: SobolScramble };

  constructor(readonly scramble: SobolScramble) {
    this.config = { type: 'sobol', scramble };
  }

  sample({ space, seed, number }: SampleContext): Record<string, number> {
    const names = Object.keys(space);
    const point = sobolPoint(number, names.length, this.scramble, seed);
    return Object.fromEntries(names.map((name, d) => [name, point[d]!]));
  }
}

export const sobolEntry = defineEntry('sampler', {
  description:
    'Scrambled Sobol low-discrepancy sequence (Joe–Kuo direction numbers), trial k being point k',
  options: sobolOptions,
  create: (options) => new SobolSampler(options.scramble),
});

/**
 * Quasi-random search on a scrambled Sobol sequence: points that fill the space more evenly
 * than independent random ones (lower discrepancy), so a small budget leaves no large
 * unexplored holes. Parameters are dimensions in the space's key order (up to 256). Trial k
 * is point k, so results are independent of worker count. Best with a power-of-two budget
 * (the first 2^m points form a balanced net). Same role as Optuna's QMCSampler.
 */
export function sobol(options: { scramble?: SobolScramble } = {}): Sampler {
  const resolved = resolveOptions(sobolOptions, options, 'sampler "sobol"');
  return new SobolSampler(resolved.scramble);
}
