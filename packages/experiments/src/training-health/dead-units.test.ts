import { FunctionModule, Sequential, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadUnitCounts } from './dead-units.js';

/** A one-layer model: relu of the input, so the input decides which units are dead. */
const reluModel = () => new Sequential([new FunctionModule('relu', (x) => tf.relu(x))]);

describe('deadUnitCounts', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('counts the units of a [N, units] output that are 0 on every example', () => {
    // Unit 0 is alive on example 1 only, unit 1 never, unit 2 on both.
    const x = tf.tensor2d([
      [-1, -2, 3],
      [4, -5, 6],
    ]);
    expect(deadUnitCounts(reluModel(), x, [{ index: 0, units: 3 }])).toEqual([1]);
    x.dispose();
  });

  it('counts the channels of an NHWC [N, H, W, C] output that are 0 at every position of every example', () => {
    // 2 examples of 2 x 2 positions and 3 channels. Channel 0 is positive at one position of
    // example 2 only, channel 1 nowhere, channel 2 everywhere: one dead channel. Reducing
    // over the examples alone (axis 0) counted the 5 live (position, channel) pairs against 3
    // channels: -2 dead.
    const values = new Float32Array(2 * 2 * 2 * 3).fill(-1);
    const at = (n: number, h: number, w: number, c: number) => ((n * 2 + h) * 2 + w) * 3 + c;
    values[at(1, 1, 0, 0)] = 2;
    for (let n = 0; n < 2; n++)
      for (let h = 0; h < 2; h++) for (let w = 0; w < 2; w++) values[at(n, h, w, 2)] = 1;
    const x = tf.tensor4d(values, [2, 2, 2, 3]);
    expect(deadUnitCounts(reluModel(), x, [{ index: 0, units: 3 }])).toEqual([1]);
    x.dispose();
  });

  it('leaks no tensors', () => {
    const x = tf.ones([2, 2, 2, 3]);
    const before = tf.memory().numTensors;
    deadUnitCounts(reluModel(), x, [{ index: 0, units: 3 }]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
