import { tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDifference, TEST_BACKENDS } from '../../test/helpers.js';
import { preprocessorFromJSON } from './preprocessor-from-json.js';
import { ZeroCenter } from './zero-center.js';

describe.each(TEST_BACKENDS)('ZeroCenter on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  const x = () =>
    tf.tensor2d([
      [1, 10],
      [3, 20],
      [5, 60],
    ]);

  it('subtracts the training mean of each feature', () => {
    const train = x();
    const center = new ZeroCenter().fit(train);
    expect(center.state.mean).toEqual([3, 30]);
    const test = tf.tensor2d([[0, 0]]);
    const out = center.transform(test);
    expect(Array.from(out.dataSync())).toEqual([-3, -30]);
    const back = center.inverseTransform(out);
    expect(Array.from(back.dataSync())).toEqual([0, 0]);
    tf.dispose([train, test, out, back]);
  });

  it('subtracts one global mean in mode "global" (per-channel mean for grey images)', () => {
    const train = x();
    const center = new ZeroCenter({ mode: 'global' });
    const out = center.fitTransform(train);
    expect(center.state.mean).toEqual([16.5]);
    expect(
      maxAbsDifference(
        out.dataSync(),
        [1, 10, 3, 20, 5, 60].map((v) => v - 16.5),
      ),
    ).toBe(0);
    const restored = preprocessorFromJSON(JSON.parse(JSON.stringify(center)));
    const again = restored.transform(train);
    expect(Array.from(again.dataSync())).toEqual(Array.from(out.dataSync()));
    tf.dispose([train, out, again]);
    expect(() => new ZeroCenter({ mode: 'channel' as never })).toThrow(
      'zeroCenter: option "mode" must be one of "feature", "global", got "channel"',
    );
  });
});
