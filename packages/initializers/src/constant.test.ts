import { describe, expect, it } from 'vitest';
import { draw, registry } from '../test/helpers.js';

describe('zeros, ones, constant', () => {
  it('fill every shape, scalars and empty shapes included', () => {
    expect([...draw('zeros', [2, 3])]).toEqual(Array(6).fill(0));
    expect([...draw('ones', [4])]).toEqual([1, 1, 1, 1]);
    expect([...draw({ type: 'constant', value: -0.5 }, [2, 1, 2])]).toEqual([
      -0.5, -0.5, -0.5, -0.5,
    ]);
    expect([...draw({ type: 'constant', value: 7 }, [])]).toEqual([7]);
    expect([...draw('ones', [0, 3])]).toEqual([]);
  });

  it('honours value 0 (tfjs replaces falsy options by defaults)', () => {
    expect([...draw({ type: 'constant', value: 0 }, [3])]).toEqual([0, 0, 0]);
  });

  it('requires a finite value', () => {
    expect(() => registry.initializer('constant')).toThrow(
      'initializer "constant": option "value" must be a finite number (it is required), got undefined',
    );
    expect(() => registry.initializer('constant', { value: Number.NaN })).toThrow(
      'option "value" must be a finite number, got NaN',
    );
  });

  it('are deterministic: they do not draw from the stream', () => {
    expect(registry.info('initializer', 'zeros').metadata).toEqual({
      random: false,
      distribution: 'constant',
    });
  });
});
