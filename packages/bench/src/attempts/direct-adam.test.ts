import {
  type BackendName,
  core,
  createRegistry,
  Random,
  tf,
  useBackend,
  type Variable,
} from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { DirectAdam } from './direct-adam.js';

function parameters(seed: number): Map<string, Variable> {
  const random = new Random(seed);
  const [kernel, bias] = tf.tidy(() => [
    tf.variable(random.normalTensor([6, 4])),
    tf.variable(random.normalTensor([4])),
  ]);
  return new Map([
    ['kernel', kernel!],
    ['bias', bias!],
  ]);
}

describe.each(['cpu', 'wasm'] as BackendName[])('DirectAdam on %s', (backend) => {
  it("takes core adam's steps and frees every intermediate", async () => {
    await useBackend(backend);
    const reference = createRegistry({ plugins: [core] }).optimizer('adam', { learningRate: 0.01 });
    const direct = new DirectAdam(0.01);
    const a = parameters(1);
    const b = parameters(1);
    const random = new Random(2);
    const step = () => {
      const gradients = new Map([
        ['kernel', random.normalTensor([6, 4])],
        ['bias', random.normalTensor([4])],
      ]);
      reference.step(a, gradients);
      direct.step(b, gradients);
      tf.dispose([...gradients.values()]);
    };
    step();
    const tensors = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    for (let i = 0; i < 4; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.memory().numBytes).toBe(bytes);
    for (const name of ['kernel', 'bias']) {
      const expected = a.get(name)!.dataSync();
      const actual = b.get(name)!.dataSync();
      for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 5);
    }
    reference.dispose();
    direct.dispose();
    tf.dispose([...a.values(), ...b.values()]);
  });
});
