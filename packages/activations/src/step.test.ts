import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, valuesAt } from '../test/helpers.js';
import { step } from './step.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('step', () => {
  it('is 1 strictly above the threshold, 0 at and below it', () => {
    expect(valuesAt((x) => step(x), [-1, 0, 1e-8, 5])).toEqual([0, 0, 1, 1]);
    expect(valuesAt((x) => step(x, 0.5), [0.4, 0.5, 0.6])).toEqual([0, 0, 1]);
    expect(valuesAt((x) => step(x, -2), [-3, -2, -1])).toEqual([0, 0, 1]);
  });

  it('has a zero derivative everywhere, the threshold included (grad does not throw)', () => {
    expect(derivativeAt((x) => step(x, 0.5), [-1, 0.5, 2])).toEqual([0, 0, 0]);
  });
});
