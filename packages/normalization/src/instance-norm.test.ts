import { Random, ShapeError, type Tensor, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, oneLineError } from '../test/assertions.js';
import { BatchTooSmallError, ConflictingOptionsError } from './errors.js';
import { InstanceNorm } from './instance-norm.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const values = (t: Tensor) => [...t.dataSync()];

describe('instanceNorm', () => {
  it('standardizes each channel of each sample over the spatial axes; by default no parameters, no state', () => {
    const norm = new InstanceNorm({ epsilon: 1e-9 });
    const x = new Random(1).normalTensor([3, 4, 5, 2], 2, 3);
    const y = norm.apply(x, { training: true });
    const { mean, variance } = tf.moments(y, [1, 2]);
    expectClose(values(mean), 0, 5);
    expectClose(values(variance), 1, 4);
    expect(norm.namedTensors()).toEqual([]);
    expect(tf.tidy(() => values(norm.apply(x)))).toEqual(values(y));
    tf.dispose([x, y, mean, variance]);
  });

  it('with trackRunningStats averages per-sample statistics over the batch and uses them in inference and when frozen', () => {
    const norm = new InstanceNorm({
      trackRunningStats: true,
      decay: 0,
      runningVariance: 'biased',
    });
    // Two samples, one channel, 4 positions: means 2.5 and 10, biased variances 1.25 and 2.5.
    const x = tf.tensor3d([
      [[1], [2], [3], [4]],
      [[8], [9], [11], [12]],
    ]);
    tf.tidy(() => norm.apply(x, { training: true }));
    expect(values(norm.runningMean!)).toEqual([6.25]);
    expect(values(norm.runningVar!)[0]).toBeCloseTo(1.875, 6);
    const inferred = tf.tidy(() => values(norm.apply(x)));
    expect(inferred[0]).toBeCloseTo((1 - 6.25) / Math.sqrt(1.875 + 1e-5), 5);
    norm.freeze();
    expect(tf.tidy(() => values(norm.apply(x, { training: true })))).toEqual(inferred);
    expect(values(norm.runningMean!)).toEqual([6.25]);
    x.dispose();
  });

  it('center and scale add per-channel beta and gamma', () => {
    const norm = new InstanceNorm({ center: true, scale: true });
    norm.ensureBuilt([2, 3, 3, 4]);
    expect([...norm.namedParameters()].map(([name, v]) => [name, v.shape])).toEqual([
      ['gamma', [4]],
      ['beta', [4]],
    ]);
  });

  it('rejects [N, C] input, a single spatial position and conflicting momentum options', () => {
    const rank = oneLineError(() => new InstanceNorm().ensureBuilt([4, 6]));
    expect(rank).toBeInstanceOf(ShapeError);
    expect(rank.message).toMatch(
      /^instanceNorm: expected an input of rank >= 3 .*for \[batch, channels\] use layerNorm or batchNorm\), got shape \[4, 6\]$/,
    );
    const single = oneLineError(() =>
      tf.tidy(() => new InstanceNorm().apply(tf.ones([4, 1, 1, 3]), { training: true })),
    );
    expect(single).toBeInstanceOf(BatchTooSmallError);
    expect(single.message).toMatch(
      /^instanceNorm: an input of shape \[4, 1, 1, 3\] has 1 spatial position per channel/,
    );
    expect(oneLineError(() => new InstanceNorm({ momentum: 0.1, decay: 0.9 }))).toBeInstanceOf(
      ConflictingOptionsError,
    );
    expect(
      oneLineError(() => new InstanceNorm({ trackRunningStats: true, momentum: 0.99 })).message,
    ).toMatch(/option "momentum" must be .* pass decay: 0.99, .*got 0.99$/);
  });
});
