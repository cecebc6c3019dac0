import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backend.js';
import { Dense } from '../modules/dense.js';
import { Module } from '../modules/module.js';
import { Sequential } from '../modules/sequential.js';
import { Random } from '../random/random.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';
import { loadWeightsFromBytes, weightsToBytes } from './weights.js';
import { loadWeights, saveWeights } from './weights-file.js';

/** A module with non-trainable state, standing in for batch normalization. */
class RunningMean extends Module {
  readonly type = 'runningMean';
  mean: tf.Variable | undefined;
  protected override build(inputShape: readonly number[]): void {
    this.mean = this.addState('mean', tf.zeros([inputShape[inputShape.length - 1]!]));
  }
  protected forward(x: tf.Tensor): tf.Tensor {
    return tf.sub(x, this.mean!);
  }
}

function model(seed: number, hidden = 5): Sequential {
  const random = new Random(seed);
  const m = new Sequential([
    new Dense({ units: hidden, random: random.fork('0') }),
    new RunningMean(),
    new Dense({ units: 2, random: random.fork('2') }),
  ]);
  m.ensureBuilt([1, 4]);
  return m;
}

let folder: string;
beforeAll(async () => {
  await useBackend('cpu');
  folder = await mkdtemp(join(tmpdir(), 'fanin-weights-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('weights', () => {
  it('round-trips parameters and state, preserving predictions exactly', async () => {
    const source = model(1);
    source
      .namedState()
      .get('1.mean')!
      .assign(tf.tensor1d([0.5, -1, 2, 0.25, 3]));
    const target = model(2);
    const x = new Random(9).normalTensor([3, 4]);
    const before = source.apply(x);
    const other = target.apply(x);
    expect(Array.from(other.dataSync())).not.toEqual(Array.from(before.dataSync()));

    const file = join(folder, 'nested', 'model.safetensors');
    await saveWeights(source, file, { epoch: '3' });
    const decoded = decodeSafetensors(new Uint8Array(await readFile(file)));
    expect([...decoded.keys()]).toEqual(['0.bias', '0.kernel', '1.mean', '2.bias', '2.kernel']);
    expect(decoded.get('0.kernel')!.shape).toEqual([4, 5]);

    const leaksBefore = tf.memory().numTensors;
    await loadWeights(target, file);
    expect(tf.memory().numTensors).toBe(leaksBefore);
    const after = target.apply(x);
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    expect(Array.from(target.namedState().get('1.mean')!.dataSync())).toEqual([
      0.5, -1, 2, 0.25, 3,
    ]);
    tf.dispose([x, before, other, after]);
    source.dispose();
    target.dispose();
  });

  it('names a missing tensor, an unexpected one and a shape mismatch, and changes nothing on failure', () => {
    const small = model(1, 3);
    const m = model(2);
    const kernel = Array.from(m.namedParameters().get('0.kernel')!.dataSync());
    expect(() => loadWeightsFromBytes(m, weightsToBytes(small))).toThrow(
      '0.kernel: expected [4, 5], got [4, 3]',
    );

    const partial = new Map(
      [...decodeSafetensors(weightsToBytes(m))].filter(([name]) => name !== '2.bias'),
    );
    expect(() => loadWeightsFromBytes(m, encodeSafetensors(partial))).toThrow(
      'the weights file has no tensor "2.bias"',
    );
    const extra = new Map([
      ...decodeSafetensors(weightsToBytes(m)),
      ['3.kernel', { shape: [1], data: new Float32Array(1) }],
    ]);
    expect(() => loadWeightsFromBytes(m, encodeSafetensors(extra))).toThrow(
      'the weights file has tensor "3.kernel" which the model does not have',
    );

    const transposed = new Map(decodeSafetensors(weightsToBytes(m)));
    transposed.set('0.bias', { shape: [5], data: new Float32Array(5).fill(7) });
    transposed.set('2.kernel', { shape: [2, 5], data: new Float32Array(10) });
    expect(() => loadWeightsFromBytes(m, encodeSafetensors(transposed))).toThrow(
      '2.kernel: expected [5, 2], got [2, 5]. It looks transposed: fanin lays dense kernels out [inputs, units]',
    );
    // The valid 0.bias before the bad kernel was not assigned either.
    expect(Array.from(m.namedParameters().get('0.bias')!.dataSync())).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(m.namedParameters().get('0.kernel')!.dataSync())).toEqual(kernel);
    small.dispose();
    m.dispose();
  });

  it('loads matching tensors only when not strict', () => {
    const m = model(2);
    const partial = new Map([
      ['0.bias', { shape: [5], data: new Float32Array([1, 2, 3, 4, 5]) }],
      ['unrelated', { shape: [1], data: new Float32Array(1) }],
    ]);
    loadWeightsFromBytes(m, encodeSafetensors(partial), { strict: false });
    expect(Array.from(m.namedParameters().get('0.bias')!.dataSync())).toEqual([1, 2, 3, 4, 5]);
    expect(() =>
      loadWeightsFromBytes(
        m,
        encodeSafetensors(new Map([['0.bias', { shape: [4], data: new Float32Array(4) }]])),
        { strict: false },
      ),
    ).toThrow('0.bias: expected [5], got [4]');
    m.dispose();
  });

  it('requires a built model', async () => {
    const unbuilt = new Sequential([new Dense({ units: 2 })]);
    expect(() => weightsToBytes(unbuilt)).toThrow(
      'cannot save weights: the sequential model is not built yet',
    );
    expect(() => loadWeightsFromBytes(unbuilt, new Uint8Array())).toThrow(
      'cannot load weights: the sequential model is not built yet',
    );
    await expect(saveWeights(unbuilt, join(folder, 'x.safetensors'))).rejects.toThrow(
      'not built yet',
    );
  });

  it('writes atomically: no temporary file is left, and a failed write leaves the old file intact', async () => {
    const dir = join(folder, 'atomic');
    await mkdir(dir);
    const file = join(dir, 'w.safetensors');
    const first = model(1);
    await saveWeights(first, file);
    const original = await readFile(file);
    await saveWeights(model(3), file);
    expect(await readdir(dir)).toEqual(['w.safetensors']);
    expect(Buffer.compare(await readFile(file), original)).not.toBe(0);

    // Renaming a file over a non-empty directory fails: the temporary file must be cleaned up.
    const blocked = join(dir, 'blocked');
    await mkdir(join(blocked, 'inside'), { recursive: true });
    await expect(saveWeights(first, blocked)).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['blocked', 'w.safetensors']);
    first.dispose();
  });

  it('says which file failed to load', async () => {
    const m = model(1);
    await expect(loadWeights(m, join(folder, 'missing.safetensors'))).rejects.toThrow(
      /no weights file at ".*missing\.safetensors"/,
    );
    const file = join(folder, 'small.safetensors');
    await saveWeights(model(1, 3), file);
    await expect(loadWeights(m, file)).rejects.toThrow(
      `${file}: 0.kernel: expected [4, 5], got [4, 3]`,
    );
    m.dispose();
  });
});
