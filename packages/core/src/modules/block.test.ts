import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backend.js';
import { Random } from '../random/random.js';
import { Block, withStages } from './block.js';
import { Dense } from './dense.js';
import { FunctionModule, Module } from './module.js';

/** Adds a learned shift (zeros), so the block has a child with its own parameter. */
class Shift extends Module {
  readonly type = 'shift';
  protected override build(inputShape: readonly number[]): void {
    this.addParameter('beta', tf.fill([inputShape.at(-1)!], -1));
  }
  protected forward(x: tf.Tensor): tf.Tensor {
    return tf.add(x, this.namedParameters().get('beta')!);
  }
}

const ones = { name: 'ones', init: (shape: readonly number[]) => tf.ones([...shape]) };

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Block', () => {
  it("names its layer's tensors as its own and its stages' under their names", () => {
    const block = new Block(new Dense({ units: 2, random: new Random(1) }), {
      norm: new Shift(),
      activation: new FunctionModule('relu', (x) => tf.relu(x)),
    });
    block.ensureBuilt([1, 3]);
    expect(block.type).toBe('dense');
    expect([...block.namedParameters().keys()]).toEqual(['kernel', 'bias', 'norm.beta']);
    expect(block.namedTensors().map((t) => t.name)).toEqual(['kernel', 'bias', 'norm.beta']);
    block.freeze();
    expect(block.namedParameters().size).toBe(0);
    block.dispose();
  });

  it('runs the stages in normPosition order', () => {
    const make = (normPosition: 'beforeActivation' | 'afterActivation') =>
      new Block(new Dense({ units: 1, kernelInitializer: ones }), {
        norm: new Shift(),
        activation: new FunctionModule('relu', (x) => tf.relu(x)),
        normPosition,
      });
    const x = tf.tensor2d([[0.25, 0.25]]);
    const before = make('beforeActivation');
    const after = make('afterActivation');
    // x W = 0.5: relu(0.5 - 1) = 0 before, relu(0.5) - 1 = -0.5 after.
    expect(Array.from(before.apply(x).dataSync())).toEqual([0]);
    expect(Array.from(after.apply(x).dataSync())).toEqual([-0.5]);
    expect(after.outputShape([4, 2])).toEqual([4, 1]);
    tf.dispose(x);
    before.dispose();
    after.dispose();
  });

  it('is left out when there are no stages', () => {
    const layer = new Dense({ units: 2 });
    expect(withStages(layer, {})).toBe(layer);
    expect(withStages(layer, { norm: new Shift() })).toBeInstanceOf(Block);
  });
});
