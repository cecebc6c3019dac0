import { Random, ShapeError, type Tensor, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, oneLineError } from '../test/assertions.js';
import { GroupNorm } from './group-norm.js';
import { InstanceNorm } from './instance-norm.js';
import { LayerNorm } from './layer-norm.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const values = (t: Tensor) => [...t.dataSync()];

describe('groupNorm', () => {
  const x = () => new Random(1).normalTensor([2, 3, 4, 6], 1, 2);

  it('with 1 group equals layer norm over [H, W, C]; with C groups, instance norm', () => {
    const input = x();
    const one = tf.tidy(() =>
      values(new GroupNorm({ groups: 1 }).apply(input, { training: true })),
    );
    const layer = tf.tidy(() => values(new LayerNorm({ axes: 3 }).apply(input)));
    expectClose(one, layer, 5);
    const each = tf.tidy(() => values(new GroupNorm({ groups: 6 }).apply(input)));
    const instance = tf.tidy(() => values(new InstanceNorm().apply(input)));
    expectClose(each, instance, 5);
    input.dispose();
  });

  it('groups contiguous channels: channels 0-2 and 3-5 are standardized separately', () => {
    const input = x();
    const y = new GroupNorm({ groups: 2, epsilon: 1e-9 }).apply(input);
    const [first, second] = tf.split(y, 2, 3);
    for (const group of [first!, second!]) {
      const { mean, variance } = tf.moments(group, [1, 2, 3]);
      expectClose(values(mean), 0, 5);
      expectClose(values(variance), 1, 4);
      tf.dispose([mean, variance]);
    }
    tf.dispose([input, y, first!, second!]);
  });

  it('has per-channel gamma and beta, no state, and accepts [N, C] and a batch of 1', () => {
    const gn = new GroupNorm({ groups: 4 });
    expect(tf.tidy(() => gn.apply(tf.randomNormal([1, 8]), { training: true }).shape)).toEqual([
      1, 8,
    ]);
    expect([...gn.namedParameters()].map(([name, v]) => [name, v.shape])).toEqual([
      ['gamma', [8]],
      ['beta', [8]],
    ]);
    expect(gn.namedState().size).toBe(0);
  });

  it('says which group counts would divide the channels', () => {
    const error = oneLineError(() => new GroupNorm({ groups: 4 }).ensureBuilt([2, 5, 5, 6]));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      'groupNorm: 4 groups do not divide the 6 channels of an input of shape [2, 5, 5, 6]. Choose groups among 1, 2, 3, 6',
    );
    expect(oneLineError(() => new GroupNorm().ensureBuilt([2, 100])).message).toMatch(
      /^groupNorm: 32 groups do not divide the 100 channels/,
    );
    expect(oneLineError(() => new GroupNorm({ groups: 1 }).ensureBuilt([6])).message).toBe(
      'groupNorm: expected an input of rank >= 2 ([batch, channels] or [batch, ..., channels]), got shape [6]',
    );
  });
});
