import { Random, ShapeError } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { draw, registry } from '../test/helpers.js';

describe('identity', () => {
  it('puts gain on the main diagonal, exactly', () => {
    expect([...draw('identity', [3, 3])]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect([...draw({ type: 'identity', gain: 0.5 }, [2, 2])]).toEqual([0.5, 0, 0, 0.5]);
  });

  it('handles rectangular shapes as torch.eye: ones at [i, i] for i < min(rows, cols)', () => {
    expect([...draw('identity', [2, 3])]).toEqual([1, 0, 0, 0, 1, 0]);
    expect([...draw('identity', [3, 2])]).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it("maps a dense layer's input to its output unchanged", () => {
    const x = [0.3, -2, 5];
    const w = draw('identity', [3, 3]);
    const y = [0, 1, 2].map((j) => x.reduce((sum, xi, i) => sum + xi * w[i * 3 + j]!, 0));
    expect(y).toEqual(x);
  });

  it('refuses other ranks and a negative gain', () => {
    const init = registry.initializer('identity');
    expect(() => init.init([3, 3, 3], { random: new Random(0) })).toThrow(ShapeError);
    expect(() => init.init([4], { random: new Random(0), name: 'bias' })).toThrow(
      'initializer "identity" for "bias": needs a 2-D shape [rows, cols], got [4]',
    );
    expect(() => registry.initializer('identity', { gain: -2 })).toThrow(
      'option "gain" must be a number >= 0, got -2',
    );
  });
});
