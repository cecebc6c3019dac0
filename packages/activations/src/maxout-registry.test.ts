import {
  buildModel,
  core,
  createRegistry,
  Random,
  tf,
  useBackend,
  valueAndGrad,
} from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activations } from './index.js';
import type { Maxout } from './maxout.js';

const registry = createRegistry({ plugins: [core, activations] });

function kernelOf(module: unknown, inputs: number): number[] {
  const layer = module as Maxout;
  layer.ensureBuilt([1, inputs]);
  return Array.from(layer.kernel!.dataSync());
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe('maxout from the registry', () => {
  it('draws its kernel from the seed option, else from the stream a model gives it, else seed 0', () => {
    const limit = Math.sqrt(6 / (3 + 3));
    const expected = (random: Random) =>
      Array.from(random.fork('kernel').uniformTensor([3, 6], -limit, limit).dataSync());
    const placement = { random: new Random(9).fork('2'), path: '2' };
    expect(
      kernelOf(registry.create('activation', { type: 'maxout', seed: 4 }, placement), 3),
    ).toEqual(expected(new Random(4)));
    expect(kernelOf(registry.create('activation', { type: 'maxout' }, placement), 3)).toEqual(
      expected(new Random(9).fork('2')),
    );
    expect(kernelOf(registry.create('activation', { type: 'maxout' }), 3)).toEqual(
      expected(new Random(0)),
    );
  });

  it('works in a model config ({ "activation": { "type": "maxout", "pieces": 3 } }) and trains', () => {
    const model = buildModel(
      {
        inputShape: [2],
        seed: 3,
        layers: [{ dense: 4 }, { activation: { type: 'maxout', pieces: 3 } }, { dense: 1 }],
      },
      { registry },
    );
    const names = [...model.namedParameters().keys()];
    expect(names).toEqual(['0.kernel', '0.bias', '1.kernel', '1.bias', '2.kernel', '2.bias']);
    expect(model.namedParameters().get('1.kernel')!.shape).toEqual([4, 12]);
    // the model seed decides the maxout kernel: the same seed repeats it, another one changes it
    const kernelWithSeed = (seed: number) => {
      const other = buildModel(
        {
          inputShape: [2],
          seed,
          layers: [{ dense: 4 }, { activation: { type: 'maxout', pieces: 3 } }],
        },
        { registry },
      );
      const values = Array.from(other.namedParameters().get('1.kernel')!.dataSync());
      other.dispose();
      return values;
    };
    const own = Array.from(model.namedParameters().get('1.kernel')!.dataSync());
    expect(kernelWithSeed(3)).toEqual(own);
    expect(kernelWithSeed(4)).not.toEqual(own);

    // fit y = |x0| - |x1| with plain gradient descent
    const x = tf.tensor2d([
      [-1, 0.5],
      [0.3, -2],
      [1.5, 1],
      [-0.7, -0.2],
      [2, -1.2],
      [-1.8, 0.9],
    ]);
    const y = tf.sub(tf.abs(tf.slice(x, [0, 0], [-1, 1])), tf.abs(tf.slice(x, [0, 1], [-1, 1])));
    const loss = () =>
      tf.mean(tf.square(tf.sub(model.apply(x, { training: true }), y))) as tf.Scalar;
    const initial = tf.tidy(() => loss().dataSync()[0]!);
    for (let step = 0; step < 300; step++) {
      const { value, grads } = valueAndGrad(loss, model.namedParameters());
      for (const [name, gradient] of grads) {
        const parameter = model.namedParameters().get(name)!;
        parameter.assign(tf.tidy(() => tf.sub(parameter, tf.mul(gradient, 0.05))));
        gradient.dispose();
      }
      value.dispose();
    }
    const final = tf.tidy(() => loss().dataSync()[0]!);
    expect(final).toBeLessThan(initial / 10);
    model.dispose();
    tf.dispose([x, y]);
  });
});
