import { Random, tf, useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { roundTrip } from '../../test/round-trip.js';
import { ChannelStandardize } from './channel-standardize.js';
import { preprocessorFromJSON } from './preprocessor-from-json.js';

/** 200 images of 4 x 5 pixels with 3 channels (NHWC rows): channel c ~ N(10 c - 5, (c + 1)^2). */
function colorImages(seed: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: 200 * 4 * 5 * 3 }, (_, i) => {
    const c = i % 3;
    return 10 * c - 5 + (c + 1) * random.normal();
  });
}

describe.each(TEST_BACKENDS)('ChannelStandardize on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('learns one mean and variance per channel (feature j is channel j % channels)', () => {
    const values = colorImages(1);
    const x = tf.tensor2d(values, [200, 60]);
    const standardize = new ChannelStandardize({ channels: 3 });
    const out = standardize.fitTransform(x);
    const { mean, variance, features, channels } = standardize.state;
    expect([features, channels]).toEqual([60, 3]);
    // Reference: float64 statistics of each channel's 4000 values.
    for (let c = 0; c < 3; c++) {
      const own = values.filter((_, i) => i % 3 === c);
      const m = own.reduce((a, b) => a + b, 0) / own.length;
      const v = own.reduce((a, b) => a + (b - m) ** 2, 0) / own.length;
      expect(mean[c]).toBeCloseTo(m, 10);
      expect(variance[c]).toBeCloseTo(v, 8);
      expect(Math.abs(m - (10 * c - 5))).toBeLessThan(0.1);
      expect(Math.sqrt(v) / (c + 1)).toBeCloseTo(1, 1);
    }
    // Each channel of the output has mean 0 and std 1; pixel positions are not rescaled apart.
    const z = Array.from(out.dataSync());
    for (let c = 0; c < 3; c++) {
      const own = z.filter((_, i) => i % 3 === c);
      const m = own.reduce((a, b) => a + b, 0) / own.length;
      const s = Math.sqrt(own.reduce((a, b) => a + (b - m) ** 2, 0) / own.length);
      expect(Math.abs(m)).toBeLessThan(1e-5);
      expect(Math.abs(s - 1)).toBeLessThan(1e-5);
    }
    expect(z[7]).toBeCloseTo((values[7]! - mean[1]!) / Math.sqrt(variance[1]! + 1e-8), 5);
    tf.dispose([x, out]);
  });

  it('applies the training statistics to other data, inverts, and round-trips through JSON', () => {
    const train = tf.tensor2d(colorImages(2), [200, 60]);
    const other = tf.tensor2d(colorImages(3), [200, 60]);
    const standardize = new ChannelStandardize({ channels: 3 }).fit(train);
    const before = liveTensors();
    const trip = roundTrip(standardize, other);
    expect(liveTensors()).toBe(before);
    expect(trip.inverseError).toBeLessThan(1e-6);
    expect(trip.restored).toBeInstanceOf(ChannelStandardize);
    expect(trip.restoredOutput).toEqual(trip.output);
    // Not refitted on `other`: its channels come out near, not exactly at, mean 0.
    const first = trip.output.filter((_, i) => i % 3 === 0);
    const m = first.reduce((a, b) => a + b, 0) / first.length;
    expect(Math.abs(m)).toBeGreaterThan(1e-4);
    expect(Math.abs(m)).toBeLessThan(0.2);
    tf.dispose([train, other]);
  });

  it('names what is wrong with its options, input and state', () => {
    expect(() => new ChannelStandardize({ channels: 0 })).toThrow(
      'channelStandardize: option "channels" must be a whole number >= 1, got 0',
    );
    expect(() => new ChannelStandardize({ epsilon: -1 })).toThrow(
      'channelStandardize: option "epsilon" must be a number >= 0, got -1',
    );
    const x = tf.zeros([4, 10]);
    expect(() => new ChannelStandardize({ channels: 3 }).fit(x)).toThrow(
      'channelStandardize.fit: 10 features are not a whole number of pixels of 3 channels',
    );
    const fitted = new ChannelStandardize().fit(x);
    expect(fitted.state.mean).toEqual([0]);
    const wide = tf.zeros([2, 12]);
    expect(() => fitted.transform(wide)).toThrow(
      'channelStandardize.transform: expected 10 features, got 12',
    );
    const state = {
      type: 'channelStandardize',
      epsilon: 0,
      features: 10,
      mean: [0],
      variance: [1],
    };
    expect(() => preprocessorFromJSON({ ...state, channels: 0 } as never)).toThrow(
      'channelStandardize: state field "channels" must be a whole number >= 1, got 0',
    );
    expect(() => preprocessorFromJSON({ ...state, channels: 2 } as never)).toThrow(
      'channelStandardize: state field "mean" must be an array of 2 finite numbers',
    );
    expect(() =>
      preprocessorFromJSON({
        ...state,
        channels: 3,
        mean: [0, 0, 0],
        variance: [1, 1, 1],
      } as never),
    ).toThrow(
      'channelStandardize: state has 10 features, not a whole number of pixels of 3 channels',
    );
    tf.dispose([x, wide]);
  });
});
