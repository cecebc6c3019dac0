import { grad, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { valuesAt } from '../test/helpers.js';
import {
  equalMask,
  greaterEqualMask,
  greaterMask,
  lessEqualMask,
  lessMask,
  signMask,
} from './masks.js';

describe.each(['cpu', 'wasm'] as const)('masks on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });
  const xs = [-3, -1e-8, 0, 1e-8, 2.9999998, 3, 3.0000002, 1e4];

  it('compare exactly, including at the threshold and at tiny values', () => {
    expect(valuesAt((x) => greaterMask(x), xs)).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
    expect(valuesAt((x) => lessMask(x), xs)).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(valuesAt((x) => greaterMask(x, 3), xs)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(valuesAt((x) => greaterEqualMask(x, 3), xs)).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    expect(valuesAt((x) => lessMask(x, 3), xs)).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    expect(valuesAt((x) => lessEqualMask(x, 3), xs)).toEqual([1, 1, 1, 1, 1, 1, 0, 0]);
    expect(valuesAt((x) => equalMask(x, 3), xs)).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
    expect(valuesAt((x) => equalMask(x), xs)).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    // tfjs's own sign returns 0 for +-1e-8 on wasm
    expect(valuesAt((x) => signMask(x), xs)).toEqual([-1, -1, 0, 1, 1, 1, 1, 1]);
  });

  it('have a zero gradient instead of none (comparison ops would make grad throw)', () => {
    for (const mask of [
      greaterMask,
      lessMask,
      greaterEqualMask,
      lessEqualMask,
      equalMask,
      signMask,
    ]) {
      const g = tf.tidy(() =>
        Array.from(grad((x) => tf.mul(mask(x), x))(tf.tensor1d([-2, 0, 2])).dataSync()),
      );
      // d/dx (mask(x) * x) = mask(x): the mask contributes nothing itself
      expect(g).toEqual(valuesAt((x) => mask(x), [-2, 0, 2]));
    }
  });
});
