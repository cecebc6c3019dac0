import { type Tensor, tensor } from '@tensorflow/tfjs-core';

/**
 * Hashes any mix of numbers and strings to a 32-bit unsigned integer (MurmurHash3-style
 * mixing). Used to derive independent seeds, e.g. hashSeed(studySeed, trialNumber, "lr").
 */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    const text = typeof part === 'number' ? `n:${part}` : `s:${part}`;
    for (let i = 0; i < text.length; i++) {
      let k = text.charCodeAt(i);
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    h ^= 0x2f; // separator, so ["ab"] and ["a", "b"] differ
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Seeds accepted by {@link Random}: a number or any string. */
export type Seed = number | string;

/**
 * A seeded random stream (xoshiro128**), independent of the tfjs backend: the same seed
 * gives the same numbers on cpu, wasm and webgl, in Node and in the browser.
 * `fork(label)` derives an independent stream, so that e.g. each parameter's initial values
 * depend only on the model seed and the parameter's name, not on creation order.
 */
export class Random {
  readonly seed: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | undefined;

  constructor(seed: Seed = 0) {
    this.seed =
      typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32
        ? seed
        : hashSeed(seed);
    const next = splitmix32(this.seed);
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** An independent stream determined by this stream's seed and the labels. */
  fork(...labels: ReadonlyArray<string | number>): Random {
    return new Random(hashSeed(this.seed, ...labels));
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const result =
      Math.imul(((Math.imul(this.s1, 5) << 7) | (Math.imul(this.s1, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1) with 53 bits of precision. */
  uniform(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Uniform in [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** A uniformly chosen integer in [0, n). */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A standard normal sample (Marsaglia polar method). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.uniform() * 2 - 1;
      v = this.uniform() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return u * factor;
  }

  /** A standard normal sample conditioned on |x| <= bound (rejection sampling). */
  truncatedNormal(bound = 2): number {
    for (;;) {
      const x = this.normal();
      if (Math.abs(x) <= bound) return x;
    }
  }

  /** `size` samples filled by `sample`. */
  fill(size: number, sample: () => number): Float32Array {
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) out[i] = sample();
    return out;
  }

  /** A tensor of normal samples with the given mean and standard deviation. */
  normalTensor(shape: readonly number[], mean = 0, std = 1): Tensor {
    return tensor(
      this.fill(sizeOf(shape), () => mean + std * this.normal()),
      [...shape],
      'float32',
    );
  }

  /** A tensor of uniform samples in [low, high). */
  uniformTensor(shape: readonly number[], low = 0, high = 1): Tensor {
    return tensor(
      this.fill(sizeOf(shape), () => low + (high - low) * this.uniform()),
      [...shape],
      'float32',
    );
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const tmp = out[i]!;
      out[i] = out[j]!;
      out[j] = tmp;
    }
    return out;
  }
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}
